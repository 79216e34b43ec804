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
}
