package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or careless sheet can hold, and what Segue makes of it: numbers out of any sane
 * range are errors naming the place (in the loader, so in {@code segue validate} and hot reload too),
 * a stem that is a symbolic link out of the sheet's folder is refused by its real path, a pipe in
 * place of a sheet or a stem is refused instead of blocking for ever, and samples that are NaN or
 * infinite never reach the output.
 */
class HostileSheetTest {
    @TempDir
    Path dir;

    private Path sheet(String stem, String stinger) {
        Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.sine(48_000, 440, 0.25f));
        return Audio.writeText(dir.resolve("s.cues.json"), """
                {"cues": {"a": {"tempo": {"bpm": 120}, "loop": {}, "stems": [%s]},
                          "h": {"tempo": {"bpm": 120}, "stems": [{"file": "tone.wav", "name": "t"}]}},
                 "states": {"a": "a"},
                 "stingers": {"hit": {"cue": "h"%s}}}
                """.formatted(stem, stinger));
    }

    @Test
    void gainsBeyondAnySaneRangeAreErrorsNamingThePlace() {
        for (String db : List.of("1e308", "300", "-1e308")) {
            CueSheetException e = assertThrows(CueSheetException.class,
                    () -> Audio.offline(sheet("{\"name\": \"t\", \"file\": \"tone.wav\", \"gainDb\": " + db + "}", "")));
            assertEquals(1, e.errors().size(), e.getMessage());
            assertEquals("cues.a.stems[0].gainDb: gainDb " + db + " is outside -144..24 dB", e.errors().get(0));
            assertTrue(e.problems().get(0).line() == 1 && e.problems().get(0).column() > 1, e.problems().toString());
        }
        CueSheetException s = assertThrows(CueSheetException.class,
                () -> Audio.offline(sheet("{\"name\": \"t\", \"file\": \"tone.wav\"}", ", \"gainDb\": 1e308")));
        assertEquals(List.of("stingers.hit.gainDb: gainDb 1e308 is outside -144..24 dB"), s.errors());
        CueSheetException p = assertThrows(CueSheetException.class, () -> Audio.offline(Audio.writeText(
                dir.resolve("p.cues.json"), "{\"parameters\": {\"x\": {\"min\": -1e300, \"max\": 1}}, \"cues\": {}}")));
        assertTrue(p.errors().contains("parameters.x.min: min -1e300 is outside -1000000..1000000"), p.errors().toString());
    }

    /** A key written twice (a second "calm" replaced the first without a word) is an error at the second. */
    @Test
    void aKeyWrittenTwiceIsAnErrorAtTheSecond() {
        Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.sine(48_000, 440, 0.25f));
        Path file = Audio.writeText(dir.resolve("twice.cues.json"), String.join("\n",
                "{\"cues\": {",
                "  \"calm\": {\"tempo\": {\"bpm\": 120}, \"stems\": [{\"name\": \"t\", \"file\": \"tone.wav\"}]},",
                "  \"calm\": {\"tempo\": {\"bpm\": 90, \"bpm\": 60}, \"stems\": [{\"name\": \"t\", \"file\": \"tone.wav\"}]}",
                "}}"));
        CueSheetException e = assertThrows(CueSheetException.class, () -> Audio.offline(file));
        assertEquals(List.of("cues.calm: written twice in the same object; the second would silently replace the first",
                "cues.calm.tempo.bpm: written twice in the same object; the second would silently replace the first"),
                e.errors());
        assertEquals(3, e.problems().get(0).line(), e.problems().toString());
    }

    /**
     * A sheet for another Segue, and names the schema refuses ({@code nextbar} for {@code nextBar}), are
     * errors naming the place, not guesses: what an editor validates is what the game loads.
     */
    @Test
    void anotherFormatAndInexactNamesAreErrorsNamingThePlace() {
        Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.sine(48_000, 440, 0.25f));
        String cues = "\"cues\": {\"a\": {\"tempo\": {\"bpm\": 120}, \"stems\": [{\"name\": \"t\", \"file\": \"tone.wav\"}]},"
                + " \"b\": {\"tempo\": {\"bpm\": 120}, \"stems\": [{\"name\": \"t\", \"file\": \"tone.wav\"}]}}";
        CueSheetException f = assertThrows(CueSheetException.class, () -> Audio.offline(Audio.writeText(dir.resolve("f.cues.json"),
                "{\"format\": 2, " + cues + "}")));
        assertEquals(List.of("format: this Segue reads cue sheet format 1; the sheet is format 2 (written for a newer Segue?)"),
                f.errors());
        assertEquals(List.of(), List.copyOf(Audio.offline(Audio.writeText(dir.resolve("ok.cues.json"),
                "{\"format\": 1, " + cues + "}")).cues()).subList(0, 0), "format 1 loads");
        CueSheetException w = assertThrows(CueSheetException.class, () -> Audio.offline(Audio.writeText(dir.resolve("w.cues.json"),
                "{" + cues + ", \"transitions\": [{\"from\": \"a\", \"to\": \"b\", \"when\": \"nextbar\","
                        + " \"fadeIn\": {\"length\": \"1 beat\", \"curve\": \"equal_power\"}, \"position\": \"same\"}]}")));
        assertEquals(List.of("transitions[0].when: 'nextbar' is not a time: did you mean 'nextBar'? (names are exact: immediate,"
                        + " nextBeat, nextBar, afterBars, nextMarker, exitCue, endOfSection)",
                "transitions[0].position: 'same' is not a position: use entry, samePosition, lastPosition, sameBeat",
                "transitions[0].fadeIn.curve: 'equal_power' is not a curve: did you mean 'equalPower'? (names are exact: linear,"
                        + " equalPower, sCurve, exponential)"), w.errors());
    }

    /**
     * A sheet saved in the wrong encoding, a binary file, NaN and a 100 000-digit number: each is one
     * error at its line and column saying what is wrong, never a decoder's "Input length = 3", a
     * silently garbled cue name or the parser's advice to change its settings.
     */
    @Test
    void wrongEncodingsBinaryFilesAndImpossibleNumbersAreSaidPlainly() throws Exception {
        Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.sine(48_000, 440, 0.25f));
        String body = "{\"cues\": {\"caf\u00e9\": {\"tempo\": {\"bpm\": BPM}, \"stems\": [{\"name\": \"t\", \"file\": \"tone.wav\"}]}}}";
        Path latin = Audio.write(dir.resolve("latin.cues.json"), body.replace("BPM", "120").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CueSheetException l = assertThrows(CueSheetException.class, () -> Audio.offline(latin));
        assertEquals(List.of("byte 0xE9 is not UTF-8 text: save the sheet as UTF-8 (it looks like Latin-1 or Windows-1252,"
                + " where it would be '\u00e9')"), l.errors());
        assertEquals(List.of(1, 15), List.of(l.problems().get(0).line(), l.problems().get(0).column()));
        Path utf16 = Audio.write(dir.resolve("u16.cues.json"), body.replace("BPM", "120").getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertEquals(List.of("the sheet is saved as UTF-16; save it as UTF-8 (JSON's encoding)"),
                assertThrows(CueSheetException.class, () -> Audio.offline(utf16)).errors());
        byte[] noise = new byte[2048];
        new java.util.Random(3).nextBytes(noise);
        noise[0] = 'x';
        noise[5] = 0;
        Path bin = Audio.write(dir.resolve("bin.cues.json"), noise);
        String b = assertThrows(CueSheetException.class, () -> Audio.offline(bin)).errors().get(0);
        assertTrue(b.startsWith("a zero byte: this is a binary file, not a cue sheet"), b);
        Path utf8 = Audio.write(dir.resolve("bom.cues.json"), ("\ufeff" + body.replace("BPM", "120")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of("caf\u00e9"), Audio.offline(utf8).cues(), "UTF-8 with a byte-order mark loads");
        for (String number : List.of("NaN", "Infinity", "1" + "0".repeat(100_000))) {
            Path f = Audio.writeText(dir.resolve("n.cues.json"), body.replace("BPM", number));
            CueSheetException e = assertThrows(CueSheetException.class, () -> Audio.offline(f));
            assertEquals(1, e.errors().size(), e.getMessage());
            assertTrue(!e.getMessage().contains("setStrictness") && !e.getMessage().contains("Troubleshooting"), e.getMessage());
            assertEquals(1, e.problems().get(0).line());
            assertTrue(e.problems().get(0).column() > 20, e.problems().toString());
        }
    }

    @Test
    void aHotReloadOfAnAbsurdGainIsRefusedAndTheMusicPlaysOn() throws Exception {
        Path file = sheet("{\"name\": \"t\", \"file\": \"tone.wav\"}", "");
        try (Segue music = Audio.offline(file)) {
            music.setState("a");
            float[] buf = new float[2 * 4800];
            music.render(buf, 4800);
            Files.writeString(file, Files.readString(file).replace("\"file\": \"tone.wav\"}", "\"file\": \"tone.wav\", \"gainDb\": 1e308}"));
            List<String> errors = music.reload();
            assertEquals(List.of("cues.a.stems[0].gainDb: gainDb 1e308 is outside -144..24 dB"), errors);
            music.render(buf, 4800);
            float peak = 0;
            for (float x : buf) {
                assertTrue(Float.isFinite(x));
                peak = Math.max(peak, Math.abs(x));
            }
            assertEquals(0.25, peak, 0.01, "the old sheet plays on at its own level");
        }
    }

    @Test
    void aStemLinkedOutOfTheSheetsFolderIsRefusedByItsRealPath() throws Exception {
        Path outside = Files.createTempDirectory("segue-outside");
        try {
            Path target = Audio.writeFloatWav(outside.resolve("x.wav"), 1, Audio.sine(4800, 440, 0.25f));
            Files.createSymbolicLink(dir.resolve("link.wav"), target);
            Files.createDirectories(dir.resolve("sub"));
            Files.createSymbolicLink(dir.resolve("sub/up"), outside);
            CueSheetException e = assertThrows(CueSheetException.class, () -> Audio.offline(sheet(
                    "{\"name\": \"t\", \"file\": \"link.wav\"}, {\"name\": \"u\", \"file\": \"sub/up/x.wav\"}", "")));
            assertEquals(2, e.errors().size(), e.getMessage());
            assertTrue(e.errors().get(0).startsWith("cues.a.stems[0].file: 'link.wav' is a link to " + target.toRealPath()
                    + ", outside the sheet's folder"), e.errors().get(0));
            assertTrue(e.errors().get(1).startsWith("cues.a.stems[1].file: 'sub/up/x.wav' is a link to "), e.errors().get(1));
            // a link that stays inside is fine
            Files.delete(dir.resolve("link.wav"));
            Files.createSymbolicLink(dir.resolve("link.wav"), dir.resolve("tone.wav"));
            Audio.offline(sheet("{\"name\": \"t\", \"file\": \"link.wav\"}", "")).close();
        } finally {
            for (Path p : List.of(outside.resolve("x.wav"), outside)) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void aPipeInPlaceOfASheetOrAStemIsRefusedNotWaitedOn() throws Exception {
        Path fifo = dir.resolve("pipe.cues.json");
        Path stemFifo = dir.resolve("pipe.wav");
        for (Path p : List.of(fifo, stemFifo)) {
            Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
            assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo (coreutils) made " + p);
        }
        // a read that blocked would never return: each load runs beside the test, which gives up after 20 s
        CueSheetException a = CompletableFuture.supplyAsync(() -> refusal(fifo)).get(20, TimeUnit.SECONDS);
        assertEquals(List.of("not a regular file (a pipe, socket or device); a cue sheet is a JSON file"), a.errors());
        Path sheet = sheet("{\"name\": \"t\", \"file\": \"pipe.wav\"}", "");
        CueSheetException b = CompletableFuture.supplyAsync(() -> refusal(sheet)).get(20, TimeUnit.SECONDS);
        assertEquals(List.of("cues.a.stems[0].file: 'pipe.wav' is not a regular file (a pipe, socket or device)"), b.errors());
        assertEquals("pipe.wav", b.stemFailures().get(0).file());
        CueSheetException c = refusal(dir);
        assertEquals(List.of("a folder, not a cue sheet file"), c.errors());
    }

    private static CueSheetException refusal(Path sheet) {
        try {
            Audio.offline(sheet).close();
        } catch (CueSheetException e) {
            return e;
        }
        throw new AssertionError(sheet + " loaded");
    }

    @Test
    void nanAndInfinitySamplesNeverReachTheOutput() throws Exception {
        float[] poison = Audio.sine(48_000, 440, 0.25f);
        for (int i = 1000; i < 48_000; i += 997) {
            poison[i] = i % 3 == 0 ? Float.NaN : i % 3 == 1 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        }
        Audio.writeFloatWav(dir.resolve("poison.wav"), 1, poison);
        Path file = Audio.writeText(dir.resolve("p.cues.json"), """
                {"cues": {"a": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "p", "file": "poison.wav"}]}},
                 "states": {"a": "a"},
                 "bus": {"lowpass": {"parameter": "muffle", "points": [[0, 20000], [1, 600]]}},
                 "parameters": {"muffle": {"min": 0, "max": 1, "default": 0.5}}}
                """);
        try (Segue music = Audio.offline(file)) {
            music.setState("a");
            float[] out = new float[2 * 96_000];
            music.render(out, 96_000);
            int bad = 0;
            double energy = 0;
            for (float x : out) {
                bad += Float.isFinite(x) ? 0 : 1;
                energy += x * (double) x;
            }
            assertEquals(0, bad, "non-finite samples in the output");
            assertFalse(energy == 0, "the music still sounds (the bus filter was not poisoned)");
            assertTrue(Audio.rms(out, 90_000, 4800) > 0.01, "still sounding a second later: " + Audio.rms(out, 90_000, 4800));
        }
    }

    private Path cues(int n) throws java.io.IOException {
        Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.sine(48_000, 440, 0.25f));
        StringBuilder b = new StringBuilder("{\"cues\": {");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("\"c").append(i).append("\": {\"tempo\": {\"bpm\": 120}, \"stems\": [{\"name\": \"t\", \"file\": \"tone.wav\"}]}");
        }
        b.append("}, \"transitions\": [{\"from\": \"c1\", \"to\": \"c2\", \"when\": \"immediate\"},"
                + " {\"from\": \"*\", \"to\": \"c3\", \"when\": \"nextBeat\"}]}");
        return Files.writeString(dir.resolve("many.cues.json"), b);
    }

    /**
     * 20,000 cues took 2.2 GB and 17 s (a (cues + 1)² rule table): now the rules resolve from an index
     * the size of the rules, and loading allocates in proportion to the sheet.
     */
    @Test
    void twentyThousandCuesLoadInMemoryInProportionToTheSheet() throws Exception {
        Path sheet = cues(20_000);
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        dev.segue.cue.CueSheet s = dev.segue.cue.CueSheetLoader.load(sheet, 48_000);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(20_000, s.cues().size());
        assertEquals("transitions[0]", s.rule(1, 2).path());
        assertEquals("transitions[1]", s.rule(19_999, 3).path());
        assertEquals(dev.segue.cue.CueSheet.DEFAULT_RULE, s.rule(3, 19_999));
        // the table alone was 400 million references (1.6 GB); a linear load of a 2 MB sheet is far below
        assertTrue(allocated < 600L << 20, "loading allocated " + (allocated >> 20) + " MB");
    }

    /** Past the limits no game's score reaches, a sheet is refused with its count, before any of it is built. */
    @Test
    void aSheetOfAbsurdlyManyCuesIsRefusedBeforeItIsBuilt() throws Exception {
        Path sheet = cues(60_000);
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        dev.segue.cue.SheetException e = assertThrows(dev.segue.cue.SheetException.class,
                () -> dev.segue.cue.CueSheetLoader.load(sheet, 48_000));
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).toString().contains(
                "cues: 60000 cues is more than a cue sheet may hold (50000)"), e.getMessage());
        assertTrue(allocated < 600L << 20, "refusing allocated " + (allocated >> 20) + " MB");
    }

    /** Found by fuzzing: digits past what an int or a long holds threw NumberFormatException out of the loader. */
    @Test
    void numbersTooLongForAnIntAreErrorsNamingThePlace() {
        Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.sine(48_000, 440, 0.25f));
        CueSheetException meter = assertThrows(CueSheetException.class, () -> Audio.offline(Audio.writeText(dir.resolve("m.cues.json"),
                "{\"cues\": {\"a\": {\"tempo\": {\"bpm\": 120, \"meter\": \"4/4111111111111111111111111111111111111\"},"
                        + " \"stems\": [{\"name\": \"t\", \"file\": \"tone.wav\"}]}}}")));
        assertEquals(List.of("cues.a.tempo.meter: meter is written like \"4/4\" or \"7/8\""), meter.errors());
        CueSheetException bar = assertThrows(CueSheetException.class, () -> Audio.offline(Audio.writeText(dir.resolve("b.cues.json"),
                "{\"cues\": {\"a\": {\"tempo\": {\"bpm\": 120}, \"markers\": {\"m\": \"99999999999999999999:1\"},"
                        + " \"stems\": [{\"name\": \"t\", \"file\": \"tone.wav\"}]}}}")));
        assertEquals(1, bar.errors().size(), bar.getMessage());
        assertTrue(bar.errors().get(0).startsWith("cues.a.markers.m: '99999999999999999999:1' is beyond any cue"), bar.getMessage());
    }
}
