package dev.segue.tools.compose;

import dev.segue.library.LoudnessMeter;
import dev.segue.tools.Synth;
import java.util.Map;

/**
 * Levels a cue: scales all its stems together so their full mix measures {@link #TARGET_LUFS}
 * integrated, and softly limits any stem whose true peak would pass {@link #STEM_CEILING_DBTP}. The
 * limiter is memoryless (a tanh knee above half the ceiling), so every seam stays continuous.
 */
final class Master {
    /** Where every cue's full mix sits: -16 LUFS integrated, a usual level for game music. */
    static final double TARGET_LUFS = -16;
    /** No stem goes above this before encoding (Vorbis adds a few tenths of a dB), so none clips. */
    static final double STEM_CEILING_DBTP = -2.0;

    /** Loudness figures of one stem or mix. */
    record Level(double integratedLufs, double truePeakDbtp, double loudnessRangeLu) {
    }

    private Master() {
    }

    /** Levels the cue's stems in place; returns the full mix's figures after levelling. */
    static Level level(Map<String, double[][]> stems) {
        for (int round = 0; round < 6; round++) {
            Level mix = measure(mix(stems));
            double gain = StrictMath.pow(10, (TARGET_LUFS - mix.integratedLufs()) / 20);
            boolean limited = false;
            for (double[][] s : stems.values()) {
                scale(s, gain);
                if (measure(s).truePeakDbtp() > STEM_CEILING_DBTP) {
                    limit(s, StrictMath.pow(10, (STEM_CEILING_DBTP - 0.4) / 20));
                    limited = true;
                }
            }
            if (!limited && Math.abs(gain - 1) < 0.003) {
                return measure(mix(stems));
            }
        }
        return measure(mix(stems));
    }

    static double[][] mix(Map<String, double[][]> stems) {
        double[][] out = null;
        for (double[][] s : stems.values()) {
            if (out == null) {
                out = new double[][] {new double[s[0].length], new double[s[0].length]};
            }
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < s[c].length; i++) {
                    out[c][i] += s[c][i];
                }
            }
        }
        return out;
    }

    static Level measure(double[][] stereo) {
        LoudnessMeter m = new LoudnessMeter(Synth.RATE, 2);
        int n = stereo[0].length;
        float[] block = new float[2 * 4096];
        for (int at = 0; at < n; at += 4096) {
            int k = Math.min(4096, n - at);
            for (int i = 0; i < k; i++) {
                block[2 * i] = (float) stereo[0][at + i];
                block[2 * i + 1] = (float) stereo[1][at + i];
            }
            m.accept(block, 0, k);
        }
        return new Level(m.integratedLufs(), m.truePeakDbtp(), m.loudnessRangeLu());
    }

    private static void scale(double[][] s, double g) {
        Synth.scale(s[0], g);
        Synth.scale(s[1], g);
    }

    /** Linear up to half of {@code ceiling}, then a tanh knee that never reaches it. */
    static void limit(double[][] s, double ceiling) {
        double knee = ceiling / 2;
        for (double[] ch : s) {
            for (int i = 0; i < ch.length; i++) {
                double a = Math.abs(ch[i]);
                if (a > knee) {
                    double y = knee + (ceiling - knee) * StrictMath.tanh((a - knee) / (ceiling - knee));
                    ch[i] = Math.copySign(y, ch[i]);
                }
            }
        }
    }
}
