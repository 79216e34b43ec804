package dev.segue.cue;

/**
 * A stem's gain as a piecewise-linear function of one parameter: points (value, linear gain) sorted
 * by value; flat beyond the first and last point.
 *
 * @param parameter index of the parameter in {@link CueSheet#parameters()}
 */
public record GainCurve(int parameter, float[] values, float[] gains) {

    /** The gain at parameter value {@code v}. Allocation-free. */
    public float gainAt(float v) {
        float[] xs = values;
        if (v <= xs[0]) {
            return gains[0];
        }
        int last = xs.length - 1;
        if (v >= xs[last]) {
            return gains[last];
        }
        int i = 1;
        while (xs[i] < v) {
            i++;
        }
        float x0 = xs[i - 1];
        float x1 = xs[i];
        float t = x1 > x0 ? (v - x0) / (x1 - x0) : 1f;
        return gains[i - 1] + t * (gains[i] - gains[i - 1]);
    }
}
