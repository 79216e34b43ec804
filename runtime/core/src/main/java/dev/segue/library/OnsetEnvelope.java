package dev.segue.library;

import dev.segue.decode.PcmSource;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * A song's onset-strength envelope: spectral flux of the log-compressed magnitude spectrum (how much
 * new energy each band gained since the previous frame, summed over bands, rises only), about 200
 * values a second, with its slow local mean removed. Peaks are note and drum onsets.
 */
final class OnsetEnvelope {
    /** Log compression: {@code log(1 + GAMMA * |X|)}. */
    static final double GAMMA = 100;
    /** The highest frequency counted, Hz: above it is mostly noise and cymbal wash. */
    static final double TOP_HZ = 11_000;
    /** The local mean subtracted, seconds either side. */
    static final double MEAN_SECONDS = 0.4;

    final float[] values;
    /** Envelope values per second. */
    final double fps;
    /** Frames of audio between envelope values. */
    final int hop;
    /** The analysis window, in frames of audio. */
    final int window;
    final int sampleRate;

    private OnsetEnvelope(float[] values, int hop, int window, int sampleRate) {
        this.values = values;
        this.hop = hop;
        this.window = window;
        this.sampleRate = sampleRate;
        this.fps = sampleRate / (double) hop;
    }

    /** What else wants the decoded blocks (interleaved, as read), so one decode serves several measures. */
    interface BlockSink {
        void accept(float[] block, int offset, int frames);
    }

    /** Reads {@code s} to the end, handing every block to {@code sink} too (if not null); null if cancelled. */
    static OnsetEnvelope of(PcmSource s, BooleanSupplier cancelled, BlockSink sink) throws IOException {
        int rate = s.sampleRate();
        int ch = s.channels();
        int hop = Math.max(32, (int) Math.round(rate * 0.005));
        int n = Integer.highestOneBit(Math.max(64, 4 * hop - 1)) << 1;
        Fft fft = new Fft(n / 2);
        double[] hann = new double[n];
        for (int i = 0; i < n; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        int bins = Math.min(n / 2, (int) Math.ceil(TOP_HZ * n / rate));
        double[] windowed = new double[n];
        double[] mags = new double[n / 2 + 1];
        // before the first frame is silence (the padding), so an attack at the very start still counts
        double[] prev = new double[bins];
        double[] cur = new double[bins];
        // the padded stream is n/2 zeros, the mono signal, n/2 zeros; frame j covers padded samples
        // j*hop .. j*hop+n-1, so it is centred on signal sample j*hop; the ring keeps the last n
        float[] ring = new float[n];
        int mask = n - 1;
        long expected = s.frames();
        FloatList flux = new FloatList(expected > 0 ? (int) (expected / hop) + 2 : 4096);
        float[] block = new float[4096 * ch];
        long pushed = n / 2;
        long read = 0;
        long nextFrame = 0;
        for (boolean end = false; !end;) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            int got = s.read(block, 0, 4096);
            end = got < 0;
            if (!end && sink != null) {
                sink.accept(block, 0, got);
            }
            int frames = end ? n / 2 : got;
            for (int i = 0; i < frames; i++) {
                float m = 0;
                if (!end) {
                    for (int c = 0; c < ch; c++) {
                        m += block[i * ch + c];
                    }
                    m /= ch;
                    read++;
                }
                ring[(int) pushed & mask] = m;
                pushed++;
                if (pushed == nextFrame * hop + n) {
                    if (end && nextFrame * hop > read) {
                        continue;
                    }
                    int base = (int) (nextFrame * hop) & mask;
                    for (int k = 0; k < n; k++) {
                        windowed[k] = ring[(base + k) & mask] * hann[k];
                    }
                    fft.realMagnitudes(windowed, mags, bins);
                    double sum = 0;
                    for (int k = 0; k < bins; k++) {
                        cur[k] = Math.log1p(GAMMA * mags[k] * (2.0 / n));
                        double d = cur[k] - prev[k];
                        if (d > 0) {
                            sum += d;
                        }
                    }
                    double[] t = prev;
                    prev = cur;
                    cur = t;
                    flux.add((float) sum);
                    nextFrame++;
                }
            }
        }
        float[] raw = flux.toArray();
        return new OnsetEnvelope(removeLocalMean(raw, (int) Math.round(MEAN_SECONDS * rate / hop)), hop, n, rate);
    }

    /** Subtracts the mean of {@code ±half} values around each value and keeps what rises above it. */
    static float[] removeLocalMean(float[] x, int half) {
        float[] out = new float[x.length];
        double[] prefix = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) {
            prefix[i + 1] = prefix[i] + x[i];
        }
        for (int i = 0; i < x.length; i++) {
            int a = Math.max(0, i - half);
            int b = Math.min(x.length, i + half + 1);
            double mean = (prefix[b] - prefix[a]) / (b - a);
            out[i] = (float) Math.max(0, x[i] - mean);
        }
        return out;
    }

    /** The audio frame at the centre of envelope value {@code i} (may be fractional). */
    double frameOf(double i) {
        return i * hop;
    }

    /** A growable float array. */
    private static final class FloatList {
        private float[] a;
        private int size;

        FloatList(int capacity) {
            a = new float[Math.max(16, capacity)];
        }

        void add(float v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }
}
