package dev.segue.cue;

/** Where in the destination cue a transition starts playing. */
public enum Where {
    /** The destination's entry cue (its start unless the sheet says otherwise). */
    ENTRY,
    /** The same frame position the source is at: for cues that share tempo and structure. */
    SAME_POSITION,
    /** Where the destination was when it last stopped (its entry the first time). */
    LAST_POSITION,
    /** The destination's entry bar, offset by the source's position within its bar, in beats. */
    SAME_BEAT;

    private static final java.util.List<String> NAMES = java.util.List.of("entry", "samePosition", "lastPosition", "sameBeat");

    /** Parses the sheet's name of a position, exactly as the schema has it ({@code samePosition}). */
    public static Where parse(String s) {
        return values()[Names.index(s, NAMES, "a position")];
    }
}
