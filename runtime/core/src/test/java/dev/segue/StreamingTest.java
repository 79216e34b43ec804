package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamed stems play exactly what the same stems play from memory: the rich sheet of
 * {@link DeterminismTest} (loops, a bridge, an outro-less fade, stingers, pause, sameBeat) rendered
 * with every stem streamed and with every stem in memory gives the same samples, offline and through
 * the real-time streamer thread.
 */
class StreamingTest {
    @TempDir
    Path dir;

    static Audio.Session tour(Segue segue, int block) {
        Audio.Session s = new Audio.Session(segue);
        s.block = block;
        s.at(0, g -> g.setState("explore")).at(100_000, g -> g.playStinger("sting"))
                .at(150_001, g -> g.setState("combat")).at(200_017, g -> g.setParameter("intensity", 0.9f))
                .at(300_000, Segue::pause).at(330_000, Segue::resume)
                .at(500_000, g -> g.setState("explore")).at(700_003, g -> g.trigger("b"))
                .at(800_000, g -> g.setState("quiet")).at(900_000, g -> g.setState("explore"));
        return s;
    }

    static void assertSameSamples(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
                fail(what + ": frame " + i / 2 + " channel " + i % 2 + " is " + got[i] + ", in memory " + want[i]);
            }
        }
    }

    @Test
    void streamedOfflineRenderEqualsTheInMemoryRender() {
        Path sheet = DeterminismTest.richSheet(dir);
        float[] memory = tour(Segue.builder().cueSheet(sheet).offline().streamThreshold(Double.POSITIVE_INFINITY).build(), 512)
                .render(1_200_000);
        Segue inMemory = Segue.builder().cueSheet(sheet).offline().build();
        assertEquals(0, inMemory.streamVoices(), "8 s stems are under the default threshold");
        Audio.Session streamed = tour(Segue.builder().cueSheet(sheet).offline().streamThreshold(0).build(), 333);
        assertEquals(8, streamed.segue.streamVoices(), "four times the two streamed stems of a cue");
        float[] out = streamed.render(1_200_000);
        assertSameSamples(memory, out, "streamed offline");
        assertTrue(streamed.events(SegueEvent.Type.ERROR).isEmpty(), streamed.events(SegueEvent.Type.ERROR).toString());
        assertEquals(0, streamed.segue.streamUnderruns());
    }

    /**
     * Renders {@code frames} frames pulled at about {@code speed} times real time, so the streamer thread
     * runs beside the renderer as it would beside an audio callback.
     */
    static float[] renderPaced(Audio.Session s, int frames, double speed) {
        float[] out = new float[frames * 2];
        int block = s.block;
        s.block = block; // actions still land on their frames: render in pieces between them
        long t0 = System.nanoTime();
        int done = 0;
        while (done < frames) {
            int n = Math.min(4800, frames - done);
            float[] piece = s.renderNext(n);
            System.arraycopy(piece, 0, out, done * 2, n * 2);
            done += n;
            long due = t0 + (long) (done / (double) Audio.RATE / speed * 1e9);
            while (System.nanoTime() < due) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return out;
                }
            }
        }
        return out;
    }

    @Test
    void realTimeStreamingEqualsTheInMemoryRenderWithoutUnderruns() {
        Path sheet = DeterminismTest.richSheet(dir);
        int frames = 600_000;
        float[] memory = tour(Segue.builder().cueSheet(sheet).offline().build(), 512).render(frames);
        try (Segue rt = Segue.builder().cueSheet(sheet).pull().streamThreshold(0).streamBuffer(2).build()) {
            Audio.Session s = tour(rt, 256);
            float[] out = renderPaced(s, frames, 2);
            assertEquals(0, rt.streamUnderruns(), "frames that missed their stream: " + s.events(SegueEvent.Type.ERROR));
            assertSameSamples(memory, out, "streamed in real time");
            assertTrue(s.events(SegueEvent.Type.ERROR).isEmpty(), s.events(SegueEvent.Type.ERROR).toString());
        }
    }

    /**
     * A cue with an intro, a loop and an outro, whose one stem counts its frames (sample {@code i} is
     * {@code (i + 1) / 2^20}, so a slipped or repeated frame shows), and a second cue to go to.
     */
    static Path songSheet(Path dir) {
        float[] ramp = new float[5 * 96_000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (i + 1) / (float) (1 << 20);
        }
        Audio.writeFloatWav(dir.resolve("song.wav"), 1, ramp);
        Audio.writeFloatWav(dir.resolve("other.wav"), 1, Audio.sine(4 * 96_000, 330, 0.2f));
        return Audio.writeText(dir.resolve("song.cues.json"), """
            {"cues": {
               "song": {"tempo": {"bpm": 120}, "loop": {"start": "2:1", "end": "4:1"}, "length": "5:1",
                        "stems": [{"name": "ramp", "file": "song.wav"}]},
               "other": {"tempo": {"bpm": 120}, "loop": {"start": "1:1"}, "stems": [{"name": "s", "file": "other.wav"}]}},
             "states": {"play": "song", "end": null, "other": "other"},
             "transitions": [
               {"from": "song", "to": "silence", "when": "endOfSection", "outro": true},
               {"from": "song", "to": "other", "when": "nextBar", "outro": true, "fadeIn": "0 ms"}]}
            """);
    }

    /** The song's loop ends at music frames 288000, 480000, 672000... when it starts at frame 0. */
    static Audio.Session songSession(Segue segue, Consumer<Audio.Session> actions) {
        Audio.Session s = new Audio.Session(segue);
        s.block = 256;
        s.at(0, g -> g.setState("play"));
        actions.accept(s);
        return s;
    }

    /** Renders the song session three ways (in memory, streamed offline, streamed in real time); all must agree. */
    float[] assertStreamsLikeMemory(String what, int frames, boolean realTime, Consumer<Audio.Session> actions) {
        Path sheet = songSheet(dir);
        float[] memory = songSession(Segue.builder().cueSheet(sheet).offline().build(), actions).render(frames);
        Audio.Session off = songSession(Segue.builder().cueSheet(sheet).offline().streamThreshold(0).build(), actions);
        assertSameSamples(memory, off.render(frames), what + ", streamed offline");
        assertEquals(0, off.segue.streamUnderruns(), what + ", offline underruns");
        if (!realTime) {
            return memory;
        }
        try (Segue rt = Segue.builder().cueSheet(sheet).pull().streamThreshold(0).streamBuffer(2).build()) {
            Audio.Session s = songSession(rt, actions);
            float[] out = renderPaced(s, frames, 3);
            assertEquals(0, rt.streamUnderruns(), what + ": " + s.events(SegueEvent.Type.ERROR));
            assertSameSamples(memory, out, what + ", streamed in real time");
        }
        return memory;
    }

    /** The ramp's value at timeline frame {@code pos}. */
    private static float ramp(long pos) {
        return (pos + 1) / (float) (1 << 20);
    }

    @Test
    void loopWrapsAndLeavingThroughTheOutroAreExactWhenStreamed() {
        // the ring already holds the wrapped loop (requested a second before the loop end): it is re-decoded
        float[] a = assertStreamsLikeMemory("outro decided 1 s ahead", 400_000, true,
                s -> s.at(288_000 - 48_000, g -> g.setState("end")));
        assertEquals(ramp(287_999), Audio.left(a, 287_999));
        assertEquals(ramp(288_000), Audio.left(a, 288_000), "the outro follows the loop's last frame");
        assertEquals(0f, Audio.left(a, 384_000), "and ends with the cue");
        assertEquals(ramp(383_999), Audio.left(a, 383_999));
        // decided 5 ms before the loop end: the outro's first frames come from its resident head
        float[] b = assertStreamsLikeMemory("outro decided 5 ms ahead", 490_000, true,
                s -> s.at(480_000 - 240, g -> g.setState("end")));
        assertEquals(ramp(96_000), Audio.left(b, 288_000), "the first pass wrapped");
        assertEquals(ramp(288_000), Audio.left(b, 480_000), "the second went on into the outro");
        // decided, then cancelled before it landed: back to looping, through the loop start's head
        float[] c = assertStreamsLikeMemory("outro cancelled", 490_000, true, s -> s.at(288_000 - 30_000, g -> g.setState("end"))
                .at(288_000 - 100, g -> g.setState("play")));
        assertEquals(ramp(96_000), Audio.left(c, 288_000), "still looping");
        assertEquals(ramp(96_000), Audio.left(c, 480_000), "still looping");
        // leaving on the next bar inside the loop: the outro is a new playback from the loop end
        float[] d = assertStreamsLikeMemory("outro on the next bar", 450_000, false, s -> s.at(300_000, g -> g.setState("other")));
        assertEquals(ramp(96_000 + 95_999), Audio.left(d, 383_999), "the loop plays up to the bar line");
    }
}
