package dev.segue.time;

import java.util.Locale;

/**
 * A length or offset as a composer writes it: milliseconds, beats or bars. It becomes frames only
 * when placed on a {@link TempoMap} at a frame, because a beat is longer at 90 BPM than at 174.
 *
 * @param value the amount; may be negative for offsets
 * @param unit  what the amount counts
 */
public record MusicalLength(double value, Unit unit) {

    /** What a {@link MusicalLength} counts. */
    public enum Unit {
        FRAMES, MS, BEATS, BARS
    }

    private static final java.util.regex.Pattern PATTERN =
            java.util.regex.Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*([a-z]+)");

    public static final MusicalLength ZERO = new MusicalLength(0, Unit.MS);

    public static MusicalLength ms(double ms) {
        return new MusicalLength(ms, Unit.MS);
    }

    public static MusicalLength beats(double beats) {
        return new MusicalLength(beats, Unit.BEATS);
    }

    public static MusicalLength bars(double bars) {
        return new MusicalLength(bars, Unit.BARS);
    }

    /**
     * The signed number of frames this length spans when it starts at {@code frame} on {@code map}.
     * A negative beat or bar length counts backwards from {@code frame}.
     */
    public long toFrames(TempoMap map, long frame) {
        switch (unit) {
            case FRAMES:
                return Math.round(value);
            case MS:
                return Math.round(value * map.sampleRate() / 1000.0);
            case BEATS:
                if (value >= 0) {
                    return map.beatsToFrames(frame, value);
                }
                return map.frameOfBeat(Math.max(0, map.beatAt(frame) + value)) - frame;
            case BARS:
                if (value >= 0) {
                    return map.barsToFrames(frame, value);
                }
                double perBar = map.beatsPerBarAt(frame);
                return map.frameOfBeat(Math.max(0, map.beatAt(frame) + value * perBar)) - frame;
            default:
                throw new AssertionError(unit);
        }
    }

    /**
     * Parses {@code "500 ms"}, {@code "500ms"}, {@code "2 beats"}, {@code "1 bar"}, {@code "-1 beat"},
     * {@code "1.5s"} or {@code "4800 frames"}.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static MusicalLength parse(String text) {
        java.util.regex.Matcher m = PATTERN.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a length: write e.g. '500 ms', '2 beats' or '1 bar'");
        }
        double v = Double.parseDouble(m.group(1));
        String u = m.group(2);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("'" + text + "' is not a finite length");
        }
        switch (u) {
            case "ms":
                return new MusicalLength(v, Unit.MS);
            case "s":
            case "sec":
            case "seconds":
                return new MusicalLength(v * 1000, Unit.MS);
            case "beat":
            case "beats":
                return new MusicalLength(v, Unit.BEATS);
            case "bar":
            case "bars":
                return new MusicalLength(v, Unit.BARS);
            case "frame":
            case "frames":
                return new MusicalLength(v, Unit.FRAMES);
            default:
                throw new IllegalArgumentException("'" + text + "' has no unit I know: use ms, s, beats, bars or frames");
        }
    }

    @Override
    public String toString() {
        return value + " " + unit.name().toLowerCase(Locale.ROOT);
    }
}
