package com.example.gdxgame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import dev.segue.SegueEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The game runs a few seconds in libGDX's headless backend (its render loop at 60 Hz, no window: CI
 * has no display) while Segue plays on OpenAL Soft's wave device (the surefire configuration sets
 * ALSOFT_DRIVERS=wave and ALSOFT_CONF; this test writes that file before anything opens OpenAL), and
 * the WAV that came out is the music.
 */
class MusicGameTest {
    static final int RATE = 48_000;

    @Test
    void theGamePlaysItsMusicOnLibGdxsLwjglAndItIsHeard() throws Exception {
        String lwjgl = org.lwjgl.Version.getVersion();
        assertTrue(lwjgl.startsWith("3.3.3"), "libGDX 1.14.0's LWJGL, taken by Maven's nearest-wins: " + lwjgl);
        String openal = org.lwjgl.openal.AL.class.getPackage().getSpecificationVersion();
        assertTrue(openal.startsWith("3.3.3"), "lwjgl-openal of the same version: " + openal);
        System.out.println("org.lwjgl.Version.getVersion() = " + lwjgl + ", lwjgl-openal " + openal);

        Path dir = Path.of("target", "game-test").toAbsolutePath();
        Files.createDirectories(dir);
        Path heard = dir.resolve("heard.wav");
        Files.deleteIfExists(heard);
        Path conf = Path.of(System.getenv("ALSOFT_CONF"));
        Files.writeString(conf, "[general]\nperiod_size = 384\nperiods = 3\n[wave]\nfile = " + heard + "\n", StandardCharsets.UTF_8);
        float[] stem = new float[4 * RATE];
        for (int i = 0; i < stem.length; i++) {
            stem[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / RATE) + 0.15 * Math.sin(2 * Math.PI * 660 * i / RATE));
        }
        Wav.writeMono16(dir.resolve("theme.wav"), RATE, stem);
        Path sheet = Files.writeString(dir.resolve("game.cues.json"), """
            {"cues": {"theme": {"tempo": {"bpm": 120}, "loop": {"start": 0}, "stems": [{"name": "theme", "file": "theme.wav"}]}},
             "states": {"play": "theme"}}
            """, StandardCharsets.UTF_8);

        CountDownLatch disposed = new CountDownLatch(1);
        MusicGame game = new MusicGame(sheet) {
            @Override
            public void dispose() {
                super.dispose();
                disposed.countDown();
            }
        };
        HeadlessApplicationConfiguration config = new HeadlessApplicationConfiguration();
        config.updatesPerSecond = 60;
        HeadlessApplication app = new HeadlessApplication(game, config);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (game.musicFrames() == 0 && System.nanoTime() < deadline) { // create() ran, the first frames rendered
            Thread.sleep(5);
        }
        long t0 = System.nanoTime();
        long f0 = game.musicFrames();
        Thread.sleep(2_500);
        long musicFrames = game.musicFrames() - f0;
        double wall = (System.nanoTime() - t0) / 1e9;
        app.exit();
        assertTrue(disposed.await(10, TimeUnit.SECONDS), "the game closed Segue in dispose()");

        assertEquals("Wave File Writer", game.outputName());
        assertFalse(game.silent(), "OpenAL played");
        for (SegueEvent e : game.outputEvents()) {
            assertFalse("silent (no audio device)".equals(e.other()), "no silent fallback: " + e.message());
        }
        double music = musicFrames / (double) RATE;
        assertTrue(music > 0.8 * wall - 0.05 && music < 1.05 * wall + 0.05, "the music clock ran in real time: " + music + " s in "
                + wall + " s");

        Wav out = Wav.read(heard);
        assertEquals(2, out.channels);
        assertEquals(RATE, out.rate);
        assertTrue(out.frames() > 2 * RATE, "the wave device wrote " + out.frames() + " frames");
        double stemRms = Wav.rms(stem);
        for (int c = 0; c < 2; c++) {
            float[] x = out.channel(c, RATE, RATE / 2);
            double level = Wav.rms(x) / stemRms;
            assertTrue(level > 0.85 && level < 1.15, "channel " + c + " at " + level + " of the stem's level");
            double a = Wav.toneRms(x, 440, RATE) / (0.3 / Math.sqrt(2));
            double e = Wav.toneRms(x, 660, RATE) / (0.15 / Math.sqrt(2));
            assertTrue(Math.abs(a - level) < 0.2 * level && Math.abs(e - level) < 0.2 * level, c + ": 440 Hz " + a + ", 660 Hz " + e);
            assertTrue(Wav.toneRms(x, 550, RATE) < 0.01, "nothing between");
            float[] window = out.channel(c, RATE, 2_400);
            double corr = Wav.bestCorrelation(window, stem, stem.length - window.length);
            assertTrue(corr > 0.99, "channel " + c + " is the stem: correlation " + corr);
            System.out.printf("libGDX game on LWJGL %s, channel %d: level %.3f of the stem's, correlation %.5f%n", lwjgl, c, level, corr);
        }
    }
}
