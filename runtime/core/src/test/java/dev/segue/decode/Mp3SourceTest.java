package dev.segue.decode;

import static dev.segue.decode.DecoderTestKit.allocationPerSecond;
import static dev.segue.decode.DecoderTestKit.assertSeeksExact;
import static dev.segue.decode.DecoderTestKit.bestLag;
import static dev.segue.decode.DecoderTestKit.readAll;
import static dev.segue.decode.DecoderTestKit.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Mp3Source against files LAME really made (sox synthesises the sources). */
class Mp3SourceTest {
    @TempDir
    static Path dir;

    private static boolean tools;

    @BeforeAll
    static void encode() throws Exception {
        tools = DecoderTestKit.onPath("sox") && DecoderTestKit.onPath("lame");
        if (!tools) {
            return;
        }
        // noise plus a linear ramp (one sawtooth period over the file): sharp for cross-correlation
        run(dir, "sox -R -n -r 44100 -c 2 -b 16 n44.wav synth 3 whitenoise vol 0.6");
        run(dir, "sox -R -n -r 44100 -c 2 -b 16 r44.wav synth 3 sawtooth 0.33333 vol 0.6");
        run(dir, "sox -R -m n44.wav r44.wav s44.wav");
        run(dir, "sox -R -n -r 48000 -c 1 -b 16 n48.wav synth 2 whitenoise vol 0.5");
        run(dir, "sox -R -n -r 48000 -c 1 -b 16 t48.wav synth 2 sine 440 vol 0.5");
        run(dir, "sox -R -m n48.wav t48.wav m48.wav");
        run(dir, "sox -R -n -r 22050 -c 2 -b 16 n22.wav synth 2 whitenoise vol 0.6");
        run(dir, "sox -R -n -r 22050 -c 2 -b 16 r22.wav synth 2 sawtooth 0.5 vol 0.6");
        run(dir, "sox -R -m n22.wav r22.wav s22.wav");
        run(dir, "sox -R -n -r 8000 -c 2 -b 16 n8.wav synth 2 whitenoise vol 0.6");
        run(dir, "sox -R -n -r 8000 -c 2 -b 16 r8.wav synth 2 sawtooth 0.5 vol 0.6");
        run(dir, "sox -R -m n8.wav r8.wav s8.wav");
        run(dir, "lame --quiet --preset standard s44.wav vbr.mp3");
        run(dir, "lame --quiet -b 192 s44.wav cbr.mp3");
        run(dir, "lame --quiet -m s -b 160 s44.wav stereo.mp3");
        run(dir, "lame --quiet -V2 m48.wav mono.mp3");
        run(dir, "lame --quiet -b 64 s22.wav mpeg2.mp3");
        run(dir, "lame --quiet -t -b 192 s44.wav notag.mp3");
        run(dir, "lame --quiet -p -b 128 s44.wav crc.mp3");
        run(dir, "lame --quiet -b 32 s8.wav mpeg25.mp3");
    }

    private static void needTools() {
        Assumptions.assumeTrue(tools, "sox and lame are needed (.ci/run installs them)");
    }

    private static float[] wav(String name) throws IOException {
        return PcmData.load(WavSource.open(dir.resolve(name))).samples();
    }

    private static float[] mp3(Path p) throws IOException {
        try (Mp3Source s = Mp3Source.open(p)) {
            return readAll(s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"vbr.mp3, s44.wav, 2, 44100", "cbr.mp3, s44.wav, 2, 44100", "stereo.mp3, s44.wav, 2, 44100",
        "mono.mp3, m48.wav, 1, 48000", "mpeg2.mp3, s22.wav, 2, 22050", "crc.mp3, s44.wav, 2, 44100",
        "mpeg25.mp3, s8.wav, 2, 8000"})
    void gaplessLengthAndAlignmentMatchTheOriginal(String mp3, String wav, int channels, int rate) throws IOException {
        needTools();
        float[] original = wav(wav);
        try (Mp3Source s = Mp3Source.open(dir.resolve(mp3))) {
            assertEquals(channels, s.channels());
            assertEquals(rate, s.sampleRate());
            assertEquals(original.length / channels, s.frames(), "decoded length is the original length");
            float[] got = readAll(s);
            assertEquals(0, bestLag(original, channels, got, channels, 600), "cross-correlation peak");
            assertEquals(0, s.damagedFrames());
        }
    }

    @Test
    void withoutLameTagOnlyTheDecoderDelayIsRemoved() throws IOException {
        needTools();
        float[] original = wav("s44.wav");
        try (Mp3Source s = Mp3Source.open(dir.resolve("notag.mp3"))) {
            float[] got = readAll(s);
            assertEquals(576, bestLag(original, 2, got, 2, 800), "LAME's encoder delay stays in");
            assertTrue(s.frames() >= original.length / 2 + 576, "the end keeps the padding: " + s.frames());
            assertEquals(0, (s.frames() + Mp3Source.DECODER_DELAY) % 1152, "whole frames minus the decoder delay");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vbr.mp3", "cbr.mp3", "mono.mp3", "mpeg2.mp3", "notag.mp3", "crc.mp3", "mpeg25.mp3"})
    void seekIsExactToTheSample(String name) throws IOException {
        needTools();
        float[] ref = mp3(dir.resolve(name));
        try (Mp3Source s = Mp3Source.open(dir.resolve(name))) {
            assertSeeksExact(s, ref, 20, name.hashCode());
        }
    }

    @Test
    void tagsAndGarbageAroundTheAudioAreSkipped() throws IOException {
        needTools();
        byte[] mp3 = Files.readAllBytes(dir.resolve("cbr.mp3"));
        byte[] fakeSync = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64};
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        // ID3v2.4 with the footer flag; its body is full of frame syncs that must not be taken for audio
        byte[] body = new byte[3000];
        for (int i = 0; i + 4 <= body.length; i += 7) {
            System.arraycopy(fakeSync, 0, body, i, 4);
        }
        b.write(id3v2Header("ID3", body.length));
        b.write(body);
        b.write(id3v2Header("3DI", body.length));
        // garbage with a lone sync between the tag and the first frame
        byte[] junk = new byte[300];
        new Random(3).nextBytes(junk);
        System.arraycopy(fakeSync, 0, junk, 10, 4);
        b.write(junk);
        b.write(mp3);
        b.write(apeTag());
        byte[] id3v1 = new byte[128];
        id3v1[0] = 'T';
        id3v1[1] = 'A';
        id3v1[2] = 'G';
        System.arraycopy(fakeSync, 0, id3v1, 3, 4);
        b.write(id3v1);
        Path tagged = Files.write(dir.resolve("tagged.mp3"), b.toByteArray());
        float[] plain = mp3(dir.resolve("cbr.mp3"));
        float[] got = mp3(tagged);
        assertArrayEquals(plain, got);
    }

    private static byte[] id3v2Header(String id, int size) {
        byte[] h = {(byte) id.charAt(0), (byte) id.charAt(1), (byte) id.charAt(2), 4, 0, 0x10, 0, 0, 0, 0};
        for (int i = 0; i < 4; i++) {
            h[9 - i] = (byte) ((size >>> (7 * i)) & 0x7F);
        }
        return h;
    }

    private static byte[] apeTag() {
        byte[] item = "\u0005\0\0\0\0\0\0\0Title\0\u00FF\u00FB\u0090d!".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteBuffer t = ByteBuffer.allocate(32 + item.length + 32).order(ByteOrder.LITTLE_ENDIAN);
        for (int pass = 0; pass < 2; pass++) {
            t.put("APETAGEX".getBytes()).putInt(2000).putInt(item.length + 32).putInt(1)
                    .putInt(pass == 0 ? 0xA000_0000 : 0x8000_0000).putLong(0);
            if (pass == 0) {
                t.put(item);
            }
        }
        return t.array();
    }

    @ParameterizedTest(name = "cut at {0}")
    @ValueSource(doubles = {0.1, 0.5, 0.9})
    void aTruncatedFilePlaysUpToTheCutThenEnds(double fraction) throws IOException {
        needTools();
        float[] full = mp3(dir.resolve("vbr.mp3"));
        Path cut = DecoderTestKit.truncated(dir.resolve("vbr.mp3"), fraction, dir.resolve("cut.mp3"));
        try (Mp3Source s = Mp3Source.open(cut)) {
            float[] got = readAll(s);
            long fullFrames = full.length / 2;
            assertTrue(s.frames() < fullFrames && s.frames() > fullFrames * fraction - 20_000, "frames " + s.frames());
            assertArrayEquals(Arrays.copyOf(full, got.length), got, "the audio before the cut is untouched");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void bitFlipsNeverHangOrThrowAnythingButAudioFormatException(long seed) throws IOException {
        needTools();
        for (String name : new String[] {"vbr.mp3", "mono.mp3", "mpeg2.mp3"}) {
            Path bad = DecoderTestKit.bitFlipped(dir.resolve(name), 600, 0.01, seed, dir.resolve("flipped.mp3"));
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (Mp3Source s = Mp3Source.open(bad)) {
                    readAll(s);
                    seekAround(s, seed);
                } catch (AudioFormatException expected) {
                    // refusing the file is fine too
                }
            });
        }
    }

    /** Seeks and reads here and there: on a damaged file only termination and the frame count are checked. */
    static void seekAround(PcmSource s, long seed) throws IOException {
        Random r = new Random(seed);
        float[] buf = new float[1000 * s.channels()];
        for (int i = 0; i < 10; i++) {
            long f = (long) (r.nextDouble() * s.frames());
            s.seek(f);
            long got = 0;
            int n;
            while ((n = s.read(buf, 0, 1000)) > 0) {
                got += n;
            }
            assertEquals(s.frames() - f, got);
        }
    }

    @Test
    void badFilesGiveAudioFormatExceptions() throws IOException {
        assertError(Files.write(dir.resolve("empty.mp3"), new byte[0]), "the file is empty");
        assertError(Files.writeString(dir.resolve("text.mp3"), "This is a text file, not audio.\n".repeat(50)),
                "no MPEG layer III audio frames found");
        byte[] noise = new byte[1 << 16];
        new Random(7).nextBytes(noise);
        assertError(Files.write(dir.resolve("random.mp3"), noise), "no MPEG layer III audio frames found");
        byte[] hugeTag = Arrays.copyOf(id3v2Header("ID3", 0x0FFF_FFFF), 100);
        assertError(Files.write(dir.resolve("tag.mp3"), hugeTag), "ID3v2 tag claims");
        assertError(dir.resolve("missing.mp3"), "no such file");
    }

    private static void assertError(Path p, String reason) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> PcmData.load(Mp3Source.open(p)));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void absurdLameTagValuesAreClamped() throws IOException {
        needTools();
        byte[] b = Files.readAllBytes(dir.resolve("vbr.mp3"));
        // LAME's Info frame here: Xing at 36, frame count at 44, LAME tag at 156 (delay/padding at +21)
        assertEquals("Xing", new String(b, 36, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        for (int[] edit : new int[][] {{0xFFFF_FFFF, 0xFF, 0xFF, 0xFF}, {0, 0xFF, 0xFF, 0xFF}, {0xFFFF_FFFF, 0, 0, 0}}) {
            ByteBuffer.wrap(b).putInt(44, edit[0]);
            b[177] = (byte) edit[1];
            b[178] = (byte) edit[2];
            b[179] = (byte) edit[3];
            int crc = 0;
            for (int i = 0; i < 190; i++) {
                crc ^= b[i] & 0xFF;
                for (int k = 0; k < 8; k++) {
                    crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
                }
            }
            b[190] = (byte) (crc >>> 8);
            b[191] = (byte) crc;
            Path p = Files.write(dir.resolve("absurd.mp3"), b);
            try (Mp3Source s = Mp3Source.open(p)) {
                assertTrue(s.frames() >= 0 && s.frames() < 3 * 44_100 + 2000, "frames " + s.frames());
                readAll(s);
            }
        }
    }

    @Test
    void steadyStateAllocationStaysWithinItsBudget() throws IOException {
        needTools();
        try (Mp3Source s = Mp3Source.open(dir.resolve("vbr.mp3"))) {
            double perSecond = allocationPerSecond(s);
            // measured 0 B/s (JLayer reuses its buffers; Segue's code allocates none); the budget leaves
            // room for the JIT's own rare allocations on this thread, not for a per-frame object
            assertTrue(perSecond <= 16 * 1024, "Mp3Source allocates " + perSecond + " bytes per second of audio");
        }
    }

    @Test
    void tenMinutesDecodeInBoundedMemory() throws Exception {
        needTools();
        run(dir, "sox -R -n -r 22050 -c 1 -b 16 long.wav synth 600 sine 300-3000 vol 0.5");
        run(dir, "lame --quiet -b 64 long.wav long.mp3"); // at 32 kbps the frame is too small for a LAME tag
        Files.delete(dir.resolve("long.wav"));
        long before = DecoderTestKit.usedHeapAfterGc();
        long peak = 0;
        try (Mp3Source s = Mp3Source.open(dir.resolve("long.mp3"))) {
            assertEquals(600L * 22_050, s.frames());
            float[] buf = new float[4096];
            long total = 0;
            int n;
            long t0 = System.nanoTime();
            while ((n = s.read(buf, 0, 4096)) > 0) {
                total += n;
                if (total % (4096L * 800) < 4096) {
                    peak = Math.max(peak, DecoderTestKit.usedHeapAfterGc() - before);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(s.frames(), total);
            peak = Math.max(peak, DecoderTestKit.usedHeapAfterGc() - before);
            System.out.printf("Mp3Source: 600 s of 22.05 kHz mono in %.2f s, heap growth at most %d KB%n", seconds, peak / 1024);
        }
        assertTrue(peak < 8 << 20, "heap grew by " + peak + " bytes");
    }
}
