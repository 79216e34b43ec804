package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters drive each stem's gain curve, smoothly, clamped to their range. */
class ParameterTest {
    @TempDir
    Path dir;

    private Path sheet(String smoothing) {
        Audio.writeFloatWav(dir.resolve("dc.wav"), 1, Audio.constant(96_000, 1f));
        Audio.writeFloatWav(dir.resolve("dc2.wav"), 2, stereoRight(96_000, 1f));
        return Audio.writeText(dir.resolve("p.cues.json"), """
            {"parameters": {"intensity": {"min": 0, "max": 1, "default": 0, "smoothing": "%s"}},
             "cues": {"c": {"tempo": {"bpm": 120}, "loop": {"start": 0}, "stems": [
                {"name": "rises", "file": "dc.wav", "gainCurve": {"parameter": "intensity", "points": [[0, 0], [1, 1]]}},
                {"name": "window", "file": "dc2.wav", "gainCurve": {"parameter": "intensity",
                   "points": [[0.25, 0], [0.5, 1], [0.75, 0]]}}]}},
             "states": {"on": "c"}}
            """.formatted(smoothing));
    }

    /** A stereo file silent on the left, {@code v} on the right. */
    private static float[] stereoRight(int frames, float v) {
        float[] a = new float[frames * 2];
        for (int i = 0; i < frames; i++) {
            a[2 * i + 1] = v;
        }
        return a;
    }

    @Test
    void gainCurvesFollowTheParameterSmoothly() {
        Audio.Session s = new Audio.Session(Audio.offline(sheet("0 ms")));
        s.at(0, g -> g.setState("on")).at(10_000, g -> g.setParameter("intensity", 0.5f))
                .at(30_000, g -> g.setParameter("intensity", 0.625f)).at(50_000, g -> g.setParameter("intensity", 7f));
        float[] out = s.render(70_000);
        // the left channel carries "rises" (+ nothing of "window"), the right both
        assertEquals(0f, Audio.left(out, 9_999), 0f);
        assertEquals(0.5f, Audio.left(out, 29_000), 1e-4f, "rises at 0.5");
        assertEquals(0.5f + 1f, Audio.right(out, 29_000), 1e-4f, "window peaks at 0.5");
        assertEquals(0.625f, Audio.left(out, 49_000), 1e-4f);
        assertEquals(0.625f + 0.5f, Audio.right(out, 49_000), 1e-4f, "window half way down at 0.625");
        assertEquals(1f, Audio.left(out, 69_000), 1e-4f, "7 is clamped to the maximum, 1");
        assertEquals(1f, Audio.right(out, 69_000), 1e-4f, "window closed at 1");
        // even with no smoothing a jump is spread over milliseconds: no step bigger than a 5 ms ramp's
        for (int f = 10_000; f < 12_000; f++) {
            assertTrue(Math.abs(Audio.left(out, f + 1) - Audio.left(out, f)) < 0.5 / 240 * 1.5, "step at " + f);
        }
    }

    @Test
    void smoothingIsAOnePoleWithTheGivenTimeConstant() {
        Audio.Session s = new Audio.Session(Audio.offline(sheet("100 ms")));
        s.at(0, g -> g.setState("on")).at(9_984, g -> g.setParameter("intensity", 1f));
        float[] out = s.render(40_000);
        // 9984 is a control edge (39 x 256): the value starts moving there and after one time constant
        // (100 ms = 4800 frames) has covered 1 - 1/e of the way
        assertEquals(0f, Audio.left(out, 9_983), 0f);
        assertEquals(1 - Math.exp(-1), Audio.left(out, 9_984 + 4_800), 1e-3);
        assertEquals(1 - Math.exp(-5), Audio.left(out, 9_984 + 5 * 4_800), 1e-3);
    }
}
