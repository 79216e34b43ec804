package dev.segue.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The call-to-output latency histogram, fed call and block times by hand (no clock involved). */
class LatencyMeterTest {
    static final int RATE = 48_000;

    @Test
    void eachCallIsMeasuredFromItsOwnTimeToTheNextBlockPlusWhatIsQueuedAhead() {
        LatencyMeter m = new LatencyMeter(RATE, 64);
        long t = 1_000_000_000L;
        m.called(t);                     // 960 frames before the block
        m.called(t + 480 * 20_834L);     // 480 frames before it
        m.blockStart(t + 960 * 20_834L, 1280);
        m.blockStart(t + 2000 * 20_834L, 1280); // nothing new: nothing recorded
        assertEquals(2, m.count());
        int[] r = m.percentiles(false);
        int[] o = m.percentiles(true);
        assertEquals(960, r[3], "the longest wait");
        assertEquals(960 + 1280, o[3]);
        assertTrue(r[0] >= 480 && r[0] < 480 + LatencyMeter.BUCKET, "median of {480, 960} is 480: " + r[0]);
        assertTrue(o[0] >= 1760 && o[0] < 1760 + LatencyMeter.BUCKET, "median: " + o[0]);
    }

    @Test
    void percentilesOfAKnownDistribution() {
        LatencyMeter m = new LatencyMeter(RATE, 4096);
        long t = 0;
        for (int i = 1; i <= 1000; i++) { // waits of 1..1000 frames, one call per block
            t += 10_000_000L;
            m.called(t);
            m.blockStart(t + i * 20_834L, 0);
        }
        int[] r = m.percentiles(false);
        // each is the upper edge of its 4-frame bucket: at or above the true value, less than 4 frames above
        int[] want = {500, 950, 990, 1000};
        for (int k = 0; k < 4; k++) {
            assertTrue(r[k] >= want[k] && r[k] < want[k] + LatencyMeter.BUCKET, k + ": " + r[k] + " for " + want[k]);
        }
        assertArrayEquals(r, m.percentiles(true), "nothing queued ahead: the same");
    }

    @Test
    void aFullRingDropsCallsButNeverBlocks() {
        LatencyMeter m = new LatencyMeter(RATE, 8);
        for (int i = 0; i < 20; i++) {
            m.called(i);
        }
        assertEquals(12, m.dropped());
        m.blockStart(100, 0);
        assertEquals(8, m.count());
        m.called(200);
        m.blockStart(300, 0);
        assertEquals(9, m.count(), "room again once read");
    }

    @Test
    void manyThreadsPostingWhileOneReadsLoseNothing() throws Exception {
        LatencyMeter m = new LatencyMeter(RATE, 1 << 16);
        List<Thread> ts = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    m.called(System.nanoTime());
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        m.blockStart(System.nanoTime(), 0);
        assertEquals(0, m.dropped());
        assertEquals(40_000, m.count());
    }
}
