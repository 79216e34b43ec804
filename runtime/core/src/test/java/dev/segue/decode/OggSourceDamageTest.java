package dev.segue.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OggSource} on bad input: nothing but {@link AudioFormatException} may come out, decoding must
 * end, and nothing big may be allocated from a header's word. Damaged files are made from real
 * oggenc output; hostile headers are built by hand in valid, checksummed pages.
 */
class OggSourceDamageTest {
    @TempDir
    Path dir;

    /** Opens and reads {@code p} to the end within 10 s; returns the frames read, or the error. */
    static Object decode(Path p) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (OggSource s = OggSource.open(p)) {
                float[] buf = new float[4096 * s.channels()];
                long n = 0;
                int got;
                while ((got = s.read(buf, 0, 4096)) >= 0) {
                    n += got;
                }
                return n;
            } catch (AudioFormatException e) {
                assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
                return e;
            } catch (Throwable t) {
                fail("only AudioFormatException may escape, got " + t, t);
                return null;
            }
        }, "decoding must end");
    }

    private static AudioFormatException refused(Path p, String reason) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> OggSource.open(p).close());
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        return e;
    }

    @Test
    void emptyTextRandomAndMissingFilesAreRefused() throws Exception {
        refused(Files.write(dir.resolve("empty.ogg"), new byte[0]), "the file is empty");
        refused(Files.writeString(dir.resolve("notes.ogg"), "this is a text file, not music\n".repeat(50)), "not an Ogg file");
        byte[] noise = new byte[1 << 16];
        new Random(1).nextBytes(noise);
        refused(Files.write(dir.resolve("noise.ogg"), noise), "not an Ogg file");
        refused(dir.resolve("missing.ogg"), "no such file");
        refused(Files.write(dir.resolve("capture.ogg"), "OggS".getBytes()), "the file ends inside its first page");
    }

    @ParameterizedTest(name = "{0} channels, {1} Hz, block exponents {2}/{3}")
    @CsvSource({"0, 44100, 8, 11, claims 0 channel(s)",
        "2, 0, 8, 11, claims a sample rate of 0 Hz", "2, 44100, 15, 15, claims block sizes 32768 and 32768",
        "2, 44100, 11, 8, claims block sizes 2048 and 256", "2, 44100, 3, 8, claims block sizes 8 and 256"})
    void impossibleIdentificationHeadersAreRefusedBeforeAllocating(int channels, int rate, int e0, int e1, String reason)
            throws Exception {
        Path p = Files.write(dir.resolve("id.ogg"), OggFixtures.page(2, 0, 77, 0, OggFixtures.identification(channels, rate, e0, e1)));
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        AudioFormatException e = refused(p, reason);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, e.offset(), "the identification header's page");
        assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes before refusing");
    }

    @Test
    void commentHeaderThatClaimsTwoGigabytesIsRefused() throws Exception {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(OggFixtures.page(2, 0, 77, 0, OggFixtures.identification(2, 44_100, 8, 11)));
        f.write(OggFixtures.page(0, 0, 77, 1, OggFixtures.lyingComment(0x7FFF_FFF0L)));
        refused(Files.write(dir.resolve("comment.ogg"), f.toByteArray()), "claims a vendor string of 2147483632 bytes");
    }

    @ParameterizedTest(name = "setup header byte {0} set to {1}")
    @CsvSource({"11, 0, 0, codebook 0 has 0 dimension(s)", "13, 255, 255, codebooks hold more than 1048576 entries",
        "8, 0, 0, codebook 0 lacks its sync pattern"})
    void damagedSetupHeadersAreRefused(int at, int b0, int b1, String reason) throws Exception {
        byte[] f = Files.readAllBytes(OggSourceTest.stereo48().ogg());
        List<Integer> pages = OggFixtures.pages(f);
        int setup = OggFixtures.setupPacket(f); // then 1 byte book count, 3 sync, 2 dimensions, 3 entries
        f[setup + at] = (byte) b0;
        f[setup + at + 1] = (byte) b1;
        if (at == 13) {
            f[setup + at + 2] = (byte) 255;
        }
        OggFixtures.fixChecksums(f, pages);
        refused(Files.write(dir.resolve("setup.ogg"), f), reason);
    }

    @ParameterizedTest(name = "cut at {0}%")
    @ValueSource(ints = {10, 50, 90})
    void truncatedFilePlaysUpToTheCutThenEndsCleanly(int percent) throws Exception {
        Path whole = OggSourceTest.stereo48().ogg();
        byte[] f = Files.readAllBytes(whole);
        int cut = f.length * percent / 100;
        assertTrue(cut > OggFixtures.audioStart(f), "the cut falls after the headers");
        Path p = Files.write(dir.resolve("cut" + percent + ".ogg"), Arrays.copyOf(f, cut));
        long expected = 0; // the granule position of the last page wholly before the cut
        List<Integer> pages = OggFixtures.pages(f);
        for (int i = 0; i < pages.size(); i++) {
            int end = i + 1 < pages.size() ? pages.get(i + 1) : f.length;
            long granule = ByteBuffer.wrap(f, pages.get(i) + 6, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (end <= cut && granule != -1) {
                expected = granule;
            }
        }
        float[] all = OggSourceTest.readAll(OggSource.open(whole), 4096);
        try (OggSource s = OggSource.open(p)) {
            assertTrue(s.truncated());
            assertEquals(expected, s.frames(), "frames up to the last complete page");
            float[] got = OggSourceTest.readAll(s, 1000);
            assertEquals(s.frames() * 2, got.length, "frames() counts exactly what plays");
            assertArrayEquals(Arrays.copyOf(all, got.length), got, "the audio before the cut, sample for sample");
        }
        if (expected == 0) {
            return; // cut inside the first audio page: nothing to play, nothing to seek in
        }
        try (OggSource s = OggSource.open(p)) { // and seeking inside what is left is still exact
            s.seek(s.frames() / 2);
            float[] got = OggSourceTest.readFrames(s, 500);
            int from = (int) (s.frames() / 2 * 2);
            assertArrayEquals(Arrays.copyOfRange(all, from, from + got.length), got);
        }
    }

    @Test
    void fileCutAfterAPageThatEndsInsideAPacketEndsCleanly() throws Exception {
        int[] moved = {0};
        byte[] f = OggFixtures.spillPackets(Files.readAllBytes(OggSourceTest.stereo48().ogg()), moved);
        List<Integer> pages = OggFixtures.pages(f);
        int cut = pages.get(pages.size() / 2); // the page before ends inside a packet
        int before = pages.get(pages.size() / 2 - 1);
        assertEquals(255, f[before + 26 + (f[before + 26] & 0xFF)] & 0xFF, "the last whole page ends inside a packet");
        long granule = ByteBuffer.wrap(f, before + 6, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Path p = Files.write(dir.resolve("cut-spilled.ogg"), Arrays.copyOf(f, cut + 100));
        float[] all = OggSourceTest.readAll(OggSource.open(OggSourceTest.stereo48().ogg()), 4096);
        try (OggSource s = OggSource.open(p)) {
            assertTrue(s.truncated());
            assertEquals(granule, s.frames());
            float[] got = OggSourceTest.readAll(s, 4096);
            assertArrayEquals(Arrays.copyOf(all, (int) granule * 2), got);
        }
    }

    @Test
    void fileCutInsideItsHeadersIsRefusedAtOpen() throws Exception {
        byte[] f = Files.readAllBytes(OggSourceTest.stereo48().ogg());
        Path inSetup = Files.write(dir.resolve("cut-setup.ogg"), Arrays.copyOf(f, OggFixtures.audioStart(f) - 100));
        refused(inSetup, "the file ends");
        Path inId = Files.write(dir.resolve("cut-id.ogg"), Arrays.copyOf(f, 40));
        refused(inId, "the file ends inside its first page");
    }

    /** Flips one random bit in {@code share} of the bytes after the headers; optionally re-checksums the pages. */
    static byte[] flipBits(byte[] original, double share, long seed, boolean fixChecksums) {
        byte[] f = original.clone();
        List<Integer> pages = OggFixtures.pages(f);
        int from = OggFixtures.audioStart(f);
        Random r = new Random(seed);
        int flips = (int) Math.max(1, (f.length - from) * share);
        for (int i = 0; i < flips; i++) {
            int at = from + r.nextInt(f.length - from);
            f[at] ^= (byte) (1 << r.nextInt(8));
        }
        if (fixChecksums) {
            OggFixtures.fixChecksums(f, pages);
        }
        return f;
    }

    @Test
    void flippedBitsGiveOnlyAudioFormatExceptionsAndDecodingEnds() throws Exception {
        byte[] f = Files.readAllBytes(OggSourceTest.stereo48().ogg());
        int errors = 0;
        int runs = 0;
        for (boolean fix : new boolean[] {false, true}) {
            for (double share : new double[] {0.01, 0.0005}) {
                for (long seed = 1; seed <= 12; seed++) {
                    Path p = Files.write(dir.resolve("flip.ogg"), flipBits(f, share, seed, fix));
                    Object outcome = decode(p);
                    runs++;
                    if (outcome instanceof AudioFormatException) {
                        errors++;
                    } else {
                        assertTrue((Long) outcome <= 144_001, "frames " + outcome);
                    }
                }
            }
        }
        System.out.println("OggSourceDamageTest: " + runs + " damaged files, " + errors + " refused, the rest decoded to their end");
    }

    @Test
    void randomPacketsInValidPagesGiveOnlyAudioFormatExceptions() throws Exception {
        byte[] f = Files.readAllBytes(OggSourceTest.stereo48().ogg());
        List<Integer> pages = OggFixtures.pages(f);
        int from = OggFixtures.audioStart(f);
        for (long seed = 1; seed <= 10; seed++) {
            byte[] g = f.clone();
            Random r = new Random(seed);
            for (int i = pages.indexOf(from); i < pages.size(); i++) { // replace every page body with noise
                int p = pages.get(i);
                int body = p + 27 + (g[p + 26] & 0xFF);
                int end = i + 1 < pages.size() ? pages.get(i + 1) : g.length;
                for (int k = body; k < end; k++) {
                    g[k] = (byte) r.nextInt();
                }
            }
            OggFixtures.fixChecksums(g, pages);
            decode(Files.write(dir.resolve("noise-packets.ogg"), g));
        }
    }
}
