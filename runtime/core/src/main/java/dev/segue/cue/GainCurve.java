package dev.segue.cue;

/**
 * A stem's gain as a piecewise-linear function of one parameter: points (value, linear gain) sorted
 * by value; flat beyond the first and last point.
 *
 * @param parameter index of the parameter in {@link CueSheet#parameters()}
 */
public record GainCurve(int parameter, float[] values, float[] gains) {

    /**
     * The gain at parameter value {@code v}. Allocation-free, and written with clamps rather than
     * early returns so the compiled audio path has no rarely-taken branch to deoptimise on (a
     * deoptimisation allocates on the thread that hits it).
     */
    public float gainAt(float v) {
        int i = segment(values, v);
        float t = along(values, i, v);
        return gains[i] + t * (gains[Math.min(i + 1, gains.length - 1)] - gains[i]);
    }

    /** The index of the point that starts the segment holding {@code v} (clamped to the ends). */
    static int segment(float[] xs, float v) {
        int last = xs.length - 1;
        float x = Math.max(xs[0], Math.min(xs[last], v));
        int i = 0;
        while (i < last - 1 && xs[i + 1] < x) {
            i++;
        }
        return i;
    }

    /** How far {@code v} lies along segment {@code i}, 0..1 (clamped). */
    static float along(float[] xs, int i, float v) {
        int j = Math.min(i + 1, xs.length - 1);
        float span = xs[j] - xs[i];
        return Math.min(1f, Math.max(0f, (v - xs[i]) / Math.max(span, Float.MIN_NORMAL)));
    }
}
