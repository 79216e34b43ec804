package dev.segue.mix;

/**
 * The master bus low-pass: a stereo second-order Butterworth section (RBJ biquad, Q = 1/sqrt 2),
 * transposed direct form II, whose cutoff is set once per control segment. Its output is blended
 * with the dry signal by a wet amount that ramps linearly across the segment: fully dry while the
 * cutoff sits at or above {@link #BYPASS} of the rate (so a bypassed filter colours nothing), fully
 * wet below it, and never a step between the two. The filter runs on music time (segment by
 * segment), so the output does not depend on how blocks cut it. Allocation-free.
 */
final class BusFilter {
    /** Cutoffs at or above this fraction of the mixer rate count as "open": the dry signal is heard. */
    static final double BYPASS = 0.4;

    private final int rate;
    private double b0;
    private double b1;
    private double b2;
    private double a1;
    private double a2;
    private double zl1;
    private double zl2;
    private double zr1;
    private double zr2;
    /** Wet amount at the current segment's start, its step per frame, and the next segment's start. */
    private float wet0;
    private float wetStep;
    private float wetNext;

    BusFilter(int rate) {
        this.rate = rate;
        cutoff(rate * BYPASS);
    }

    /** Sets the cutoff for the segment of {@code len} frames that starts now. */
    void segment(double hz, int len) {
        boolean open = hz >= rate * BYPASS;
        cutoff(Math.min(hz, rate * BYPASS));
        float target = open ? 0f : 1f;
        wet0 = wetNext;
        wetStep = (target - wet0) / Math.max(1, len);
        wetNext = target;
    }

    /** Ends the current segment early at frame {@code k} of it, so the next starts where this one is. */
    void cut(int k) {
        wetNext = wet0 + wetStep * k;
    }

    private void cutoff(double hz) {
        double w = 2 * Math.PI * hz / rate;
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
        double a0 = 1 + alpha;
        b0 = (1 - cos) / 2 / a0;
        b1 = (1 - cos) / a0;
        b2 = b0;
        a1 = -2 * cos / a0;
        a2 = (1 - alpha) / a0;
    }

    /** Filters {@code n} stereo frames of {@code out} from frame {@code offset}; {@code k} is the first frame's index in its segment. */
    void process(float[] out, int offset, int n, int k) {
        // the filter always runs, open or not, so closing it never starts from a stale state; with
        // a wet amount of 0 the dry sample passes exactly (x + 0 * (y - x) == x)
        double l1 = zl1;
        double l2 = zl2;
        double r1 = zr1;
        double r2 = zr2;
        int o = offset * 2;
        for (int i = 0; i < n; i++) {
            float w = wet0 + wetStep * (k + i);
            double xl = out[o];
            double yl = b0 * xl + l1;
            l1 = b1 * xl - a1 * yl + l2;
            l2 = b2 * xl - a2 * yl;
            double xr = out[o + 1];
            double yr = b0 * xr + r1;
            r1 = b1 * xr - a1 * yr + r2;
            r2 = b2 * xr - a2 * yr;
            out[o] = (float) (xl + w * (yl - xl));
            out[o + 1] = (float) (xr + w * (yr - xr));
            o += 2;
        }
        store(l1, l2, r1, r2);
    }

    private void store(double l1, double l2, double r1, double r2) {
        // flush denormals: a decaying tail in silence must not slow the audio thread down
        zl1 = Math.abs(l1) < 1e-25 ? 0 : l1;
        zl2 = Math.abs(l2) < 1e-25 ? 0 : l2;
        zr1 = Math.abs(r1) < 1e-25 ? 0 : r1;
        zr2 = Math.abs(r2) < 1e-25 ? 0 : r2;
    }

    /** Takes over {@code o}'s filter memory and wet level, so the bus goes on without a step. */
    void copy(BusFilter o) {
        b0 = o.b0;
        b1 = o.b1;
        b2 = o.b2;
        a1 = o.a1;
        a2 = o.a2;
        zl1 = o.zl1;
        zl2 = o.zl2;
        zr1 = o.zr1;
        zr2 = o.zr2;
        wet0 = o.wet0;
        wetStep = o.wetStep;
        wetNext = o.wetNext;
    }
}
