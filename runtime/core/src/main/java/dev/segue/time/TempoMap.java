package dev.segue.time;

import java.util.ArrayList;
import java.util.List;

/**
 * A cue's musical grid: tempo and meter, optionally changing at bar lines, laid over a timeline of
 * sample frames. Beats and bars are views of the frame clock: beat {@code k} of a tempo segment lands
 * on {@code segmentStart + round((k - segmentFirstBeat) * framesPerBeat)}, computed from the segment
 * start every time, so rounding never accumulates into drift.
 *
 * <p>The BPM counts the meter's beat unit: {@code 7/8} at 97 BPM means 97 eighth notes a minute.
 * Bars and beats are 0-based here; the public API and cue sheets show them 1-based.
 */
public final class TempoMap {

    /** One tempo and meter from a bar on. */
    public record Segment(long startBar, long startBeat, long startFrame, double bpm, int beatsPerBar,
            int beatUnit, double framesPerBeat) {
    }

    /** A tempo change as written in a cue sheet: from {@code bar} (0-based) on. */
    public record Change(long bar, double bpm, int beatsPerBar, int beatUnit) {
    }

    private final int sampleRate;
    private final Segment[] segments;
    // segment starts in beats, frames and bars, for the lookups on the audio thread
    private final double[] startBeats;
    private final double[] startFrames;
    private final double[] startBars;

    private TempoMap(int sampleRate, Segment[] segments) {
        this.sampleRate = sampleRate;
        this.segments = segments;
        startBeats = new double[segments.length];
        startFrames = new double[segments.length];
        startBars = new double[segments.length];
        for (int i = 0; i < segments.length; i++) {
            startBeats[i] = segments[i].startBeat();
            startFrames[i] = segments[i].startFrame();
            startBars[i] = segments[i].startBar();
        }
    }

    /** A constant tempo and meter. */
    public static TempoMap constant(int sampleRate, double bpm, int beatsPerBar, int beatUnit) {
        return of(sampleRate, List.of(new Change(0, bpm, beatsPerBar, beatUnit)));
    }

    /**
     * A map from changes sorted by bar; the first must be at bar 0.
     *
     * @throws IllegalArgumentException if the changes are out of order or a value is out of range
     */
    public static TempoMap of(int sampleRate, List<Change> changes) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive");
        }
        if (changes.isEmpty() || changes.get(0).bar() != 0) {
            throw new IllegalArgumentException("the first tempo must start at bar 1");
        }
        List<Segment> out = new ArrayList<>();
        Segment prev = null;
        for (Change c : changes) {
            if (!(c.bpm() > 0) || c.bpm() > 10_000 || c.beatsPerBar() <= 0 || c.beatUnit() <= 0) {
                throw new IllegalArgumentException("bad tempo or meter at bar " + (c.bar() + 1));
            }
            double fpb = sampleRate * 60.0 / c.bpm();
            if (prev == null) {
                prev = new Segment(0, 0, 0, c.bpm(), c.beatsPerBar(), c.beatUnit(), fpb);
            } else {
                if (c.bar() <= prev.startBar()) {
                    throw new IllegalArgumentException("tempo changes must be in increasing bar order");
                }
                long startBeat = prev.startBeat() + (c.bar() - prev.startBar()) * prev.beatsPerBar();
                long startFrame = frameInSegment(prev, startBeat);
                prev = new Segment(c.bar(), startBeat, startFrame, c.bpm(), c.beatsPerBar(), c.beatUnit(), fpb);
            }
            out.add(prev);
        }
        return new TempoMap(sampleRate, out.toArray(new Segment[0]));
    }

    private static long frameInSegment(Segment s, double beat) {
        return s.startFrame() + Math.round((beat - s.startBeat()) * s.framesPerBeat());
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** The tempo segments, first to last. */
    public List<Segment> segments() {
        return List.of(segments);
    }

    private Segment segmentForBeat(double beat) {
        return segments[last(startBeats, beat)];
    }

    private Segment segmentForFrame(long frame) {
        return segments[last(startFrames, frame)];
    }

    private Segment segmentForBar(long bar) {
        return segments[last(startBars, bar)];
    }

    /** Index of the last segment whose start (in {@code starts}) is at or before {@code v}. */
    private static int last(double[] starts, double v) {
        int i = 0;
        while (i + 1 < starts.length && starts[i + 1] <= v) {
            i++;
        }
        return i;
    }

    /** The frame of global beat {@code beat} (fractional beats allowed). */
    public long frameOfBeat(double beat) {
        return frameInSegment(segmentForBeat(beat), beat);
    }

    /** The global beat index of the first beat of {@code bar}. */
    public long beatOfBar(long bar) {
        Segment s = segmentForBar(bar);
        return s.startBeat() + (bar - s.startBar()) * s.beatsPerBar();
    }

    /** The frame on which {@code bar} starts. */
    public long frameOfBar(long bar) {
        return frameOfBeat(beatOfBar(bar));
    }

    /** The frame of {@code beatInBar} (fractional allowed) of {@code bar}. */
    public long frameOf(long bar, double beatInBar) {
        return frameOfBeat(beatOfBar(bar) + beatInBar);
    }

    /** The global beat at {@code frame}, fractional. */
    public double beatAt(long frame) {
        Segment s = segmentForFrame(frame);
        return s.startBeat() + (frame - s.startFrame()) / s.framesPerBeat();
    }

    /** The global index of the beat sounding at {@code frame} (the last beat at or before it). */
    public long beatIndexAt(long frame) {
        long k = (long) Math.floor(beatAt(frame)) + 1;
        while (k > 0 && frameOfBeat(k) > frame) {
            k--;
        }
        return k;
    }

    /** The bar sounding at {@code frame}. */
    public long barAt(long frame) {
        long beat = beatIndexAt(frame);
        Segment s = segmentForBeat(beat);
        return s.startBar() + Math.floorDiv(beat - s.startBeat(), s.beatsPerBar());
    }

    /** The beat within its bar (0-based) sounding at {@code frame}. */
    public int beatInBarAt(long frame) {
        long beat = beatIndexAt(frame);
        return (int) (beat - beatOfBar(barAt(frame)));
    }

    /** Beats per bar of the bar sounding at {@code frame}. */
    public int beatsPerBarAt(long frame) {
        return segmentForFrame(frame).beatsPerBar();
    }

    /** Frames per beat at {@code frame}. */
    public double framesPerBeatAt(long frame) {
        return segmentForFrame(frame).framesPerBeat();
    }

    /** The first beat frame at or after {@code frame}. */
    public long nextBeat(long frame) {
        long k = Math.max(0, (long) Math.floor(beatAt(frame)) - 1);
        long f;
        while ((f = frameOfBeat(k)) < frame) {
            k++;
        }
        return f;
    }

    /** The first bar frame at or after {@code frame}. */
    public long nextBar(long frame) {
        long bar = Math.max(0, barAt(frame));
        long f;
        while ((f = frameOfBar(bar)) < frame) {
            bar++;
        }
        return f;
    }

    /**
     * Frames spanned by {@code count} beats starting at {@code frame}, following tempo changes.
     */
    public long beatsToFrames(long frame, double count) {
        return frameOfBeat(beatAt(frame) + count) - frame;
    }

    /** Frames spanned by {@code count} bars starting at {@code frame}, following meter changes. */
    public long barsToFrames(long frame, double count) {
        double beat = beatAt(frame);
        double remaining = count;
        // walk whole bars so meter changes are honoured
        while (remaining > 0) {
            Segment s = segmentForBeat(beat);
            double step = Math.min(1.0, remaining);
            beat += step * s.beatsPerBar();
            remaining -= step;
        }
        return frameOfBeat(beat) - frame;
    }
}
