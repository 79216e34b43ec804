package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine that owns its audio thread pulls Segue ({@link SegueBuilder#pull()}): its thread only
 * mixes. Java Flight Recorder's file-read events (every read of a file, with the thread that made it)
 * show every byte of the streamed stems read on Segue's streamer thread and none on the engine's
 * audio thread, through state changes and stingers, and the music it pulled equals the offline
 * render of the same session.
 */
class PullHostTest {
    @TempDir
    Path dir;

    @Test
    void theEnginesAudioThreadOnlyMixesTheStreamerReads() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir);
        int block = 256;
        int frames = 844 * 256; // 4.5 s: the tour's stinger at 100 000 and its change to combat at 150 001
        float[] offline = StreamingTest.tour(Segue.builder().cueSheet(sheet).offline().build(), block).render(frames);
        float[] pulled = new float[frames * 2];
        List<String> readers = new ArrayList<>();
        long engineReads = 0;
        long streamerReads = 0;
        Path jfr = dir.resolve("reads.jfr");
        try (Segue segue = Segue.builder().cueSheet(sheet).pull().streamThreshold(0).streamBuffer(1).build();
                Recording rec = new Recording()) {
            rec.enable("jdk.FileRead").withThreshold(Duration.ZERO).withStackTrace();
            rec.start();
            Audio.Session s = StreamingTest.tour(segue, block);
            Throwable[] failed = new Throwable[1];
            Thread engine = new Thread(() -> {
                try {
                    long start = System.nanoTime();
                    for (int at = 0; at < frames; at += block) {
                        long due = start + (long) at * 1_000_000_000L / 48_000;
                        LockSupport.parkNanos(due - System.nanoTime()); // paced like a device's callback
                        System.arraycopy(s.renderNext(block), 0, pulled, at * 2, block * 2);
                    }
                } catch (Throwable t) {
                    failed[0] = t;
                }
            }, "engine-audio");
            engine.start();
            engine.join(60_000);
            rec.stop();
            rec.dump(jfr);
            assertEquals(null, failed[0]);
            assertEquals(0, segue.streamUnderruns(), "the streamer kept ahead of the engine's thread");
        }
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            String thread = e.getThread() == null ? "?" : e.getThread().getJavaName();
            String path = e.getString("path");
            if (path == null || !path.startsWith(dir.toString()) || !path.endsWith(".wav")) {
                continue;
            }
            readers.add(thread);
            if (thread.equals("engine-audio")) {
                engineReads++;
            } else if (thread.equals("segue-streamer")) {
                streamerReads++;
            }
        }
        assertTrue(streamerReads > 10, "the streamer read the stems: " + readers.size() + " reads by " + new java.util.TreeSet<>(readers));
        assertEquals(0, engineReads, "reads on the engine's audio thread");
        StreamingTest.assertSameSamples(offline, pulled, "pulled on the engine's thread");
    }
}
