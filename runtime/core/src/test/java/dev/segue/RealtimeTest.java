package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-time path with no audio device: the silent output keeps the clock and the events going. */
class RealtimeTest {
    @TempDir
    Path dir;

    @Test
    void theSilentOutputKeepsTimeAndDeliversEventsOnTheGameThread() throws Exception {
        Audio.writeFloatWav(dir.resolve("a.wav"), 1, Audio.sine(96_000, 440, 0.3f));
        Path sheet = Audio.writeText(dir.resolve("s.cues.json"), """
            {"cues": {"a": {"tempo": {"bpm": 240}, "loop": {"start": 0}, "stems": [{"name": "a", "file": "a.wav"}]}},
             "states": {"play": "a"}}
            """);
        List<SegueEvent> got = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        try (Segue segue = Segue.builder().cueSheet(sheet).silentOutput().build()) {
            segue.addListener(e -> {
                got.add(e);
                threads.add(Thread.currentThread());
            });
            assertTrue(segue.outputName().startsWith("silent"));
            assertTrue(segue.setState("play"));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (got.stream().filter(e -> e.type() == SegueEvent.Type.BEAT).count() < 3 && System.nanoTime() < deadline) {
                segue.update();
                Thread.sleep(10);
            }
            assertTrue(got.stream().anyMatch(e -> e.type() == SegueEvent.Type.CUE_STARTED), got.toString());
            assertTrue(got.stream().filter(e -> e.type() == SegueEvent.Type.BEAT).count() >= 3, got.toString());
            assertTrue(threads.stream().allMatch(t -> t == Thread.currentThread()), "listeners run on the caller of update()");
            Position p = segue.position();
            assertEquals("a", p.cue());
            assertTrue(p.frame() > 0);
            assertThrows(IllegalStateException.class, () -> segue.render(new float[2], 1));
        }
    }

    @Test
    void unknownNamesAreReportedNotThrown() {
        Audio.writeFloatWav(dir.resolve("a.wav"), 1, new float[1000]);
        Path sheet = Audio.writeText(dir.resolve("s.cues.json"), """
            {"cues": {"a": {"tempo": {"bpm": 120}, "stems": [{"name": "a", "file": "a.wav"}]}}, "states": {"play": "a"}}
            """);
        Segue segue = Audio.offline(sheet);
        List<SegueEvent> got = new java.util.ArrayList<>();
        segue.addListener(got::add);
        assertEquals(false, segue.setState("bos"));
        assertEquals(false, segue.setParameter("intensity", 1));
        assertEquals(false, segue.playStinger("x"));
        assertEquals(false, segue.trigger("y"));
        segue.update();
        assertEquals(4, got.size());
        assertEquals("unknown state 'bos'; the sheet has [play]", got.get(0).message());
        assertTrue(got.stream().allMatch(e -> e.type() == SegueEvent.Type.ERROR));
    }
}
