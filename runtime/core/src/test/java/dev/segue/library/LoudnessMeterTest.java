package dev.segue.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meter against the EBU Tech 3341/3342 test signals (built here sample by sample) and against
 * {@code ffmpeg -af ebur128} on files sox writes.
 */
class LoudnessMeterTest {
    @TempDir
    Path dir;

    /** Appends {@code seconds} of a stereo (or mono) sine at {@code dbfs} peak to the meter. */
    private static void sine(LoudnessMeter m, double hz, double dbfs, double seconds, double phase) {
        int rate = m.sampleRate();
        int ch = m.channels();
        double amp = Math.pow(10, dbfs / 20);
        int n = (int) Math.round(seconds * rate);
        float[] block = new float[1000 * ch];
        int done = 0;
        while (done < n) {
            int k = Math.min(1000, n - done);
            for (int i = 0; i < k; i++) {
                float v = (float) (amp * Math.sin(2 * Math.PI * hz * (done + i) / rate + phase));
                for (int c = 0; c < ch; c++) {
                    block[i * ch + c] = v;
                }
            }
            m.accept(block, 0, k);
            done += k;
        }
    }

    @Test
    void aOneKilohertzSineAtMinus23DbfsInStereoIsMinus23Lufs() {
        LoudnessMeter m = new LoudnessMeter(48_000, 2);
        sine(m, 1000, -23, 20, 0);
        assertEquals(-23.0, m.integratedLufs(), 0.1);
        assertEquals(-23.0, m.momentaryLufs(), 0.1);
        assertEquals(-23.0, m.shortTermLufs(), 0.1);
        assertEquals(-23.0, m.maxMomentaryLufs(), 0.1);
        assertEquals(0, m.loudnessRangeLu(), 0.1);
        assertEquals(-23.0, m.samplePeakDbfs(), 0.01);
        assertEquals(20 * 48_000, m.frames());
    }

    @Test
    void tech3341Case2AtMinus33() {
        LoudnessMeter m = new LoudnessMeter(48_000, 2);
        sine(m, 1000, -33, 20, 0);
        assertEquals(-33.0, m.integratedLufs(), 0.1);
    }

    @Test
    void monoCountsOneChannel() {
        LoudnessMeter m = new LoudnessMeter(48_000, 1);
        sine(m, 1000, -23, 10, 0);
        assertEquals(-23.0 - 10 * Math.log10(2), m.integratedLufs(), 0.1);
    }

    @Test
    void theRelativeGateIgnoresTheQuietParts() {
        // Tech 3341 case 3: -36, -23, -36 dBFS for 10, 60, 10 s
        LoudnessMeter m = new LoudnessMeter(48_000, 2);
        sine(m, 1000, -36, 10, 0);
        sine(m, 1000, -23, 60, 0);
        sine(m, 1000, -36, 10, 0);
        assertEquals(-23.0, m.integratedLufs(), 0.1);
        // case 4: -72 (below the absolute gate), -36, -23, -36, -72
        LoudnessMeter m4 = new LoudnessMeter(48_000, 2);
        sine(m4, 1000, -72, 10, 0);
        sine(m4, 1000, -36, 10, 0);
        sine(m4, 1000, -23, 60, 0);
        sine(m4, 1000, -36, 10, 0);
        sine(m4, 1000, -72, 10, 0);
        assertEquals(-23.0, m4.integratedLufs(), 0.1);
    }

    @Test
    void kWeightingHoldsAtOtherSampleRates() {
        for (int rate : new int[] {32_000, 44_100, 88_200, 96_000, 192_000}) {
            LoudnessMeter m = new LoudnessMeter(rate, 2);
            sine(m, 1000, -23, 10, 0);
            assertEquals(-23.0, m.integratedLufs(), 0.1, rate + " Hz");
            // the shelf: +4 dB at 10 kHz, the same at every rate that carries it
            LoudnessMeter hi = new LoudnessMeter(rate, 2);
            sine(hi, 10_000, -23, 5, 0);
            LoudnessMeter ref = new LoudnessMeter(48_000, 2);
            sine(ref, 10_000, -23, 5, 0);
            assertEquals(ref.integratedLufs(), hi.integratedLufs(), rate == 32_000 ? 0.3 : 0.05, rate + " Hz at 10 kHz");
            // the high pass: a 20 Hz tone is strongly cut
            LoudnessMeter lo = new LoudnessMeter(rate, 2);
            sine(lo, 20, -23, 10, 0);
            assertTrue(lo.integratedLufs() < -30, rate + " Hz: 20 Hz reads " + lo.integratedLufs());
        }
    }

    @Test
    void loudnessRangeOfTwoLevelsIsTheirDifference() {
        // Tech 3342 cases 1 and 2: 20 s at -20 then 20 s at -30 (LRA 10), -20 then -15 (LRA 5)
        LoudnessMeter m = new LoudnessMeter(48_000, 2);
        sine(m, 1000, -20, 20, 0);
        sine(m, 1000, -30, 20, 0);
        assertEquals(10, m.loudnessRangeLu(), 1);
        LoudnessMeter m2 = new LoudnessMeter(48_000, 2);
        sine(m2, 1000, -20, 20, 0);
        sine(m2, 1000, -15, 20, 0);
        assertEquals(5, m2.loudnessRangeLu(), 1);
    }

    /**
     * One crest between samples: a 7 kHz tone under a narrow Gaussian (its band well below
     * 11.025 kHz) at 22.05 kHz, its crest moved across a sample in sixteen steps. On a 4x grid a crest
     * 1/8 sample off read 0.27 dB low; oversampled to 176.4 kHz or more at every rate (8x here), as
     * ffmpeg's meter (192 kHz) does, every offset reads within 0.12 dB of the crest.
     */
    @Test
    void truePeakFindsACrestBetweenSamplesAtLowRatesToo() {
        int rate = 22_050;
        double amp = 0.5;
        for (int step = 0; step < 16; step++) {
            double t0 = 2000 + step / 16.0;
            float[] x = new float[4000];
            for (int i = 0; i < x.length; i++) {
                double t = i - t0;
                x[i] = (float) (amp * Math.cos(2 * Math.PI * 7_000 * t / rate) * Math.exp(-t * t / (2 * 8.0 * 8.0)));
            }
            LoudnessMeter m = new LoudnessMeter(rate, 1);
            m.accept(x, 0, x.length);
            assertEquals(20 * Math.log10(amp), m.truePeakDbtp(), 0.12, "crest " + step + "/16 of a sample after a sample");
        }
    }

    @Test
    void truePeakFindsThePeakBetweenSamples() {
        // a quarter-rate sine sampled 45 degrees off its crest: samples at -3 dB, the wave at 0 dBTP
        LoudnessMeter m = new LoudnessMeter(48_000, 2);
        sine(m, 12_000, -0.0, 1, Math.PI / 4);
        assertEquals(-3.01, m.samplePeakDbfs(), 0.05);
        assertEquals(0.0, m.truePeakDbtp(), 0.3);
        // a 1 kHz sine: the true peak is the sample peak
        LoudnessMeter s = new LoudnessMeter(44_100, 1);
        sine(s, 997, -6, 1, 0.3);
        assertEquals(-6, s.truePeakDbtp(), 0.05);
    }

    @Test
    void blockSizeDoesNotMatter() {
        Random r = new Random(7);
        float[] x = new float[48_000 * 8 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * r.nextGaussian() * Math.sin(i / 30_000.0));
        }
        LoudnessMeter whole = new LoudnessMeter(48_000, 2);
        whole.accept(x, 0, x.length / 2);
        LoudnessMeter pieces = new LoudnessMeter(48_000, 2);
        int at = 0;
        while (at < x.length / 2) {
            int n = Math.min(1 + r.nextInt(3000), x.length / 2 - at);
            pieces.accept(x, at * 2, n);
            at += n;
        }
        assertEquals(whole.integratedLufs(), pieces.integratedLufs(), 1e-9);
        assertEquals(whole.truePeakDbtp(), pieces.truePeakDbtp(), 1e-9);
        assertEquals(whole.shortTermLufs(), pieces.shortTermLufs(), 1e-9);
        pieces.reset();
        assertEquals(LoudnessMeter.SILENCE, pieces.integratedLufs());
        assertEquals(LoudnessMeter.SILENCE, pieces.truePeakDbtp());
        pieces.accept(x, 0, x.length / 2);
        assertEquals(whole.integratedLufs(), pieces.integratedLufs(), 1e-9);
    }

    @Test
    void silenceAndBadArguments() {
        LoudnessMeter m = new LoudnessMeter(48_000, 2);
        m.accept(new float[96_000 * 2], 0, 96_000);
        assertEquals(LoudnessMeter.SILENCE, m.integratedLufs());
        assertEquals(LoudnessMeter.SILENCE, m.momentaryLufs());
        assertEquals(0, m.loudnessRangeLu());
        assertThrows(IllegalArgumentException.class, () -> new LoudnessMeter(48_000, 6));
        assertThrows(IllegalArgumentException.class, () -> new LoudnessMeter(100, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.accept(new float[10], 0, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> m.accept(new float[10], -1, 1));
    }

    // ------------------------------------------------------------------ ffmpeg cross-check

    @Test
    void agreesWithFfmpegOnFilesSoxWrites() throws Exception {
        List<String> files = new ArrayList<>();
        // pink noise breathing slowly, 48 kHz stereo
        files.add(sox("noise48.wav", "-n -r 48000 -c 2 noise48.wav synth 20 pinknoise tremolo 0.3 70 gain -14"));
        // a chord swelling deeply between silences, 44.1 kHz stereo: exercises both gates and the rate.
        // (It starts with silence: ffmpeg counts zero-padded short-term windows during the first 3 s
        // into its loudness range, Tech 3342 and this meter do not.)
        files.add(sox("chord44.wav", "-n -r 44100 -c 2 chord44.wav synth 16 sine 220 sine 277 sine 330 sine 440 "
                + "tremolo 0.2 80 pad 3 4 gain -9"));
        // mono at 96 kHz: brown noise and a square wave, loud
        files.add(sox("mono96.wav", "-n -r 96000 -c 1 mono96.wav synth 12 square 110 brownnoise gain -3"));
        for (String f : files) {
            Ffmpeg ref = ffmpeg(f);
            Measured ours = measure(f);
            String what = f + ": ours I " + ours.i + " LRA " + ours.lra + " TP " + ours.tp + "; ffmpeg I " + ref.i
                    + " LRA " + ref.lra + " TP " + ref.tp;
            System.out.println(what);
            assertEquals(ref.i, ours.i, 0.15, what);
            assertEquals(ref.lra, ours.lra, 0.3, what);
            assertEquals(ref.tp, ours.tp, 0.3, what);
        }
    }

    private record Measured(double i, double lra, double tp) {
    }

    private record Ffmpeg(double i, double lra, double tp) {
    }

    private String sox(String name, String args) throws IOException, InterruptedException {
        run("sox -R " + args);
        return name;
    }

    /** Our meter on the file, read as sox's float32 conversion of it. */
    private Measured measure(String file) throws IOException, InterruptedException {
        String info = run("soxi " + file);
        int rate = Integer.parseInt(field(info, "Sample Rate\\s*:\\s*(\\d+)"));
        int ch = Integer.parseInt(field(info, "Channels\\s*:\\s*(\\d+)"));
        run("sox " + file + " -t f32 -e floating-point " + file + ".f32");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(file + ".f32"))).order(ByteOrder.LITTLE_ENDIAN);
        float[] x = new float[b.remaining() / 4];
        b.asFloatBuffer().get(x);
        LoudnessMeter m = new LoudnessMeter(rate, ch);
        m.accept(x, 0, x.length / ch);
        return new Measured(m.integratedLufs(), m.loudnessRangeLu(), m.truePeakDbtp());
    }

    private Ffmpeg ffmpeg(String file) throws IOException, InterruptedException {
        String log = run("ffmpeg -hide_banner -nostats -i " + file + " -af ebur128=peak=true:framelog=verbose -f null -");
        String summary = log.substring(log.lastIndexOf("Summary:"));
        return new Ffmpeg(Double.parseDouble(field(summary, "I:\\s*(-?[\\d.]+) LUFS")),
                Double.parseDouble(field(summary, "LRA:\\s*(-?[\\d.]+) LU")),
                Double.parseDouble(field(summary, "Peak:\\s*(-?[\\d.]+) dBFS")));
    }

    private static String field(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no " + regex + " in:\n" + text);
        return m.group(1);
    }

    private String run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command.split(" +"))).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command + " timed out");
        assertEquals(0, p.exitValue(), command + "\n" + log);
        return log;
    }
}
