package dev.segue.cue;

/**
 * The master bus low-pass filter: its cutoff as a piecewise function of one parameter, interpolated
 * on a logarithmic frequency scale (so halfway between 20000 Hz and 500 Hz is about 3160 Hz, which is
 * what the ear calls halfway). Flat beyond the first and last point.
 *
 * @param parameter index of the parameter in {@link CueSheet#parameters()}
 * @param values    parameter values, ascending
 * @param hz        cutoff in Hz at each value
 */
public record Lowpass(int parameter, float[] values, float[] hz) {

    /** The cutoff in Hz at parameter value {@code v}. Allocation-free. */
    public float cutoffAt(float v) {
        float[] xs = values;
        int last = xs.length - 1;
        float x = Math.max(xs[0], Math.min(xs[last], v));
        int i = 0;
        while (i < last - 1 && xs[i + 1] < x) {
            i++;
        }
        int j = Math.min(i + 1, last);
        float span = xs[j] - xs[i];
        float t = Math.min(1f, Math.max(0f, (x - xs[i]) / Math.max(span, Float.MIN_NORMAL)));
        return (float) (hz[i] * Math.pow(hz[j] / (double) hz[i], t));
    }
}
