package dev.segue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
    @TempDir
    Path dir;

    static Path richSheet(Path dir) {
        int frames = 8 * 96_000;
        Audio.writeFloatWav(dir.resolve("a1.wav"), 1, Audio.noise(frames, 11, 0.1f));
        Audio.writeFloatWav(dir.resolve("a2.wav"), 1, Audio.sine(frames, 220, 0.2f));
        Audio.writeFloatWav(dir.resolve("b1.wav"), 1, Audio.noise(frames, 12, 0.1f));
        Audio.writeFloatWav(dir.resolve("b2.wav"), 1, Audio.sine(frames, 330, 0.2f));
        Audio.writeFloatWav(dir.resolve("br.wav"), 1, Audio.sine(96_000, 550, 0.2f));
        Audio.writeFloatWav(dir.resolve("st.wav"), 1, Audio.sine(24_000, 880, 0.3f));
        return Audio.writeText(dir.resolve("rich.cues.json"), """
            {"parameters": {"intensity": {"default": 0.2, "smoothing": "100 ms"}, "muffle": {"default": 0}},
             "bus": {"lowpass": {"parameter": "muffle", "points": [[0, 20000], [1, 500]]}},
             "ducks": {"talk": {"gainDb": -9, "attack": "1 beat", "release": "300 ms"}},
             "cues": {
               "a": {"tempo": {"bpm": 120}, "loop": {"start": "2:1", "end": "8:1"}, "markers": {"m": "5:1"},
                     "stems": [{"name": "n", "file": "a1.wav", "gainCurve": {"parameter": "intensity", "points": [[0, 0], [1, 1]]}},
                               {"name": "t", "file": "a2.wav"}]},
               "b": {"tempo": {"bpm": 97, "meter": "7/8"}, "loop": {"start": "1:1"},
                     "stems": [{"name": "n", "file": "b1.wav"}, {"name": "t", "file": "b2.wav",
                               "gainCurve": {"parameter": "intensity", "points": [[0.3, 0], [0.8, 1]]}}]},
               "bridge": {"tempo": {"bpm": 120}, "stems": [{"name": "r", "file": "br.wav"}]},
               "sting": {"tempo": {"bpm": 120}, "stems": [{"name": "s", "file": "st.wav"}]}},
             "states": {"explore": "a", "combat": "b", "quiet": null},
             "transitions": [
               {"from": "*", "to": "*", "when": "nextBar", "fadeOut": {"length": "1 beat", "curve": "equalPower"},
                "fadeIn": {"length": "1 beat", "curve": "sCurve", "offset": "-1 beat"}},
               {"from": "a", "to": "b", "when": "nextMarker", "bridge": "bridge"},
               {"from": "b", "to": "a", "when": "nextBeat", "position": "sameBeat", "fadeOut": "2 beats"}],
             "stingers": {"sting": {"cue": "sting", "when": "nextBeat", "duck": {"gainDb": -8}}}}
            """);
    }

    static final String SCRIPT = """
        # a tour through everything
        0.0 state explore
        0.5 param intensity 0.9
        3.1 stinger sting
        4.0 state combat
        6.2 param intensity 0.1
        7.0 duck talk on
        8.5 duck talk off
        9.7 stinger sting
        11.3 state explore
        12.0 pause
        12.8 resume
        14.2 trigger b
        16.0 state quiet
        18.5 state explore
        21 end
        """;

    @Test
    void theSameScriptRendersIdenticalBytesTwice() throws Exception {
        Path sheet = richSheet(dir);
        SessionScript script = SessionScript.parse("tour", SCRIPT);
        List<String> log1 = new ArrayList<>();
        List<String> log2 = new ArrayList<>();
        OfflineRender.Result r1 = OfflineRender.render(Audio.offline(sheet), script, dir.resolve("one.wav"), e -> log1.add(e.toString()));
        OfflineRender.Result r2 = OfflineRender.render(Audio.offline(sheet), script, dir.resolve("two.wav"), e -> log2.add(e.toString()));
        assertEquals(21 * 48_000, r1.frames());
        assertTrue(r1.peak() > 0.1f, "it made sound");
        assertArrayEquals(Files.readAllBytes(r1.wav()), Files.readAllBytes(r2.wav()));
        assertEquals(log1, log2);
        String log = String.join("\n", log1);
        for (String kind : new String[] {"TRANSITION_SCHEDULED", "TRANSITION_DONE", "STINGER", "MARKER", "PAUSED", "RESUMED", "BAR"}) {
            assertTrue(log.contains(kind), "the log shows " + kind + ":\n" + log);
        }
        assertTrue(!log.contains("ERROR"), log);
    }

    @Test
    void blockSizeDoesNotChangeTheOutput() {
        Path sheet = richSheet(dir);
        float[][] outs = new float[2][];
        int[] blocks = {512, 97};
        // parameters move too: set at the same frames in both runs
        for (int i = 0; i < 2; i++) {
            Audio.Session s = new Audio.Session(Audio.offline(sheet));
            s.block = blocks[i];
            s.at(0, g -> g.setState("explore")).at(100_000, g -> g.playStinger("sting"))
                    .at(150_001, g -> g.setState("combat")).at(200_017, g -> g.setParameter("intensity", 0.9f))
                    .at(300_000, Segue::pause).at(330_000, Segue::resume)
                    .at(500_000, g -> g.setState("explore"));
            outs[i] = s.render(700_000);
        }
        assertArrayEquals(outs[0], outs[1], "blocks of 512 and of 97 frames render the same samples");
    }

    @Test
    void aScriptIsCheckedAgainstTheSheetBeforeAnythingRenders() {
        Segue segue = Audio.offline(richSheet(dir));
        SessionScript script = SessionScript.parse("s.txt",
                "0 state explore\n1 state boss\n2 param danger 1\n3 trigger zz\n4 duck talk on\n5 duck shout on\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OfflineRender.render(segue, script, dir.resolve("never.wav"), null));
        assertEquals(java.util.List.of("s.txt:2: the sheet has no state 'boss' (it has explore, combat, quiet)",
                "s.txt:3: the sheet has no parameter 'danger' (it has intensity, muffle)",
                "s.txt:4: the sheet has no cue 'zz' (it has a, b, bridge, sting)",
                "s.txt:6: the sheet has no duck 'shout' (it has talk)"), java.util.List.of(e.getMessage().split("\n")));
        assertTrue(!Files.exists(dir.resolve("never.wav")));
    }

    @Test
    void badScriptLinesAreNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SessionScript.parse("s.txt", "0 state a\n1.5 dance now\n"));
        assertEquals("s.txt:2: unknown verb 'dance': use state, param, trigger, stinger, duck, pause, resume or end", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SessionScript.parse("s.txt", "1 duck talk maybe\n"));
        assertEquals("s.txt:1: a duck is held 'on' or let go 'off', not 'maybe'", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SessionScript.parse("s.txt", "soon state a\n"));
        assertTrue(e.getMessage().startsWith("s.txt:1: 'soon' is not a time"));
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SessionScript.parse("s.txt", "1 param intensity\n"));
        assertTrue(e.getMessage().startsWith("s.txt:1: 'param' takes 2 arguments"));
    }
}
