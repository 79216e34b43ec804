package dev.segue.mix;

import dev.segue.decode.PcmData;

/**
 * The inner loop: adds {@code n} frames of a stem, from timeline position {@code pos}, into a stereo
 * block with a gain ramping linearly from {@code a0} (first frame) toward {@code a1} (the frame after
 * the last). Frames past the stem's end are silent.
 */
final class Kernel {
    private Kernel() {
    }

    static void mix(PcmData d, long pos, float[] out, int offset, int n, float a0, float a1) {
        int frames = d.frames();
        if (pos >= frames || n <= 0) {
            return;
        }
        int count = (int) Math.min(n, frames - pos);
        float step = (a1 - a0) / n;
        float[] src = d.samples();
        int p = (int) pos;
        int o = offset * 2;
        if (a0 == a1) {
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
                float g = a0 + step * i;
                out[o + 2 * i] += src[s + 2 * i] * g;
                out[o + 2 * i + 1] += src[s + 2 * i + 1] * g;
            }
        } else {
            for (int i = 0; i < count; i++) {
                float v = src[p + i] * (a0 + step * i);
                out[o + 2 * i] += v;
                out[o + 2 * i + 1] += v;
            }
        }
    }
}
