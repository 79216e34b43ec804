package dev.segue.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class BenchStreamCommandTest {
    @Test
    void benchesStreamedOggStemsBesideTheInMemoryMix() {
        assumeTrue(onPath("oggenc"), "oggenc is not installed");
        Cli r = Cli.run("bench", "stream", "--stems", "2", "--length", "10", "--seconds", "2", "--rounds", "1");
        assertEquals(0, r.exitCode(), r.all());
        String out = r.out();
        assertTrue(out.contains("2 stereo Ogg Vorbis stems of 10 s"), r.all());
        assertTrue(out.lines().anyMatch(l -> l.startsWith("round 1") && l.contains("streamed") && l.contains("in memory")),
                r.all());
        assertTrue(out.lines().anyMatch(l -> l.startsWith("target") && l.contains("underruns 0")), r.all());
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void refusesAbsurdOptions() {
        Cli r = Cli.run("bench", "stream", "--stems", "0");
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().contains("--stems must be 1..64"), r.all());
    }
}
