package dev.segue.tools.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.tools.SegueCli;
import dev.segue.tools.matrix.TestStems;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        var cmd = SegueCli.commandLine();
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        int code = cmd.execute(args);
        return new String[] {String.valueOf(code), out.toString()};
    }

    /** A gain no mixer can play (it rendered NaN and validated as ok) is an error at its line and column. */
    @Test
    void anAbsurdGainIsAnErrorAtItsPlace() throws IOException {
        TestStems.sine(dir.resolve("pad.wav"), 4, 220, 0.2, 0);
        Path sheet = dir.resolve("loud.cues.json");
        Files.writeString(sheet, String.join("\n",
                "{\"cues\": {\"calm\": {\"tempo\": {\"bpm\": 100},",
                "  \"stems\": [{\"name\": \"pad\", \"file\": \"pad.wav\", \"gainDb\": 1e308}]}}}"));
        String[] r = run("validate", sheet.toString());
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains(sheet + ":2:58: error: cues.calm.stems[0].gainDb: gainDb 1e308 is outside -144..24 dB"), r[1]);
    }

    @Test
    void everySeededErrorWithItsPathAndLine() throws IOException {
        TestStems.sine(dir.resolve("pad.wav"), 4, 220, 0.2, 0);
        Path sheet = dir.resolve("broken.cues.json");
        Files.writeString(sheet, String.join("\n",
                "{",                                                         // 1
                "  \"cues\": {",                                             // 2
                "    \"calm\": {",                                           // 3
                "      \"tempo\": { \"bpm\": -5 },",                         // 4
                "      \"fadeout\": 3,",                                     // 5
                "      \"stems\": [",                                        // 6
                "        { \"name\": \"pad\", \"file\": \"pad.wav\" },",     // 7
                "        { \"name\": \"drums\", \"file\": \"drums.ogg\" }",  // 8
                "      ]",                                                   // 9
                "    }",                                                     // 10
                "  },",                                                      // 11
                "  \"states\": { \"menu\": \"title\" },",                    // 12
                "  \"transitions\": [ { \"from\": \"*\", \"to\": \"calm\", \"when\": \"sometime\" } ]", // 13
                "}"));
        String[] r = run("validate", sheet.toString());
        assertEquals("1", r[0], r[1]);
        String s = sheet.toString();
        assertTrue(r[1].contains(s + ":4:25: error: cues.calm.tempo.bpm: bpm -5.0 is outside 1..1000"), r[1]);
        assertTrue(r[1].contains(s + ":5:7: error: cues.calm.fadeout: unknown field"), r[1]);
        assertTrue(r[1].contains(s + ":8:36: error: cues.calm.stems[1].file: no such file 'drums.ogg'"), r[1]);
        assertTrue(r[1].contains(s + ":12:23: error: states.menu: no cue named 'title'"), r[1]);
        assertTrue(r[1].contains(s + ":13:57: error: transitions[0].when: 'sometime' is not a time"), r[1]);
        String[] json = run("validate", "--json", sheet.toString());
        assertTrue(json[1].contains("\"path\": \"cues.calm.stems[1].file\", \"line\": 8, \"column\": 36"), json[1]);
    }

    @Test
    void warningsForWhatLoadsButWillNotSoundAsWritten() throws IOException {
        TestStems.sine(dir.resolve("long.wav"), 8, 220, 0.2, 0);
        TestStems.sine(dir.resolve("short.wav"), 5, 330, 0.2, 0);
        TestStems.sine(dir.resolve("wrap.wav"), 8, 220.0625, 0.2, 0);
        Path sheet = dir.resolve("warn.cues.json");
        Files.writeString(sheet, String.join("\n",
                "{",
                "  \"cues\": {",
                "    \"main\": {",
                "      \"tempo\": { \"bpm\": 120 },",
                "      \"loop\": { \"start\": \"1:1\", \"end\": \"4:3\" },",
                "      \"markers\": { \"odd\": \"2:1.5\" },",
                "      \"stems\": [ { \"name\": \"a\", \"file\": \"long.wav\" }, { \"name\": \"b\", \"file\": \"short.wav\" } ]",
                "    },",
                "    \"clicky\": { \"tempo\": { \"bpm\": 120 }, \"loop\": { \"end\": \"3:1\" }, \"stems\": [ { \"name\": \"w\", \"file\": \"wrap.wav\" } ] },",
                "    \"spare\": { \"tempo\": { \"bpm\": 120 }, \"stems\": [ { \"name\": \"x\", \"file\": \"long.wav\" } ] }",
                "  },",
                "  \"states\": { \"play\": \"main\", \"other\": \"clicky\" }",
                "}"));
        String[] r = run("validate", sheet.toString());
        assertEquals("0", r[0], "warnings only: exit 0\n" + r[1]);
        String s = sheet.toString();
        assertTrue(r[1].contains(s + ":7:16: warning: cues.main.stems: the stems have different lengths"), r[1]);
        assertTrue(r[1].contains(s + ":7:78: warning: cues.main.stems[1].file: 'short.wav' ends at 3:3 (5.000 s) but the "
                + "loop runs to 4:3 (7.000 s)"), r[1]);
        assertTrue(r[1].contains(s + ":5:15: warning: cues.main.loop: the loop (1:1 (0.000 s) to 4:3 (7.000 s)) is 3.50 bars"),
                r[1]);
        assertTrue(r[1].contains(s + ":6:27: warning: cues.main.markers.odd: marker 'odd' at 2:1.50"), r[1]);
        assertTrue(r[1].contains("warning: cues.clicky.loop.end: stem 'w' jumps by"), r[1]);
        assertTrue(r[1].contains(s + ":10:14: warning: cues.spare: cue 'spare' is never played"), r[1]);
        assertTrue(!r[1].contains("cues.main.loop.end"), "main wraps in phase\n" + r[1]);
    }

    @Test
    void theShippedSampleIsClean() {
        String[] r = run("validate", Path.of("..", "assets", "sample", "sample.cues.json").toString());
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].endsWith("sample.cues.json: ok\n"), r[1]);
    }
}
