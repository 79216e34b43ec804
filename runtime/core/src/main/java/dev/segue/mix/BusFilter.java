package dev.segue.mix;

/**
 * The master bus low-pass: a stereo second-order Butterworth low-pass (Q = 1/sqrt 2) as a
 * trapezoidal-integrator state-variable filter, whose cutoff glides sample by sample. A biquad whose
 * coefficients were set once per 256-frame segment ticked at every step while the pause menu swept it
 * from 20 kHz to 600 Hz (16 ticks, up to -34 dBFS on a 0.1 signal); this topology keeps its state
 * meaningful when its coefficient moves (the state is the integrators' charge, not past outputs), and
 * its coefficient {@code g = tan(pi fc / rate)} moves linearly across each segment from where the
 * last one ended, so nothing steps.
 *
 * <p>Its output is blended with the dry signal by a wet amount that ramps linearly across the
 * segment: fully dry while the cutoff sits at or above {@link #BYPASS} of the rate (so an open filter
 * colours nothing), fully wet below it, and never a step between the two. The filter runs on music
 * time (segment by segment), so the output does not depend on how blocks cut it. Allocation-free.
 */
final class BusFilter {
    /** Cutoffs at or above this fraction of the mixer rate count as "open": the dry signal is heard. */
    static final double BYPASS = 0.4;
    /** 1 / Q for a Butterworth response. */
    private static final double K = Math.sqrt(2);

    private final int rate;
    /** Integrator states (left, right). */
    private double l1;
    private double l2;
    private double r1;
    private double r2;
    /** The cutoff coefficient at the current segment's start, its step per frame, and the next segment's start. */
    private double g0;
    private double gStep;
    private double gNext;
    /** Wet amount at the current segment's start, its step per frame, and the next segment's start. */
    private float wet0;
    private float wetStep;
    private float wetNext;

    BusFilter(int rate) {
        this.rate = rate;
        this.gNext = g(rate * BYPASS);
        this.g0 = gNext;
    }

    private double g(double hz) {
        return Math.tan(Math.PI * Math.min(hz, rate * BYPASS) / rate);
    }

    /** Sets the cutoff reached at the end of the segment of {@code len} frames that starts now. */
    void segment(double hz, int len) {
        boolean open = hz >= rate * BYPASS;
        int n = Math.max(1, len);
        g0 = gNext;
        gNext = g(hz);
        gStep = (gNext - g0) / n;
        float target = open ? 0f : 1f;
        wet0 = wetNext;
        wetStep = (target - wet0) / n;
        wetNext = target;
    }

    /** Ends the current segment early at frame {@code k} of it, so the next starts where this one is. */
    void cut(int k) {
        wetNext = wet0 + wetStep * k;
        gNext = g0 + gStep * k;
    }

    /** Filters {@code n} stereo frames of {@code out} from frame {@code offset}; {@code k} is the first frame's index in its segment. */
    void process(float[] out, int offset, int n, int k) {
        // the filter always runs, open or not, so closing it never starts from a stale state; with
        // a wet amount of 0 the dry sample passes exactly (x + 0 * (y - x) == x)
        double sl1 = l1;
        double sl2 = l2;
        double sr1 = r1;
        double sr2 = r2;
        int o = offset * 2;
        for (int i = 0; i < n; i++) {
            double g = g0 + gStep * (k + i);
            double a1 = 1 / (1 + g * (g + K));
            double a2 = g * a1;
            double a3 = g * a2;
            float w = wet0 + wetStep * (k + i);
            double xl = out[o];
            double v3 = xl - sl2;
            double v1 = a1 * sl1 + a2 * v3;
            double yl = sl2 + a2 * sl1 + a3 * v3;
            sl1 = 2 * v1 - sl1;
            sl2 = 2 * yl - sl2;
            double xr = out[o + 1];
            v3 = xr - sr2;
            v1 = a1 * sr1 + a2 * v3;
            double yr = sr2 + a2 * sr1 + a3 * v3;
            sr1 = 2 * v1 - sr1;
            sr2 = 2 * yr - sr2;
            out[o] = (float) (xl + w * (yl - xl));
            out[o + 1] = (float) (xr + w * (yr - xr));
            o += 2;
        }
        // flush denormals: a decaying tail in silence must not slow the audio thread down
        l1 = Math.abs(sl1) < 1e-25 ? 0 : sl1;
        l2 = Math.abs(sl2) < 1e-25 ? 0 : sl2;
        r1 = Math.abs(sr1) < 1e-25 ? 0 : sr1;
        r2 = Math.abs(sr2) < 1e-25 ? 0 : sr2;
    }

    /** Takes over {@code o}'s filter state, cutoff glide and wet level, so the bus goes on without a step. */
    void copy(BusFilter o) {
        l1 = o.l1;
        l2 = o.l2;
        r1 = o.r1;
        r2 = o.r2;
        g0 = o.g0;
        gStep = o.gStep;
        gNext = o.gNext;
        wet0 = o.wet0;
        wetStep = o.wetStep;
        wetNext = o.wetNext;
    }
}
