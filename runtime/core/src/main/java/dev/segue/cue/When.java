package dev.segue.cue;

/** When a transition or stinger lands, measured on the playing cue's grid. */
public enum When {
    /** At the next block boundary the command is read in; still faded, never a click. */
    IMMEDIATE,
    NEXT_BEAT,
    NEXT_BAR,
    /** At the start of the bar {@code bars} bar lines ahead (1 = next bar). */
    AFTER_BARS,
    /** At the next marker (a named one, or any). */
    NEXT_MARKER,
    /** At the cue's next exit cue (or the loop end when the cue has none). */
    EXIT_CUE,
    /** At the next section boundary: end of the intro, of the loop pass, or of the cue. */
    END_OF_SECTION;

    private static final java.util.List<String> NAMES = java.util.List.of("immediate", "nextBeat", "nextBar", "afterBars",
            "nextMarker", "exitCue", "endOfSection");

    /** Parses the sheet's name of a time, exactly as the schema has it ({@code nextBar}). */
    public static When parse(String s) {
        return values()[Names.index(s, NAMES, "a time")];
    }
}
