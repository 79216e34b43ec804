package dev.segue.engine;

/**
 * Something the game thread says about the music, beside what the audio thread's event ring holds:
 * a command refused, a stream that failed, a reload, an output change, a song started. The facade
 * turns each into a {@code SegueEvent}.
 *
 * @param type    one of {@link dev.segue.control.Events}' types
 * @param frame   the music frame it concerns
 * @param cue     the cue concerned, or null
 * @param other   the other name it carries (the device of an OUTPUT note, a song's title), or null
 * @param message a sentence for a person, or null
 * @param failure the stream that failed, for an ERROR note about one; else null
 */
public record Note(int type, long frame, String cue, String other, String message, StreamFailure failure) {
    /** A note with no stream failure. */
    public Note(int type, long frame, String cue, String other, String message) {
        this(type, frame, cue, other, message, null);
    }
}
