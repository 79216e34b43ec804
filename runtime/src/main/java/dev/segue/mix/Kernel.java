package dev.segue.mix;

import dev.segue.decode.PcmData;

/**
 * The inner loop: adds {@code n} frames of a stem, from timeline position {@code pos}, into a stereo
 * block. Frame {@code i} gets gain {@code g0 + step * (k + i)}: {@code k} is the frame's index in its
 * control segment, so the gain of a frame never depends on how blocks cut the segment. Frames past
 * the stem's end are silent.
 */
final class Kernel {
    private Kernel() {
    }

    static void mix(PcmData d, long pos, float[] out, int offset, int n, float g0, float step, int k) {
        int frames = d.frames();
        if (pos >= frames || n <= 0) {
            return;
        }
        int count = (int) Math.min(n, frames - pos);
        float[] src = d.samples();
        int p = (int) pos;
        int o = offset * 2;
        if (step == 0f) {
            float a0 = g0;
            if (a0 == 0f) {
                return;
            }
            if (d.channels() == 2) {
                int s = p * 2;
                for (int i = 0; i < count * 2; i++) {
                    out[o + i] += src[s + i] * a0;
                }
            } else {
                for (int i = 0; i < count; i++) {
                    float v = src[p + i] * a0;
                    out[o + 2 * i] += v;
                    out[o + 2 * i + 1] += v;
                }
            }
            return;
        }
        if (d.channels() == 2) {
            int s = p * 2;
            for (int i = 0; i < count; i++) {
                float g = g0 + step * (k + i);
                out[o + 2 * i] += src[s + 2 * i] * g;
                out[o + 2 * i + 1] += src[s + 2 * i + 1] * g;
            }
        } else {
            for (int i = 0; i < count; i++) {
                float v = src[p + i] * (g0 + step * (k + i));
                out[o + 2 * i] += v;
                out[o + 2 * i + 1] += v;
            }
        }
    }
}
