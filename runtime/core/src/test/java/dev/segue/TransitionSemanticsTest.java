package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every "when" and "where" of a transition rule, checked on the samples. Cue {@code a} plays a ramp on
 * the left channel whose value is its own timeline frame / 2^20, cue {@code b} the same on the right;
 * so the output says, frame by frame, which position of which cue is sounding.
 */
class TransitionSemanticsTest {
    static final double SCALE = 1 << 20;
    static final int BAR = 96_000; // 120 BPM 4/4
    static final int BEAT = 24_000;
    @TempDir
    Path dir;

    private Path sheet(String rules) {
        int frames = 8 * BAR;
        float[] a = new float[frames * 2];
        float[] b = new float[frames * 2];
        for (int i = 0; i < frames; i++) {
            a[2 * i] = (float) (i / SCALE);
            b[2 * i + 1] = (float) (i / SCALE);
        }
        Audio.writeFloatWav(dir.resolve("a.wav"), 2, a);
        Audio.writeFloatWav(dir.resolve("b.wav"), 2, b);
        Audio.writeFloatWav(dir.resolve("bridge.wav"), 1, new float[BAR + BEAT]);
        return Audio.writeText(dir.resolve("t.cues.json"), """
            {"cues": {
               "a": {"tempo": {"bpm": 120}, "loop": {"start": "2:1", "end": "6:1"}, "exits": ["4:1"],
                     "markers": {"m1": "3:3", "m2": "5:2"}, "stems": [{"name": "a", "file": "a.wav"}]},
               "b": {"tempo": {"bpm": 120}, "loop": {"start": "2:1", "end": "6:1"}, "entry": "2:1",
                     "stems": [{"name": "b", "file": "b.wav"}]},
               "bridge": {"tempo": {"bpm": 120}, "exits": ["2:1"], "stems": [{"name": "r", "file": "bridge.wav"}]}},
             "states": {"a": "a", "b": "b", "none": null},
             "transitions": [%s]}
            """.formatted(rules));
    }

    /** Cue a's timeline frame sounding at output frame f (from the left channel). */
    static long posA(float[] out, long f) {
        return Math.round(Audio.left(out, f) * SCALE);
    }

    static long posB(float[] out, long f) {
        return Math.round(Audio.right(out, f) * SCALE);
    }

    private Audio.Session go(String rule, long requestAt, String to) {
        Audio.Session s = new Audio.Session(Audio.offline(sheet(rule)));
        s.at(0, g -> g.setState("a")).at(requestAt, g -> g.setState(to));
        return s;
    }

    private static long landing(Audio.Session s) {
        List<SegueEvent> e = s.events(SegueEvent.Type.TRANSITION_SCHEDULED);
        return e.get(e.size() - 1).at();
    }

    @Test
    void samePositionContinuesTheBarTheSourceWasIn() {
        Audio.Session s = go("{\"from\": \"a\", \"to\": \"b\", \"when\": \"nextBeat\", \"position\": \"samePosition\","
                + " \"fadeOut\": \"0 ms\", \"fadeIn\": \"0 ms\"}", 250_000, "b");
        float[] out = s.render(400_000);
        long t = landing(s);
        assertEquals(264_000, t, "next beat after 250000");
        for (long f = t + 240; f < t + 1000; f++) {
            assertEquals(f, posB(out, f), "b plays a's frame");
        }
        assertEquals(t - 1, posA(out, t - 1));
    }

    @Test
    void sameBeatStartsTheDestinationsEntryBarOnTheSourcesBeat() {
        // a is at bar 3 beat 3 (frame 240000) when it leaves: b enters its entry bar (2:1 = 96000) on beat 3
        Audio.Session s = go("{\"from\": \"a\", \"to\": \"b\", \"when\": \"nextBeat\", \"position\": \"sameBeat\","
                + " \"fadeOut\": \"0 ms\", \"fadeIn\": \"0 ms\"}", 230_000, "b");
        float[] out = s.render(300_000);
        assertEquals(240_000, landing(s));
        assertEquals(96_000 + 2 * BEAT + 1000, posB(out, 240_000 + 1000));
    }

    @Test
    void entryStartsAtTheDestinationsEntryCueAndLastPositionResumes() {
        String rules = "{\"from\": \"*\", \"to\": \"*\", \"when\": \"immediate\", \"position\": \"lastPosition\","
                + " \"fadeOut\": \"0 ms\", \"fadeIn\": \"0 ms\"}";
        Audio.Session s = new Audio.Session(Audio.offline(sheet(rules)));
        s.at(0, g -> g.setState("a")).at(100_000, g -> g.setState("b")).at(150_000, g -> g.setState("a"));
        float[] out = s.render(200_000);
        assertEquals(96_000 + 1000, posB(out, 100_000 + 1000), "first time: b's entry cue (2:1)");
        // a stopped 240 frames (the 5 ms cut) after 100000, at its frame 100240; it resumes there
        assertEquals(100_240 + 1000, posA(out, 150_000 + 1000));
    }

    @Test
    void afterBarsCountsBarLines() {
        Audio.Session s = go("{\"from\": \"a\", \"to\": \"b\", \"when\": \"afterBars\", \"bars\": 2}", 100_000, "b");
        s.render(400_000);
        assertEquals(3 * BAR, landing(s), "bar lines at 192000 and 288000: the second");
    }

    @Test
    void nextMarkerLandsOnTheNamedMarker() {
        Audio.Session s = go("{\"from\": \"a\", \"to\": \"b\", \"when\": \"nextMarker\", \"marker\": \"m2\"}", 100_000, "b");
        s.render(500_000);
        assertEquals(4 * BAR + BEAT, landing(s), "m2 = 5:2");
        assertTrue(s.events(SegueEvent.Type.MARKER).stream().anyMatch(e -> e.other().equals("m2") && e.frame() == 4 * BAR + BEAT));
        Audio.Session any = go("{\"from\": \"a\", \"to\": \"b\", \"when\": \"nextMarker\"}", 100_000, "b");
        any.render(300_000);
        assertEquals(2 * BAR + 2 * BEAT, landing(any), "any marker: m1 = 3:3");
    }

    @Test
    void aMarkerPassedInTheLoopIsFoundOnTheNextPass() {
        // a loops bars 2-5; at 5:3 (after m2 at 5:2) the next m1 (3:3) comes after the wrap
        Audio.Session s = go("{\"from\": \"a\", \"to\": \"b\", \"when\": \"nextMarker\", \"marker\": \"m1\"}",
                4 * BAR + 2 * BEAT + 5, "b");
        s.render(900_000);
        long untilWrap = 5 * BAR - (4 * BAR + 2 * BEAT + 5);
        assertEquals(4 * BAR + 2 * BEAT + 5 + untilWrap + (2 * BAR + 2 * BEAT - BAR), landing(s));
    }

    @Test
    void exitCueAndEndOfSection() {
        Audio.Session exit = go("{\"from\": \"a\", \"to\": \"b\", \"when\": \"exitCue\"}", 10_000, "b");
        exit.render(400_000);
        assertEquals(3 * BAR, landing(exit), "a's exit cue 4:1");
        Audio.Session intro = go("{\"from\": \"a\", \"to\": \"b\", \"when\": \"endOfSection\"}", 10_000, "b");
        intro.render(200_000);
        assertEquals(BAR, landing(intro), "the intro ends at the loop start");
        Audio.Session loop = go("{\"from\": \"a\", \"to\": \"b\", \"when\": \"endOfSection\"}", 200_000, "b");
        loop.render(600_000);
        assertEquals(5 * BAR, landing(loop), "the loop pass ends at 6:1");
    }

    @Test
    void leavingThroughTheOutroPlaysItToTheEnd() {
        Audio.Session s = go("{\"from\": \"a\", \"to\": \"silence\", \"when\": \"endOfSection\", \"outro\": true}", 200_000, "none");
        // "none" is silence: a plays past its loop end into the outro instead of wrapping
        float[] out = s.render(8 * BAR + 1000);
        for (long f = 5 * BAR - 10; f < 8 * BAR; f += 997) {
            assertEquals(f, posA(out, f), "a's own frame, no wrap, at " + f);
        }
        assertEquals(0f, Audio.left(out, 8 * BAR + 10), 0f, "and then it ends");
        assertTrue(s.events(SegueEvent.Type.CUE_ENDED).stream().anyMatch(e -> e.cue().equals("a") && e.frame() == 8 * BAR));
    }

    @Test
    void aReplacedRequestDoesNotLeaveASecondOutroBehind() {
        // a leaves through its outro on the next bar; before it lands the game changes its mind: the
        // outro scheduled for the first request must go with it, so exactly one outro plays
        Audio.Session s = go("{\"from\": \"a\", \"to\": \"*\", \"when\": \"nextBar\", \"outro\": true}", 100_000, "b");
        s.at(110_000, g -> g.setState("none"));
        float[] out = s.render(6 * BAR);
        List<SegueEvent> outros = s.events(SegueEvent.Type.CUE_STARTED).stream()
                .filter(e -> "outro".equals(e.other())).toList();
        assertEquals(1, outros.size(), "outros started: " + outros);
        assertEquals(2 * BAR, outros.get(0).frame());
        // one outro at unit gain: a's own frames from its loop end, not twice as loud
        assertEquals(5 * BAR + 1000, posA(out, 2 * BAR + 1000));
    }

    @Test
    void aBridgePlaysBetweenAndTheDestinationFollowsOnItsExitCue() {
        Audio.Session s = go("{\"from\": \"a\", \"to\": \"b\", \"when\": \"nextBar\", \"bridge\": \"bridge\","
                + " \"fadeOut\": {\"length\": \"1 beat\"}}", 100_000, "b");
        float[] out = s.render(500_000);
        List<SegueEvent> started = s.events(SegueEvent.Type.CUE_STARTED);
        assertEquals(2 * BAR, started.stream().filter(e -> e.cue().equals("bridge")).findFirst().orElseThrow().frame());
        assertEquals(3 * BAR, started.stream().filter(e -> e.cue().equals("b")).findFirst().orElseThrow().frame(),
                "the bridge's exit cue (2:1) hands over one bar later; its tail plays on");
        assertEquals(96_000 + 5000, posB(out, 3 * BAR + 5000), "b from its entry");
        SegueEvent done = s.events(SegueEvent.Type.TRANSITION_DONE).get(1);
        assertEquals("a", done.cue());
        assertEquals("b", done.other());
    }

    @Test
    void aNegativeFadeInOffsetStartsTheDestinationEarly() {
        Audio.Session s = go("{\"from\": \"a\", \"to\": \"b\", \"when\": \"nextBar\", \"position\": \"samePosition\","
                + " \"fadeIn\": {\"length\": \"1 beat\", \"offset\": \"-1 beat\", \"curve\": \"linear\"}, \"fadeOut\": \"1 beat\"}",
                100_000, "b");
        float[] out = s.render(300_000);
        assertEquals(2 * BAR, landing(s));
        assertEquals(2 * BAR - BEAT, s.events(SegueEvent.Type.CUE_STARTED).stream().filter(e -> e.cue().equals("b"))
                .findFirst().orElseThrow().frame(), "b starts a beat before the bar line");
        long f = 2 * BAR - BEAT / 2; // halfway through the linear fade-in: half of b's own frame
        assertEquals(f * 0.5 / SCALE, Audio.right(out, f), 1e-5);
    }

    @Test
    void pauseHoldsThePositionAndResumeContinuesFromIt() {
        Audio.Session s = new Audio.Session(Audio.offline(sheet("")));
        s.at(0, g -> g.setState("a")).at(50_000, Segue::pause).at(150_000, Segue::resume);
        float[] out = s.render(200_000);
        long fade = 2_400; // 50 ms
        assertEquals(0f, Audio.left(out, 50_000 + fade + 1), 0f, "silent while paused");
        assertEquals(0f, Audio.left(out, 149_999), 0f);
        assertEquals(50_000 + fade, s.segue.position().frame() - (200_000 - 150_000), "the clock held while paused");
        // after the resume fade, a continues from where the pause fade ended
        assertEquals(50_000 + fade + fade + 100, posA(out, 150_000 + fade + 100));
    }

    @Test
    void aNewRequestBeforeTheLandingReplacesIt() {
        Audio.Session s = new Audio.Session(Audio.offline(sheet("{\"from\": \"*\", \"to\": \"*\", \"when\": \"nextBar\"}")));
        s.at(0, g -> g.setState("a")).at(100_000, g -> g.setState("b")).at(150_000, g -> g.setState("none"))
                .at(160_000, g -> g.setState("a"));
        s.render(300_000);
        assertTrue(s.events(SegueEvent.Type.CUE_STARTED).stream().noneMatch(e -> e.cue().equals("b")), "b never sounded");
        assertEquals(1, s.events(SegueEvent.Type.CUE_STARTED).size(), "a kept playing");
    }
}
