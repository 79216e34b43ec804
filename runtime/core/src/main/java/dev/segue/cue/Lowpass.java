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
        int i = GainCurve.segment(values, v);
        float t = GainCurve.along(values, i, v);
        return (float) (hz[i] * Math.pow(hz[Math.min(i + 1, hz.length - 1)] / (double) hz[i], t));
    }
}
