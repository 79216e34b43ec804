package dev.segue.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.output.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ResamplingSource}: length, reading in any sizes, exact seeks, and agreement with SoX on a real file. */
class ResamplingSourceTest {
    @TempDir
    Path dir;

    /** Interleaved samples in memory as a PcmSource, handing out at most {@code maxRead} frames a read. */
    static final class ArraySource implements PcmSource {
        final float[] samples;
        final int channels;
        final int rate;
        final int maxRead;
        long frame;

        ArraySource(float[] samples, int channels, int rate, int maxRead) {
            this.samples = samples;
            this.channels = channels;
            this.rate = rate;
            this.maxRead = maxRead;
        }

        @Override
        public int channels() {
            return channels;
        }

        @Override
        public int sampleRate() {
            return rate;
        }

        @Override
        public long frames() {
            return samples.length / channels;
        }

        @Override
        public int read(float[] dst, int offset, int frames) {
            int n = (int) Math.min(Math.min(frames, maxRead), frames() - frame);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(samples, (int) frame * channels, dst, offset, n * channels);
            frame += n;
            return n;
        }

        @Override
        public void seek(long to) {
            frame = to;
        }

        @Override
        public String name() {
            return "array";
        }

        @Override
        public void close() {
        }
    }

    static float[] noise(int frames, int channels, long seed) {
        Random rnd = new Random(seed);
        float[] s = new float[frames * channels];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (rnd.nextGaussian() * 0.25);
        }
        return s;
    }

    /** Reads {@code src} to its end in reads of {@code chunk} frames. */
    static float[] readAll(PcmSource src, int chunk) throws IOException {
        float[] out = new float[1 << 16];
        float[] buf = new float[chunk * src.channels()];
        int n = 0;
        int got;
        while ((got = src.read(buf, 0, chunk)) >= 0) {
            if (n + got * src.channels() > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            System.arraycopy(buf, 0, out, n, got * src.channels());
            n += got * src.channels();
        }
        return Arrays.copyOf(out, n);
    }

    @ParameterizedTest(name = "{0} ch {1} -> {2} Hz")
    @CsvSource({"2, 44100, 48000", "1, 22050, 48000", "2, 96000, 44100", "3, 44056, 48000", "2, 48000, 48000"})
    void readsTheExactLengthBitIdenticalToTheResamplerInAnyReadSize(int channels, int inRate, int outRate) throws IOException {
        float[] in = noise(20_011, channels, inRate);
        float[] direct = ResamplerTest.resample(in, channels, inRate, outRate);
        for (int chunk : new int[] {1, 7, 1000, 5000}) {
            ResamplingSource src = new ResamplingSource(new ArraySource(in, channels, inRate, 333), outRate);
            assertEquals(outRate, src.sampleRate());
            assertEquals(Resampler.outputFrames(20_011, inRate, outRate), src.frames());
            float[] got = readAll(src, chunk);
            assertEquals(src.frames(), got.length / channels, "frames read in reads of " + chunk);
            assertArrayEquals(direct, got, "reads of " + chunk);
            assertEquals(-1, src.read(new float[channels * 8], 0, 8));
        }
    }

    /** PcmSource offsets count samples, so a read may start in the middle of a frame of the destination. */
    @ParameterizedTest(name = "{0} Hz")
    @CsvSource({"44100", "44056", "48000"})
    void readsToAnOffsetThatIsNotAWholeFrame(int inRate) throws IOException {
        float[] in = noise(5000, 2, 3);
        float[] direct = ResamplerTest.resample(in, 2, inRate, 48_000);
        ResamplingSource src = new ResamplingSource(new ArraySource(in, 2, inRate, 100), 48_000);
        float[] got = new float[direct.length + 1];
        int n = 0;
        int r;
        while ((r = src.read(got, 1 + 2 * n, Math.min(777, direct.length / 2 - n))) > 0) {
            n += r;
        }
        assertEquals(direct.length / 2, n);
        assertEquals(0f, got[0]);
        assertArrayEquals(direct, Arrays.copyOfRange(got, 1, got.length));
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"44100, 48000", "48000, 44100", "8000, 48000", "44056, 48000", "192000, 44100", "48000, 48000"})
    void seekThenReadEqualsReadingStraightThrough(int inRate, int outRate) throws IOException {
        int channels = 2;
        float[] in = noise(30_000, channels, 7);
        ResamplingSource straight = new ResamplingSource(new ArraySource(in, channels, inRate, 4096), outRate);
        float[] all = readAll(straight, 512);
        int total = all.length / channels;
        assertEquals(straight.frames(), total);
        ResamplingSource src = new ResamplingSource(new ArraySource(in, channels, inRate, 4096), outRate);
        Random rnd = new Random(inRate ^ outRate);
        long[] targets = {0, 1, 2, 10, total / 2, total - 300, total - 1, total, 777, 0};
        for (int t = 0; t < targets.length + 20; t++) {
            long to = t < targets.length ? targets[t] : rnd.nextInt(total + 1);
            src.seek(to);
            assertEquals(to, src.position());
            int want = (int) Math.min(600, total - to);
            float[] got = new float[600 * channels];
            int n = 0;
            while (n < want) {
                int r = src.read(got, n * channels, want - n);
                assertTrue(r > 0, "read after seek to " + to + " returned " + r);
                n += r;
            }
            for (int i = 0; i < want * channels; i++) {
                assertEquals(all[(int) to * channels + i], got[i], "after seek to " + to + ", sample " + i);
            }
            if (to + want == total) {
                assertEquals(-1, src.read(got, 0, 10), "end after seek to " + to);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> src.seek(total + 1));
        assertThrows(IllegalArgumentException.class, () -> src.seek(-1));
    }

    static boolean soxAvailable() {
        try {
            Process p = new ProcessBuilder("sox", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * A real file: 3 s of 44.1 kHz stereo (tones, a chirp to 16 kHz, a faded start and end), converted to
     * 48 kHz by us and by {@code sox in.wav -r 48000 out.wav rate -v}. Both filters are flat far past
     * 16 kHz and differ only near Nyquist, so what differs is the two implementations' error.
     */
    @Test
    void agreesWithSoxVeryHighQuality() throws Exception {
        Assumptions.assumeTrue(soxAvailable(), "sox is not installed");
        int rate = 44100;
        int frames = 3 * rate;
        float[] s = new float[frames * 2];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            double fade = Math.min(1, Math.min(t, 3 - t) / 0.02);
            fade = fade * fade * (3 - 2 * fade);
            double chirp = 2 * Math.PI * (50 * t + (16_000 - 50) / 6.0 * t * t); // 50 Hz to 16 kHz over 3 s
            s[2 * i] = (float) (fade * (0.3 * Math.sin(2 * Math.PI * 440 * t) + 0.2 * Math.sin(2 * Math.PI * 3150.7 * t)
                    + 0.1 * Math.sin(2 * Math.PI * 12_000 * t)));
            s[2 * i + 1] = (float) (fade * (0.4 * Math.sin(chirp) + 0.1 * Math.sin(2 * Math.PI * 7000 * t)));
        }
        Path in = dir.resolve("in.wav");
        Path soxOut = dir.resolve("sox48.wav");
        try (WavWriter w = new WavWriter(in, rate, 2)) {
            w.write(s, frames);
        }
        Process p = new ProcessBuilder("sox", in.toString(), "-r", "48000", soxOut.toString(), "rate", "-v")
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "sox failed: " + log);
        float[] ours;
        try (ResamplingSource src = new ResamplingSource(WavSource.open(in), 48_000)) {
            ours = readAll(src, 4096);
        }
        float[] theirs;
        try (WavSource src = WavSource.open(soxOut)) {
            assertEquals(48_000, src.sampleRate());
            theirs = readAll(src, 4096);
        }
        int common = Math.min(ours.length, theirs.length);
        double diff = 0;
        double signal = 0;
        for (int i = 0; i < common; i++) {
            double d = ours[i] - theirs[i];
            diff += d * d;
            signal += (double) theirs[i] * theirs[i];
        }
        double db = 10 * Math.log10(diff / signal);
        System.out.printf("sox rate -v comparison: ours %d frames, sox %d, difference %.1f dB relative to signal%n",
                ours.length / 2, theirs.length / 2, db);
        assertEquals(theirs.length, ours.length, 2 * 2, "lengths differ by more than 2 frames");
        assertTrue(db < -90, "difference from sox is " + db + " dB");
    }
}
