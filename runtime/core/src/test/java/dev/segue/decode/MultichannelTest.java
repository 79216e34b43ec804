package dev.segue.decode;

import static dev.segue.decode.DecoderTestKit.assertSeeksExact;
import static dev.segue.decode.DecoderTestKit.readAll;
import static dev.segue.decode.DecoderTestKit.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files of 3 to 12 channels, written by sox, oggenc and flac, decode and fold to stereo speaker by
 * speaker. Every channel carries its own tone (200 Hz, 300 Hz, ...), so each tone's level in the left
 * and right output shows where that channel went: the front pair at 0 dB to its side, centre at -3 dB
 * to both, surrounds at -3 dB to their side, LFE nowhere. MP3 has no multichannel mode LAME writes.
 */
class MultichannelTest {
    private static final int RATE = 48_000;
    private static final double AMP = 0.1;
    private static final double M3 = Math.sqrt(0.5);

    @TempDir
    Path dir;

    private static void need(String... tools) {
        for (String t : tools) {
            Assumptions.assumeTrue(DecoderTestKit.onPath(t), t + " is needed (.ci/run installs sox, vorbis-tools and flac)");
        }
    }

    /**
     * A 2 s WAV with tone 100 (c + 2) Hz on channel c: sox writes WAVE_FORMAT_EXTENSIBLE for more
     * than two channels, with the standard mask for 4, 6 and 8 and mask 0 (so WAVE's default order)
     * for the others.
     */
    private Path tones(int channels) throws Exception {
        StringBuilder spec = new StringBuilder();
        for (int c = 0; c < channels; c++) {
            spec.append(" sine ").append(100 * (c + 2));
        }
        Path wav = dir.resolve("t" + channels + ".wav");
        run(dir, "sox -R -n -r " + RATE + " -c " + channels + " -b 16 " + wav.getFileName() + " synth 2" + spec + " vol " + AMP);
        return wav;
    }

    /** Amplitude of the {@code hz} tone in one side of interleaved stereo, over the middle second. */
    private static double level(float[] stereo, int side, int hz) {
        int from = RATE / 2;
        double s = 0;
        double c = 0;
        for (int i = 0; i < RATE; i++) {
            double x = stereo[2 * (from + i) + side];
            double w = 2 * Math.PI * hz * i / RATE;
            s += x * Math.sin(w);
            c += x * Math.cos(w);
        }
        return 2 * Math.hypot(s, c) / RATE;
    }

    /** The left and right gain each WAVE-order channel of {@code channels} should get. */
    private static double[][] expected(int channels) {
        int[] speakers = Downmix.wav(channels, 0);
        double[][] g = new double[channels][];
        for (int c = 0; c < channels; c++) {
            g[c] = switch (speakers[c]) {
                case Downmix.FL -> new double[] {1, 0};
                case Downmix.FR -> new double[] {0, 1};
                case Downmix.FC -> new double[] {M3, M3};
                case Downmix.LFE -> new double[] {0, 0};
                case Downmix.BL, Downmix.SL -> new double[] {M3, 0};
                case Downmix.BR, Downmix.SR -> new double[] {0, M3};
                case Downmix.BC -> new double[] {0.5, 0.5};
                default -> new double[] {M3, M3}; // unknown speaker: both sides at -3 dB
            };
        }
        return g;
    }

    private static float[] stereo(Path file, int channels) throws IOException {
        try (PcmSource raw = AudioFiles.decoder(Sources.file(file)); PcmSource s = AudioFiles.open(file)) {
            assertEquals(channels, raw.channels(), file + ": the decoder's own channel count");
            assertEquals(2, s.channels(), file + " is folded to stereo");
            assertEquals(raw.frames(), s.frames());
            return readAll(s);
        }
    }

    private static void assertTonesLand(float[] out, int channels, double tolDb, String what) {
        double[][] g = expected(channels);
        for (int c = 0; c < channels; c++) {
            for (int side = 0; side < 2; side++) {
                double want = AMP * g[c][side];
                double got = level(out, side, 100 * (c + 2));
                String at = what + ": channel " + c + " (" + 100 * (c + 2) + " Hz) in the " + (side == 0 ? "left" : "right");
                if (want == 0) {
                    assertTrue(got < AMP * 0.01, at + " should be absent (below -40 dB), is " + got);
                } else {
                    assertEquals(0, 20 * Math.log10(got / want), tolDb, at + ": " + got + " for " + want);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} channels")
    @ValueSource(ints = {3, 4, 5, 6, 7, 8})
    void wavFoldsByItsSpeakers(int channels) throws Exception {
        need("sox");
        assertTonesLand(stereo(tones(channels), channels), channels, 0.01, "WAV");
    }

    @ParameterizedTest(name = "{0} channels")
    @ValueSource(ints = {3, 4, 5, 6, 7, 8})
    void flacDecodesAndFoldsBitExactlyLikeTheWav(int channels) throws Exception {
        need("sox", "flac");
        Path wav = tones(channels);
        run(dir, "flac -s -5 --channel-map=none -o t" + channels + ".flac " + wav.getFileName());
        float[] fromFlac = stereo(dir.resolve("t" + channels + ".flac"), channels);
        assertArrayEquals(stereo(wav, channels), fromFlac, "FLAC gives the WAV's samples, folded the same way");
        assertTonesLand(fromFlac, channels, 0.01, "FLAC");
    }

    /**
     * oggenc maps WAVE's order to Vorbis's (for 5.1 the centre moves from channel 2 to 1, LFE to the
     * end); each tone must still come out where its speaker belongs. 3, 5, 6 and 7 channels are the
     * counts JOrbis misreads the coupling of; 12 has no defined order (every channel at -3 dB).
     */
    @ParameterizedTest(name = "{0} channels")
    @ValueSource(ints = {3, 4, 5, 6, 7, 8, 12})
    void oggVorbisDecodesEveryChannelCount(int channels) throws Exception {
        need("sox", "oggenc");
        Path wav = tones(channels);
        run(dir, "oggenc -Q -q 5 -o t" + channels + ".ogg " + wav.getFileName());
        Path ogg = dir.resolve("t" + channels + ".ogg");
        float[] out = stereo(ogg, channels);
        assertEquals(2 * RATE, out.length / 2, "oggenc keeps the length exactly");
        if (channels <= 8) {
            assertTonesLand(out, channels, 0.5, "Ogg");
        } else {
            for (int c = 0; c < channels; c++) {
                for (int side = 0; side < 2; side++) {
                    double got = level(out, side, 100 * (c + 2));
                    assertEquals(0, 20 * Math.log10(got / (AMP * M3)), 0.5, "channel " + c + " side " + side);
                }
            }
        }
        try (PcmSource s = AudioFiles.open(ogg)) {
            assertSeeksExact(s, out, 12, channels);
        }
    }

    @Test
    void aWavChannelMaskPlacesEachChannel() throws Exception {
        // four channels on FL, FR, FC and BC (mask 0x107), one full-scale DC value each
        float[] in = {0.5f, 0.25f, 0.4f, 0.2f};
        ByteBuffer data = ByteBuffer.allocate(4 * in.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : in) {
            data.putFloat(v);
        }
        byte[] file = WavSourceTest.wav(3, 4, RATE, 32, 16, data.array(), true, 16);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(20 + 20, 0x107); // dwChannelMask
        Path p = Files.write(dir.resolve("mask.wav"), file);
        try (PcmSource s = AudioFiles.open(p)) {
            float[] out = readAll(s);
            assertEquals(0.5 + M3 * 0.4 + 0.5 * 0.2, out[0], 1e-6, "left: FL + FC at -3 dB + BC at -6 dB");
            assertEquals(0.25 + M3 * 0.4 + 0.5 * 0.2, out[1], 1e-6, "right: FR + FC at -3 dB + BC at -6 dB");
        }
    }
}
