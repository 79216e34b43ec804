package dev.segue.tools.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.segue.tools.SegueCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixCommandTest {
    @TempDir
    Path dir;

    /**
     * Four cues at 120 bpm, loops of 2 bars (4 s): {@code steady} is clean (220 Hz, a whole number of
     * periods in the loop); {@code clicky} wraps a 220.0625 Hz tone a quarter period out of phase (a full
     * -10 dBFS step at the wrap); {@code loud} is 20 dB louder than steady; {@code late} starts with a
     * second of silence.
     */
    private Path problemSheet() throws IOException {
        TestStems.sine(dir.resolve("steady.wav"), 6, 220, 0.1, 0);
        TestStems.sine(dir.resolve("clicky.wav"), 6, 220.0625, 0.1, 0);
        TestStems.sine(dir.resolve("loud.wav"), 6, 220, 0.9, 0);
        TestStems.sine(dir.resolve("late.wav"), 6, 220, 0.1, 1.0);
        String cue = "{ \"tempo\": { \"bpm\": 120 }, \"loop\": { \"start\": \"1:1\", \"end\": \"3:1\" }, "
                + "\"stems\": [ { \"name\": \"tone\", \"file\": \"%s.wav\" } ] }";
        Path sheet = dir.resolve("problems.cues.json");
        Files.writeString(sheet, "{ \"cues\": { "
                + "\"steady\": " + cue.formatted("steady") + ", \"clicky\": " + cue.formatted("clicky") + ", "
                + "\"loud\": " + cue.formatted("loud") + ", \"late\": " + cue.formatted("late") + " },"
                + " \"states\": { \"a\": \"steady\", \"b\": \"clicky\", \"c\": \"loud\", \"d\": \"late\" },"
                + " \"transitions\": [ { \"from\": \"*\", \"to\": \"*\", \"when\": \"nextBar\","
                + " \"fadeOut\": { \"length\": \"1 beat\", \"curve\": \"equalPower\" },"
                + " \"fadeIn\": { \"length\": \"1 beat\", \"curve\": \"equalPower\" } } ] }");
        return sheet;
    }

    private static int run(String... args) {
        var cmd = SegueCli.commandLine();
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }

    private static List<String> kinds(JsonObject report, String from, String to, String point) {
        List<String> out = new ArrayList<>();
        boolean found = false;
        for (JsonElement e : report.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("from").getAsString().equals(from) && c.get("to").getAsString().equals(to)
                    && (point == null || c.get("point").getAsString().equals(point))) {
                found = true;
                for (JsonElement i : c.getAsJsonArray("issues")) {
                    out.add(i.getAsJsonObject().get("kind").getAsString());
                }
            }
        }
        assertTrue(found, "no case " + from + " -> " + to + " " + point);
        return out;
    }

    @Test
    void flagsEachSeededProblemAtItsTransitionAndNowhereElse() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(2, run("matrix", problemSheet().toString(), "--out", out.toString()), "issues found: exit 2");
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        // 4 cues, 12 ordered pairs, 3 points each
        assertEquals(36, report.get("transitions").getAsInt());
        // the click: clicky's loop wraps inside the window only when asked near the loop end
        assertTrue(kinds(report, "clicky", "steady", "near-loop-end").contains("click"));
        assertTrue(!kinds(report, "clicky", "steady", "on-bar").contains("click"), "the wrap is outside that window");
        assertTrue(!kinds(report, "steady", "late", "near-loop-end").contains("click"), "steady wraps cleanly");
        JsonArray cases = report.getAsJsonArray("cases");
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            for (JsonElement i : c.getAsJsonArray("issues")) {
                if (i.getAsJsonObject().get("kind").getAsString().equals("click")) {
                    assertTrue(c.get("from").getAsString().equals("clicky") || c.get("to").getAsString().equals("clicky"),
                            "click flagged away from the clicky cue: " + c);
                    assertTrue(i.getAsJsonObject().get("message").getAsString().contains("clicky"), i.toString());
                }
            }
        }
        // the level jump: loud is 19 dB above steady, both ways
        assertTrue(kinds(report, "steady", "loud", "on-bar").contains("level jump"));
        assertTrue(kinds(report, "loud", "steady", "mid-bar").contains("level jump"));
        assertTrue(!kinds(report, "steady", "clicky", "on-bar").contains("level jump"));
        // the gap: late's first second is silent
        assertTrue(kinds(report, "steady", "late", "on-bar").contains("silence gap"));
        assertTrue(!kinds(report, "late", "steady", "on-bar").contains("silence gap"));
        assertTrue(kinds(report, "steady", "clicky", "mid-bar").isEmpty(), "a clean move has no issues");
        // what a composer opens
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| steady | loud |") && md.contains("level jump"), md);
        var png = ImageIO.read(out.resolve("matrix.png").toFile());
        assertTrue(png.getWidth() > 1000 && png.getHeight() > 600, png.getWidth() + "x" + png.getHeight());
        assertTrue(Files.isRegularFile(out.resolve("wav/clicky--steady--near-loop-end.wav")));
    }

    @Test
    void aCleanSheetIsNotFlagged() throws IOException {
        TestStems.sine(dir.resolve("a.wav"), 6, 220, 0.2, 0);
        TestStems.sine(dir.resolve("b.wav"), 6, 330, 0.2, 0);
        Path sheet = dir.resolve("clean.cues.json");
        String cue = "{ \"tempo\": { \"bpm\": 120 }, \"loop\": { \"start\": \"1:1\", \"end\": \"3:1\" }, "
                + "\"stems\": [ { \"name\": \"tone\", \"file\": \"%s.wav\" } ] }";
        Files.writeString(sheet, "{ \"cues\": { \"a\": " + cue.formatted("a") + ", \"b\": " + cue.formatted("b")
                + " }, \"states\": { \"one\": \"a\", \"two\": \"b\", \"quiet\": null },"
                + " \"transitions\": [ { \"from\": \"*\", \"to\": \"*\", \"when\": \"nextBar\","
                + " \"fadeOut\": { \"length\": \"2 beats\", \"curve\": \"equalPower\" },"
                + " \"fadeIn\": { \"length\": \"2 beats\", \"curve\": \"equalPower\" } } ] }");
        Path out = dir.resolve("clean");
        assertEquals(0, run("matrix", sheet.toString(), "--out", out.toString()), "nothing to flag: exit 0");
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        assertEquals(0, report.get("flagged").getAsInt(), report.toString());
        // a, b, silence: 6 pairs; from silence one point, else three
        assertEquals(2 * 3 * 2 + 2, report.get("transitions").getAsInt());
    }

    @Test
    void theShippedSampleIsClean() throws IOException {
        Path out = dir.resolve("sample");
        assertEquals(0, run("matrix", Path.of("..", "assets", "sample", "sample.cues.json").toString(), "--out",
                out.toString()), Files.readString(out.resolve("report.md")));
    }
}
