package dev.segue.cue;

import java.util.Locale;

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

    public static Where parse(String s) {
        String k = s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        return switch (k) {
            case "entry", "entrycue", "start" -> ENTRY;
            case "sameposition", "same" -> SAME_POSITION;
            case "lastposition", "last", "resume" -> LAST_POSITION;
            case "samebeat", "samebeatinbar" -> SAME_BEAT;
            default -> throw new IllegalArgumentException("'" + s + "' is not a position: use entry, samePosition, "
                    + "lastPosition or sameBeat");
        };
    }
}
