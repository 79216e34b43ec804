package dev.segue.cue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleResolutionTest {
    @TempDir
    Path dir;

    @Test
    void theMostSpecificRuleWinsThenTheFirstWritten() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(44 + 400).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 400).putInt(0x45564157).putInt(0x20746d66).putInt(16).putShort((short) 3)
                .putShort((short) 1).putInt(48_000).putInt(192_000).putShort((short) 4).putShort((short) 32)
                .putInt(0x61746164).putInt(400);
        Files.write(dir.resolve("x.wav"), b.array());
        Files.writeString(dir.resolve("s.json"), """
            {"cues": {"a": {"tempo": {"bpm": 120}, "stems": [{"name": "x", "file": "x.wav"}]},
                      "b": {"tempo": {"bpm": 120}, "stems": [{"name": "x", "file": "x.wav"}]},
                      "c": {"tempo": {"bpm": 120}, "stems": [{"name": "x", "file": "x.wav"}]}},
             "transitions": [
               {"from": "*", "to": "*", "when": "nextBar", "description": "any"},
               {"from": "*", "to": "b", "when": "nextBeat"},
               {"from": "a", "to": "*", "when": "exitCue"},
               {"from": "a", "to": "b", "when": "immediate"},
               {"from": "a", "to": "b", "when": "nextMarker"},
               {"from": "silence", "to": "*", "when": "afterBars"}]}
            """);
        CueSheet s = CueSheetLoader.load(dir.resolve("s.json"), 48_000);
        int a = s.cue("a").index();
        int b2 = s.cue("b").index();
        int c = s.cue("c").index();
        assertEquals("transitions[3]", s.rule(a, b2).path(), "(from,to) beats everything; the first of equals wins");
        assertEquals("transitions[2]", s.rule(a, c).path(), "(from,*) beats (*,to) and (*,*)");
        assertEquals("transitions[1]", s.rule(c, b2).path(), "(*,to) beats (*,*)");
        assertEquals("transitions[0]", s.rule(b2, c).path());
        assertEquals("transitions[5]", s.rule(-1, a).path(), "silence is a name like any other");
        assertEquals("transitions[2]", s.rule(a, -1).path(), "(a,*) also covers going silent");
    }

    /**
     * The sheet resolves without a (cues + 1)² table: on random sheets of random rules, every pair
     * gets what the rule of precedence says (checked here the slow way, against every rule).
     */
    @Test
    void randomRuleSetsResolveAsThePrecedenceSays() throws Exception {
        writeTinyWav();
        String[] names = {"a", "b", "c", "d", "e", "f", "g"};
        String[] ends = {"a", "b", "c", "d", "e", "f", "g", "silence", "*", "*", "*", "nosuch"};
        java.util.Random rnd = new java.util.Random(16);
        for (int sheet = 0; sheet < 25; sheet++) {
            StringBuilder cues = new StringBuilder();
            for (String n : names) {
                cues.append(cues.length() == 0 ? "" : ",").append('"').append(n)
                        .append("\": {\"tempo\": {\"bpm\": 120}, \"stems\": [{\"name\": \"x\", \"file\": \"x.wav\"}]}");
            }
            java.util.List<String[]> written = new java.util.ArrayList<>();
            StringBuilder rules = new StringBuilder();
            int count = 1 + rnd.nextInt(30);
            for (int i = 0; i < count; i++) {
                String f = ends[rnd.nextInt(ends.length - 1)];
                String t = ends[rnd.nextInt(ends.length - 1)];
                written.add(new String[] {f, t});
                rules.append(i == 0 ? "" : ",").append("{\"from\": \"").append(f).append("\", \"to\": \"").append(t)
                        .append("\", \"when\": \"nextBar\"}");
            }
            Files.writeString(dir.resolve("r.json"), "{\"cues\": {" + cues + "}, \"transitions\": [" + rules + "]}");
            CueSheet s = CueSheetLoader.load(dir.resolve("r.json"), 48_000);
            for (int f = -1; f < names.length; f++) {
                for (int t = -1; t < names.length; t++) {
                    String from = f < 0 ? "silence" : s.cues().get(f).name();
                    String to = t < 0 ? "silence" : s.cues().get(t).name();
                    int best = -1;
                    int bestScore = -1;
                    for (int i = 0; i < written.size(); i++) {
                        String[] r = written.get(i);
                        boolean fe = r[0].equals(from);
                        boolean te = r[1].equals(to);
                        if ((fe || r[0].equals("*")) && (te || r[1].equals("*")) && (fe ? 2 : 0) + (te ? 1 : 0) > bestScore) {
                            best = i;
                            bestScore = (fe ? 2 : 0) + (te ? 1 : 0);
                        }
                    }
                    String want = best < 0 ? CueSheet.DEFAULT_RULE.path() : "transitions[" + best + "]";
                    assertEquals(want, s.rule(f, t).path(), "sheet " + sheet + ": " + from + " -> " + to);
                }
            }
        }
    }

    private void writeTinyWav() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(44 + 400).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 400).putInt(0x45564157).putInt(0x20746d66).putInt(16).putShort((short) 3)
                .putShort((short) 1).putInt(48_000).putInt(192_000).putShort((short) 4).putShort((short) 32)
                .putInt(0x61746164).putInt(400);
        Files.write(dir.resolve("x.wav"), b.array());
    }
}
