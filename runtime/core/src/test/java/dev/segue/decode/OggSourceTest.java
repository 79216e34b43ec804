package dev.segue.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link OggSource} on files made by real encoders (sox for the sources, oggenc for Vorbis; .ci/run
 * installs both): exact lengths, agreement with the source and with libvorbis ({@code oggdec}),
 * chained files, comments, exact seeking, long files in bounded memory. Damaged input is in
 * {@link OggSourceDamageTest}.
 */
class OggSourceTest {
    @TempDir
    static Path dir;

    /** A source WAV and its Ogg Vorbis encoding at {@code -q 6}, made once per test run. */
    static OggFixtures.Fixture fixture(int rate, int channels, long frames, int hz, String... oggencArgs) throws Exception {
        return OggFixtures.fixture(rate, channels, frames, hz, oggencArgs);
    }

    static OggFixtures.Fixture stereo48() throws Exception {
        return fixture(48_000, 2, 144_001, 440);
    }

    /** Reads all of {@code src} with reads of {@code chunk} frames and closes it. */
    static float[] readAll(PcmSource src, int chunk) throws IOException {
        try (src) {
            float[] out = new float[1 << 16];
            float[] buf = new float[chunk * src.channels()];
            int n = 0;
            int got;
            while ((got = src.read(buf, 0, chunk)) >= 0) {
                if (n + got * src.channels() > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, n + got * src.channels()));
                }
                System.arraycopy(buf, 0, out, n, got * src.channels());
                n += got * src.channels();
            }
            return Arrays.copyOf(out, n);
        }
    }

    /** Reads exactly {@code frames} frames (fewer only at the end). */
    static float[] readFrames(PcmSource src, int frames) throws IOException {
        float[] out = new float[frames * src.channels()];
        int n = 0;
        while (n < frames) {
            int got = src.read(out, n * src.channels(), Math.min(777, frames - n));
            if (got < 0) {
                return Arrays.copyOf(out, n * src.channels());
            }
            n += got;
        }
        return out;
    }

    /** Signal-to-noise ratio in dB of {@code got} against {@code ref}, {@code got} shifted by {@code lag} frames. */
    static double snr(float[] ref, float[] got, int channels, int lag) {
        double s = 0;
        double e = 0;
        for (int i = 8 * channels; i < ref.length - 8 * channels; i++) {
            double d = got[i + lag * channels] - ref[i];
            s += ref[i] * ref[i];
            e += d * d;
        }
        return 10 * Math.log10(s / e);
    }

    @ParameterizedTest(name = "{0} Hz, {1} channel(s), {2} frames")
    @CsvSource({"44100, 1, 110251, 441", "48000, 2, 144001, 440", "22050, 2, 44101, 523", "48000, 1, 1000, 1000", "44100, 2, 1, 440"})
    void decodesOggencOutputToTheExactLengthAndCloseToTheSource(int rate, int channels, long frames, int hz) throws Exception {
        OggFixtures.Fixture f = fixture(rate, channels, frames, hz);
        float[] ref = PcmData.load(WavSource.open(f.wav())).samples();
        float[] got;
        try (OggSource s = OggSource.open(f.ogg())) {
            assertEquals(channels, s.channels());
            assertEquals(rate, s.sampleRate());
            assertEquals(frames, s.frames(), "frames() from the last granule position");
            assertEquals(1, s.links());
            assertTrue(!s.truncated());
            got = readAll(s, 1000);
        }
        assertEquals(frames * channels, got.length, "decoded samples (oggenc trims the last packet to the true length)");
        if (frames >= 10_000) {
            double at0 = snr(ref, got, channels, 0);
            for (int lag : new int[] {-2, -1, 1, 2}) {
                assertTrue(snr(ref, got, channels, lag) < at0 - 3, "best alignment is at lag 0, not " + lag);
            }
            assertTrue(at0 > 25, "SNR against the source at -q 6: " + String.format("%.1f dB", at0));
            System.out.printf("OggSourceTest: %d Hz x%d, SNR against the source %.1f dB%n", rate, channels, at0);
        }
        if (WavSourceTest.onPath("oggdec")) { // libvorbis decodes the same stream: equal up to its 16-bit rounding
            Path dec = dir.resolve("oggdec-" + rate + "-" + channels + "-" + frames + ".wav");
            OggFixtures.run("oggdec", "-Q", "-o", dec.toString(), f.ogg().toString());
            float[] lib = PcmData.load(WavSource.open(dec)).samples();
            assertEquals(lib.length, got.length, "same length as oggdec");
            double worst = 0;
            for (int i = 0; i < got.length; i++) {
                worst = Math.max(worst, Math.abs(lib[i] - got[i]));
            }
            assertTrue(worst <= 1.01 / 32768, "largest difference from oggdec: " + worst * 32768 + " LSB");
        }
    }

    @Test
    void chainedFilePlaysItsLinksInOrderAsOneSource() throws Exception {
        OggFixtures.Fixture a = fixture(48_000, 2, 144_001, 440, "-c", "TITLE=first");
        OggFixtures.Fixture b = fixture(48_000, 2, 72_000, 660, "-c", "TITLE=second");
        Path chained = OggFixtures.cat(dir.resolve("chained.ogg"), a.ogg(), b.ogg());
        float[] first = readAll(OggSource.open(a.ogg()), 4096);
        float[] second = readAll(OggSource.open(b.ogg()), 4096);
        try (OggSource s = OggSource.open(chained)) {
            assertEquals(2, s.links());
            assertEquals(144_001 + 72_000, s.frames());
            assertEquals(List.of("first"), s.comments().get("TITLE"), "comments are the first link's");
            float[] all = readAll(s, 1000);
            float[] expected = Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, expected, first.length, second.length);
            assertArrayEquals(expected, all, "the chain decodes to link 1 then link 2, sample for sample");
        }
    }

    @Test
    void chainedLinkWithAnotherFormatIsRefusedAtOpen() throws Exception {
        OggFixtures.Fixture a = stereo48();
        OggFixtures.Fixture mono = fixture(44_100, 1, 110_251, 441);
        Path chained = OggFixtures.cat(dir.resolve("mixed.ogg"), a.ogg(), mono.ogg());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> OggSource.open(chained));
        assertTrue(e.getMessage().contains("link 2 has 1 channel(s) at 44100 Hz; the first has 2 at 48000 Hz"), e.getMessage());
        assertEquals(Files.size(a.ogg()), e.offset(), "the offset is where link 2 starts");
    }

    @Test
    void chainThatRepeatsASerialNumberFailsClearlyWhereTheFirstLinkEnds() throws Exception {
        OggFixtures.Fixture a = fixture(48_000, 2, 30_000, 440, "-s", "4242");
        OggFixtures.Fixture b = fixture(48_000, 2, 20_000, 660, "-s", "4242");
        Path chained = OggFixtures.cat(dir.resolve("sameserial.ogg"), a.ogg(), b.ogg());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> readAll(OggSource.open(chained), 4096));
        assertTrue(e.getMessage().contains("same serial number"), e.getMessage());
    }

    @Test
    void groupedStreamsPlayTheFirstVorbisStreamOnly() throws Exception {
        OggFixtures.Fixture a = fixture(48_000, 2, 30_000, 440);
        OggFixtures.Fixture b = fixture(48_000, 2, 72_000, 660, "-c", "TITLE=second");
        Path grouped = Files.write(dir.resolve("grouped.ogg"),
                OggFixtures.interleave(Files.readAllBytes(a.ogg()), Files.readAllBytes(b.ogg())));
        try (OggSource s = OggSource.open(grouped)) {
            assertEquals(1, s.links());
            assertEquals(30_000, s.frames(), "the length of the first stream, though the file ends with the other's pages");
            assertArrayEquals(readAll(OggSource.open(a.ogg()), 4096), readAll(s, 1000));
        }
        assertSeeksExactly(grouped, 9);
    }

    @Test
    void commentsAndLoopPointsComeFromTheCommentHeader() throws Exception {
        OggFixtures.Fixture f = fixture(44_100, 2, 50_000, 440, "-c", "TITLE=Boss Theme", "-c", "ARTIST=Segue", "-c", "title=alt",
                "-c", "LOOPSTART=44100", "-c", "LoopLength=2205");
        try (OggSource s = OggSource.open(f.ogg())) {
            assertEquals(List.of("Boss Theme", "alt"), s.comments().get("TITLE"), "keys are upper-cased, values kept in order");
            assertEquals(List.of("Segue"), s.comments().get("ARTIST"));
            assertEquals(44_100, s.loopStart());
            assertEquals(2_205, s.loopLength());
            assertTrue(s.vendor().startsWith("Xiph.Org libVorbis"), s.vendor());
            assertThrows(UnsupportedOperationException.class, () -> s.comments().put("X", List.of()));
        }
        OggFixtures.Fixture bad = fixture(44_100, 2, 50_000, 440, "-c", "LOOPSTART=soon");
        try (OggSource s = OggSource.open(bad.ogg()); OggSource plain = OggSource.open(stereo48().ogg())) {
            assertEquals(-1, s.loopStart(), "not a number");
            assertEquals(-1, plain.loopStart());
            assertEquals(-1, plain.loopLength());
            assertTrue(plain.comments().isEmpty());
        }
    }

    /** Seeks to 20 random frames (and the edges) and compares what follows with a straight read, bit for bit. */
    static void assertSeeksExactly(Path ogg, long seed) throws IOException {
        float[] straight = readAll(OggSource.open(ogg), 1000);
        try (OggSource s = OggSource.open(ogg)) {
            int ch = s.channels();
            long frames = s.frames();
            Random r = new Random(seed);
            long[] at = new long[23];
            for (int i = 0; i < 20; i++) {
                at[i] = (long) (r.nextDouble() * frames);
            }
            at[20] = frames - 1;
            at[21] = 0;
            at[22] = 1;
            for (long p : at) {
                s.seek(p);
                float[] got = readFrames(s, 3000);
                int from = (int) (p * ch);
                float[] want = Arrays.copyOfRange(straight, from, Math.min(straight.length, from + 3000 * ch));
                assertArrayEquals(want, got, "after seek(" + p + ")");
            }
            s.seek(frames);
            assertEquals(-1, s.read(new float[ch * 10], 0, 10), "nothing after seek(frames())");
            assertThrows(IllegalArgumentException.class, () -> s.seek(-1));
            assertThrows(IllegalArgumentException.class, () -> s.seek(frames + 1));
        }
    }

    @Test
    void seekIsExactToTheSample() throws Exception {
        assertSeeksExactly(stereo48().ogg(), 42);
        assertSeeksExactly(fixture(22_050, 2, 44_101, 523).ogg(), 7);
    }

    @Test
    void seekIsExactAcrossChainedLinks() throws Exception {
        OggFixtures.Fixture a = fixture(48_000, 2, 144_001, 440, "-c", "TITLE=first");
        OggFixtures.Fixture b = fixture(48_000, 2, 72_000, 660, "-c", "TITLE=second");
        OggFixtures.Fixture c = fixture(48_000, 2, 50_000, 880);
        assertSeeksExactly(OggFixtures.cat(dir.resolve("chained-seek.ogg"), a.ogg(), b.ogg(), c.ogg()), 3);
    }

    @Test
    void pagesThatEndInsidePacketsDecodeTheSameAndSeekExactly() throws Exception {
        Path original = fixture(44_100, 2, 110_251, 441).ogg();
        int[] moved = {0};
        Path spilled = Files.write(dir.resolve("spilled.ogg"), OggFixtures.spillPackets(Files.readAllBytes(original), moved));
        assertTrue(moved[0] > 5, "pages ending inside a packet: " + moved[0]);
        assertArrayEquals(readAll(OggSource.open(original), 4096), readAll(OggSource.open(spilled), 4096));
        assertSeeksExactly(spilled, 5); // seeks land on pages that begin with the tail of a packet
    }

    @Test
    void tenMinuteFileDecodesInBoundedHeapAndSeeksExactly() throws Exception {
        Assumptions.assumeTrue(OggFixtures.haveTools(), "sox and oggenc (vorbis-tools) are not installed");
        Path ogg = dir.resolve("ten-minutes.ogg");
        OggFixtures.run("sox -r 22050 -n -c 1 -b 16 -t wav - synth 600 sine 440 vol 0.5 | oggenc -Q -q 0 -o " + ogg + " -");
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long[] at = new Random(11).longs(20, 0, 600L * 22_050 - 2048).sorted().toArray();
        float[][] windows = new float[at.length][];
        long grew;
        try (OggSource s = OggSource.open(ogg)) {
            assertEquals(600L * 22_050, s.frames());
            float[] buf = new float[4096];
            long n = 0;
            int got;
            int w = 0;
            while ((got = s.read(buf, 0, 4096)) > 0) {
                for (int k = 0; k < at.length; k++) { // keep the straight-read windows to compare with seeks
                    long a = at[k];
                    if (a + 2048 > n && a < n + got) {
                        if (windows[k] == null) {
                            windows[k] = new float[2048];
                        }
                        for (long i = Math.max(a, n); i < Math.min(a + 2048, n + got); i++) {
                            windows[k][(int) (i - a)] = buf[(int) (i - n)];
                        }
                    }
                }
                n += got;
                w++;
            }
            assertEquals(600L * 22_050, n, "frames read");
            System.gc();
            grew = rt.totalMemory() - rt.freeMemory() - before;
            assertTrue(grew < 8 << 20, "heap grew by " + grew / 1024 + " KiB over " + w + " reads");
            for (int k = 0; k < at.length; k++) {
                s.seek(at[k]);
                assertArrayEquals(windows[k], readFrames(s, 2048), "after seek(" + at[k] + ") in a 600 s file");
            }
        }
        System.out.println("OggSourceTest: 600 s file, heap growth after reading it all " + grew / 1024 + " KiB");
    }

    @Test
    void readingAllocatesTheSameWhateverTheReadSize() throws Exception {
        Path ogg = stereo48().ogg();
        readAll(OggSource.open(ogg), 4096); // warm up
        readAll(OggSource.open(ogg), 64);
        double big = allocatedPerSecond(ogg, 4096);
        double small = allocatedPerSecond(ogg, 64);
        System.out.printf("OggSourceTest: allocation while decoding 48 kHz stereo: %.0f bytes per second of audio"
                + " with 4096-frame reads, %.0f with 64-frame reads (all inside JOrbis)%n", big, small);
        assertTrue(Math.abs(big - small) < 0.05 * big + 4096, "reads of 64 frames allocate " + small
                + " B/s, reads of 4096 frames " + big + " B/s: the read loop must not allocate per call");
    }

    private static double allocatedPerSecond(Path ogg, int chunk) throws IOException {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (OggSource s = OggSource.open(ogg)) {
            float[] buf = new float[chunk * s.channels()];
            readFrames(s, 24_000); // past start-up
            long frames = 0;
            long a0 = mx.getCurrentThreadAllocatedBytes();
            int got;
            while ((got = s.read(buf, 0, chunk)) > 0) {
                frames += got;
            }
            long bytes = mx.getCurrentThreadAllocatedBytes() - a0;
            return bytes / (frames / (double) s.sampleRate());
        }
    }
}
