package dev.segue.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    /** Tests run in tools/; the repository root is one up. */
    static final Path SAMPLE = Path.of("..", "assets", "sample");

    @TempDir
    Path tmp;

    @Test
    void rendersTheSampleTour() throws IOException {
        Path wav = tmp.resolve("tour.wav");
        Cli r = Cli.run("render", SAMPLE.resolve("sample.cues.json").toString(),
                "--script", SAMPLE.resolve("tour.script").toString(), "--out", wav.toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(Files.isRegularFile(wav), "no WAV written");
        Wav w = Wav.read(wav);
        assertEquals(2, w.channels());
        assertEquals(48_000, w.sampleRate());
        assertEquals(3, w.format(), "32-bit float");
        assertEquals(32, w.bits());
        assertTrue(w.frames() >= 39 * 48_000, "about 40 s expected, got " + w.frames() + " frames");
        assertTrue(w.peak() > 0.05, "the render is silent: peak " + w.peak());
        assertTrue(r.out().contains("TRANSITION"), r.all());
        assertTrue(r.out().contains("STINGER"), r.all());
        assertTrue(r.out().contains(" BAR"), r.all());
        assertTrue(!r.out().contains(" BEAT "), "beats are printed only with --beats\n" + r.all());
        assertTrue(r.out().contains("dBFS"), "summary line missing\n" + r.all());
    }

    @Test
    void beatsOnRequest() throws IOException {
        Path script = tmp.resolve("short.script");
        Files.writeString(script, "0 state menu\n2.5 end\n");
        Cli r = Cli.run("render", SAMPLE.resolve("sample.cues.json").toString(), "--script", script.toString(),
                "--out", tmp.resolve("short.wav").toString(), "--beats");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("BEAT"), r.all());
    }

    @Test
    void brokenSheetPrintsEveryErrorAndExits1() throws IOException {
        Path sheet = tmp.resolve("broken.cues.json");
        Files.writeString(sheet, """
                {
                  "format": 1,
                  "cues": {
                    "main": { "tempo": { "bpm": 120, "meter": "4/4" }, "stems": [ { "name": "pad", "file": "missing.wav" } ] }
                  },
                  "states": { "play": "main" },
                  "transitions": [ { "from": "*", "to": "nope", "when": "nextBar" } ]
                }
                """);
        Path script = tmp.resolve("ok.script");
        Files.writeString(script, "0 state play\n1 end\n");
        Path wav = tmp.resolve("never.wav");
        Cli r = Cli.run("render", sheet.toString(), "--script", script.toString(), "--out", wav.toString());
        assertEquals(1, r.exitCode(), r.all());
        String printed = r.out() + r.err();
        assertTrue(printed.contains("cues.main.stems[0].file"), r.all());
        assertTrue(printed.contains("missing.wav"), r.all());
        assertTrue(printed.contains("transitions[0].to"), r.all());
        assertTrue(printed.contains("nope"), r.all());
        assertTrue(!Files.exists(wav), "no WAV for a broken sheet");
    }

    @Test
    void brokenScriptPrintsTheErrorAndExits1() throws IOException {
        Path script = tmp.resolve("bad.script");
        Files.writeString(script, "0 state menu\n1 dance wildly\n");
        Cli r = Cli.run("render", SAMPLE.resolve("sample.cues.json").toString(), "--script", script.toString(),
                "--out", tmp.resolve("bad.wav").toString());
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.err().contains("bad.script:2"), r.all());
    }

    @Test
    void aScriptNamingWhatTheSheetLacksIsRefusedBeforeRendering() throws IOException {
        Path script = tmp.resolve("typos.script");
        Files.writeString(script, "0 state menu\n1 state dungeon\n2 stinger kaboom\n3 param intensity 0.5\n4 end\n");
        Path wav = tmp.resolve("typos.wav");
        Cli r = Cli.run("render", SAMPLE.resolve("sample.cues.json").toString(), "--script", script.toString(),
                "--out", wav.toString());
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.err().contains("typos.script:2: the sheet has no state 'dungeon' (it has menu, explore, combat, silence)"),
                r.all());
        assertTrue(r.err().contains("typos.script:3: the sheet has no stinger 'kaboom' (it has pickup)"), r.all());
        assertTrue(!r.err().contains("typos.script:4"), r.all());
        assertTrue(!Files.exists(wav), "nothing rendered");
    }

    @Test
    void anUnwritableOutputIsNamed() {
        Cli r = Cli.run("render", SAMPLE.resolve("sample.cues.json").toString(), "--script",
                SAMPLE.resolve("tour.script").toString(), "--out", "/proc/segue-cannot-write-here/x.wav");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.err().startsWith("segue render: cannot write /proc/segue-cannot-write-here"), r.all());
    }
}
