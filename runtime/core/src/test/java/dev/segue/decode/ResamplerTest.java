package dev.segue.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Measures the {@link Resampler}: SNR by sine fitting, aliasing, passband flatness, the designed
 * filter's response, exact length and timing, chunking invariance and allocation. Each assertion
 * message states the figure measured.
 */
class ResamplerTest {
    static final double MINUS_1_DBFS = Math.pow(10, -1 / 20.0);

    /** {@code frames} frames of a sine; channel {@code c} is shifted by {@code c} radians. */
    static float[] sine(int frames, int channels, double hz, int rate, double amp) {
        float[] s = new float[frames * channels];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                s[i * channels + c] = (float) (amp * Math.sin(2 * Math.PI * hz * i / rate + c));
            }
        }
        return s;
    }

    /** The whole of {@code in} converted in one process call plus drain. */
    static float[] resample(float[] in, int channels, int inRate, int outRate) {
        Resampler r = new Resampler(channels, inRate, outRate);
        int inFrames = in.length / channels;
        float[] out = new float[(int) Resampler.outputFrames(inFrames, inRate, outRate) * channels];
        int n = r.process(in, 0, inFrames, out, 0, out.length / channels);
        assertEquals(inFrames, r.consumedFrames());
        int d;
        while ((d = r.drain(out, n, out.length / channels - n)) > 0) {
            n += d;
        }
        assertEquals(out.length / channels, n);
        return out;
    }

    /**
     * Least-squares fit of {@code a cos(wk) + b sin(wk)} (w = 2 pi hz / rate, the frequency exact) to
     * channel {@code c} of {@code y} over frames {@code from..to}.
     *
     * @return {amplitude, residual power, power of the fitted sine}
     */
    static double[] fit(float[] y, int channels, int c, int from, int to, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double scc = 0, sss = 0, scs = 0, syc = 0, sys = 0;
        for (int k = from; k < to; k++) {
            double co = Math.cos(w * k), si = Math.sin(w * k), v = y[k * channels + c];
            scc += co * co;
            sss += si * si;
            scs += co * si;
            syc += v * co;
            sys += v * si;
        }
        double det = scc * sss - scs * scs;
        double a = (syc * sss - sys * scs) / det;
        double b = (sys * scc - syc * scs) / det;
        double res = 0, sig = 0;
        for (int k = from; k < to; k++) {
            double f = a * Math.cos(w * k) + b * Math.sin(w * k);
            double e = y[k * channels + c] - f;
            res += e * e;
            sig += f * f;
        }
        return new double[] {Math.hypot(a, b), res / (to - from), sig / (to - from)};
    }

    static double db(double powerRatio) {
        return 10 * Math.log10(powerRatio);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"44100, 48000", "48000, 44100", "22050, 48000", "96000, 48000", "8000, 48000", "192000, 44100",
        "44056, 48000", "48000, 44056", "11025, 44100", "32000, 48000"})
    void sineAt1kHzComesOutCleanerThan100dB(int inRate, int outRate) {
        float[] out = resample(sine(inRate, 2, 1000, inRate, MINUS_1_DBFS), 2, inRate, outRate);
        int frames = out.length / 2;
        int edge = outRate / 20; // 50 ms: well past the longest filter's half-length
        double worst = Double.MAX_VALUE;
        for (int c = 0; c < 2; c++) {
            double[] f = fit(out, 2, c, edge, frames - edge, 1000, outRate);
            worst = Math.min(worst, db(f[2] / f[1]));
            assertEquals(MINUS_1_DBFS, f[0], 1e-4, "amplitude");
        }
        String mode = ResamplerFilter.forRates(inRate, outRate).exact ? "exact phases" : "quantized phases";
        System.out.printf("SNR %d -> %d (%s): %.1f dB%n", inRate, outRate, mode, worst);
        assertTrue(worst >= 100, "SNR " + inRate + " -> " + outRate + " measured " + worst + " dB");
    }

    @ParameterizedTest(name = "{0} Hz at {1} -> {2}")
    @CsvSource({"30000, 96000, 48000", "23000, 48000, 44100", "22100, 44100, 22050", "50000, 192000, 44100"})
    void toneAboveTheNewNyquistIsRemoved(double hz, int inRate, int outRate) {
        float[] in = sine(inRate, 1, hz, inRate, MINUS_1_DBFS);
        float[] out = resample(in, 1, inRate, outRate);
        int edge = outRate / 20;
        double power = 0;
        for (int k = edge; k < out.length - edge; k++) {
            power += (double) out[k] * out[k];
        }
        power /= out.length - 2 * edge;
        double level = db(power / (MINUS_1_DBFS * MINUS_1_DBFS / 2));
        System.out.printf("alias %.0f Hz %d -> %d: %.1f dB%n", hz, inRate, outRate, level);
        assertTrue(level <= -100, hz + " Hz at " + inRate + " -> " + outRate + " came out at " + level + " dB");
    }

    @ParameterizedTest(name = "{0} Hz")
    @CsvSource({"100", "1000", "10000", "19000", "20000"})
    void passbandIsFlatWithinOneHundredthOfADecibel(double hz) {
        float[] out = resample(sine(44100, 1, hz, 44100, MINUS_1_DBFS), 1, 44100, 48000);
        double[] f = fit(out, 1, 0, 2400, out.length - 2400, hz, 48000);
        double gain = 20 * Math.log10(f[0] / MINUS_1_DBFS);
        System.out.printf("passband %.0f Hz: %+.6f dB%n", hz, gain);
        assertTrue(Math.abs(gain) <= 0.01, hz + " Hz gain " + gain + " dB");
    }

    /**
     * The designed filter itself: the frequency response of the whole polyphase prototype, evaluated
     * densely: passband ripple within 0.01 dB up to the passband edge, 110 dB down from the stopband
     * edge up to the higher rate's Nyquist frequency (where images or aliases would come from).
     */
    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"44100, 48000", "48000, 44100", "8000, 48000", "192000, 44100", "44056, 48000"})
    void prototypeResponseMeetsTheSpecification(int inRate, int outRate) {
        ResamplerFilter f = ResamplerFilter.forRates(inRate, outRate);
        int rows = f.exact ? f.up : f.phases;
        double ripple = 0;
        double stop = Double.NEGATIVE_INFINITY;
        int steps = 400;
        for (int s = 0; s <= steps; s++) {
            double hz = f.passbandHz * s / steps;
            ripple = Math.max(ripple, Math.abs(20 * Math.log10(response(f, rows, hz))));
        }
        double top = Math.max(inRate, outRate) / 2.0;
        for (int s = 0; s <= 4 * steps; s++) {
            double hz = f.stopbandHz + (top - f.stopbandHz) * s / (4 * steps);
            stop = Math.max(stop, 20 * Math.log10(response(f, rows, hz)));
        }
        System.out.printf("filter %d -> %d: %d taps, beta %.2f, %d %s phases, passband %.0f Hz ripple %.2g dB, "
                + "stopband from %.0f Hz at most %.1f dB%n", inRate, outRate, f.taps, f.beta, rows,
                f.exact ? "exact" : "quantized", f.passbandHz, ripple, f.stopbandHz, stop);
        assertTrue(ripple <= 0.01, "passband ripple " + ripple + " dB");
        assertTrue(stop <= -110, "stopband reaches " + stop + " dB");
    }

    /** |H(hz)| of the prototype: row r, tap j sits at t = r/rows + halfTaps-1-j input frames. */
    private static double response(ResamplerFilter f, int rows, double hz) {
        double w = 2 * Math.PI * hz / f.inRate;
        double re = 0, im = 0;
        double[] tapCos = new double[f.taps], tapSin = new double[f.taps];
        for (int j = 0; j < f.taps; j++) {
            tapCos[j] = Math.cos(w * (f.halfTaps - 1 - j));
            tapSin[j] = Math.sin(w * (f.halfTaps - 1 - j));
        }
        for (int r = 0; r < rows; r++) {
            double pr = 0, pi = 0;
            for (int j = 0; j < f.taps; j++) {
                double c = f.table[r * f.taps + j];
                pr += c * tapCos[j];
                pi -= c * tapSin[j];
            }
            double ph = w * r / rows;
            re += pr * Math.cos(ph) + pi * Math.sin(ph);
            im += pi * Math.cos(ph) - pr * Math.sin(ph);
        }
        return Math.hypot(re, im) / rows;
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"44100, 48000", "48000, 44100", "8000, 48000", "192000, 44100", "44056, 48000", "48000, 48000"})
    void lengthIsExactAndAnImpulseLandsAtItsTime(int inRate, int outRate) {
        for (int n : new int[] {0, 1, 2, 147, 1000, 44_101}) {
            assertEquals(n == 0 ? 0 : resample(new float[n], 1, inRate, outRate).length,
                    Resampler.outputFrames(n, inRate, outRate), n + " frames");
            assertEquals((long) Math.ceil((double) n * outRate / inRate), Resampler.outputFrames(n, inRate, outRate));
        }
        double worst = 0;
        for (int at : new int[] {0, 1, 500, 777, 3001}) {
            float[] in = new float[4000];
            in[at] = 1;
            float[] out = resample(in, 1, inRate, outRate);
            int k = 0;
            for (int i = 1; i < out.length; i++) {
                k = out[i] > out[k] ? i : k;
            }
            // the peak of the parabola through the largest sample and its neighbours
            double y0 = k > 0 ? out[k - 1] : out[k + 1], y1 = out[k], y2 = out[k + 1];
            double peak = k + 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2);
            double expected = (double) at * outRate / inRate;
            worst = Math.max(worst, Math.abs(peak - expected));
            assertEquals(expected, peak, 0.5, "impulse at input " + at + " peaks at output " + peak);
        }
        System.out.printf("impulse timing %d -> %d: off by at most %.3f output frames%n", inRate, outRate, worst);
    }

    @ParameterizedTest(name = "{0} ch {1} -> {2} Hz")
    @CsvSource({"1, 44100, 48000", "2, 44100, 48000", "5, 44100, 48000", "2, 96000, 44100", "2, 44056, 48000",
        "1, 8000, 48000", "8, 48000, 44056", "2, 48000, 48000"})
    void outputIsBitIdenticalHoweverTheInputIsChunked(int channels, int inRate, int outRate) {
        Random rnd = new Random(inRate * 31L + outRate + channels);
        int frames = 30_000;
        float[] in = new float[frames * channels];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (rnd.nextGaussian() * 0.3);
        }
        float[] whole = resample(in, channels, inRate, outRate);
        for (int trial = 0; trial < 3; trial++) {
            Resampler r = new Resampler(channels, inRate, outRate);
            float[] out = new float[whole.length];
            int done = 0;
            int pos = 0;
            while (pos < frames) {
                int chunk = Math.min(frames - pos, trial == 0 ? 1 : 1 + rnd.nextInt(trial == 1 ? 40 : 3000));
                int space = Math.min(out.length / channels - done, 1 + rnd.nextInt(trial == 2 ? 5 : 2000));
                done += r.process(in, pos, chunk, out, done, space);
                pos += r.consumedFrames();
            }
            int d;
            while ((d = r.drain(out, done, Math.min(out.length / channels - done, 1 + rnd.nextInt(100)))) > 0) {
                done += d;
            }
            assertEquals(whole.length / channels, done);
            assertArrayEquals(whole, out, "trial " + trial);
        }
    }

    @Test
    void everyChannelCountComputesTheSameSignal() {
        int frames = 5000;
        for (int channels : new int[] {2, 3, 8}) {
            float[] in = new float[frames * channels];
            Random rnd = new Random(channels);
            for (int i = 0; i < in.length; i++) {
                in[i] = rnd.nextFloat() - 0.5f;
            }
            float[] multi = resample(in, channels, 44100, 48000);
            for (int c = 0; c < channels; c++) {
                float[] mono = new float[frames];
                for (int i = 0; i < frames; i++) {
                    mono[i] = in[i * channels + c];
                }
                float[] one = resample(mono, 1, 44100, 48000);
                for (int k = 0; k < one.length; k++) {
                    assertEquals(one[k], multi[k * channels + c], 1e-6, "channel " + c + " of " + channels + " frame " + k);
                }
            }
        }
    }

    @Test
    void startAtMatchesProcessingFromTheStart() {
        float[] in = sine(20_000, 2, 3000, 44100, 0.8);
        float[] whole = resample(in, 2, 44100, 48000);
        for (long k : new long[] {0, 1, 50, 123, 9999, whole.length / 2 - 1}) {
            Resampler r = new Resampler(2, 44100, 48000);
            int from = (int) r.startAt(k);
            assertEquals(Math.max(0, k * 44100 / 48000 - r.latencyFrames() + 1), from);
            float[] out = new float[whole.length - (int) k * 2];
            int n = r.process(in, from, in.length / 2 - from, out, 0, out.length / 2);
            while (n < out.length / 2) {
                n += r.drain(out, n, out.length / 2 - n);
            }
            for (int i = 0; i < out.length; i++) {
                assertEquals(whole[(int) k * 2 + i], out[i], "from output frame " + k + ", sample " + i);
            }
        }
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(9, 44100, 48000));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(2, 999, 48000));
        Resampler r = new Resampler(2, 44100, 48000);
        assertThrows(IndexOutOfBoundsException.class, () -> r.process(new float[10], 0, 6, new float[100], 0, 10));
        r.drain(new float[100], 0, 50);
        assertThrows(IllegalStateException.class, () -> r.process(new float[10], 0, 5, new float[100], 0, 50));
        r.reset();
        assertEquals(0, r.process(new float[10], 0, 5, new float[100], 0, 50)); // still inside the look-ahead
    }

    /**
     * Steady-state process() calls allocate nothing. Measured with JIT compilation on, the thread's
     * allocation counter can still move by a few hundred bytes when C2 deoptimises or recompiles a
     * method mid-run (the runtime allocates on the thread that hits the uncommon trap), which says
     * nothing about our code. So the warm-up runs first (every branch taken, every method compiled)
     * and the bound is 1 KB over 1000 calls: a single allocation per call (16 bytes at the least)
     * would be 16 KB.
     */
    @Test
    void processAllocatesNothingInSteadyState() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        for (int[] rates : new int[][] {{44100, 48000}, {44056, 48000}, {96000, 44100}}) {
            Resampler r = new Resampler(2, rates[0], rates[1]);
            float[] in = sine(256, 2, 440, rates[0], 0.5);
            float[] out = new float[1024 * 2];
            for (int i = 0; i < 20_000; i++) {
                r.process(in, 0, 256, out, 0, 1024);
            }
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1000; i++) {
                r.process(in, 0, 256, out, 0, 1024);
            }
            long used = mx.getCurrentThreadAllocatedBytes() - before;
            System.out.printf("allocation %d -> %d: %d bytes over 1000 process calls%n", rates[0], rates[1], used);
            assertTrue(used < 1024, rates[0] + " -> " + rates[1] + ": " + used + " bytes allocated over 1000 calls");
        }
    }
}
