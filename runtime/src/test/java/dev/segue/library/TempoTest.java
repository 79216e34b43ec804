package dev.segue.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segue.decode.AudioFiles;
import dev.segue.decode.PcmSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tempo and beat phase on music whose tempo is known: click tracks at several tempos, encoded by the
 * real encoders, must come back within 2 % of their tempo with every beat within 20 ms.
 */
class TempoTest {
    static final int RATE = 44_100;
    static final double SECONDS = 24;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} bpm as {1}")
    @CsvSource({"72, wav", "90, ogg", "120, mp3", "128, flac", "140, ogg", "174, mp3"})
    void clickTracksComeBackAtTheirTempoAndPhase(double bpm, String ext) throws Exception {
        double first = 0.37;
        Path wav = Fixtures.wav16(dir.resolve("click.wav"), RATE, 1, Fixtures.clicks(RATE, SECONDS, bpm, first));
        Path file = wav;
        if (!ext.equals("wav")) {
            String tool = ext.equals("ogg") ? "oggenc" : ext.equals("mp3") ? "lame" : "flac";
            assumeTrue(Fixtures.onPath(tool), tool + " is not installed");
            file = Fixtures.encode(wav, dir.resolve("click." + ext), List.of());
        }
        BeatGrid g = Analyzer.analyze(file, () -> false).beats();
        assertNotNull(g);
        assertEquals(bpm, g.bpm(), bpm * 0.02, g.toString());
        assertBeatsMatch(Fixtures.clickTimes(SECONDS, bpm, first), g, 0.020);
    }

    /**
     * The built-in sample score's action cue (pad, bass and drums mixed, 120 bpm, first beat at 0):
     * the tempo within 2 %, and every beat found within 20 ms of the score's beat grid, over the
     * eight bars where the drums play.
     */
    @Test
    void theSampleScoreIsAt120Bpm() throws Exception {
        Path sample = Path.of("..", "assets", "sample", "action");
        assumeTrue(Files.isDirectory(sample), "the sample score is not beside the runtime module");
        float[] mix = null;
        int rate = 0;
        for (String stem : List.of("pad.wav", "bass.wav", "drums.wav")) {
            try (PcmSource s = AudioFiles.open(sample.resolve(stem))) {
                rate = s.sampleRate();
                float[] all = new float[(int) s.frames() * s.channels()];
                int at = 0;
                for (int got; (got = s.read(all, at, Math.min(4096, (all.length - at) / s.channels()))) > 0;) {
                    at += got * s.channels();
                }
                mix = mix == null ? new float[(int) s.frames()] : mix;
                for (int i = 0; i < mix.length; i++) {
                    mix[i] += all[i * s.channels()] / 2;
                }
            }
        }
        BeatGrid g = Analyzer.analyze(Fixtures.wav16(dir.resolve("action.wav"), rate, 1, mix), () -> false).beats();
        assertEquals(120, g.bpm(), 120 * 0.02, g.toString());
        assertTrue(g.beatCount() >= 16, "at least the drums' 16 beats: " + g);
        for (int k = 0; k < g.beatCount(); k++) {
            double t = g.beat(k) / (double) rate;
            assertEquals(Math.round(t * 2) / 2.0, t, 0.020, "beat " + k + " of " + g);
        }
    }

    /** Every expected beat (but the last, which may fall in the encoder's padding) has a found beat within {@code tol}. */
    static void assertBeatsMatch(double[] expected, BeatGrid g, double tol) {
        double worst = 0;
        int matched = 0;
        for (int i = 0; i < expected.length - 1; i++) {
            double best = Double.MAX_VALUE;
            for (int k = 0; k < g.beatCount(); k++) {
                best = Math.min(best, Math.abs(g.beat(k) / (double) g.sampleRate() - expected[i]));
            }
            worst = Math.max(worst, best);
            if (best <= tol) {
                matched++;
            }
        }
        assertEquals(expected.length - 1, matched, "beats within " + tol * 1000 + " ms; worst "
                + Math.round(worst * 1000) + " ms; " + g);
        assertTrue(g.beatCount() <= expected.length + 1, "no extra beats: " + g.beatCount() + " for " + expected.length);
        assertEquals(expected[0], g.firstBeat() / (double) g.sampleRate(), tol, "first beat");
    }
}
