package dev.segue.decode;

import java.io.IOException;
import java.util.Arrays;

/**
 * Decoded audio held in memory, interleaved float, shared read-only by every voice that plays it.
 * Mono stays mono (the mixer spreads it to both sides); more than two channels are folded to stereo
 * when loaded, using the ITU downmix coefficients.
 */
public final class PcmData {
    /** Hard cap on what one in-memory sound may hold: 20 minutes of stereo at 48 kHz. */
    public static final long MAX_SAMPLES = 20L * 60 * 48_000 * 2;

    private final String name;
    private final int channels;
    private final int sampleRate;
    private final float[] samples;
    private final int frames;

    public PcmData(String name, int channels, int sampleRate, float[] samples) {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("PcmData holds mono or stereo");
        }
        this.name = name;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.samples = samples;
        this.frames = samples.length / channels;
    }

    /** Reads the whole of {@code src} into memory and closes it. */
    public static PcmData load(PcmSource source) throws IOException {
        try (PcmSource src = Downmix.toStereo(source)) {
            int outCh = src.channels();
            long total = src.frames();
            if (total > 0 && total * outCh > MAX_SAMPLES) {
                throw new AudioFormatException(src.name(), -1, "too long to hold in memory (" + total + " frames)");
            }
            float[] out = new float[(int) Math.max(1024, total > 0 ? total * outCh : 1 << 16)];
            float[] buf = new float[4096 * outCh];
            int n = 0;
            int got;
            while ((got = src.read(buf, 0, 4096)) > 0) {
                if ((long) n + (long) got * outCh > MAX_SAMPLES) {
                    throw new AudioFormatException(src.name(), -1, "too long to hold in memory");
                }
                if (n + got * outCh > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, n + got * outCh));
                }
                System.arraycopy(buf, 0, out, n, got * outCh);
                n += got * outCh;
            }
            return new PcmData(src.name(), outCh, src.sampleRate(), n == out.length ? out : Arrays.copyOf(out, n));
        }
    }

    public String name() {
        return name;
    }

    public int channels() {
        return channels;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int frames() {
        return frames;
    }

    /** The interleaved samples; callers must not write to it. */
    public float[] samples() {
        return samples;
    }
}
