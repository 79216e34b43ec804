package dev.segue.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchMixCommandTest {
    @Test
    void smallBenchRunsAndReports() {
        Cli r = Cli.run("bench", "mix", "--seconds", "1", "--stems", "2", "--rounds", "1");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("single-threaded"), r.all());
        assertTrue(r.out().contains("round 1"), r.all());
        assertTrue(r.out().contains("median"), r.all());
        assertTrue(r.out().contains("Java " + Runtime.version()), r.all());
    }
}
