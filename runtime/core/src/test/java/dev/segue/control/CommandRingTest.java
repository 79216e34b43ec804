package dev.segue.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRingTest {
    @Test
    void fourProducersOneConsumerLoseNothingAndKeepEachProducersOrder() throws Exception {
        CommandRing ring = new CommandRing(64);
        int perProducer = 200_000;
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    while (!ring.offer(id + 1, i)) {
                        Thread.onSpinWait();
                    }
                }
            });
            producers.add(t);
            t.start();
        }
        int[] next = new int[4];
        int[] cmd = new int[2];
        int received = 0;
        while (received < 4 * perProducer) {
            if (ring.poll(cmd)) {
                int p = cmd[0] - 1;
                assertEquals(next[p], cmd[1], "producer " + p + " out of order");
                next[p]++;
                received++;
            } else {
                Thread.onSpinWait();
            }
        }
        for (Thread t : producers) {
            t.join();
        }
        assertFalse(ring.poll(cmd));
        for (int p = 0; p < 4; p++) {
            assertEquals(perProducer, next[p]);
        }
    }

    @Test
    void aFullRingRefusesInsteadOfBlocking() {
        CommandRing ring = new CommandRing(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offer(1, i));
        }
        assertFalse(ring.offer(1, 99));
        int[] cmd = new int[2];
        assertTrue(ring.poll(cmd));
        assertEquals(0, cmd[1]);
        assertTrue(ring.offer(1, 4));
    }

    @Test
    void eventRingCountsWhatItDrops() {
        EventRing ring = new EventRing(8);
        for (int i = 0; i < 10; i++) {
            ring.publish(Events.BEAT, i, 0, 0, 0, 1, 1);
        }
        assertEquals(2, ring.takeDropped());
        EventRing.Slot s = new EventRing.Slot();
        for (int i = 0; i < 8; i++) {
            assertTrue(ring.poll(s));
            assertEquals(i, s.frame);
        }
        assertFalse(ring.poll(s));
    }
}
