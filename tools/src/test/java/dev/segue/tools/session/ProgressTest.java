package dev.segue.tools.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void aLogGetsALineAtEachTenthNotAtEachStep() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out, true), "segue matrix", "transitions", 50, false);
        for (int i = 0; i < 50; i++) {
            p.step();
        }
        p.finish();
        String[] lines = out.toString().split("\n");
        assertEquals(10, lines.length, out.toString());
        assertTrue(lines[0].startsWith("segue matrix:  10% (5/50 transitions, "), lines[0]);
        assertTrue(lines[9].startsWith("segue matrix: 100% (50/50 transitions, "), lines[9]);
        assertTrue(!out.toString().contains("\r"), "no carriage returns in a log");
    }

    @Test
    void aTerminalGetsOneLineRedrawnInPlace() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out, true), "segue render", "renders", 4, true);
        p.step();
        p.addTotal(4);
        p.step();
        p.finish();
        String s = out.toString();
        assertEquals(3, s.chars().filter(c -> c == '\r').count(), s);
        assertTrue(s.contains("[########......................]  25%  1/4 renders"), s);
        assertTrue(s.contains("[##############################] 100%  8/8 renders"), s);
        assertTrue(s.endsWith("\n"), "the bar ends its line");
    }
}
