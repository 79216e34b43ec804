package dev.segue.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavSourceTest {
    @TempDir
    Path dir;

    /** A WAV header + body built by hand, so each field can be set to anything. */
    static byte[] wav(int format, int channels, int rate, int bits, int align, byte[] data, boolean extensible, long claimedData) {
        int fmtLen = extensible ? 40 : 16;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtLen + 8 + 8 + 6 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(0).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(fmtLen).putShort((short) (extensible ? 0xFFFE : format)).putShort((short) channels)
                .putInt(rate).putInt(rate * align).putShort((short) align).putShort((short) bits);
        if (extensible) {
            b.putShort((short) 22).putShort((short) bits).putInt(3).putShort((short) format)
                    .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        b.putInt(0x5453494c).putInt(6).put("odd!!".getBytes()).put((byte) 0); // a LIST chunk to skip
        b.putInt(0x61746164).putInt((int) claimedData).put(data);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private float[] readAll(Path p) throws IOException {
        PcmData d = PcmData.load(WavSource.open(p));
        return d.samples();
    }

    @ParameterizedTest(name = "{0}-bit format {1} extensible {2}")
    @CsvSource({"8, 1, false", "16, 1, false", "24, 1, false", "32, 1, false", "32, 3, false", "64, 3, false",
        "16, 1, true", "24, 1, true", "32, 3, true"})
    void decodesEveryEncodingToTheSameValues(int bits, int format, boolean ext) throws IOException {
        double[] values = {0, 0.5, -0.5, 0.25, -1, 0.75};
        int bytes = bits / 8;
        ByteBuffer data = ByteBuffer.allocate(values.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (bits) {
                case 8 -> data.put((byte) (Math.round(v * 128) + 128));
                case 16 -> data.putShort((short) Math.round(v * 32768));
                case 24 -> {
                    int x = (int) Math.round(v * 8388608);
                    data.put((byte) x).put((byte) (x >> 8)).put((byte) (x >> 16));
                }
                case 32 -> {
                    if (format == 3) {
                        data.putFloat((float) v);
                    } else {
                        data.putInt((int) Math.round(v * 2147483648.0));
                    }
                }
                case 64 -> data.putDouble(v);
                default -> throw new AssertionError();
            }
        }
        // stereo: the values pairwise
        Path p = Files.write(dir.resolve("t.wav"), wav(format, 2, 48_000, bits, 2 * bytes, data.array(), ext, data.capacity()));
        try (WavSource s = WavSource.open(p)) {
            assertEquals(2, s.channels());
            assertEquals(48_000, s.sampleRate());
            assertEquals(3, s.frames());
        }
        float[] got = readAll(p);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], got[i], 1e-6, "sample " + i);
        }
    }

    @Test
    void aTruncatedFilePlaysItsWholeFramesAndSaysItIsTruncated() throws IOException {
        byte[] good = wav(1, 2, 48_000, 16, 4, new byte[400], false, 400);
        Path cut = Files.write(dir.resolve("trunc.wav"), java.util.Arrays.copyOf(good, good.length - 101));
        try (WavSource s = WavSource.open(cut)) {
            assertTrue(s.truncated(), "400 bytes claimed, 299 there");
            assertEquals(74, s.frames(), "the whole frames there are");
            assertEquals(74, s.read(new float[1000], 0, 500));
        }
        Path huge = Files.write(dir.resolve("huge.wav"), wav(1, 2, 48_000, 16, 4, new byte[400], false, 0x7FFF_FFF0L));
        try (WavSource s = WavSource.open(huge)) {
            assertTrue(s.truncated());
            assertEquals(100, s.frames());
        }
        try (WavSource s = WavSource.open(Files.write(dir.resolve("whole.wav"), good))) {
            assertFalse(s.truncated());
        }
    }

    /** Found by fuzzing: a float WAV can hold NaN, infinities and 1e38; none of them may reach the mix. */
    @Test
    void nonFiniteAndAbsurdFloatSamplesAreSilencedOrClamped() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(Float.NaN).putFloat(Float.POSITIVE_INFINITY).putFloat(Float.NEGATIVE_INFINITY)
                .putFloat(1e38f).putFloat(-1e30f).putFloat(1.5f);
        Path p = Files.write(dir.resolve("nan.wav"), wav(3, 1, 48_000, 32, 4, data.array(), false, 24));
        float[] got = PcmData.load(WavSource.open(p)).samples();
        assertArrayEquals(new float[] {0, 0, 0, 16, -16, 1.5f}, got, 0f, "NaN and infinities silent, +-1e38 at +-16 (+24 dBFS)");
    }

    @Test
    void twoHundredFiftyFiveChannelsPlayFoldedToStereo() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(2 * 255 * 3).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 255 * 3; i++) {
            data.putShort((short) 1000);
        }
        Path p = Files.write(dir.resolve("many.wav"), wav(1, 255, 48_000, 16, 510, data.array(), false, 510 * 3));
        try (PcmSource s = AudioFiles.open(p)) {
            assertEquals(2, s.channels());
            float[] out = new float[6];
            assertEquals(3, s.read(out, 0, 3));
            // FL (1) + FC, BL, SL at -3 dB; LFE dropped; 247 unknown channels at -3 dB to both sides
            double left = 1000 / 32768.0 * (1 + 0.70710678 * (3 + 247));
            assertEquals(left, out[0], 1e-4);
        }
    }

    @Test
    void badFilesGetClearErrorsNamingFileOffsetAndReason() throws IOException {
        Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
        assertError(empty, "the file is empty");
        Path text = Files.writeString(dir.resolve("song.wav"), "definitely not audio, just some text here");
        assertError(text, "not a WAV file (no RIFF header)");
        byte[] good = wav(1, 2, 48_000, 16, 4, new byte[400], false, 400);
        Path cut = Files.write(dir.resolve("cut.wav"), java.util.Arrays.copyOf(good, good.length - 398));
        assertError(cut, "data chunk claims 400 bytes but only 2 follow, not one whole frame: the file is truncated");
        Path chans = Files.write(dir.resolve("chans.wav"), wav(1, 0, 48_000, 16, 0, new byte[4], false, 4));
        assertError(chans, "claims no channels");
        Path rate = Files.write(dir.resolve("rate.wav"), wav(1, 2, 0, 16, 4, new byte[4], false, 4));
        assertError(rate, "unsupported sample rate 0 Hz");
        Path align = Files.write(dir.resolve("align.wav"), wav(1, 2, 48_000, 16, 3, new byte[6], false, 6));
        assertError(align, "block align 3 does not match");
        Path adpcm = Files.write(dir.resolve("adpcm.wav"), wav(2, 1, 48_000, 4, 0, new byte[6], false, 6));
        assertError(adpcm, "unsupported encoding (format 2, 4 bits)");
        assertError(dir.resolve("missing.wav"), "no such file");
    }

    private static void assertError(Path p, String reason) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> PcmData.load(WavSource.open(p)));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(p.toString(), e.file());
    }

    @Test
    void fiveOneIsFoldedToStereo() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(0).putFloat(0).putFloat(1).putFloat(1).putFloat(0).putFloat(0); // centre + LFE only
        byte[] file = wav(3, 6, 48_000, 32, 24, data.array(), true, 24);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0x3F); // dwChannelMask: 5.1 (back)
        Path p = Files.write(dir.resolve("51.wav"), file);
        PcmData d = PcmData.load(WavSource.open(p));
        assertEquals(2, d.channels());
        float expected = (float) Math.sqrt(0.5); // centre at -3 dB to each side (BS.775); LFE dropped
        assertEquals(expected, d.samples()[0], 1e-6);
        assertEquals(expected, d.samples()[1], 1e-6);
    }

    /** Files written by a real encoder (sox), when it is installed (.ci/run installs it). */
    @ParameterizedTest(name = "sox {0}")
    @CsvSource({"-b 16 -e signed-integer, 1", "-b 24 -e signed-integer, 2", "-b 32 -e floating-point, 2", "-b 8 -e unsigned-integer, 1"})
    void readsWhatSoxWrites(String encoding, int channels) throws Exception {
        Assumptions.assumeTrue(onPath("sox"), "sox is not installed");
        Path out = dir.resolve("sox.wav");
        List<String> cmd = new java.util.ArrayList<>(List.of("sox", "-n", "-r", "44100", "-c", String.valueOf(channels)));
        cmd.addAll(List.of(encoding.split(" ")));
        cmd.addAll(List.of(out.toString(), "synth", "0.5", "sine", "1000", "vol", "0.5"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, log);
        PcmData d = PcmData.load(WavSource.open(out));
        assertEquals(44_100, d.sampleRate());
        assertEquals(22_050, d.frames());
        float peak = 0;
        for (float v : d.samples()) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(0.5, peak, encoding.contains("-b 8") ? 0.01 : 0.001);
        // it is a 1 kHz sine: sample 11 (a quarter period at 44.1 kHz) is near the peak
        assertEquals(0.5 * Math.sin(2 * Math.PI * 1000 * 11 / 44_100.0), d.samples()[11 * d.channels()], 0.01);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
