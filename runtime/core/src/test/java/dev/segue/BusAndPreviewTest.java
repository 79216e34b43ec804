package dev.segue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master bus low-pass, named ducks, master volume, stem mute/solo, and the preview's snapshot. */
class BusAndPreviewTest {
    @TempDir
    Path dir;

    private static final int FRAMES = 4 * 48_000;

    /** Two stems: a 10 kHz sine at 0.25 and a 200 Hz sine at 0.25 (both mono), looping, 120 bpm. */
    private Path sheet(String extra) {
        Audio.writeFloatWav(dir.resolve("hi.wav"), 1, Audio.sine(FRAMES, 10_000, 0.25f));
        Audio.writeFloatWav(dir.resolve("lo.wav"), 1, Audio.sine(FRAMES, 200, 0.25f));
        Audio.writeFloatWav(dir.resolve("dc.wav"), 1, Audio.constant(FRAMES, 0.5f));
        Audio.writeFloatWav(dir.resolve("blip.wav"), 1, Audio.constant(24_000, 0.1f));
        return Audio.writeText(dir.resolve("b.cues.json"), """
            {"parameters": {"muffle": {"min": 0, "max": 1, "default": 0, "smoothing": "20 ms"}},
             "cues": {
               "tones": {"tempo": {"bpm": 120}, "loop": {}, "stems": [
                  {"name": "hi", "file": "hi.wav"}, {"name": "lo", "file": "lo.wav"}]},
               "flat": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "dc", "file": "dc.wav"}]},
               "blip": {"tempo": {"bpm": 120}, "stems": [{"name": "b", "file": "blip.wav"}]}},
             "states": {"tones": "tones", "flat": "flat"},
             "transitions": [{"from": "*", "to": "*", "when": "nextBar", "fadeOut": "1 beat", "fadeIn": "1 beat"}],
             "stingers": {"blip": {"cue": "blip", "when": "immediate"}}
             %s}
            """.formatted(extra));
    }

    private static final String BUS = """
            , "bus": {"lowpass": {"parameter": "muffle", "points": [[0, 20000], [1, 600]]}},
              "ducks": {"dialogue": {"gainDb": -9, "attack": "100 ms", "release": "200 ms"},
                        "pause": {"gainDb": -20, "attack": "50 ms", "release": "50 ms"}}""";

    /** RMS of {@code hz} in [from, from + n): the signal's correlation with a sine and cosine there. */
    private static double toneRms(float[] st, int from, int n, double hz) {
        double c = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = Audio.left(st, from + i);
            double ph = 2 * Math.PI * hz * (from + i) / Audio.RATE;
            c += v * Math.cos(ph);
            s += v * Math.sin(ph);
        }
        return Math.sqrt(2 * (c * c + s * s)) / n / Math.sqrt(2);
    }

    private static double db(double a, double b) {
        return 20 * Math.log10(a / b);
    }

    @Test
    void anOpenLowpassChangesNothingAndAClosedOneMuffles() {
        Audio.Session plain = new Audio.Session(Audio.offline(sheet("")));
        plain.at(0, g -> g.setState("tones"));
        float[] ref = plain.render(3 * 48_000);

        Audio.Session bus = new Audio.Session(Audio.offline(sheet(BUS)));
        bus.at(0, g -> g.setState("tones")).at(48_000, g -> g.setParameter("muffle", 1f));
        float[] out = bus.render(3 * 48_000);

        for (int f = 0; f < 48_000; f++) {
            assertEquals(Audio.left(ref, f), Audio.left(out, f), 0f, "open filter is bit-transparent at " + f);
        }
        int n = 24_000;
        int at = 2 * 48_000;
        double hiCut = db(toneRms(out, at, n, 10_000), toneRms(ref, at, n, 10_000));
        double loCut = db(toneRms(out, at, n, 200), toneRms(ref, at, n, 200));
        assertTrue(hiCut < -40, "10 kHz through a 600 Hz low-pass: " + hiCut + " dB");
        assertTrue(loCut > -1 && loCut < 0.5, "200 Hz passes: " + loCut + " dB");
        // closing it is smooth: no sample steps further than the signal itself ever does
        double maxRefStep = 0;
        double maxStep = 0;
        for (int f = 1; f < 3 * 48_000; f++) {
            maxRefStep = Math.max(maxRefStep, Math.abs(Audio.left(ref, f) - Audio.left(ref, f - 1)));
            maxStep = Math.max(maxStep, Math.abs(Audio.left(out, f) - Audio.left(out, f - 1)));
        }
        assertTrue(maxStep <= maxRefStep * 1.01, "steps " + maxStep + " vs the dry signal's " + maxRefStep);
    }

    @Test
    void aLowpassDoesNotDependOnBlockSize() {
        float[][] outs = new float[2][];
        int[] blocks = {512, 97};
        for (int i = 0; i < 2; i++) {
            Audio.Session s = new Audio.Session(Audio.offline(sheet(BUS)));
            s.block = blocks[i];
            s.at(0, g -> g.setState("tones")).at(10_000, g -> g.setParameter("muffle", 0.7f))
                    .at(60_000, g -> g.setParameter("muffle", 0f));
            outs[i] = s.render(100_000);
        }
        assertArrayEquals(outs[0], outs[1]);
    }

    @Test
    void aHeldDuckLowersTheMusicButNotStingersAndLetsGo() {
        Audio.Session s = new Audio.Session(Audio.offline(sheet(BUS)));
        s.at(0, g -> g.setState("flat")).at(48_000, g -> assertTrue(g.duck("dialogue", true)))
                .at(96_000, g -> g.playStinger("blip")).at(144_000, g -> g.duck("dialogue", false));
        float[] out = s.render(190_000);
        double duck = Math.pow(10, -9 / 20.0);
        assertEquals(0.5, Audio.left(out, 47_999), 1e-6);
        assertEquals(0.5 * duck, Audio.left(out, 48_000 + 4_800 + 10), 1e-5, "down by 9 dB after the 100 ms attack");
        assertEquals(0.5 * duck + 0.1, Audio.left(out, 100_000), 1e-5, "the stinger is not ducked");
        assertEquals(0.5, Audio.left(out, 144_000 + 9_600 + 10), 1e-5, "back after the 200 ms release");
        for (int f = 48_000; f < 48_000 + 4_800; f++) {
            assertTrue(Math.abs(Audio.left(out, f + 1) - Audio.left(out, f)) < 1e-3, "smooth attack at " + f);
        }
        assertFalse(s.segue.duck("nope", true));
    }

    @Test
    void duckingTwiceIsTheDeepestNotTheSum() {
        Audio.Session s = new Audio.Session(Audio.offline(sheet(BUS)));
        s.at(0, g -> g.setState("flat")).at(24_000, g -> g.duck("dialogue", true)).at(24_000, g -> g.duck("pause", true));
        float[] out = s.render(60_000);
        assertEquals(0.5 * Math.pow(10, -20 / 20.0), Audio.left(out, 59_000), 1e-5);
    }

    @Test
    void volumeFollowsSmoothly() {
        Audio.Session s = new Audio.Session(Audio.offline(sheet("")));
        s.at(0, g -> g.setState("flat")).at(48_000, g -> g.setVolume(0.5f));
        float[] out = s.render(96_000);
        assertEquals(0.25, Audio.left(out, 95_000), 1e-4, "half volume after 50 ms x many time constants");
        for (int f = 48_000; f < 50_000; f++) {
            assertTrue(Math.abs(Audio.left(out, f + 1) - Audio.left(out, f)) < 1e-3, "no step at " + f);
        }
        assertFalse(s.segue.setVolume(-1), "out of range: refused with an ERROR event, not thrown");
    }

    @Test
    void muteAndSoloShapeTheMixWithoutClicks() {
        Audio.Session both = new Audio.Session(Audio.offline(sheet("")));
        both.at(0, g -> g.setState("tones")).at(48_000, g -> assertTrue(g.setStemMute("tones", "hi", true)))
                .at(96_000, g -> g.setStemMute("tones", "hi", false))
                .at(96_000, g -> g.setStemSolo("tones", "hi", true));
        float[] out = both.render(144_000);
        int n = 12_000;
        double hiBefore = toneRms(out, 24_000, n, 10_000);
        assertTrue(toneRms(out, 72_000, n, 10_000) < hiBefore * 1e-3, "hi muted");
        assertEquals(toneRms(out, 24_000, n, 200), toneRms(out, 72_000, n, 200), 1e-4, "lo untouched by hi's mute");
        assertTrue(toneRms(out, 120_000, n, 200) < hiBefore * 1e-3, "solo hi silences lo");
        assertEquals(hiBefore, toneRms(out, 120_000, n, 10_000), 1e-4, "hi back");
        assertFalse(both.segue.setStemMute("tones", "nope", true));
        assertFalse(both.segue.setStemSolo("nope", "hi", true));
        Snapshot snap = both.segue.snapshot();
        assertTrue(snap.voices().get(0).soloed()[0]);
        assertFalse(snap.voices().get(0).muted()[0]);
    }

    @Test
    void theSnapshotShowsVoicesMetersAndTheTransitionInFlight() {
        Segue g = Audio.offline(sheet(""));
        float[] buf = new float[2 * 1024];
        g.setState("tones");
        for (int i = 0; i < 10; i++) {
            g.render(buf, 1024);
        }
        // the meters run once someone looks: the first snapshot turns them on
        Snapshot first = g.snapshot();
        assertEquals(Float.NEGATIVE_INFINITY, first.voices().get(0).stemPeaksDb()[0]);
        for (int i = 0; i < 20; i++) {
            g.render(buf, 1024);
        }
        Snapshot s = g.snapshot();
        assertEquals("tones", s.bed());
        assertEquals(1, s.voices().size());
        Snapshot.Voice v = s.voices().get(0);
        assertEquals("bed", v.role());
        assertEquals(20 * Math.log10(0.25), v.stemPeaksDb()[0], 0.3, "hi meter");
        assertEquals(20 * Math.log10(0.25), v.stemPeaksDb()[1], 0.3, "lo meter");
        assertNull(s.pending());

        g.update(); // the start from silence was scheduled too: dispatch it before listening
        g.setState("flat");
        g.render(buf, 16);
        List<SegueEvent> sched = new java.util.ArrayList<>();
        g.addListener(e -> {
            if (e.type() == SegueEvent.Type.TRANSITION_SCHEDULED) {
                sched.add(e);
            }
        });
        g.update();
        Snapshot p = g.snapshot();
        assertNotNull(p.pending());
        assertEquals(1, sched.size());
        assertEquals(sched.get(0).at(), p.pending().landingFrame());
        assertEquals(96_000, p.pending().landingFrame(), "next bar of 120 bpm 4/4 after frame 30736");
        assertEquals(2, p.pending().landingBar(), "frame 96000 starts bar 2");
        assertEquals(1, p.pending().landingBeat());
        assertEquals("tones", p.pending().from());
        assertEquals("flat", p.pending().to());
        assertEquals(24_000, p.pending().fadeOutFrames());
        assertEquals(96_000, p.pending().fadeOutStart());
        assertEquals("equalPower", p.pending().fadeOutCurve());
        assertEquals(24_000, p.pending().fadeInFrames());
        assertNull(p.pending().bridge());
    }

    @Test
    void cueInfoGivesTheGrid() {
        Segue g = Audio.offline(sheet(""));
        CueInfo c = g.cueInfo("tones");
        assertEquals(FRAMES, c.length());
        assertEquals(0, c.loopStart());
        assertEquals(FRAMES, c.loopEnd());
        assertEquals(List.of("hi", "lo"), c.stems());
        assertArrayEquals(new long[] {0, 96_000, 192_000}, c.bars());
        assertEquals(9, c.beats().length);
        assertEquals(24_000, c.beats()[1]);
        assertNull(g.cueInfo("nope"));
    }

    @Test
    void badBusAndDucksAreReportedWithTheirPaths() {
        CueSheetException e = assertThrows(CueSheetException.class, () -> Audio.offline(sheet("""
                , "bus": {"lowpass": {"parameter": "nope", "points": [[0, 20000]]}, "highpass": 3},
                  "ducks": {"d": {"gainDb": 6, "atack": "1 ms"}}""")));
        String m = e.getMessage();
        assertTrue(m.contains("bus.lowpass.parameter: no parameter named 'nope'"), m);
        assertTrue(m.contains("bus.highpass: unknown field"), m);
        assertTrue(m.contains("ducks.d.gainDb"), m);
        assertTrue(m.contains("ducks.d.atack: unknown field"), m);
    }
}
