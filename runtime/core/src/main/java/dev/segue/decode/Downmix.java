package dev.segue.decode;

/**
 * Folds multichannel frames to stereo with the ITU-R BS.775 coefficients: centre and surrounds at
 * -3 dB, LFE dropped, then scaled so that full scale on every channel stays within full scale.
 * Channel orders are those of WAV and Vorbis: 3 = L R C, 4 = L R Ls Rs, 5 = L R C Ls Rs,
 * 6 = L R C LFE Ls Rs, 8 = L R C LFE Lb Rb Ls Rs.
 */
final class Downmix {
    private static final float M3DB = 0.70710677f;

    private Downmix() {
    }

    /** Left-side and right-side coefficients per input channel for {@code channels}. */
    static float[][] coefficients(int channels) {
        float[] l = new float[channels];
        float[] r = new float[channels];
        l[0] = 1;
        r[1] = 1;
        switch (channels) {
            case 3 -> { l[2] = M3DB; r[2] = M3DB; }
            case 4 -> { l[2] = M3DB; r[3] = M3DB; }
            case 5 -> { l[2] = M3DB; r[2] = M3DB; l[3] = M3DB; r[4] = M3DB; }
            case 6 -> { l[2] = M3DB; r[2] = M3DB; l[4] = M3DB; r[5] = M3DB; }
            case 7 -> { l[2] = M3DB; r[2] = M3DB; l[4] = M3DB; r[5] = M3DB; l[6] = M3DB; r[6] = M3DB; }
            case 8 -> { l[2] = M3DB; r[2] = M3DB; l[4] = M3DB; r[5] = M3DB; l[6] = M3DB; r[7] = M3DB; }
            default -> {
                // unknown layouts: spread the extra channels evenly at -3 dB
                for (int c = 2; c < channels; c++) {
                    l[c] = M3DB;
                    r[c] = M3DB;
                }
            }
        }
        float sumL = 0;
        float sumR = 0;
        for (int c = 0; c < channels; c++) {
            sumL += l[c];
            sumR += r[c];
        }
        for (int c = 0; c < channels; c++) {
            l[c] /= sumL;
            r[c] /= sumR;
        }
        return new float[][] {l, r};
    }

    static void toStereo(float[] in, int channels, int frames, float[] out, int outOffset) {
        float[][] k = coefficients(channels);
        float[] kl = k[0];
        float[] kr = k[1];
        for (int f = 0; f < frames; f++) {
            int i = f * channels;
            float l = 0;
            float r = 0;
            for (int c = 0; c < channels; c++) {
                l += in[i + c] * kl[c];
                r += in[i + c] * kr[c];
            }
            out[outOffset + 2 * f] = l;
            out[outOffset + 2 * f + 1] = r;
        }
    }
}
