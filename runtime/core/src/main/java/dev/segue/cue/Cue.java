package dev.segue.cue;

import dev.segue.time.TempoMap;

/**
 * A piece of music made of sample-locked stems that share one timeline. The timeline has up to
 * three sections: intro {@code [0, loopStart)}, loop {@code [loopStart, loopEnd)} and outro
 * {@code [loopEnd, length)}. A cue without a loop plays once.
 *
 * @param index     position in {@link CueSheet#cues()}
 * @param length    frames in the timeline
 * @param loopStart first frame of the loop, or -1 if the cue does not loop
 * @param loopEnd   frame after the loop's last, or -1
 * @param entry     where playback starts when the cue is entered at its entry cue
 * @param exitCues  frames where an {@link When#EXIT_CUE} transition may leave, ascending
 * @param markers   named positions, ascending by frame
 * @param loopCrossfade frames before the loop's end over which each pass crossfades into the audio
 *                  just before the loop's start (which runs on into the loop start itself), hiding a
 *                  lossy codec's different errors at the two ends of the splice; 0 for a plain splice
 */
public record Cue(String name, int index, TempoMap tempo, Stem[] stems, long length, long loopStart,
        long loopEnd, long entry, long[] exitCues, Marker[] markers, long loopCrossfade) {

    /** Whether this cue loops. */
    public boolean loops() {
        return loopEnd > loopStart && loopStart >= 0;
    }
}
