package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FadeTest {
    @TempDir
    Path dir;

    private Path dcSheet(String rules) {
        Audio.writeFloatWav(dir.resolve("dc.wav"), 1, Audio.constant(96_000, 1f));
        return Audio.writeText(dir.resolve("s.cues.json"), """
            {"cues": {"dc": {"tempo": {"bpm": 120}, "loop": {"start": 0},
               "stems": [{"name": "dc", "file": "dc.wav"}]}},
             "states": {"on": "dc", "off": null},
             "transitions": [%s]}
            """.formatted(rules));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"linear, 0.5", "equalPower, 0.70710678", "sCurve, 0.5", "exponential, 0.03065"})
    void fadeOutHasTheCurvesGainAtItsMidpoint(String curve, double mid) {
        Path sheet = dcSheet("""
            {"from": "dc", "to": "silence", "when": "immediate", "fadeOut": {"length": "200 ms", "curve": "%s"}}
            """.formatted(curve));
        Audio.Session s = new Audio.Session(Audio.offline(sheet));
        s.at(0, g -> g.setState("on")).at(10_000, g -> g.setState("off"));
        float[] out = s.render(30_000);
        assertEquals(1.0, Audio.left(out, 9_999), 0);
        assertEquals(1.0, Audio.left(out, 10_000), 1e-6, "the fade starts at its frame");
        assertEquals(mid, Audio.left(out, 10_000 + 4_800), 1e-3, "gain at the midpoint");
        assertEquals(0.0, Audio.left(out, 10_000 + 9_600), 0, "silent at the end");
        assertMonotonic(out, 10_000, 9_600, -1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"linear, 0.5", "equalPower, 0.70710678", "sCurve, 0.5", "exponential, 0.03065"})
    void fadeInHasTheCurvesGainAtItsMidpoint(String curve, double mid) {
        Path sheet = dcSheet("""
            {"from": "silence", "to": "dc", "when": "immediate", "fadeIn": {"length": "1 beat", "curve": "%s"}}
            """.formatted(curve));
        Audio.Session s = new Audio.Session(Audio.offline(sheet));
        s.at(5_000, g -> g.setState("on"));
        float[] out = s.render(40_000);
        assertEquals(0.0, Audio.left(out, 5_000), 0);
        assertEquals(mid, Audio.left(out, 5_000 + 12_000), 1e-3, "one beat at 120 BPM = 24000 frames");
        assertEquals(1.0, Audio.left(out, 5_000 + 24_000), 1e-6);
        assertMonotonic(out, 5_000, 24_000, 1);
    }

    /**
     * A move decided while the cue still fades in, landing after that fade-in ends, lets the fade-in
     * finish: the cue is heard at full gain until its own fade-out, not frozen at the gain it had when
     * the move was asked for. Cancelling that move leaves the fade-in as it was, too.
     */
    @ParameterizedTest(name = "cancelled: {0}")
    @CsvSource({"false", "true"})
    void aMoveScheduledDuringAFadeInLetsItFinish(boolean cancel) {
        Audio.writeFloatWav(dir.resolve("a.wav"), 1, Audio.constant(432_000, 0.5f));
        Audio.writeFloatWav(dir.resolve("b.wav"), 1, Audio.constant(96_000, 0.25f));
        Path sheet = Audio.writeText(dir.resolve("m.cues.json"), """
            {"cues": {
               "a": {"tempo": {"bpm": 120}, "loop": {"start": 0}, "exits": [384000],
                     "stems": [{"name": "a", "file": "a.wav"}]},
               "b": {"tempo": {"bpm": 120}, "loop": {"start": 0}, "stems": [{"name": "b", "file": "b.wav"}]}},
             "states": {"a": "a", "b": "b", "off": null},
             "transitions": [
               {"from": "silence", "to": "a", "when": "immediate", "fadeIn": {"length": "1 bar", "curve": "linear"}},
               {"from": "a", "to": "b", "when": "exitCue", "fadeOut": {"length": "1 beat", "curve": "linear"}}]}
            """);
        Audio.Session s = new Audio.Session(Audio.offline(sheet));
        s.at(0, g -> g.setState("a")).at(4_800, g -> g.setState("b"));
        if (cancel) {
            s.at(9_600, g -> g.setState("a"));
        }
        float[] out = s.render(420_000);
        assertEquals(0.25, Audio.left(out, 48_000), 1e-3, "halfway through the 1-bar fade-in");
        assertEquals(0.5, Audio.left(out, 120_000), 1e-6, "the fade-in finished at full gain");
        assertEquals(0.5, Audio.left(out, 383_999), 1e-6, "and holds until the exit cue");
        if (!cancel) {
            assertEquals(0.5 * 0.5 + 0.25, Audio.left(out, 384_000 + 12_000), 1e-3, "a half faded out over b at the exit");
            assertEquals(0.25, Audio.left(out, 384_000 + 30_000), 1e-6, "then b alone");
        } else {
            assertEquals(0.5, Audio.left(out, 396_000), 1e-6, "the cancelled move never happens");
        }
    }

    @Test
    void aHardCutStillFades() {
        Path sheet = dcSheet("""
            {"from": "dc", "to": "silence", "when": "immediate", "fadeOut": "0 ms"}
            """);
        Audio.Session s = new Audio.Session(Audio.offline(sheet));
        s.at(0, g -> g.setState("on")).at(10_000, g -> g.setState("off"));
        float[] out = s.render(20_000);
        double maxStep = 0;
        for (int f = 10_000; f < 11_000; f++) {
            maxStep = Math.max(maxStep, Math.abs(Audio.left(out, f + 1) - Audio.left(out, f)));
        }
        assertTrue(maxStep < 0.01, "a 0 ms cut is spread over 5 ms (240 frames): largest step " + maxStep);
        assertEquals(0.0, Audio.left(out, 10_240), 0);
    }

    @Test
    void equalPowerCrossfadeKeepsPowerWithinHalfADecibel() {
        int frames = 480_000;
        Audio.writeFloatWav(dir.resolve("a.wav"), 1, Audio.noise(frames, 1, 0.2f));
        Audio.writeFloatWav(dir.resolve("b.wav"), 1, Audio.noise(frames, 2, 0.2f));
        Path sheet = Audio.writeText(dir.resolve("x.cues.json"), """
            {"cues": {
               "a": {"tempo": {"bpm": 120}, "loop": {"start": 0}, "stems": [{"name": "a", "file": "a.wav"}]},
               "b": {"tempo": {"bpm": 120}, "loop": {"start": 0}, "stems": [{"name": "b", "file": "b.wav"}]}},
             "states": {"a": "a", "b": "b"},
             "transitions": [{"from": "a", "to": "b", "when": "immediate", "position": "samePosition",
               "fadeOut": {"length": "2 s", "curve": "equalPower"}, "fadeIn": {"length": "2 s", "curve": "equalPower"}}]}
            """);
        Audio.Session s = new Audio.Session(Audio.offline(sheet));
        s.at(0, g -> g.setState("a")).at(96_000, g -> g.setState("b"));
        float[] out = s.render(96_000 * 3);
        double ref = Audio.rms(out, 0, 96_000);
        int window = 4_800;
        for (int w = 0; w < 96_000 / window; w++) {
            double r = Audio.rms(out, 96_000 + (long) w * window, window);
            double db = 20 * Math.log10(r / ref);
            assertTrue(Math.abs(db) < 0.5, "window " + w + " of the crossfade is " + db + " dB off");
        }
    }

    private static void assertMonotonic(float[] out, int from, int n, int sign) {
        for (int f = from; f < from + n; f++) {
            float d = Audio.left(out, f + 1) - Audio.left(out, f);
            assertTrue(d * sign >= -1e-6, "not monotonic at " + f);
        }
    }
}
