package dev.segue.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** What the MP3 and FLAC tests share: running real encoders, reading whole files, mangling files. */
final class DecoderTestKit {
    private DecoderTestKit() {
    }

    static boolean onPath(String tool) {
        return WavSourceTest.onPath(tool);
    }

    /**
     * Runs a command line (words split on spaces) in {@code dir}; fails the test if it fails. Call sox
     * with {@code -R} so its noise is the same on every run and a failure can be reproduced.
     */
    static void run(Path dir, String command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of(command.trim().split(" +")));
        Process p = new ProcessBuilder(words).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command + " timed out");
        assertEquals(0, p.exitValue(), command + "\n" + log);
    }

    /** Reads {@code s} to the end through a 4096-frame buffer; it must deliver exactly frames() frames. */
    static float[] readAll(PcmSource s) throws IOException {
        long frames = s.frames();
        int ch = s.channels();
        float[] out = new float[Math.toIntExact(frames * ch)];
        float[] buf = new float[4096 * ch];
        int n = 0;
        int got;
        while ((got = s.read(buf, 0, 4096)) > 0) {
            assertTrue((long) n + (long) got * ch <= out.length, "read more than frames() = " + frames);
            System.arraycopy(buf, 0, out, n, got * ch);
            n += got * ch;
        }
        assertEquals(out.length, n, "frames delivered vs frames()");
        assertEquals(-1, s.read(buf, 0, 4096), "read after the end");
        return out;
    }

    /** Seeks to {@code count} random positions (and both ends); each read must equal {@code ref} bit for bit. */
    static void assertSeeksExact(PcmSource s, float[] ref, int count, long seed) throws IOException {
        int ch = s.channels();
        Random r = new Random(seed);
        float[] buf = new float[3000 * ch];
        List<Long> positions = new ArrayList<>();
        positions.add(0L);
        for (int i = 0; i < count; i++) {
            positions.add((long) (r.nextDouble() * s.frames()));
        }
        positions.add(s.frames() - 1);
        for (long f : positions) {
            s.seek(f);
            int want = 1 + r.nextInt(3000);
            int got = 0;
            while (got < want) { // short reads are allowed: keep reading
                int n = s.read(buf, got * ch, want - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            assertEquals(Math.min(want, s.frames() - f), got, "frames read after seek to " + f);
            for (int k = 0; k < got * ch; k++) {
                if (Float.floatToRawIntBits(buf[k]) != Float.floatToRawIntBits(ref[(int) (f * ch) + k])) {
                    fail("after seek to " + f + ", frame " + (f + k / ch) + " channel " + k % ch + " is " + buf[k]
                            + ", a straight read gives " + ref[(int) (f * ch) + k]);
                }
            }
        }
        s.seek(s.frames());
        assertEquals(-1, s.read(buf, 0, 10));
    }

    /** The lag (in frames, -max..max) at which channel 0 of {@code got} best matches {@code ref}. */
    static int bestLag(float[] ref, int refCh, float[] got, int gotCh, int max) {
        int n = Math.min(ref.length / refCh, got.length / gotCh);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = -max; lag <= max; lag++) {
            double dot = 0;
            double ee = 0;
            for (int i = Math.max(0, -lag); i < n && i + lag < n; i++) {
                double g = got[(i + lag) * gotCh];
                dot += g * ref[i * refCh];
                ee += g * g;
            }
            double score = dot / Math.sqrt(ee + 1e-12);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    /** Copies {@code src} cut to {@code fraction} of its length. */
    static Path truncated(Path src, double fraction, Path dst) throws IOException {
        byte[] b = Files.readAllBytes(src);
        return Files.write(dst, java.util.Arrays.copyOf(b, (int) (b.length * fraction)));
    }

    /** Copies {@code src} with one random bit flipped in {@code fraction} of the bytes from {@code from} on. */
    static Path bitFlipped(Path src, long from, double fraction, long seed, Path dst) throws IOException {
        byte[] b = Files.readAllBytes(src);
        Random r = new Random(seed);
        int flips = (int) ((b.length - from) * fraction);
        for (int i = 0; i < flips; i++) {
            int at = (int) (from + r.nextInt((int) (b.length - from)));
            b[at] ^= (byte) (1 << r.nextInt(8));
        }
        return Files.write(dst, b);
    }

    /** Bytes the current thread allocates while {@code work} runs. */
    /**
     * Bytes {@code s} allocates per second of audio once warm: reads it through once, rewinds, then
     * measures a second full read with a fixed 4096-frame buffer.
     */
    static double allocationPerSecond(PcmSource s) throws IOException {
        readAll(s); // warm up
        s.seek(0);
        float[] buf = new float[4096 * s.channels()];
        s.read(buf, 0, 4096);
        long[] frames = {0};
        long bytes = allocatedBy(() -> {
            int n;
            while ((n = s.read(buf, 0, 4096)) > 0) {
                frames[0] += n;
            }
        });
        return bytes / (frames[0] / (double) s.sampleRate());
    }

    static long allocatedBy(ThrowingRunnable work) throws IOException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        work.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    /** Heap in use after a full collection. */
    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    interface ThrowingRunnable {
        void run() throws IOException;
    }
}
