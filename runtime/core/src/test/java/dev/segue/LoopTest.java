package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopTest {
    @TempDir
    Path dir;

    @Test
    void stemsStaySampleAlignedAfterAThousandLoops() {
        int len = 4800; // 0.1 s loop
        // stem L clicks on the left channel, stem R on the right, both at frame 100 of the loop
        float[] l = new float[len * 2];
        float[] r = new float[len * 2];
        l[100 * 2] = 1f;
        r[100 * 2 + 1] = 1f;
        Audio.writeFloatWav(dir.resolve("l.wav"), 2, l);
        Audio.writeFloatWav(dir.resolve("r.wav"), 2, r);
        Path sheet = Audio.writeText(dir.resolve("s.cues.json"), """
            {"cues": {"loop": {"tempo": {"bpm": 120}, "loop": {"start": 0, "end": 4800},
               "stems": [{"name": "l", "file": "l.wav"}, {"name": "r", "file": "r.wav"}]}},
             "states": {"play": "loop"}}
            """);
        Audio.Session s = new Audio.Session(Audio.offline(sheet));
        s.block = 441; // blocks that never line up with the loop
        s.at(0, g -> g.setState("play"));
        int loops = 1000;
        float[] out = s.render(len * loops + 200);
        int clicksL = 0;
        int clicksR = 0;
        for (int f = 0; f < out.length / 2; f++) {
            float vl = Audio.left(out, f);
            float vr = Audio.right(out, f);
            if (vl != 0f) {
                assertEquals(100, f % len, "left click off its frame at " + f);
                assertEquals(1f, vl, 0f);
                clicksL++;
            }
            if (vr != 0f) {
                assertEquals(100, f % len, "right click off its frame at " + f);
                assertEquals(1f, vr, 0f);
                clicksR++;
            }
        }
        assertEquals(loops + 1, clicksL);
        assertEquals(loops + 1, clicksR);
    }

    @Test
    void loopWrapsWithNoGapRepeatOrDiscontinuity() {
        // intro 0.25 s of a 440 Hz sine; loop = [12000, 60000): 48000 frames = exactly 440 periods of 440 Hz
        int frames = 72_000;
        float[] sine = Audio.sine(frames, 440, 0.5f);
        Audio.writeFloatWav(dir.resolve("sine.wav"), 1, sine);
        Path sheet = Audio.writeText(dir.resolve("s.cues.json"), """
            {"cues": {"tone": {"tempo": {"bpm": 120}, "loop": {"start": 12000, "end": 60000},
               "stems": [{"name": "sine", "file": "sine.wav"}]}},
             "states": {"play": "tone"}}
            """);
        Audio.Session s = new Audio.Session(Audio.offline(sheet));
        s.block = 1000;
        s.at(0, g -> g.setState("play"));
        float[] out = s.render(12_000 + 48_000 * 5);
        // every output frame is exactly the source frame the loop says it should be
        for (int f = 0; f < out.length / 2; f++) {
            int src = f < 60_000 ? f : 12_000 + (f - 12_000) % 48_000;
            assertEquals(sine[src], Audio.left(out, f), 0f, "frame " + f);
        }
        // and the wrap is no rougher than the signal itself
        double maxStep = 0;
        for (int i = 1; i < frames; i++) {
            maxStep = Math.max(maxStep, Math.abs(sine[i] - sine[i - 1]));
        }
        for (int k = 1; k <= 4; k++) {
            int wrap = 12_000 + 48_000 * k;
            assertEquals(true, Math.abs(Audio.left(out, wrap) - Audio.left(out, wrap - 1)) <= maxStep + 1e-6);
        }
    }

    /**
     * A loop that is seamless before encoding (a 60 Hz tone, whole periods in the loop and in the
     * intro) still steps where it wraps once oggenc has coded its two ends with different errors; the
     * sheet's loop crossfade, which blends the loop's end into the audio before the loop start, takes
     * the step away. Measured as the largest second difference near the wrap against the same tone's
     * elsewhere.
     */
    @Test
    void aLoopCrossfadeHidesTheCodecsSeam() throws Exception {
        Assumptions.assumeTrue(FormatsTest.onPath("sox") && FormatsTest.onPath("oggenc"), "sox and oggenc (.ci/run)");
        FormatsTest.run(dir, "sox", "-D", "-n", "-r", "48000", "-c", "2", "-b", "16", "tone.wav", "synth", "4", "sine", "60",
                "vol", "0.5");
        FormatsTest.run(dir, "oggenc", "-Q", "-q", "0", "-o", "tone.ogg", "tone.wav");
        double[] ratio = new double[2];
        for (int withCrossfade = 0; withCrossfade < 2; withCrossfade++) {
            Path sheet = Audio.writeText(dir.resolve("x" + withCrossfade + ".cues.json"), """
                {"cues": {"c": {"tempo": {"bpm": 120}, "loop": {"start": 48000, "end": 144000%s},
                   "stems": [{"name": "t", "file": "tone.ogg"}]}},
                 "states": {"play": "c"}}
                """.formatted(withCrossfade == 1 ? ", \"crossfade\": \"10 ms\"" : ""));
            Audio.Session s = new Audio.Session(Audio.offline(sheet));
            s.block = 441;
            s.at(0, g -> g.setState("play"));
            float[] out = s.render(300_000);
            double clean = 0;
            for (int f = 1_000; f < 143_000; f++) { // the first time through, up to the first wrap
                clean = Math.max(clean, secondDifference(out, f));
            }
            double wrap = 0;
            for (int pass = 1; pass <= 2; pass++) {
                long at = 144_000 + (pass - 1) * 96_000L; // the frame after each wrap
                for (long f = at - 600; f < at + 100; f++) {
                    wrap = Math.max(wrap, secondDifference(out, f));
                }
            }
            ratio[withCrossfade] = wrap / clean;
        }
        // measured: 843 x without, 0.90 x with (sox -D: no dither, so the same file every run)
        assertTrue(ratio[0] > 100, "without the crossfade the codec's seam shows: " + ratio[0] + " x the tone's own");
        assertTrue(ratio[1] < 1.2, "with it the wrap is as smooth as the tone: " + ratio[1] + " x");
    }

    private static double secondDifference(float[] out, long f) {
        return Math.abs(Audio.left(out, f + 1) - 2 * Audio.left(out, f) + Audio.left(out, f - 1));
    }
}
