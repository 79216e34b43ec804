package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CueSheetValidationTest {
    @TempDir
    Path dir;

    @Test
    void aBrokenSheetYieldsAllItsErrorsWithPaths() {
        Audio.writeFloatWav(dir.resolve("boss/bass.wav"), 1, new float[96_000]);
        Audio.writeFloatWav(dir.resolve("boss/lead.wav"), 1, new float[96_000]);
        Audio.write(dir.resolve("boss/broken.wav"), "RIFF\u0000\u0000\u0000\u0000WAVEjunk".getBytes());
        Audio.write(dir.resolve("text.wav"), "this is not audio at all".getBytes());
        Audio.writeFloatWav(dir.resolve("../outside.wav"), 1, new float[10]);
        Path sheet = Audio.writeText(dir.resolve("broken.cues.json"), """
            {
              "parameters": {"intensity": {"min": 1, "max": 0}},
              "cues": {
                "boss": {
                  "tempo": {"bpm": -5, "meter": "4/4"},
                  "stems": [
                    {"name": "bass", "file": "boss/bass.wav"},
                    {"name": "lead", "file": "boss/lead.wav", "gainCurve": {"parameter": "danger", "points": [[0, 1]]}},
                    {"name": "drums", "file": "boss/drums.ogg"},
                    {"name": "bass", "file": "boss/broken.wav"}
                  ]
                },
                "calm": {
                  "tempo": {"bpm": 100},
                  "loop": {"start": "3:1", "end": "2:1"},
                  "markers": {"late": "99:1"},
                  "fadeout": 3,
                  "stems": [{"name": "x", "file": "../outside.wav"}, {"name": "y", "file": "text.wav"}]
                }
              },
              "states": {"menu": "title"},
              "transitions": [
                {"from": "calm", "to": "combat", "when": "nextBar"},
                {"from": "*", "to": "calm", "when": "sometime", "fadeOut": {"length": "2 parsecs", "curve": "wobbly"}},
                {"from": "calm", "to": "*", "when": "nextMarker", "marker": "nope"}
              ],
              "stingers": {"pickup": {"cue": "nothing", "when": "exitCue"}}
            }
            """);
        CueSheetException e = assertThrows(CueSheetException.class, () -> Audio.offline(sheet));
        List<String> errors = e.errors();
        String all = String.join("\n", errors);
        String[] expected = {
            "parameters.intensity.max: max (0.0) must be greater than min (1.0)",
            "cues.boss.tempo.bpm: bpm -5.0 is outside 1..1000",
            "cues.boss.stems[1].gainCurve.parameter: no parameter named 'danger'",
            "cues.boss.stems[2].file: no such file 'boss/drums.ogg'",
            "cues.boss.stems[3].file: cannot read 'boss/broken.wav'",
            "cues.calm.fadeout: unknown field",
            "cues.calm.stems[0].file: '../outside.wav' is outside the sheet's folder",
            "cues.calm.stems[1].file: cannot read 'text.wav': not an audio file Segue knows (it reads WAV, Ogg Vorbis, MP3 and FLAC) (at byte 0)",
            "cues.boss.stems[3].file: cannot read 'boss/broken.wav': no fmt chunk found (at byte 12)",
            "cues.calm.loop: the loop ends",
                        "states.menu: no cue named 'title'",
            "transitions[0].to: no cue named 'combat'",
            "transitions[1].when: 'sometime' is not a time",
            "transitions[1].fadeOut.length: '2 parsecs' has no unit I know",
            "transitions[1].fadeOut.curve: 'wobbly' is not a curve",
            "stingers.pickup.cue: no cue named 'nothing'",
            "stingers.pickup.when: a stinger lands immediate, nextBeat or nextBar",
        };
        for (String x : expected) {
            assertTrue(errors.stream().anyMatch(err -> err.startsWith(x)), "missing error: " + x + "\nall errors:\n" + all);
        }
        assertTrue(e.getMessage().startsWith(sheet.toAbsolutePath().normalize().toString()), "the message names the sheet");
        assertTrue(e.getMessage().contains(errors.size() + " errors"));
    }

    @Test
    void duplicateStemNamesAndBadMarkerRulesAreCaught() {
        Audio.writeFloatWav(dir.resolve("a.wav"), 1, new float[96_000]);
        Path sheet = Audio.writeText(dir.resolve("s.cues.json"), """
            {"cues": {"a": {"tempo": {"bpm": 120}, "markers": {"m": "1:3"},
               "stems": [{"name": "x", "file": "a.wav"}, {"name": "x", "file": "a.wav"}]}},
             "transitions": [{"from": "a", "to": "*", "when": "nextMarker", "marker": "zz"}]}
            """);
        CueSheetException e = assertThrows(CueSheetException.class, () -> Audio.offline(sheet));
        assertTrue(e.errors().contains("cues.a.stems[1].name: another stem of this cue is already named 'x'"), e.getMessage());
    }

    @Test
    void invalidJsonIsReportedWithItsLocation() {
        Path sheet = Audio.writeText(dir.resolve("s.cues.json"), "{\"cues\": {\"a\": {\"tempo\": {\"bpm\": 120},}}}");
        CueSheetException e = assertThrows(CueSheetException.class, () -> Audio.offline(sheet));
        assertEquals(1, e.errors().size());
        assertTrue(e.errors().get(0).startsWith("not valid JSON"), e.getMessage());
        assertEquals(List.of(1, 40), List.of(e.problems().get(0).line(), e.problems().get(0).column()), e.getMessage());
        assertTrue(e.getMessage().contains("1:40"), "the message gives line and column: " + e.getMessage());
    }

    @Test
    void aMissingSheetIsNamed() {
        CueSheetException e = assertThrows(CueSheetException.class, () -> Audio.offline(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("nope.json") && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void everyErrorCarriesTheLineAndColumnOfWhatItNames() {
        Audio.writeFloatWav(dir.resolve("a.wav"), 1, new float[48_000]);
        Path sheet = Audio.writeText(dir.resolve("s.cues.json"), String.join("\n",
                "{",
                "  \"cues\": {",
                "    \"a\": {",
                "      \"tempo\": {\"bpm\": 120},",
                "      \"loops\": true,",
                "      \"stems\": [{\"name\": \"x\", \"file\": \"gone.wav\"}]",
                "    },",
                "    \"b\": {\"stems\": [{\"name\": \"y\", \"file\": \"a.wav\"}]}",
                "  }",
                "}"));
        CueSheetException e = assertThrows(CueSheetException.class, () -> Audio.offline(sheet));
        List<String> where = e.problems().stream().map(p -> p.line() + ":" + p.column() + " " + p).toList();
        assertEquals(List.of(
                "5:7 cues.a.loops: unknown field",
                "6:39 cues.a.stems[0].file: no such file 'gone.wav'",
                "8:10 cues.b.tempo: missing; it is required"), where, "an unknown field points at its key, a missing one "
                + "at the object that lacks it");
        assertTrue(e.getMessage().contains("\n  6:39  cues.a.stems[0].file: no such file 'gone.wav'"), e.getMessage());
        assertEquals(e.errors(), e.problems().stream().map(CueSheetException.Problem::toString).toList());
    }

    @Test
    void invalidJsonHasItsLineAndColumnToo() {
        Path sheet = Audio.writeText(dir.resolve("s.cues.json"), "{\n  \"cues\": {\n    \"a\": ,\n  }\n}");
        CueSheetException e = assertThrows(CueSheetException.class, () -> Audio.offline(sheet));
        assertEquals(3, e.problems().get(0).line(), e.getMessage());
        assertTrue(e.problems().get(0).column() > 1, e.getMessage());
    }
}
