package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mix loop allocates nothing: a dedicated "audio" thread renders while the test thread, as the
 * game, drives transitions, stingers, pause/resume, direct cue triggers and parameter sweeps between
 * its chunks (the two take turns, so every chunk of audio sees fresh commands). The audio thread's own
 * allocation counter (com.sun.management.ThreadMXBean) must not move in steady state.
 */
class AllocationFreeTest {
    @TempDir
    Path dir;

    @Test
    void renderingAllocatesNothingInSteadyState() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        Segue segue = Audio.offline(DeterminismTest.richSheet(dir));
        int block = 256;
        int blocksPerTurn = 19; // about 0.1 s of music per turn
        int warmTurns = 1200;    // 2 minutes of music to warm up the JIT
        int measuredTurns = 1200; // 2 minutes measured
        AtomicLong audioTurn = new AtomicLong();
        AtomicLong gameTurn = new AtomicLong();
        long[] allocated = {-1};
        Thread audio = new Thread(() -> {
            float[] buf = new float[block * 2];
            long before = 0;
            for (int t = 0; t < warmTurns + measuredTurns; t++) {
                while (gameTurn.get() < t) {
                    Thread.onSpinWait();
                }
                if (t == warmTurns) {
                    before = mx.getCurrentThreadAllocatedBytes();
                }
                for (int b = 0; b < blocksPerTurn; b++) {
                    segue.render(buf, block);
                }
                audioTurn.set(t + 1);
            }
            long after = mx.getCurrentThreadAllocatedBytes();
            // what asking costs by itself (the MXBean call allocates a little): two calls back to back
            long probe1 = mx.getCurrentThreadAllocatedBytes();
            long probe2 = mx.getCurrentThreadAllocatedBytes();
            allocated[0] = (after - before) - (probe2 - probe1);
        }, "test-audio");
        audio.start();
        String[] states = {"explore", "combat", "quiet", "explore", "combat", "explore"};
        int stateChanges = 0;
        for (int t = 0; t < warmTurns + measuredTurns; t++) {
            while (audioTurn.get() < t) {
                Thread.onSpinWait();
            }
            segue.setParameter("intensity", (float) (0.5 + 0.5 * Math.sin(t / 7.0)));
            if (t % 25 == 0) {
                segue.setState(states[(t / 25) % states.length]);
                stateChanges++;
            }
            if (t % 13 == 0) {
                segue.playStinger("sting");
            }
            if (t % 97 == 50) {
                segue.pause();
            }
            if (t % 97 == 53) {
                segue.resume();
            }
            if (t % 61 == 7) {
                segue.trigger("b");
            }
            segue.update();
            gameTurn.set(t + 1);
        }
        audio.join();
        assertTrue(stateChanges > 80, stateChanges + " state changes");
        assertEquals(0, allocated[0], "bytes allocated by the audio thread over " + measuredTurns / 10 + " s of music");
    }
}
