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
        float[] xs = values;
        float[] ys = gains;
        int last = xs.length - 1;
        float x = Math.max(xs[0], Math.min(xs[last], v));
        int i = 0;
        while (i < last - 1 && xs[i + 1] < x) {
            i++;
        }
        int j = Math.min(i + 1, last);
        float span = xs[j] - xs[i];
        float t = Math.min(1f, Math.max(0f, (x - xs[i]) / Math.max(span, Float.MIN_NORMAL)));
        return ys[i] + t * (ys[j] - ys[i]);
    }
}
