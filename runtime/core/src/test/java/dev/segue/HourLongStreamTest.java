package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An hour-long stem streams in bounded memory: a 16-bit WAV of one hour (at an 8 kHz mixer rate, so
 * the file stays at 58 MB and the render takes seconds) is played offline from start to end. Every
 * output frame must be the file's frame; the heap after a full collection must stay flat across the
 * hour; and {@code render()} (which, offline, also fills the rings) must not allocate as it goes.
 */
class HourLongStreamTest {
    static final int RATE = 8000;
    static final int FRAMES = 3600 * RATE;

    @TempDir
    Path dir;

    /** Sample i: a sawtooth repeating every second, exact in 16 bits. */
    static float expected(long i) {
        return ((i % RATE) - RATE / 2) * 4 / 32768f;
    }

    private Path writeHour() throws Exception {
        Path wav = dir.resolve("hour.wav");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(wav), 1 << 16)) {
            ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            int data = FRAMES * 2;
            h.putInt(0x46464952).putInt(36 + data).putInt(0x45564157);
            h.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
                    .putShort((short) 2).putShort((short) 16);
            h.putInt(0x61746164).putInt(data);
            out.write(h.array());
            byte[] sec = new byte[RATE * 2];
            for (int i = 0; i < RATE; i++) {
                int v = (i - RATE / 2) * 4;
                sec[2 * i] = (byte) v;
                sec[2 * i + 1] = (byte) (v >> 8);
            }
            for (int s = 0; s < 3600; s++) {
                out.write(sec);
            }
        }
        return wav;
    }

    @Test
    void anHourLongStemStreamsInFlatHeapWithoutAllocating() throws Exception {
        writeHour();
        Path sheet = Audio.writeText(dir.resolve("hour.cues.json"),
                "{\"cues\": {\"hour\": {\"tempo\": {\"bpm\": 120}, \"stems\": [{\"name\": \"h\", \"file\": \"hour.wav\"}]}},"
                        + " \"states\": {\"on\": \"hour\"}}");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        mx.setThreadAllocatedMemoryEnabled(true);
        try (Segue segue = Segue.builder().cueSheet(sheet).sampleRate(RATE).offline().build()) {
            assertTrue(segue.streamVoices() > 0, "an hour is over the default threshold: it streams");
            java.util.List<SegueEvent> errors = new java.util.ArrayList<>();
            segue.addListener(e -> {
                if (e.type() == SegueEvent.Type.ERROR) {
                    errors.add(e);
                }
            });
            segue.setState("on");
            // a game thread takes the events (beats, bars) as they come, as a game would each frame
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread game = new Thread(() -> {
                while (!done.get()) {
                    segue.update();
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "test-game");
            game.start();
            int block = 512;
            float[] buf = new float[block * 2];
            long[] heap = new long[7];
            long allocated = 0; // by render() itself, from the second minute on
            long f = 0;
            int minute = 0;
            while (f < FRAMES + RATE) {
                int n = (int) Math.min(block, FRAMES + RATE - f);
                long a0 = minute >= 1 ? mx.getCurrentThreadAllocatedBytes() : 0;
                segue.render(buf, n);
                if (minute >= 1) {
                    long d = mx.getCurrentThreadAllocatedBytes() - a0;
                    allocated += d;
                }
                for (int i = 0; i < n; i++) {
                    float want = f + i < FRAMES ? expected(f + i) : 0f;
                    if (buf[2 * i] != want || buf[2 * i + 1] != want) {
                        fail("frame " + (f + i) + " is " + buf[2 * i] + ", the file has " + want);
                    }
                }
                f += n;
                if (f / (60L * RATE) > minute) {
                    minute++;
                    if (minute % 10 == 0) {
                        heap[minute / 10] = usedHeapAfterGc();
                    }
                }
            }
            heap[0] = heap[1];
            done.set(true);
            game.join();
            segue.update();
            assertTrue(errors.isEmpty(), errors.toString());
            assertEquals(0, segue.streamUnderruns());
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 1; i < heap.length; i++) {
                min = Math.min(min, heap[i]);
                max = Math.max(max, heap[i]);
            }
            System.out.printf("HourLongStreamTest: heap after GC every 10 minutes (KiB): %s; rendering thread allocated %d"
                    + " bytes over 59 minutes%n", java.util.Arrays.toString(java.util.Arrays.stream(heap).map(b -> b / 1024)
                    .toArray()), allocated);
            assertTrue(max - min < 2 << 20, "heap moved by " + (max - min) / 1024 + " KiB over the hour");
            // The strict proof of an allocation-free path is AllocationFreeTest, run interpreted. Here the JIT
            // runs, and its deoptimisations allocate a few hundred bytes now and then on the thread that hits
            // them; anything per block (56,000 blocks in 59 minutes) or per refill would be far above this.
            assertTrue(allocated < 16 << 10, allocated + " bytes allocated by render() while streaming 59 minutes");
        }
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
