package dev.segue.decode;

import static dev.segue.decode.DecoderTestKit.allocationPerSecond;
import static dev.segue.decode.DecoderTestKit.assertSeeksExact;
import static dev.segue.decode.DecoderTestKit.readAll;
import static dev.segue.decode.DecoderTestKit.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** FlacSource against files the reference encoder really made (sox synthesises the sources). */
class FlacSourceTest {
    @TempDir
    static Path dir;

    private static boolean tools;

    @BeforeAll
    static void encode() throws Exception {
        tools = DecoderTestKit.onPath("sox") && DecoderTestKit.onPath("flac");
        if (!tools) {
            return;
        }
        run(dir, "sox -R -n -r 48000 -c 2 -b 16 n48.wav synth 3 whitenoise vol 0.6");
        run(dir, "sox -R -n -r 48000 -c 2 -b 16 r48.wav synth 3 sawtooth 0.33333 vol 0.6");
        run(dir, "sox -R -m n48.wav r48.wav s16.wav");
        run(dir, "sox -R -n -r 44100 -c 1 -b 24 n44.wav synth 3 whitenoise vol 0.3");
        run(dir, "sox -R -n -r 44100 -c 1 -b 24 t44.wav synth 3 sine 440 vol 0.6");
        run(dir, "sox -R -m n44.wav t44.wav m24.wav");
        run(dir, "sox -R -n -r 22050 -c 1 -b 8 u8.wav synth 1 sine 300 vol 0.8");
        run(dir, "flac -s -5 -S 20x -o s16.flac s16.wav");
        run(dir, "flac -s -8 --no-seektable -o s16ns.flac s16.wav");
        run(dir, "flac -s -5 -o m24.flac m24.wav");
        run(dir, "flac -s -0 -b 1152 --no-seektable -o m24ns.flac m24.wav");
        run(dir, "flac -s -o u8.flac u8.wav");
    }

    private static void needTools() {
        Assumptions.assumeTrue(tools, "sox and flac are needed (.ci/run installs them)");
    }

    private static float[] flac(Path p) throws IOException {
        try (FlacSource s = FlacSource.open(p)) {
            return readAll(s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"s16.flac, s16.wav, 16, 2, 48000", "s16ns.flac, s16.wav, 16, 2, 48000", "m24.flac, m24.wav, 24, 1, 44100",
        "m24ns.flac, m24.wav, 24, 1, 44100", "u8.flac, u8.wav, 8, 1, 22050"})
    void decodesBitIdenticallyToTheSourceWav(String flac, String wav, int bits, int channels, int rate) throws IOException {
        needTools();
        PcmData original = PcmData.load(WavSource.open(dir.resolve(wav)));
        try (FlacSource s = FlacSource.open(dir.resolve(flac))) {
            assertEquals(bits, s.bitsPerSample());
            assertEquals(channels, s.channels());
            assertEquals(rate, s.sampleRate());
            assertEquals(original.frames(), s.frames());
            assertArrayEquals(original.samples(), readAll(s), "lossless: every float equal");
            assertEquals(0, s.damagedFrames());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s16.flac", "s16ns.flac", "m24.flac", "m24ns.flac"})
    void seekIsExactToTheSample(String name) throws IOException {
        needTools();
        float[] ref = flac(dir.resolve(name));
        try (FlacSource s = FlacSource.open(dir.resolve(name))) {
            assertSeeksExact(s, ref, 20, name.hashCode());
        }
    }

    @Test
    void anId3v2TagBeforeTheStreamIsSkipped() throws IOException {
        needTools();
        byte[] flac = Files.readAllBytes(dir.resolve("s16.flac"));
        byte[] tag = new byte[10 + 500];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 3;
        tag[8] = 500 >> 7;
        tag[9] = 500 & 0x7F;
        Arrays.fill(tag, 10, tag.length, (byte) 0xFF);
        byte[] tagged = Arrays.copyOf(tag, tag.length + flac.length);
        System.arraycopy(flac, 0, tagged, tag.length, flac.length);
        assertArrayEquals(flac(dir.resolve("s16.flac")), flac(Files.write(dir.resolve("tagged.flac"), tagged)));
    }

    @ParameterizedTest(name = "cut at {0}")
    @ValueSource(doubles = {0.1, 0.5, 0.9})
    void aTruncatedFilePlaysUpToItsLastCompleteFrameThenEnds(double fraction) throws IOException {
        needTools();
        for (String name : new String[] {"s16.flac", "m24ns.flac"}) {
            float[] full = flac(dir.resolve(name));
            Path cut = DecoderTestKit.truncated(dir.resolve(name), fraction, dir.resolve("cut.flac"));
            try (FlacSource s = FlacSource.open(cut)) {
                long fullFrames = full.length / s.channels();
                assertTrue(s.frames() < fullFrames && s.frames() > fullFrames * fraction - 3 * 4608, "frames " + s.frames());
                float[] got = readAll(s);
                assertArrayEquals(Arrays.copyOf(full, got.length), got, "the audio before the cut is untouched");
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void bitFlipsNeverHangOrThrowAnythingButAudioFormatException(long seed) throws IOException {
        needTools();
        for (String name : new String[] {"s16.flac", "m24ns.flac", "u8.flac"}) {
            long audio = 8 + 34; // past STREAMINFO: the flips hit the other metadata and the frames
            Path bad = DecoderTestKit.bitFlipped(dir.resolve(name), audio, 0.01, seed, dir.resolve("flipped.flac"));
            // jFLAC prints a line on System.out for every escaped Rice partition, which damage produces
            // by the thousand: keep them out of the build log, but count them
            java.io.PrintStream out = System.out;
            java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
            System.setOut(new java.io.PrintStream(printed, true));
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    try (FlacSource s = FlacSource.open(bad)) {
                        long full = FlacSource.open(dir.resolve(name)).frames();
                        // the length survives damage (give or take a frame whose header was hit)
                        assertTrue(s.frames() <= full && s.frames() >= full - 2 * 4608, s.frames() + " of " + full);
                        readAll(s);
                        Mp3SourceTest.seekAround(s, seed);
                    } catch (AudioFormatException expected) {
                        // refusing the file is fine too
                    }
                });
            } finally {
                System.setOut(out);
            }
            long lines = printed.toString().lines().count();
            if (lines > 0) {
                System.out.println("jFLAC printed " + lines + " lines on System.out for " + name + " with flips (seed " + seed + ")");
            }
        }
    }

    @Test
    void withoutATotalInStreamInfoTheLengthComesFromTheLastFrame() throws IOException {
        needTools();
        byte[] b = Files.readAllBytes(dir.resolve("m24.flac"));
        float[] full = flac(dir.resolve("m24.flac"));
        b[21] &= (byte) 0xF0;
        Arrays.fill(b, 22, 26, (byte) 0);
        assertArrayEquals(full, flac(Files.write(dir.resolve("nototal.flac"), b)));
        // a total shorter than the audio is believed: the rest is not played
        b[25] = 100;
        try (FlacSource s = FlacSource.open(Files.write(dir.resolve("short.flac"), b))) {
            assertEquals(100, s.frames());
            assertArrayEquals(Arrays.copyOf(full, 100), readAll(s));
        }
    }

    @Test
    void badFilesGiveAudioFormatExceptions() throws IOException {
        assertError(Files.write(dir.resolve("empty.flac"), new byte[0]), "the file is empty");
        assertError(Files.writeString(dir.resolve("text.flac"), "This is a text file, not audio.\n".repeat(50)),
                "not a FLAC file (no fLaC marker)");
        byte[] noise = new byte[1 << 16];
        new Random(7).nextBytes(noise);
        assertError(Files.write(dir.resolve("random.flac"), noise), "not a FLAC file");
        assertError(dir.resolve("missing.flac"), "no such file");
    }

    /** STREAMINFO starts at byte 8 of a file the encoder wrote (no ID3 tag). */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "rate0 | STREAMINFO sample rate 0 Hz is impossible",
        "block0 | STREAMINFO minimum block size 0 is below 16",
        "total2^36 | STREAMINFO claims 68719476735 samples, more than",
        "bits1 | STREAMINFO says 1 bits per sample",
        "maxBelowMin | STREAMINFO maximum block size 16 is below the minimum 4096",
        "notFirst | the first metadata block is not STREAMINFO",
        "blockPastEnd | metadata block of type",
        "noFrames | no audio frames after the metadata"})
    void absurdHeaderValuesAreRefused(String edit, String reason) throws IOException {
        needTools();
        byte[] b = Files.readAllBytes(dir.resolve("s16.flac"));
        Consumer<byte[]> change = switch (edit) {
            case "rate0" -> x -> {
                x[18] = 0;
                x[19] = 0;
                x[20] &= 0x0F;
            };
            case "block0" -> x -> {
                x[8] = 0;
                x[9] = 0;
            };
            case "total2^36" -> x -> {
                x[21] |= 0x0F;
                Arrays.fill(x, 22, 26, (byte) 0xFF);
            };
            case "bits1" -> x -> {
                x[20] &= (byte) 0xFE;
                x[21] &= 0x0F;
            };
            case "maxBelowMin" -> x -> {
                x[10] = 0;
                x[11] = 16;
            };
            case "notFirst" -> x -> x[4] = (byte) ((x[4] & 0x80) | 4);
            case "blockPastEnd" -> x -> Arrays.fill(x, 43, 46, (byte) 0xFF);
            case "noFrames" -> x -> {
                // zero every byte after the metadata: no frame header anywhere
                int pos = 4;
                boolean last = false;
                while (!last) {
                    last = (x[pos] & 0x80) != 0;
                    pos += 4 + (((x[pos + 1] & 0xFF) << 16) | ((x[pos + 2] & 0xFF) << 8) | (x[pos + 3] & 0xFF));
                }
                Arrays.fill(x, pos, x.length, (byte) 0);
            };
            default -> throw new AssertionError(edit);
        };
        // "0 channels" cannot be written: the field holds channels - 1 in 3 bits
        change.accept(b);
        assertError(Files.write(dir.resolve(edit + ".flac"), b), reason);
    }

    private static void assertError(Path p, String reason) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> PcmData.load(FlacSource.open(p)));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void steadyStateAllocationStaysWithinItsBudget() throws IOException {
        needTools();
        try (FlacSource s = FlacSource.open(dir.resolve("s16.flac"))) {
            double perSecond = allocationPerSecond(s);
            // jFLAC makes a few small objects per frame: measured 6.7 KB per second of 48 kHz stereo
            // (a young-generation collection every few hours of play); ten times that means a leak of work
            assertTrue(perSecond <= 64 * 1024, "FlacSource allocates " + perSecond + " bytes per second of audio");
        }
    }

    @Test
    void tenMinutesDecodeInBoundedMemory() throws Exception {
        needTools();
        ProcessBuilder sox = new ProcessBuilder("sox", "-R", "-n", "-r", "44100", "-c", "2", "-b", "16", "-e", "signed-integer",
                "-t", "raw", "-", "synth", "600", "sine", "440", "vol", "0.5");
        ProcessBuilder enc = new ProcessBuilder("flac", "-s", "-f", "--force-raw-format", "--endian=little", "--sign=signed",
                "--channels=2", "--bps=16", "--sample-rate=44100", "-o", dir.resolve("long.flac").toString(), "-");
        sox.redirectError(ProcessBuilder.Redirect.DISCARD);
        enc.redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        for (Process p : ProcessBuilder.startPipeline(java.util.List.of(sox, enc))) {
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, p.info().toString());
        }
        long before = DecoderTestKit.usedHeapAfterGc();
        long peak = 0;
        try (FlacSource s = FlacSource.open(dir.resolve("long.flac"))) {
            assertEquals(600L * 44_100, s.frames());
            float[] buf = new float[4096 * 2];
            long total = 0;
            int n;
            long t0 = System.nanoTime();
            while ((n = s.read(buf, 0, 4096)) > 0) {
                total += n;
                if (total % (4096L * 1600) < 4096) {
                    peak = Math.max(peak, DecoderTestKit.usedHeapAfterGc() - before);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(s.frames(), total);
            peak = Math.max(peak, DecoderTestKit.usedHeapAfterGc() - before);
            System.out.printf("FlacSource: 600 s of 44.1 kHz stereo in %.2f s, heap growth at most %d KB%n", seconds, peak / 1024);
        }
        assertTrue(peak < 8 << 20, "heap grew by " + peak + " bytes");
    }

    /**
     * Found by fuzzing: jFLAC prints a line to System.out for every escape-coded residual partition
     * (414 lines for this 5 KB file). A game's console gets none of them; its own lines still pass.
     */
    @Test
    void jflacsDebuggingLinesNeverReachTheConsole() throws Exception {
        java.io.PrintStream was = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(out, true, "UTF-8"));
            Path p = Path.of(getClass().getResource("DecoderFuzzTestInputs/flac/prints-to-stdout").toURI());
            try (FlacSource s = FlacSource.open(p)) {
                float[] buf = new float[4096 * s.channels()];
                while (s.read(buf, 0, 4096) >= 0) {
                    // to the end
                }
            } catch (AudioFormatException e) {
                // damaged, and said so: fine
            }
            System.out.println("the game's own line");
        } finally {
            System.setOut(was);
        }
        assertEquals("the game's own line\n", out.toString("UTF-8").replace("\r", ""));
    }
}
