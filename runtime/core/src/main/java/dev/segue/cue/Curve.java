package dev.segue.cue;

/**
 * The shape of a fade. {@link #in(double)} gives the fade-in gain at progress {@code t} in [0, 1];
 * a fade-out follows the same shape reversed, {@code in(1 - t)}.
 */
public enum Curve {
    /** Gain proportional to time; 0.5 at the midpoint. */
    LINEAR,
    /** Sine/cosine: a fade-in and a fade-out of equal length keep constant power; 0.707 (-3 dB) at the midpoint. */
    EQUAL_POWER,
    /** Raised cosine: starts and ends gently; 0.5 at the midpoint. */
    S_CURVE,
    /** Linear in decibels over 60 dB, normalised to reach silence; about -30 dB at the midpoint. */
    EXPONENTIAL;

    private static final double FLOOR = 0.001; // -60 dB

    /** Fade-in gain at progress {@code t}, clamped to [0, 1]. */
    public double in(double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        switch (this) {
            case LINEAR:
                return t;
            case EQUAL_POWER:
                return Math.sin(t * (Math.PI / 2));
            case S_CURVE:
                return 0.5 - 0.5 * Math.cos(Math.PI * t);
            case EXPONENTIAL:
                return (Math.pow(10, 3 * (t - 1)) - FLOOR) / (1 - FLOOR);
            default:
                throw new AssertionError(this);
        }
    }

    /** Fade-out gain at progress {@code t}. */
    public double out(double t) {
        return in(1 - t);
    }

    private static final java.util.List<String> NAMES = java.util.List.of("linear", "equalPower", "sCurve", "exponential");

    /** Parses the sheet's name of a curve, exactly as the schema has it ({@code equalPower}). */
    public static Curve parse(String s) {
        return values()[Names.index(s, NAMES, "a curve")];
    }
}
