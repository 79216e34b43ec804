package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.audio.Music;
import com.badlogic.gdx.audio.Sound;
import com.badlogic.gdx.backends.lwjgl3.audio.OpenALLwjgl3Audio;
import com.badlogic.gdx.files.FileHandle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwjgl.openal.ALC10;
import org.lwjgl.openal.EXTThreadLocalContext;

/**
 * A libGDX game's own OpenAL audio (the real {@code OpenALLwjgl3Audio}, process-wide context) keeps
 * playing while Segue plays on its thread-local context in the same process. Runs in its own surefire
 * execution with {@code ALSOFT_DRIVERS=null}, so both open OpenAL Soft's real-time "No Output" device
 * (this machine has no sound card).
 */
class LibGdxCoexistenceTest {
    @TempDir
    Path dir;

    private Path encode(String name, String seconds, String hz) throws IOException, InterruptedException {
        Path wav = dir.resolve(name + ".wav");
        Path ogg = dir.resolve(name + ".ogg");
        run("sox", "-n", "-r", "48000", "-c", "2", "-b", "16", wav.toString(), "synth", seconds, "sine", hz, "vol", "0.5");
        run("oggenc", "-Q", "-q", "3", "-o", ogg.toString(), wav.toString());
        return ogg;
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }

    @Test
    void libGdxMusicAndSoundKeepPlayingBesideSegue() throws Exception {
        assertEquals("null", System.getenv("ALSOFT_DRIVERS"), "run by the openal-null-device surefire execution");
        Path music = encode("music", "4", "330");
        Path blip = encode("blip", "0.3", "880");
        Audio.writeFloatWav(dir.resolve("a.wav"), 1, Audio.sine(96_000, 220, 0.2f));
        Path sheet = Audio.writeText(dir.resolve("s.cues.json"), """
            {"cues": {"a": {"tempo": {"bpm": 240}, "loop": {"start": 0}, "stems": [{"name": "a", "file": "a.wav"}]}},
             "states": {"play": "a"}}
            """);

        OpenALLwjgl3Audio gdx = new OpenALLwjgl3Audio();
        try {
            long gdxContext = ALC10.alcGetCurrentContext();
            assertNotEquals(0, gdxContext, "libGDX made its context current process-wide");
            Music m = gdx.newMusic(new FileHandle(music.toFile()));
            Sound s = gdx.newSound(new FileHandle(blip.toFile()));
            m.play();
            assertTrue(Segue.outputDevices().size() >= 1, "devices listed: " + Segue.outputDevices());
            float beforeSegue;
            try (Segue segue = Segue.builder().cueSheet(sheet).build()) {
                assertFalse(segue.outputStats().silent(), segue.outputName());
                assertEquals("No Output", segue.outputName());
                assertEquals(gdxContext, ALC10.alcGetCurrentContext(), "Segue left libGDX's context current");
                assertEquals(0, EXTThreadLocalContext.alcGetThreadContext(), "and set no context on the game thread");
                segue.setState("play");
                beforeSegue = m.getPosition();
                long soundId = s.play(0.8f);
                assertNotEquals(-1, soundId, "libGDX still gets a source for a sound");
                long t0 = System.nanoTime();
                while (System.nanoTime() - t0 < 1_500_000_000L) {
                    gdx.update(); // what Lwjgl3Application does every frame
                    segue.update();
                    Thread.sleep(10);
                }
                assertTrue(m.isPlaying(), "libGDX music still playing");
                float advanced = m.getPosition() - beforeSegue;
                assertTrue(advanced > 0.7f, "libGDX music advanced " + advanced + " s in 1.5 s beside Segue");
                assertTrue(segue.position().frame() > 0.7 * 48_000, "Segue advanced " + segue.position().frame() + " frames");
                assertEquals("a", segue.position().cue());
            }
            float afterClose = m.getPosition();
            long t1 = System.nanoTime();
            while (System.nanoTime() - t1 < 500_000_000L) {
                gdx.update();
                Thread.sleep(10);
            }
            assertTrue(m.getPosition() > afterClose + 0.2f, "libGDX music goes on after Segue closed");
            assertEquals(gdxContext, ALC10.alcGetCurrentContext());
            List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("segue-")).toList();
            assertEquals(List.of(), threads);
            m.dispose();
            s.dispose();
        } finally {
            gdx.dispose();
        }
    }
}
