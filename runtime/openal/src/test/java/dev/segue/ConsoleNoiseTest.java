package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A game started on a machine with no sound card prints at most one line to stderr: OpenAL Soft's
 * ALSA backend makes alsa-lib print eight ("ALSA lib confmisc.c:855:(parse_card) cannot find card
 * '0'" ... "Unknown PCM default") unless Segue's quiet alsa-lib error handler is in place. Measured in
 * a child JVM with the environment a player has (no ALSOFT_DRIVERS, no ALSOFT_CONF), building Segue
 * with the default output, exactly as {@code Segue.builder().cueSheet(sheet).build()} in a game.
 */
class ConsoleNoiseTest {
    @TempDir
    Path dir;

    /** The child: builds Segue with the default output, plays a moment, prints each OUTPUT event on stdout. */
    public static void main(String[] args) throws Exception {
        try (Segue segue = Segue.builder().cueSheet(Path.of(args[0])).build()) {
            segue.addListener(e -> {
                if (e.type() == SegueEvent.Type.OUTPUT) {
                    System.out.println("OUTPUT\t" + e.message() + "\t" + e.other());
                }
            });
            segue.setState("play");
            long t0 = System.nanoTime();
            long f0 = segue.position().frame();
            while (System.nanoTime() - t0 < 600_000_000L) {
                segue.update();
                Thread.sleep(10);
            }
            segue.update();
            System.out.println("SILENT\t" + segue.outputStats().silent());
            System.out.println("MUSIC\t" + (segue.position().frame() - f0) / (double) segue.sampleRate());
        }
    }

    record Run(List<String> out, List<String> err) {
        List<String> events() {
            return out.stream().filter(l -> l.startsWith("OUTPUT\t")).toList();
        }
    }

    private Run run(String... jvmOptions) throws Exception {
        Audio.writeFloatWav(dir.resolve("a.wav"), 1, Audio.sine(48_000, 440, 0.2f));
        Path sheet = Audio.writeText(dir.resolve("s.cues.json"), """
            {"cues": {"a": {"tempo": {"bpm": 240}, "loop": {"start": 0}, "stems": [{"name": "a", "file": "a.wav"}]}},
             "states": {"play": "a"}}
            """);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ConsoleNoiseTest.class.getName(), sheet.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("ALSOFT_DRIVERS");
        pb.environment().remove("ALSOFT_CONF");
        pb.environment().remove("ALSOFT_LOGLEVEL");
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process p = pb.redirectOutput(out).redirectError(err).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        List<String> o = Files.readAllLines(out.toPath(), StandardCharsets.UTF_8);
        List<String> e = Files.readAllLines(err.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "child exit; stdout " + o + " stderr " + e);
        return new Run(o, e);
    }

    @Test
    void withNoSoundCardAGameStartPrintsAtMostOneLineAndTheOutputEventSaysWhy() throws Exception {
        Run r = run();
        assumeTrue(r.out().contains("SILENT\ttrue"), "a device opened here (a sound card?): " + r.out());
        assertTrue(r.err().size() <= 1, "stderr of a game's start with no sound card, " + r.err().size() + " lines:\n"
                + String.join("\n", r.err()));
        List<String> events = r.events();
        assertEquals(1, events.size(), "one OUTPUT event: " + r.out());
        String e = events.get(0);
        assertTrue(e.contains("OpenAL could not open the default audio device") && e.contains("sound card"), e);
        assertTrue(e.endsWith("\tsilent (no audio device)"), e);
        if (Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libasound.so.2"))
                || Files.exists(Path.of("/lib/x86_64-linux-gnu/libasound.so.2"))) {
            assertTrue(e.contains("(ALSA: snd_pcm_open_noupdate: Unknown PCM default)"), "what ALSA said is in the event: " + e);
        }
        double music = Double.parseDouble(r.out().stream().filter(l -> l.startsWith("MUSIC\t")).findFirst().orElseThrow()
                .substring(6));
        assertTrue(music > 0.3, "the music clock ran while silent: " + music + " s");
    }

    @Test
    void withoutTheQuietHandlerAlsaLibPrintsItsErrors() throws Exception {
        // the measurement above means something: with Segue's handler off, the same start prints ALSA's lines
        Run r = run("-Dsegue.alsa.verbose=true");
        assumeTrue(r.out().contains("SILENT\ttrue"), "a device opened here (a sound card?): " + r.out());
        long alsa = r.err().stream().filter(l -> l.startsWith("ALSA lib ")).count();
        assumeTrue(alsa > 0, "no alsa-lib on this machine: " + r.err());
        assertTrue(alsa > 1, "alsa-lib's own lines: " + r.err());
    }
}
