package dev.segue.tools.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds clicks: samples where the signal breaks from its own local behaviour. Each channel is run
 * through a second difference ({@code x[n] - 2x[n-1] + x[n-2]}, the error of predicting a sample by
 * continuing the last two in a straight line), which is small for anything smooth and large at a jump
 * in level or slope. A sample is a click when that error exceeds {@link #RATIO} times its RMS over the
 * surrounding {@value #WINDOW_MS} ms (the sample and its two neighbours left out) and is louder than
 * {@link #FLOOR}: a jump that stands out of the music around it, not a drum hit in a noisy passage.
 */
public final class Clicks {
    /** How far the prediction error must stand above its surroundings. */
    public static final double RATIO = 20;
    /** The smallest prediction error that counts: about -46 dBFS. */
    public static final double FLOOR = 0.005;
    /** Half-width of the neighbourhood in which the local variation is measured. */
    public static final int WINDOW_MS = 5;

    private Clicks() {
    }

    /**
     * A click.
     *
     * @param frame    the frame (index into the analysed array) where the jump lands
     * @param jump     the prediction error there (linear, full scale 1)
     * @param ratio    how many times the local RMS variation the jump is
     */
    public record Click(long frame, double jump, double ratio) {
    }

    /**
     * The clicks in frames {@code [from, to)} of interleaved {@code samples} with {@code channels}
     * channels at {@code rate}; clicks closer than 10 ms are reported once, at the strongest.
     */
    public static List<Click> find(float[] samples, int channels, int rate, int from, int to) {
        return find(samples, channels, rate, from, to, RATIO);
    }

    /** As {@link #find(float[], int, int, int, int)}, with a ratio of one's own. */
    public static List<Click> find(float[] samples, int channels, int rate, int from, int to, double minRatio) {
        int frames = samples.length / channels;
        from = Math.max(2, from);
        to = Math.min(frames, to);
        List<Click> out = new ArrayList<>();
        if (to - from < 3) {
            return out;
        }
        int w = Math.max(8, rate * WINDOW_MS / 1000);
        int lo = Math.max(2, from - w);
        int hi = Math.min(frames, to + w);
        // prefix sums of the squared prediction error, all channels pooled
        double[] sq = new double[hi - lo + 1];
        double[] err = new double[hi - lo];
        for (int n = lo; n < hi; n++) {
            double worst = 0;
            double energy = 0;
            for (int c = 0; c < channels; c++) {
                double e = samples[n * channels + c] - 2.0 * samples[(n - 1) * channels + c]
                        + samples[(n - 2) * channels + c];
                energy += e * e;
                worst = Math.max(worst, Math.abs(e));
            }
            err[n - lo] = worst;
            sq[n - lo + 1] = sq[n - lo] + energy / channels;
        }
        long merge = rate / 100;
        for (int n = from; n < to; n++) {
            double e = err[n - lo];
            if (e <= FLOOR) {
                continue;
            }
            int a = Math.max(lo, n - w);
            int b = Math.min(hi, n + w + 1);
            int xa = Math.max(a, n - 2);
            int xb = Math.min(b, n + 3);
            double energy = sq[b - lo] - sq[a - lo] - (sq[xb - lo] - sq[xa - lo]);
            int count = (b - a) - (xb - xa);
            double rms = Math.sqrt(Math.max(0, energy) / Math.max(1, count));
            double ratio = e / Math.max(rms, 1e-9);
            if (ratio < minRatio) {
                continue;
            }
            Click c = new Click(n, e, ratio);
            Click last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && n - last.frame() < merge) {
                if (c.jump() > last.jump()) {
                    out.set(out.size() - 1, c);
                }
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * How a loop wrap sounds: the frames {@code [end - 2w, end)} followed by {@code [start, start + 2w)}
     * are spliced as the mixer plays them, and the splice is searched for a click.
     *
     * @return the click at the splice, or null if the wrap is smooth
     */
    public static Click atSplice(float[] samples, int channels, int rate, int end, int start) {
        int w = Math.max(8, rate * WINDOW_MS / 1000) * 2;
        int frames = samples.length / channels;
        int before = Math.min(w, end);
        int after = Math.min(w, frames - start);
        if (before < 3 || after < 3) {
            return null;
        }
        float[] joined = new float[(before + after) * channels];
        System.arraycopy(samples, (end - before) * channels, joined, 0, before * channels);
        System.arraycopy(samples, start * channels, joined, before * channels, after * channels);
        for (Click c : find(joined, channels, rate, before - 1, before + 3)) {
            return c;
        }
        return null;
    }
}
