package dev.segue.cue;

import java.util.Locale;

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

    /** Parses {@code nextBar}, {@code next_bar}, {@code next-bar} and friends. */
    public static When parse(String s) {
        String k = s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        return switch (k) {
            case "immediate", "now" -> IMMEDIATE;
            case "nextbeat", "beat" -> NEXT_BEAT;
            case "nextbar", "bar" -> NEXT_BAR;
            case "afterbars", "bars" -> AFTER_BARS;
            case "nextmarker", "marker" -> NEXT_MARKER;
            case "exitcue", "exit" -> EXIT_CUE;
            case "endofsection", "section" -> END_OF_SECTION;
            default -> throw new IllegalArgumentException("'" + s + "' is not a time: use immediate, nextBeat, nextBar, "
                    + "afterBars, nextMarker, exitCue or endOfSection");
        };
    }
}
