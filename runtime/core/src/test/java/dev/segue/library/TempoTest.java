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
public class TempoTest {
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
        Path sample = Path.of("..", "..", "assets", "sample", "action");
        assumeTrue(Files.isDirectory(sample), "the sample score is not two folders up, in assets/");
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

    /**
     * The demo score's cues (every stem of a cue mixed, from their Ogg files, as a player's song would
     * be one file): the tempo within 2 % at the metrical level given ({@code level} 1 is the score's
     * beat; title and boss come back an octave off, their eighth notes and half-time drums louder
     * than the beat) and every beat found within {@code ms} of the score's grid at that level: 20 ms
     * where drums lead; cutscene (piano and strings, 3/4) and title (bells) have soft attacks, and
     * single beats are placed up to about 50 ms off. The steady grid through them all (tempo and first
     * beat, what a song's cue is built on, so what transitions, stingers and fades land on) is within
     * 20 ms of every beat for all five.
     */
    @ParameterizedTest(name = "the demo score's {0} at {1} bpm (level {2}), beats within {3} ms")
    @CsvSource({"explore, 100, 1, 20", "combat, 100, 1, 20", "boss, 150, 0.5, 20", "cutscene, 72, 1, 50", "title, 80, 2, 55"})
    void theDemoScoresCuesComeBackAtTheirTempoAndOnTheirGrid(String cue, double bpm, double level, double ms) throws Exception {
        Path dir = Path.of("..", "..", "assets", "score", cue);
        assumeTrue(Files.isDirectory(dir), "the demo score is not two folders up, in assets/");
        BeatGrid g = Analyzer.analyze(Fixtures.wav16(this.dir.resolve(cue + ".wav"), 48_000, 1, mixOf(dir, null)),
                () -> false).beats();
        System.out.println("TempoTest: demo score " + cue + " (" + bpm + " bpm): " + g);
        assertEquals(bpm * level, g.bpm(), bpm * level * 0.02, g.toString());
        assertTrue(g.confidence() > 0.2, "a clear beat: " + g);
        double grid = 60 / (bpm * Math.max(1, level)); // the finer of the score's beat and the level found
        assertTrue(g.beatCount() >= 8, g.toString());
        double worst = 0;
        for (int k = 0; k < g.beatCount(); k++) {
            double t = g.beat(k) / (double) g.sampleRate();
            worst = Math.max(worst, Math.abs(t - Math.round(t / grid) * grid));
        }
        System.out.println("TempoTest: demo score " + cue + ": tempo off by " + String.format(java.util.Locale.ROOT, "%.2f",
                100 * Math.abs(g.bpm() / (bpm * level) - 1)) + " %, worst beat " + Math.round(worst * 1000) + " ms");
        assertTrue(worst <= ms / 1000, "every beat within " + ms + " ms of the score's grid; worst " + Math.round(worst * 1000) + " ms");
        // what playback lands on: the steady grid (tempo and first beat), within 20 ms over the whole cue
        double period = 60 / g.bpm();
        double last = g.beat(g.beatCount() - 1) / (double) g.sampleRate();
        double worstOnGrid = 0;
        for (double t = g.firstBeat() / (double) g.sampleRate(); t <= last + period / 2; t += period) {
            worstOnGrid = Math.max(worstOnGrid, Math.abs(t - Math.round(t / grid) * grid));
        }
        System.out.println("TempoTest: demo score " + cue + ": the grid's worst beat " + Math.round(worstOnGrid * 1000) + " ms");
        assertTrue(worstOnGrid <= 0.020, "the grid songs land on is within 20 ms of every beat; worst "
                + Math.round(worstOnGrid * 1000) + " ms");
    }

    /**
     * Pads alone (the demo score's pad, string and choir stems, which only swell) have no beat: the
     * tracker may still name a tempo, but says it is not to be trusted (confidence under 0.1), where
     * every rhythmic cue above scores over 0.2.
     */
    @ParameterizedTest(name = "the demo score's {0} pads")
    @CsvSource({"title", "explore", "combat", "cutscene"})
    void padsAloneGetALowConfidence(String cue) throws Exception {
        Path dir = Path.of("..", "..", "assets", "score", cue);
        assumeTrue(Files.isDirectory(dir), "the demo score is not two folders up, in assets/");
        float[] pads = mixOf(dir, List.of("pads", "strings"));
        BeatGrid g = Analyzer.analyze(Fixtures.wav16(this.dir.resolve(cue + "-pads.wav"), 48_000, 1, pads), () -> false).beats();
        System.out.println("TempoTest: demo score " + cue + " pads and strings: " + g);
        assertTrue(g.confidence() < 0.1, "no trustworthy beat in pads: " + g);
    }

    /** The stems of a cue folder (those whose names start with one of {@code only}, or all) mixed to mono. */
    public static float[] mixOf(Path dir, List<String> only) throws Exception {
        float[] mix = null;
        try (var files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (only != null && only.stream().noneMatch(name::startsWith)) {
                    continue;
                }
                try (PcmSource s = AudioFiles.open(p)) {
                    float[] all = new float[(int) s.frames() * s.channels()];
                    int at = 0;
                    for (int got; (got = s.read(all, at, Math.min(4096, (all.length - at) / s.channels()))) > 0;) {
                        at += got * s.channels();
                    }
                    mix = mix == null ? new float[(int) s.frames()] : mix;
                    for (int i = 0; i < Math.min(mix.length, (int) s.frames()); i++) {
                        for (int c = 0; c < s.channels(); c++) {
                            mix[i] += all[i * s.channels() + c] / (2 * s.channels());
                        }
                    }
                }
            }
        }
        return mix;
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
