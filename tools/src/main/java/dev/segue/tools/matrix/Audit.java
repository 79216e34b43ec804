package dev.segue.tools.matrix;

import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.tools.signal.Clicks;
import dev.segue.tools.signal.Levels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Listens to one rendered transition and says what a composer would hear wrong with it:
 * <ul>
 *   <li>{@code click}: a discontinuity standing out of the music around it ({@link Clicks});</li>
 *   <li>{@code level jump}: the short-term level (RMS over 400 ms) after the transition differs from the
 *       level before the request by more than the threshold;</li>
 *   <li>{@code level dip}: somewhere inside the transition the level sinks that far below both sides
 *       (a cross-fade with the wrong curve, a late destination);</li>
 *   <li>{@code silence gap}: a stretch under -60 dBFS longer than the threshold between the source's
 *       fade and the destination (when neither is silence);</li>
 *   <li>{@code clip}: samples at or over full scale, where source and destination overlap or anywhere
 *       in the case;</li>
 *   <li>{@code unfinished}: the transition had not finished {@value Matrix#LIMIT_S} s after its request.</li>
 * </ul>
 */
public final class Audit {
    /** Short-term level window: 400 ms, as EBU R128's momentary loudness. */
    static final double SHORT_TERM_S = 0.4;

    /** How loud a step, how long a gap, counts. */
    public record Thresholds(double jumpDb, double dipDb, double gapMs) {
        /** 6 dB jumps, 6 dB dips, 100 ms gaps. */
        public static final Thresholds DEFAULT = new Thresholds(6, 6, 100);
    }

    /**
     * A problem in a case.
     *
     * @param kind    {@code click}, {@code level jump}, {@code level dip}, {@code silence gap}, {@code clip}, {@code unfinished}
     * @param at      where, in seconds from the landing frame (negative: before it)
     * @param value   the measure: dB for levels, ms for gaps, dBFS for clips and clicks
     * @param message a plain sentence
     */
    public record Issue(String kind, double at, double value, String message) {
    }

    private Audit() {
    }

    static List<Issue> of(CueSheet sheet, Matrix.Case c, Matrix.Window w, Thresholds th) {
        int rate = sheet.sampleRate();
        float[] x = w.audio();
        List<Issue> out = new ArrayList<>();
        int shortTerm = (int) Math.round(SHORT_TERM_S * rate);
        int request = w.index(w.request());
        int landing = w.index(w.landing());
        int done = w.index(w.done());
        long fadeOffset = c.from() < 0 ? 0
                : w.rule().fadeOut().offset().toFrames(sheet.cues().get(c.from()).tempo(), 0);
        int fadeStart = w.index(Math.min(w.landing(), w.landing() + fadeOffset));
        boolean fromSound = c.from() >= 0;
        boolean toSound = c.to() >= 0;

        // clicks
        List<Clicks.Click> clicks = new ArrayList<>();
        for (Clicks.Click k : Clicks.find(x, 2, rate, 0, w.frames())) {
            if (!inTheMusic(sheet, w, w.keptFrom() + k.frame())) {
                clicks.add(k);
            }
        }
        for (int i = 0; i < Math.min(3, clicks.size()); i++) {
            Clicks.Click k = clicks.get(i);
            long f = w.keptFrom() + k.frame();
            out.add(new Issue("click", (f - w.landing()) / (double) rate, db(k.jump()), String.format(Locale.ROOT,
                    "click%s: a jump of %.1f dBFS, %.0f times the signal's local variation", cause(sheet, c, w, f),
                    db(k.jump()), k.ratio())));
        }
        if (clicks.size() > 3) {
            out.add(new Issue("click", (w.keptFrom() + clicks.get(3).frame() - w.landing()) / (double) rate, 0,
                    (clicks.size() - 3) + " more clicks"));
        }
        // levels
        double before = Levels.rmsDb(x, request - shortTerm, request);
        double after = Levels.rmsDb(x, done + rate / 10, done + rate / 10 + shortTerm);
        if (fromSound && toSound && before > Levels.SILENCE_DB && after > Levels.SILENCE_DB
                && Math.abs(after - before) > th.jumpDb()) {
            out.add(new Issue("level jump", (w.done() - w.landing()) / (double) rate, after - before, String.format(
                    Locale.ROOT, "level jump: %s comes in %.1f dB %s than %s was (short-term RMS %.1f → %.1f dBFS)",
                    Matrix.name(sheet, c.to()), Math.abs(after - before), after > before ? "louder" : "quieter",
                    Matrix.name(sheet, c.from()), before, after)));
        }
        if (fromSound && toSound && before > Levels.SILENCE_DB && after > Levels.SILENCE_DB) {
            double floor = Math.min(before, after);
            double min = Double.MAX_VALUE;
            int at = -1;
            for (int s = fadeStart; s + shortTerm <= Math.max(done, fadeStart + shortTerm); s += rate / 20) {
                double l = Levels.rmsDb(x, s, s + shortTerm);
                if (l < min) {
                    min = l;
                    at = s;
                }
            }
            if (at >= 0 && min < floor - th.dipDb() && min > Levels.SILENCE_DB) {
                out.add(new Issue("level dip", (w.keptFrom() + at + shortTerm / 2 - w.landing()) / (double) rate,
                        min - floor, String.format(Locale.ROOT, "level dip: the music sinks %.1f dB below both sides "
                                + "during the transition (%.1f dBFS)", floor - min, min)));
            }
        }
        // silence
        if (fromSound && toSound) {
            long[] gap = Levels.longestSilence(x, Math.max(0, fadeStart - rate / 10), done + rate, rate / 100,
                    Math.round(th.gapMs() / 1000 * rate));
            if (gap != null) {
                double ms = gap[1] * 1000.0 / rate;
                out.add(new Issue("silence gap", (w.keptFrom() + gap[0] - w.landing()) / (double) rate, ms,
                        String.format(Locale.ROOT, "silence gap: %.0f ms under %.0f dBFS between %s and %s", ms,
                                Levels.SILENCE_DB, Matrix.name(sheet, c.from()), Matrix.name(sheet, c.to()))));
            }
        }
        // clipping
        int clipped = 0;
        int first = -1;
        float peak = 0;
        for (int i = 0; i < x.length; i++) {
            float a = Math.abs(x[i]);
            peak = Math.max(peak, a);
            if (a >= 1f) {
                clipped++;
                if (first < 0) {
                    first = i / 2;
                }
            }
        }
        if (clipped > 0) {
            boolean overlap = first >= fadeStart && first <= done;
            out.add(new Issue("clip", (w.keptFrom() + first - w.landing()) / (double) rate, db(peak), String.format(
                    Locale.ROOT, "clip: %d samples at or over full scale, peak %+.1f dBFS%s", clipped, db(peak),
                    overlap ? ", where source and destination overlap" : "")));
        }
        if (!w.finished()) {
            out.add(new Issue("unfinished", (w.done() - w.landing()) / (double) rate, Matrix.LIMIT_S,
                    "the transition was not done " + (int) Matrix.LIMIT_S + " s after the request"));
        }
        return out;
    }

    /**
     * Whether the audio itself has a click at music frame {@code f}: some stem of a cue sounding there
     * has one at the position it is playing, heard as written (a drum's attack, not a splice). Only
     * clicks the playing makes (loop wraps, cuts, entries mid-sound) are the transition's.
     */
    static boolean inTheMusic(CueSheet sheet, Matrix.Window w, long f) {
        int rate = sheet.sampleRate();
        int near = Math.max(2, rate / 333);
        List<long[]> playing = new ArrayList<>(); // cue, start frame, start position, end frame
        for (var e : w.events()) {
            if (e.type() == dev.segue.control.Events.CUE_STARTED) {
                playing.add(new long[] {e.cue(), e.frame(), e.at(), Long.MAX_VALUE});
            } else if (e.type() == dev.segue.control.Events.STINGER) {
                playing.add(new long[] {e.cue(), e.frame(), 0, Long.MAX_VALUE});
            } else if (e.type() == dev.segue.control.Events.CUE_ENDED) {
                for (long[] p : playing) {
                    if (p[0] == e.cue() && p[3] == Long.MAX_VALUE) {
                        p[3] = e.frame();
                        break;
                    }
                }
            }
        }
        for (long[] p : playing) {
            if (f < p[1] - near || f > p[3] + near) {
                continue;
            }
            Cue c = sheet.cues().get((int) p[0]);
            long pos = p[2] + (f - p[1]);
            if (c.loops() && p[2] < c.loopEnd()) {
                long len = c.loopEnd() - c.loopStart();
                while (pos >= c.loopEnd()) {
                    pos -= len;
                }
            }
            for (var stem : c.stems()) {
                var a = stem.audio();
                int q = (int) Math.max(0, Math.min(a.frames(), pos));
                // a stem starting from its first frame: its attack is written into it (a wrap back is not)
                float[] padded = a.samples();
                if (!Clicks.find(padded, a.channels(), rate, q - near, q + near, Clicks.RATIO / 3).isEmpty()) {
                    return true;
                }
                if (q < near && Math.abs(f - p[1]) <= near && a.frames() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where a click sits: at the source's loop wrap, at the landing, or nowhere in particular. */
    private static String cause(CueSheet sheet, Matrix.Case c, Matrix.Window w, long f) {
        int rate = sheet.sampleRate();
        long near = Math.max(1, rate / 200);
        if (c.from() >= 0) {
            Cue src = sheet.cues().get(c.from());
            if (src.loops()) {
                long first = src.loopEnd() - src.entry();
                long len = src.loopEnd() - src.loopStart();
                if (f >= first - near && Math.floorMod(f - first + near, len) <= 2 * near) {
                    return " at " + src.name() + "'s loop wrap";
                }
            }
        }
        if (Math.abs(f - w.landing()) <= near) {
            return " at the landing";
        }
        return "";
    }

    static double db(double linear) {
        return 20 * Math.log10(Math.max(linear, 1e-10));
    }
}
