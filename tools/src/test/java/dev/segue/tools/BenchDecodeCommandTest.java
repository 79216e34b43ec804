package dev.segue.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchDecodeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void benchesAnOggFile() throws Exception {
        Path wav = tmp.resolve("tone.wav");
        Path ogg = tmp.resolve("tone.ogg");
        assumeTrue(run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(),
                "synth", "3", "sine", "330", "sine", "440", "gain", "-6"), "sox is not installed");
        assumeTrue(run("oggenc", "-Q", "-o", ogg.toString(), wav.toString()), "oggenc is not installed");

        Cli r = Cli.run("bench", "decode", ogg.toString(), "--rounds", "1", "--resample", "48000");
        assertEquals(0, r.exitCode(), r.all());
        String out = r.out();
        assertTrue(out.contains("OGG, 44100 Hz, 2 channels"), r.all());
        assertTrue(out.contains("round 1"), r.all());
        assertTrue(out.lines().filter(l -> l.startsWith("round 1") && l.contains("x real time")).count() == 1, r.all());
        assertTrue(out.lines().anyMatch(l -> l.startsWith("median") && l.contains("x real time")), r.all());
        assertTrue(out.contains("+resample 48000"), r.all());
        if (BenchDecodeCommandTest.onPath("oggdec")) {
            assertTrue(out.contains("JOrbis path at "), r.all());
            assertTrue(out.contains("the speed of oggdec"), r.all());
            assertTrue(out.contains(">= 0.7x of oggdec"), r.all());
        } else {
            assertTrue(out.contains("oggdec not found"), r.all());
        }
    }

    @Test
    void missingFileExits1NamingIt() {
        Path missing = tmp.resolve("no-such-file.ogg");
        Cli r = Cli.run("bench", "decode", missing.toString(), "--rounds", "1");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.err().contains(missing.toString()), r.all());
        assertTrue(r.err().contains("no such file"), r.all());
    }

    /** Runs a command; true if it ran and exited 0, false if it is not installed or failed. */
    private boolean run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve(command[0] + ".log").toFile()).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
