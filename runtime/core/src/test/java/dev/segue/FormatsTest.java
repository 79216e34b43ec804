package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.decode.AudioFiles;
import dev.segue.decode.PcmData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stems in every format a player's library or a score arrives in, made by the real encoders, played
 * by the engine: Ogg Vorbis (oggenc), MP3 (lame), FLAC (flac) and WAV (sox), one of them at 44.1 kHz
 * so it is resampled to the mixer's 48 kHz on load. Each cue loops its whole file; the output must
 * be exactly the decoded stem, frame for frame, across the loop wraps.
 */
class FormatsTest {
    @TempDir
    Path dir;

    private void run(String... cmd) throws Exception {
        run(dir, cmd);
    }

    /** Runs an encoder in {@code dir}; fails the test with its output if it fails. */
    static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + "\n" + log);
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyFormatLoopsThroughTheEngineExactly() throws Exception {
        for (String tool : new String[] {"sox", "oggenc", "lame", "flac"}) {
            Assumptions.assumeTrue(onPath(tool), tool + " is not installed (.ci/run installs it)");
        }
        // 2 s of a chord at 48 kHz (stereo), and the same at 44.1 kHz for the resampled stem
        run("sox", "-n", "-r", "48000", "-c", "2", "-b", "16", "src48.wav", "synth", "2", "sine", "220", "sine", "330",
                "vol", "0.4");
        run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", "src44.wav", "synth", "2", "sine", "440", "vol", "0.4");
        run("oggenc", "-Q", "-q", "5", "-o", "stem.ogg", "src48.wav");
        run("lame", "--quiet", "--preset", "standard", "src48.wav", "stem.mp3");
        run("flac", "-s", "-f", "-o", "stem44.flac", "src44.wav");
        Files.copy(dir.resolve("src48.wav"), dir.resolve("stem.wav"));
        String[] files = {"stem.ogg", "stem.mp3", "stem44.flac", "stem.wav"};
        StringBuilder cues = new StringBuilder();
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < files.length; i++) {
            cues.append(i > 0 ? "," : "").append("\"c").append(i).append("\": {\"tempo\": {\"bpm\": 120}, \"loop\": {\"start\": 0},"
                    + " \"stems\": [{\"name\": \"s\", \"file\": \"").append(files[i]).append("\"}]}");
            states.append(i > 0 ? "," : "").append("\"s").append(i).append("\": \"c").append(i).append('"');
        }
        Path sheet = Audio.writeText(dir.resolve("formats.cues.json"),
                "{\"cues\": {" + cues + "}, \"states\": {" + states + "}}");
        List<String> report = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            PcmData stem = PcmData.load(AudioFiles.open(dir.resolve(files[i]), 48_000));
            int n = stem.frames();
            // 2 s: 96000 frames at 48 kHz; the 44.1 kHz file's 88200 frames resample to exactly 96000
            assertEquals(96_000, n, files[i] + ": decoded (and resampled) length is exact");
            int state = i;
            Audio.Session s = new Audio.Session(Audio.offline(sheet));
            s.block = 333;
            s.at(0, g -> g.setState("s" + state));
            float[] out = s.render(n * 3 + 100);
            float[] src = stem.samples();
            for (int f = 0; f < n * 3 + 100; f++) {
                int k = f % n;
                assertEquals(src[2 * k], Audio.left(out, f), 0f, files[i] + " frame " + f);
                assertEquals(src[2 * k + 1], Audio.right(out, f), 0f, files[i] + " frame " + f);
            }
            report.add(files[i] + ": " + n + " frames");
        }
        assertEquals(4, report.size(), String.join(", ", report));
    }
}
