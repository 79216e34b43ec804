package dev.segue.mix;

import dev.segue.decode.PcmData;

/**
 * The inner loop: adds {@code n} frames of a stem, from timeline position {@code pos}, into a stereo
 * block. Frame {@code i} gets gain {@code g0 + step * (k + i)}: {@code k} is the frame's index in its
 * control segment, so the gain of a frame never depends on how blocks cut the segment. Frames past
 * the stem's end are silent. Streamed stems use the array form on their ring or resident head.
 */
final class Kernel {
    private Kernel() {
    }

    /**
     * {@code RAMP[m] = (float) (m >> 1)}: the frame index of interleaved sample {@code m}, as a float.
     * With it the stereo ramp loop reads three arrays at unit stride, which the JIT vectorises, and
     * computes exactly the same {@code g0 + step * (float) (k + i)} as a per-frame loop would.
     */
    private static final float[] RAMP = new float[2 * Mixer.CONTROL];

    static {
        for (int m = 0; m < RAMP.length; m++) {
            RAMP[m] = m >> 1;
        }
    }

    static void mix(PcmData d, long pos, float[] out, int offset, int n, float g0, float step, int k) {
        int frames = d.frames();
        if (pos >= frames || n <= 0) {
            return;
        }
        mix(d.samples(), d.channels(), (int) pos, (int) Math.min(n, frames - pos), out, offset, g0, step, k);
    }

    /**
     * Adds {@code count} frames of {@code src} ({@code channels} 1 or 2, interleaved), from its frame
     * {@code p}, into the stereo block at {@code offset}; {@code k} as for the other form.
     */
    static void mix(float[] src, int channels, int p, int count, float[] out, int offset, float g0, float step, int k) {
        int o = offset * 2;
        if (step == 0f) {
            if (g0 == 0f) {
                return;
            }
            if (channels == 2) {
                int s = p * 2;
                for (int i = 0; i < count * 2; i++) {
                    out[o + i] += src[s + i] * g0;
                }
            } else {
                for (int i = 0; i < count; i++) {
                    float v = src[p + i] * g0;
                    out[o + 2 * i] += v;
                    out[o + 2 * i + 1] += v;
                }
            }
            return;
        }
        if (channels == 2) {
            int s = p * 2;
            int r = 2 * k;
            float[] ramp = RAMP;
            for (int j = 0; j < count * 2; j++) {
                out[o + j] += src[s + j] * (g0 + step * ramp[r + j]);
            }
        } else {
            for (int i = 0; i < count; i++) {
                float v = src[p + i] * (g0 + step * (k + i));
                out[o + 2 * i] += v;
                out[o + 2 * i + 1] += v;
            }
        }
    }

    /**
     * {@link #mix(PcmData, long, float[], int, int, float, float, int)} times a crossfade weight:
     * frame {@code i} also gets the smoothstep {@code w = 3t² - 2t³} of {@code t = (z + i) * inv}
     * when {@code rising}, else {@code 1 - w} (the two sides add to 1: they are the same music, so
     * amplitude, not power, is kept; the smooth ends put no kink where the crossfade starts or stops).
     * {@code z} is the frame's index in the crossfade, so the weight never depends on how blocks cut
     * it either. Used only over a loop's short crossfade, so it is a plain per-frame loop.
     */
    static void mixWeighted(PcmData d, long pos, float[] out, int offset, int n, float g0, float step, int k, long z,
            double inv, boolean rising) {
        int frames = d.frames();
        if (pos >= frames || n <= 0) {
            return;
        }
        float[] src = d.samples();
        int ch = d.channels();
        int count = (int) Math.min(n, frames - pos);
        int p = (int) pos;
        for (int i = 0; i < count; i++) {
            double t = (z + i) * inv;
            float w = (float) (t * t * (3 - 2 * t));
            float g = (g0 + step * (float) (k + i)) * (rising ? w : 1f - w);
            int o = 2 * (offset + i);
            if (ch == 2) {
                out[o] += src[2 * (p + i)] * g;
                out[o + 1] += src[2 * (p + i) + 1] * g;
            } else {
                float v = src[p + i] * g;
                out[o] += v;
                out[o + 1] += v;
            }
        }
    }

    /**
     * The peak absolute sample of {@code n} frames from {@code pos}, for the level meters (every
     * sample: skipping some reads a high tone's peak low).
     */
    static float peak(PcmData d, long pos, int n) {
        int frames = d.frames();
        if (pos >= frames || n <= 0) {
            return 0f;
        }
        return peak(d.samples(), d.channels(), (int) pos, (int) Math.min(n, frames - pos));
    }

    /** The largest magnitude in {@code count} frames of {@code src} from frame {@code p}. */
    static float peak(float[] src, int ch, int p, int count) {
        int from = p * ch;
        int to = from + count * ch;
        float m = 0f;
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(src[i]));
        }
        return m;
    }

    /**
     * Replaces every sample of {@code out[2*from .. 2*(from+frames))} that is NaN or infinite with
     * silence: the master's guard, before the bus filter (whose state a NaN would poison for good), so
     * nothing a file or a sheet holds can send NaN or infinity to the output. {@code x - x} is 0 for
     * every finite {@code x} and NaN otherwise, so the test is one subtraction and a select.
     */
    static void finite(float[] out, int from, int frames) {
        for (int i = 2 * from, end = 2 * (from + frames); i < end; i++) {
            float x = out[i];
            out[i] = x - x == 0f ? x : 0f;
        }
    }
}
