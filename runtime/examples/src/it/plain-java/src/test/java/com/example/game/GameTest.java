package com.example.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the game as a player would (its own JVM, its class path, no setup) on OpenAL Soft's devices
 * that need no sound card: the wave device, which writes what OpenAL mixed to a WAV in real time,
 * and the null device, which plays to nothing in real time. What came out is checked against the
 * music that went in.
 */
class GameTest {
    static final int RATE = 48_000;
    static final double[] CHORD = {440.0, 554.37, 659.25}; // A major
    static final float AMP = 0.15f; // each note's peak
    static final Path DIR = Path.of("target", "game-test").toAbsolutePath();
    static float[] stem;
    static Path sheet;

    @BeforeAll
    static void music() throws IOException {
        Files.createDirectories(DIR);
        stem = new float[4 * RATE];
        for (int i = 0; i < stem.length; i++) {
            double s = 0;
            for (double hz : CHORD) {
                s += AMP * Math.sin(2 * Math.PI * hz * i / RATE);
            }
            stem[i] = (float) s;
        }
        Wav.writeMono16(DIR.resolve("chord.wav"), RATE, stem);
        sheet = Files.writeString(DIR.resolve("game.cues.json"), """
            {"cues": {"theme": {"tempo": {"bpm": 120}, "loop": {"start": 0}, "stems": [{"name": "chord", "file": "chord.wav"}]}},
             "states": {"play": "theme"}}
            """, StandardCharsets.UTF_8);
    }

    record Run(Map<String, String> summary, List<String> out, List<String> err) {
    }

    /** The game's main in a fresh JVM with OpenAL Soft's environment {@code env}. */
    static Run play(double seconds, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Game.class.getName(), sheet.toString(), Double.toString(seconds));
        pb.environment().remove("ALSOFT_CONF");
        pb.environment().remove("ALSOFT_DRIVERS");
        pb.environment().putAll(env);
        File out = DIR.resolve("out.txt").toFile();
        File err = DIR.resolve("err.txt").toFile();
        Process p = pb.redirectOutput(out).redirectError(err).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the game ended");
        List<String> o = Files.readAllLines(out.toPath());
        List<String> e = Files.readAllLines(err.toPath());
        assertEquals(0, p.exitValue(), "exit code; stdout " + o + ", stderr " + e);
        Map<String, String> summary = new HashMap<>();
        for (String l : o) {
            int eq = l.indexOf('=');
            if (eq > 0 && !l.startsWith("[")) {
                summary.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        System.out.println("game on " + env + ": " + o + (e.isEmpty() ? "" : " stderr " + e));
        return new Run(summary, o, e);
    }

    static void assertAudibleAndAligned(Run r) {
        assertEquals("false", r.summary().get("silent"), "an OpenAL device played: " + r.out());
        assertEquals("false", r.summary().get("silentFallback"), "no OUTPUT event said it fell back to silence: " + r.out());
        assertTrue(r.summary().get("lwjgl").startsWith("3.3.6"), "segue-bom's LWJGL: " + r.summary().get("lwjgl"));
    }

    @Test
    void theWaveDeviceRecordsTheChordTheGamePlayed() throws Exception {
        Path wav = DIR.resolve("heard.wav");
        Files.deleteIfExists(wav);
        Path conf = Files.writeString(DIR.resolve("alsoft-wave.conf"), "[general]\nperiod_size = 384\nperiods = 3\n[wave]\nfile = "
                + wav + "\n", StandardCharsets.UTF_8);
        Run r = play(3, Map.of("ALSOFT_DRIVERS", "wave", "ALSOFT_CONF", conf.toString()));
        assertAudibleAndAligned(r);
        assertEquals("Wave File Writer", r.summary().get("output"));

        Wav heard = Wav.read(wav);
        assertEquals(2, heard.channels);
        double seconds = heard.frames() / (double) heard.rate;
        assertTrue(seconds > 2 && seconds < 5, "the wave device wrote in real time: " + seconds + " s");
        assertEquals(RATE, heard.rate, "Segue mixes at OpenAL's rate");
        int from = heard.rate; // a second in: the cue is well under way
        int n = heard.rate / 2;
        double stemRms = Wav.rms(stem);
        for (int c = 0; c < 2; c++) {
            float[] x = heard.channel(c, from, n);
            double level = Wav.rms(x) / stemRms;
            assertTrue(level > 0.85 && level < 1.15, "channel " + c + " plays the stem at " + level + " of its level");
            for (double hz : CHORD) {
                double tone = Wav.toneRms(x, hz, heard.rate) / (AMP / Math.sqrt(2));
                assertTrue(tone > 0.8 * level && tone < 1.2 * level, c + ": " + hz + " Hz at " + tone + " (overall " + level + ")");
            }
            for (double hz : new double[] {300, 500, 610, 880, 1000}) {
                double stray = Wav.toneRms(x, hz, heard.rate) / (AMP / Math.sqrt(2));
                assertTrue(stray < 0.02, c + ": nothing at " + hz + " Hz: " + stray);
            }
            float[] window = heard.channel(c, from, 2_400);
            double corr = Wav.bestCorrelation(window, stem, stem.length - window.length);
            assertTrue(corr > 0.99, "channel " + c + " is the stem's waveform: correlation " + corr);
            System.out.printf("wave device, channel %d: level %.3f of the stem's, best correlation with it %.5f%n", c, level, corr);
        }
    }

    @Test
    void onTheNullDeviceTheMusicClockRunsInRealTime() throws Exception {
        Run r = play(3, Map.of("ALSOFT_DRIVERS", "null"));
        assertAudibleAndAligned(r);
        assertEquals("No Output", r.summary().get("output"));
        double music = Double.parseDouble(r.summary().get("musicSeconds"));
        double wall = Double.parseDouble(r.summary().get("wallSeconds"));
        assertTrue(Math.abs(music - wall) < 0.1 * wall + 0.05, "music clock " + music + " s over " + wall + " s of wall time");
        assertFalse(r.err().stream().anyMatch(l -> l.contains("Exception")), "stderr: " + r.err());
    }
}
