package dev.segue.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The bus low-pass as the pause menu drives it: a sweep from open to 600 Hz in 150 ms, in 256-frame
 * control segments (what {@code Mixer} does). A filter whose coefficients jump at each segment ticks
 * (the tour's zipper: 16 ticks 5.33 ms apart, up to -34 dBFS on a 0.1 signal); this one must not.
 */
class BusFilterTest {
    private static final int RATE = 48_000;
    private static final int SEGMENT = 256;

    /** Runs {@code in} (mono, copied to both sides) through a filter whose cutoff follows {@code hz} per segment. */
    private static float[] run(float[] in, java.util.function.IntToDoubleFunction hzAtSegmentEnd, int block) {
        BusFilter f = new BusFilter(RATE);
        float[] out = new float[in.length * 2];
        for (int i = 0; i < in.length; i++) {
            out[2 * i] = in[i];
            out[2 * i + 1] = in[i];
        }
        for (int s = 0; s * SEGMENT < in.length; s++) {
            int len = Math.min(SEGMENT, in.length - s * SEGMENT);
            f.segment(hzAtSegmentEnd.applyAsDouble(s), len);
            for (int k = 0; k < len; k += block) {
                f.process(out, s * SEGMENT + k, Math.min(block, len - k), k);
            }
        }
        return out;
    }

    private static float[] sine(int frames, double hz, double amp) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return x;
    }

    /** The sweep: 20 kHz (open) for 0.1 s, then log-down to 600 Hz over 150 ms, then held. */
    private static double sweep(int segment) {
        double t = segment * SEGMENT / (double) RATE - 0.1;
        if (t <= 0) {
            return 20_000;
        }
        return t >= 0.15 ? 600 : 20_000 * Math.pow(600 / 20_000.0, t / 0.15);
    }

    /** Peak of the left side's third difference (a high-pass that a 100 Hz sine barely passes), in dBFS. */
    private static double tickDb(float[] stereo) {
        double peak = 0;
        for (int i = 3; i < stereo.length / 2; i++) {
            double d = stereo[2 * i] - 3 * stereo[2 * i - 2] + 3 * stereo[2 * i - 4] - stereo[2 * i - 6];
            peak = Math.max(peak, Math.abs(d));
        }
        return 20 * Math.log10(peak);
    }

    @Test
    void sweepingTheCutoffLeavesNoTicks() {
        float[] in = sine(RATE / 2, 100, 0.1);
        double steady = tickDb(run(in, s -> 600, 64)); // the third difference of the filtered sine alone
        double swept = tickDb(run(in, BusFilterTest::sweep, 64));
        // a 0.1 sine at 100 Hz: its third difference is 0.1 (2 pi 100 / 48000)^3 = -77 dBFS; the old
        // biquad's steps put ticks tens of dB above that
        assertTrue(swept < steady + 3, "sweep " + swept + " dBFS against " + steady + " dBFS held");
        assertTrue(swept < -70, "swept: " + swept + " dBFS");
    }

    @Test
    void itIsAButterworthLowPass() {
        for (double fc : new double[] {600, 2_000, 5_000}) {
            double pass = gainDb(fc / 8, fc);
            double corner = gainDb(fc, fc);
            double stop = gainDb(fc * 4, fc);
            assertEquals(0, pass, 0.1, fc + " Hz: passband");
            assertEquals(-3.01, corner, 0.2, fc + " Hz: -3 dB at the cutoff");
            assertTrue(stop < -22, fc + " Hz: two octaves above, " + stop + " dB (12 dB/octave)");
        }
    }

    private static double gainDb(double hz, double fc) {
        float[] in = sine(RATE, hz, 0.5);
        float[] out = run(in, s -> fc, 256);
        double a = 0;
        double b = 0;
        for (int i = RATE / 2; i < RATE; i++) {
            a += in[i] * (double) in[i];
            b += out[2 * i] * (double) out[2 * i];
        }
        return 10 * Math.log10(b / a);
    }

    @Test
    void theOutputDoesNotDependOnHowBlocksCutIt() {
        float[] in = sine(RATE / 4, 440, 0.3);
        assertArrayEquals(run(in, BusFilterTest::sweep, 256), run(in, BusFilterTest::sweep, 37));
    }

    @Test
    void anOpenFilterPassesTheSignalExactly() {
        float[] in = sine(RATE / 10, 440, 0.3);
        float[] out = run(in, s -> 20_000, 100);
        for (int i = 0; i < in.length; i++) {
            assertEquals(in[i], out[2 * i], 0f);
        }
    }
}
