package dev.segue.tools.signal;

/**
 * Levels of interleaved stereo audio: RMS in dBFS over a span (the short-term level of a stretch), the
 * level of consecutive short blocks, and runs of silence.
 */
public final class Levels {
    /** Quieter than this is silence: -60 dBFS. */
    public static final double SILENCE_DB = -60;

    private Levels() {
    }

    /** RMS level in dBFS of frames {@code [from, to)} of stereo {@code x}; -200 for digital silence or an empty span. */
    public static double rmsDb(float[] x, int from, int to) {
        int frames = x.length / 2;
        from = Math.max(0, from);
        to = Math.min(frames, to);
        if (to <= from) {
            return -200;
        }
        double e = 0;
        for (int i = from; i < to; i++) {
            double l = x[2 * i];
            double r = x[2 * i + 1];
            e += 0.5 * (l * l + r * r);
        }
        double rms = Math.sqrt(e / (to - from));
        return rms <= 1e-10 ? -200 : 20 * Math.log10(rms);
    }

    /** The loudest sample's absolute value in frames {@code [from, to)}. */
    public static float peak(float[] x, int from, int to) {
        float p = 0;
        for (int i = Math.max(0, from) * 2; i < Math.min(x.length, to * 2); i++) {
            p = Math.max(p, Math.abs(x[i]));
        }
        return p;
    }

    /**
     * The longest run of silence (blocks of {@code block} frames all under {@link #SILENCE_DB}) in
     * {@code [from, to)}, as {start, length} in frames, or null if none is at least {@code minFrames}.
     */
    public static long[] longestSilence(float[] x, int from, int to, int block, long minFrames) {
        long bestStart = -1;
        long bestLen = 0;
        long runStart = -1;
        for (int b = Math.max(0, from); b + block <= Math.min(x.length / 2, to); b += block) {
            boolean quiet = rmsDb(x, b, b + block) < SILENCE_DB;
            if (quiet && runStart < 0) {
                runStart = b;
            }
            if (quiet) {
                long len = b + block - runStart;
                if (len > bestLen) {
                    bestLen = len;
                    bestStart = runStart;
                }
            } else {
                runStart = -1;
            }
        }
        return bestLen >= minFrames ? new long[] {bestStart, bestLen} : null;
    }
}
