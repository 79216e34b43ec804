package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.report.BugReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error no check foresaw on one of Segue's threads reaches the player as one plain line naming a
 * report file, never as a stack trace; the trace is in the file, for the bug report the README asks for.
 */
class BugReportTest {
    @TempDir
    Path dir;

    @Test
    void anUnforeseenErrorOnASegueThreadBecomesOneLineAndAReportFile() throws Exception {
        PrintStream was = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String before = System.getProperty("segue.bugreport.dir");
        System.setProperty("segue.bugreport.dir", dir.toString());
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Thread t = BugReport.thread(() -> {
                throw new IllegalStateException("a state no check foresaw");
            }, "segue-test");
            t.start();
            t.join();
        } finally {
            System.setErr(was);
            if (before == null) {
                System.clearProperty("segue.bugreport.dir");
            } else {
                System.setProperty("segue.bugreport.dir", before);
            }
        }
        String said = err.toString(StandardCharsets.UTF_8);
        List<Path> reports;
        try (var files = Files.list(dir)) {
            reports = files.toList();
        }
        assertEquals(1, reports.size(), said);
        assertEquals(1, said.lines().count(), "one line: " + said);
        assertFalse(said.contains("\tat ") || said.contains("Exception in thread"), "no stack trace: " + said);
        assertTrue(said.contains("segue-test thread (IllegalStateException)") && said.contains(reports.get(0).toString())
                && said.contains("Reporting a bug"), said);
        String report = Files.readString(reports.get(0));
        assertTrue(report.contains("thread: segue-test") && report.contains("a state no check foresaw")
                && report.contains("\tat "), report);
    }
}
