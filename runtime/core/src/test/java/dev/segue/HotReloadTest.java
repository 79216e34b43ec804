package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload: the cue sheet and its stems are edited on disk, the reload swaps in at the next bar,
 * sample-exact; a broken edit is reported and changes nothing. Offline renders, real files.
 */
class HotReloadTest {
    @TempDir
    Path dir;

    private static final int BAR = 96_000; // 120 bpm, 4/4, 48 kHz
    private static final int FRAMES = 4 * BAR;
    private static final int MIN_FADE = 240;

    private static final String SHEET = """
            {"parameters": {"intensity": {"default": 1, "smoothing": "20 ms"}},
             "ducks": {"talk": {"gainDb": -12, "attack": "50 ms", "release": "50 ms"}},
             "cues": {
               "main": {"tempo": {"bpm": 120}, "loop": {}, "stems": [
                  {"name": "tone", "file": "tone.wav"%s},
                  {"name": "bass", "file": "bass.wav", "gainCurve": {"parameter": "intensity", "points": [[0, 0], [1, 1]]}}]},
               "other": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "o", "file": "other.wav"}]},
               "blip": {"tempo": {"bpm": 120}, "stems": [{"name": "b", "file": "blip.wav"}]}},
             "states": {"main": "main", "other": "other"},
             "transitions": [{"from": "*", "to": "*", "when": "nextBar", "fadeOut": "1 beat", "fadeIn": "1 beat"}],
             "stingers": {"blip": {"cue": "blip", "when": "immediate"}}}
            """;

    private Path sheet(String toneExtra) {
        Audio.writeText(dir.resolve("music.cues.json"), SHEET.formatted(toneExtra));
        return dir.resolve("music.cues.json");
    }

    private Path files() {
        Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.sine(FRAMES, 440, 0.2f));
        Audio.writeFloatWav(dir.resolve("bass.wav"), 1, Audio.sine(FRAMES, 110, 0.2f));
        Audio.writeFloatWav(dir.resolve("other.wav"), 1, Audio.sine(FRAMES, 660, 0.2f));
        Audio.writeFloatWav(dir.resolve("blip.wav"), 1, Audio.sine(12_000, 1320, 0.2f));
        return sheet("");
    }

    /** {@code frames} of the sheet at {@code p} as it is now, in state main from frame 0, no reload. */
    private static float[] plain(Path p, int frames) {
        Audio.Session s = new Audio.Session(Audio.offline(p));
        s.at(0, g -> g.setState("main"));
        return s.render(frames);
    }

    private static List<SegueEvent> of(List<SegueEvent> events, SegueEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    private static void assertSame(float[] want, float[] got, int from, int to, String what) {
        for (int i = from * 2; i < to * 2; i++) {
            if (want[i] != got[i]) {
                throw new AssertionError(what + ": first difference at frame " + i / 2 + ": " + want[i] + " vs " + got[i]);
            }
        }
    }

    /** Largest step between neighbouring samples in [from, to): a click shows as a big one. */
    private static float maxStep(float[] st, int from, int to) {
        float m = 0;
        for (int f = from; f < to; f++) {
            m = Math.max(m, Math.abs(Audio.left(st, f + 1) - Audio.left(st, f)));
        }
        return m;
    }

    @Test
    void aGainEditSwapsOnTheNextBar() {
        Path p = files();
        float[] before = plain(p, 3 * BAR);

        Audio.Session s = new Audio.Session(Audio.offline(p));
        List<List<String>> results = new ArrayList<>();
        s.at(0, g -> g.setState("main")).at(130_000, g -> {
            sheet(", \"gainDb\": -6");
            results.add(g.reload());
        });
        float[] out = s.render(3 * BAR);

        assertEquals(List.of(List.of()), results, "the edited sheet is accepted");
        var reloaded = s.events(SegueEvent.Type.RELOADED);
        assertEquals(1, reloaded.size(), "one swap: " + s.events);
        assertEquals(2 * BAR, reloaded.get(0).frame(), "on the first bar after the reload");
        assertEquals("main", reloaded.get(0).cue());
        assertEquals(3, reloaded.get(0).bar());
        assertSame(before, out, 0, 2 * BAR, "the old sheet plays up to the bar");
        // after the 5 ms crossover: the tone at -6 dB, the bass unchanged; compare against both stems alone
        float g = (float) Math.pow(10, -6 / 20.0);
        float[] tone = Audio.sine(FRAMES, 440, 0.2f);
        float[] bass = Audio.sine(FRAMES, 110, 0.2f);
        for (int f = 2 * BAR + MIN_FADE; f < 3 * BAR; f++) {
            int pos = f % FRAMES;
            assertEquals(tone[pos] * g + bass[pos], Audio.left(out, f), 1e-5f, "frame " + f);
        }
        assertTrue(maxStep(out, 2 * BAR - 10, 2 * BAR + MIN_FADE + 10) <= maxStep(before, 0, BAR) * 1.01f,
                "the crossover does not click");
        assertEquals(List.of(), s.segue.lastReloadErrors());
    }

    @Test
    void aStemEditIsPickedUpAtTheNextBar() {
        Path p = files();
        Audio.Session s = new Audio.Session(Audio.offline(p));
        s.at(0, g -> g.setState("main")).at(BAR + 5_000, g -> {
            Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.sine(FRAMES, 880, 0.2f)); // a new take
            assertEquals(List.of(), g.reload());
        });
        float[] out = s.render(3 * BAR);

        float[] now = plain(p, 3 * BAR); // what the new files sound like from the start
        Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.sine(FRAMES, 440, 0.2f));
        float[] was = plain(p, 3 * BAR);

        assertEquals(List.of(2L * BAR), s.events(SegueEvent.Type.RELOADED).stream().map(SegueEvent::frame).toList());
        assertSame(was, out, 0, 2 * BAR, "the old take up to the bar");
        for (int f = 2 * BAR + MIN_FADE; f < 3 * BAR; f++) {
            assertEquals(Audio.left(now, f), Audio.left(out, f), 1e-6f, "the new take from the bar on, frame " + f);
        }
        for (int f = 2 * BAR; f < 2 * BAR + MIN_FADE; f++) { // a linear crossover between the takes
            float t = (f - 2 * BAR) / (float) MIN_FADE;
            assertEquals(Audio.left(was, f) * (1 - t) + Audio.left(now, f) * t, Audio.left(out, f), 1e-5f, "frame " + f);
        }
    }

    @Test
    void reloadingAnUnchangedSheetChangesNotOneSample() {
        Path p = files();
        Audio.Session ref = new Audio.Session(Audio.offline(p));
        Audio.Session s = new Audio.Session(Audio.offline(p));
        for (Audio.Session x : List.of(ref, s)) {
            x.at(0, g -> g.setState("main")).at(50_000, g -> g.setParameter("intensity", 0.3f))
                    .at(150_000, g -> g.playStinger("blip")).at(2 * BAR + 100, g -> g.setState("other"));
        }
        s.at(100_000, g -> assertEquals(List.of(), g.reload()));
        s.at(150_000, g -> assertEquals(List.of(), g.reload())); // replaces the first while it waits
        float[] want = ref.render(4 * BAR);
        float[] got = s.render(4 * BAR);
        assertEquals(List.of(2L * BAR), s.events(SegueEvent.Type.RELOADED).stream().map(SegueEvent::frame).toList());
        assertSame(want, got, 0, 4 * BAR, "an identical reload is inaudible");
        assertEquals(ref.events(SegueEvent.Type.TRANSITION_DONE).size(), s.events(SegueEvent.Type.TRANSITION_DONE).size());
        assertEquals(ref.events(SegueEvent.Type.BAR).stream().map(SegueEvent::frame).toList(),
                s.events(SegueEvent.Type.BAR).stream().map(SegueEvent::frame).toList(), "one BAR per bar across the swap");
    }

    @Test
    void aBrokenEditIsReportedAndTheOldSheetKeepsPlayingUntilItIsFixed() {
        Path p = files();
        float[] want = plain(p, 5 * BAR);

        String good = SHEET.formatted("");
        String[][] edits = {
            {good.replace("\"loop\": {}, \"stems\": [\n", "\"loop\": {, \"stems\": [\n"), "line 4"},
            {good.replace("bass.wav", "bas.wav"), "cues.main.stems[1].file"},
            {good.replace("\"file\": \"tone.wav\"", "\"file\": \"tone.wav\", \"gainDb\": \"loud\""),
                "cues.main.stems[0].gainDb"}};
        Audio.Session s = new Audio.Session(Audio.offline(p));
        List<List<String>> results = new ArrayList<>();
        s.at(0, g -> g.setState("main"));
        for (int i = 0; i < edits.length; i++) {
            String text = edits[i][0];
            s.at(20_000 + i * BAR, g -> {
                Audio.writeText(p, text);
                results.add(g.reload());
            });
        }
        s.at(3 * BAR + 10_000, g -> {
            Audio.writeText(p, good.replace("\"file\": \"tone.wav\"", "\"file\": \"tone.wav\", \"gainDb\": -20"));
            results.add(g.reload());
        });
        float[] got = s.render(5 * BAR);

        var errors = s.events(SegueEvent.Type.ERROR);
        assertEquals(3, errors.size(), errors.toString());
        for (int i = 0; i < edits.length; i++) {
            List<String> r = results.get(i);
            assertFalse(r.isEmpty(), "edit " + i + " is refused");
            String where = edits[i][1];
            assertTrue(r.stream().anyMatch(e -> e.contains(where)), where + " in " + r);
            String msg = errors.get(i).message();
            assertTrue(msg.contains(p.toAbsolutePath().toString()), "the event names the sheet: " + msg);
            assertTrue(msg.contains("old sheet keeps playing"), msg);
            for (String e : r) {
                assertTrue(msg.contains(e), "the event lists '" + e + "': " + msg);
            }
            assertEquals(20_000 + i * BAR, errors.get(i).frame(), 512);
        }
        assertEquals(List.of(), results.get(3), "the fix is accepted");
        assertEquals(List.of(), s.segue.lastReloadErrors());
        assertEquals(List.of(4L * BAR), s.events(SegueEvent.Type.RELOADED).stream().map(SegueEvent::frame).toList());
        assertSame(want, got, 0, 4 * BAR, "every broken edit left the music untouched");
        assertTrue(Audio.rms(got, 4 * BAR + 1000, 20_000) < Audio.rms(want, 4 * BAR + 1000, 20_000) * 0.9,
                "the fixed sheet plays after the bar");
    }

    @Test
    void lastReloadErrorsShowsTheProblemUntilAReloadPasses() {
        Path p = files();
        try (Segue g = Audio.offline(p)) {
            Audio.writeText(p, SHEET.formatted(", \"gainDb\": \"loud\""));
            List<String> r = g.reload();
            assertEquals(r, g.lastReloadErrors());
            assertTrue(r.get(0).startsWith("cues.main.stems[0].gainDb"), r.toString());
            sheet("");
            assertEquals(List.of(), g.reload());
            assertEquals(List.of(), g.lastReloadErrors());
        }
    }

    /**
     * The new sheet lists its cues, states, parameters, ducks and stingers in another order (every
     * index changes) and adds some: the state, a parameter, a held duck, a mute and the volume carry
     * over by name, and commands after the swap are read in the new indices: the audio is the same as
     * without any reload.
     */
    @Test
    void stateParametersDucksMutesAndVolumeSurviveTheSwap() {
        Path p = files();
        String reordered = """
                {"parameters": {"extra": {"default": 0.5}, "intensity": {"default": 1, "smoothing": "20 ms"}},
                 "ducks": {"menu": {"gainDb": -3}, "talk": {"gainDb": -12, "attack": "50 ms", "release": "50 ms"}},
                 "cues": {
                   "blip": {"tempo": {"bpm": 120}, "stems": [{"name": "b", "file": "blip.wav"}]},
                   "spare": {"tempo": {"bpm": 120}, "stems": [{"name": "b", "file": "blip.wav"}]},
                   "other": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "o", "file": "other.wav"}]},
                   "main": {"tempo": {"bpm": 120}, "loop": {}, "stems": [
                      {"name": "tone", "file": "tone.wav"},
                      {"name": "bass", "file": "bass.wav", "gainCurve": {"parameter": "intensity", "points": [[0, 0], [1, 1]]}}]}},
                 "states": {"spare": "spare", "other": "other", "main": "main"},
                 "transitions": [{"from": "*", "to": "*", "when": "nextBar", "fadeOut": "1 beat", "fadeIn": "1 beat"}],
                 "stingers": {"spare": {"cue": "spare"}, "blip": {"cue": "blip", "when": "immediate"}}}
                """;
        Audio.Session ref = new Audio.Session(Audio.offline(p));
        Audio.Session s = new Audio.Session(Audio.offline(p));
        for (Audio.Session x : List.of(ref, s)) {
            x.at(0, g -> g.setState("main"))
                    .at(30_000, g -> {
                        g.setParameter("intensity", 0.4f);
                        g.duck("talk", true);
                        g.setStemMute("main", "tone", true);
                        g.setVolume(0.7f);
                    })
                    .at(2 * BAR + 30_000, g -> g.setStemMute("main", "tone", false))
                    .at(2 * BAR + 40_000, g -> g.duck("talk", false))
                    .at(2 * BAR + 50_000, g -> g.playStinger("blip"))
                    .at(2 * BAR + 60_000, g -> g.setParameter("intensity", 0.9f))
                    .at(3 * BAR + 1_000, g -> g.setState("other"));
        }
        s.at(BAR + 20_000, g -> {
            Audio.writeText(p, reordered);
            assertEquals(List.of(), g.reload());
        });
        float[] want = ref.render(5 * BAR);
        float[] got = s.render(5 * BAR);
        assertEquals(List.of(2L * BAR), s.events(SegueEvent.Type.RELOADED).stream().map(SegueEvent::frame).toList());
        assertSame(want, got, 0, 5 * BAR, "everything carried over by name");
        Predicate<SegueEvent> named = e -> e.type() == SegueEvent.Type.STINGER || e.type() == SegueEvent.Type.TRANSITION_DONE;
        assertEquals(ref.events.stream().filter(named).map(SegueEvent::toString).toList(),
                s.events.stream().filter(named).map(SegueEvent::toString).toList(), "commands after the swap, by name");
        assertEquals(List.of("extra", "intensity"), s.segue.parameters());
        assertEquals("other", s.segue.position().cue());
    }

    /** A state change just before the bar starts a transition: the swap waits until it has landed. */
    @Test
    void aTransitionInFlightDelaysTheSwapAndIsNotLost() {
        Path p = files();
        Audio.Session ref = new Audio.Session(Audio.offline(p));
        Audio.Session s = new Audio.Session(Audio.offline(p));
        for (Audio.Session x : List.of(ref, s)) {
            x.at(0, g -> g.setState("main")).at(2 * BAR - 300, g -> g.setState("other"));
        }
        s.at(BAR + 1_000, g -> assertEquals(List.of(), g.reload()));
        float[] want = ref.render(5 * BAR);
        float[] got = s.render(5 * BAR);
        var done = s.events(SegueEvent.Type.TRANSITION_DONE).stream().filter(e -> "main".equals(e.cue())).toList();
        assertEquals(1, done.size(), s.events.toString());
        long swap = s.events(SegueEvent.Type.RELOADED).get(0).frame();
        assertTrue(swap > done.get(0).frame() && swap % BAR == 0, "after the transition, on a bar: " + swap);
        assertEquals("other", s.events(SegueEvent.Type.RELOADED).get(0).cue());
        assertSame(want, got, 0, 5 * BAR, "the transition played as without a reload");
    }

    @Test
    void inSilenceTheSwapIsImmediate() {
        Path p = files();
        try (Segue g = Audio.offline(p)) {
            float[] buf = new float[2 * 512];
            g.render(buf, 512);
            sheet(", \"gainDb\": -6");
            assertEquals(List.of(), g.reload());
            List<SegueEvent> ev = new ArrayList<>();
            g.addListener(ev::add);
            g.render(buf, 512);
            g.update();
            assertEquals(List.of(512L), of(ev, SegueEvent.Type.RELOADED).stream().map(SegueEvent::frame).toList());
            assertEquals(null, of(ev, SegueEvent.Type.RELOADED).get(0).cue());
        }
    }

    /** Paused and faded out: the swap is at once; resume plays the new sheet; later reloads still swap. */
    @Test
    void whilePausedTheSwapIsImmediateAndResumePlaysTheNewSheet() {
        Path p = files();
        Audio.Session s = new Audio.Session(Audio.offline(p));
        s.at(0, g -> g.setState("main")).at(30_000, Segue::pause)
                .at(60_000, g -> {
                    sheet(", \"gainDb\": -120");
                    Audio.writeFloatWav(dir.resolve("bass.wav"), 1, new float[FRAMES]);
                    assertEquals(List.of(), g.reload());
                })
                .at(120_000, Segue::resume)
                .at(200_000, g -> {
                    Audio.writeFloatWav(dir.resolve("bass.wav"), 1, Audio.sine(FRAMES, 110, 0.2f));
                    assertEquals(List.of(), g.reload());
                });
        float[] out = s.render(4 * BAR);
        var frames = s.events(SegueEvent.Type.RELOADED).stream().map(SegueEvent::frame).toList();
        assertEquals(2, frames.size(), s.events.toString());
        long pausedAt = s.events(SegueEvent.Type.PAUSED).get(0).frame();
        assertEquals(pausedAt + 2_400, frames.get(0), "at once, where the paused clock holds");
        assertTrue(Audio.rms(out, 125_000, 40_000) < 1e-6, "resumed on the new, silent sheet");
        assertTrue(Audio.rms(out, 3 * BAR + 1_000, 40_000) > 0.1, "the second reload swapped too");
    }

    /** Events until {@code done} holds, calling update() like a game loop; fails after {@code seconds}. */
    private static SegueEvent await(Segue g, List<SegueEvent> seen, Predicate<SegueEvent> done, int seconds)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            g.update();
            for (SegueEvent e : seen) {
                if (done.test(e)) {
                    return e;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("not within " + seconds + " s; events: " + seen);
    }

    /** Real time on the silent output: the watcher sees a saved edit, a broken save, the fix. */
    @Test
    void theWatcherPicksUpEditsOnDisk() throws Exception {
        Path p = files();
        List<SegueEvent> ev = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Segue g = Segue.builder().cueSheet(p).silentOutput().watch(true).build()) {
            g.addListener(ev::add);
            g.setState("main");
            await(g, ev, e -> e.type() == SegueEvent.Type.BAR, 5);
            assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("segue-watch")));
            Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.sine(FRAMES, 880, 0.2f)); // a stem re-rendered
            SegueEvent r = await(g, ev, e -> e.type() == SegueEvent.Type.RELOADED, 30);
            long start = ev.stream().filter(e -> e.type() == SegueEvent.Type.CUE_STARTED).findFirst().orElseThrow().frame();
            assertEquals(0, (r.frame() - start) % BAR, "on a bar of the cue: " + r);
            assertEquals(1, r.beat());
            ev.clear();
            Audio.writeText(p, SHEET.formatted(", \"gainDb\": \"loud\""));
            SegueEvent err = await(g, ev, e -> e.type() == SegueEvent.Type.ERROR, 30);
            assertTrue(err.message().contains("cues.main.stems[0].gainDb") && err.message().contains(p.toString()),
                    err.message());
            assertEquals(1, g.lastReloadErrors().size(), g.lastReloadErrors().toString());
            sheet(", \"gainDb\": -3");
            await(g, ev, e -> e.type() == SegueEvent.Type.RELOADED, 30);
            assertEquals(List.of(), g.lastReloadErrors());
            assertTrue(ev.stream().noneMatch(e -> e.type() == SegueEvent.Type.ERROR && e != err), ev.toString());
        }
        Thread.sleep(50);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("segue-") && t.isAlive()),
                "close() stops the audio and watcher threads");
    }
}
