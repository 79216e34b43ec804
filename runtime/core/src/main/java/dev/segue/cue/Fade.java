package dev.segue.cue;

import dev.segue.time.MusicalLength;

/**
 * A fade: its length, where it starts relative to the transition frame (negative = before it) and its
 * curve.
 */
public record Fade(MusicalLength length, MusicalLength offset, Curve curve) {
    public static final Fade NONE = new Fade(MusicalLength.ZERO, MusicalLength.ZERO, Curve.LINEAR);
}
