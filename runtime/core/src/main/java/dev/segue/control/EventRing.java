package dev.segue.control;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Audio → game events: a bounded single-producer (audio thread) single-consumer (game thread) ring
 * of primitive records. When full, events are dropped and counted; the game sees the count.
 */
public final class EventRing {
    private final int mask;
    private final int[] type;
    private final long[] frame;
    private final long[] at;
    private final int[] cue;
    private final int[] other;
    private final int[] bar;
    private final int[] beat;
    private final AtomicLong head = new AtomicLong(); // next to read (consumer writes)
    private final AtomicLong tail = new AtomicLong(); // next to write (producer writes)
    private final AtomicLong dropped = new AtomicLong();

    public EventRing(int capacity) {
        int cap = Integer.highestOneBit(Math.max(2, capacity - 1) << 1);
        mask = cap - 1;
        type = new int[cap];
        frame = new long[cap];
        at = new long[cap];
        cue = new int[cap];
        other = new int[cap];
        bar = new int[cap];
        beat = new int[cap];
    }

    /** Producer side. Returns false (and counts a drop) when full. */
    public boolean publish(int t, long f, long a, int c, int o, int br, int bt) {
        long tl = tail.get();
        if (tl - head.get() > mask) {
            dropped.incrementAndGet();
            return false;
        }
        int i = (int) (tl & mask);
        type[i] = t;
        frame[i] = f;
        at[i] = a;
        cue[i] = c;
        other[i] = o;
        bar[i] = br;
        beat[i] = bt;
        tail.lazySet(tl + 1);
        return true;
    }

    /** A consumer's view of one event; reused between calls. */
    public static final class Slot {
        public int type;
        public long frame;
        public long at;
        public int cue;
        public int other;
        public int bar;
        public int beat;
    }

    /** Consumer side: copies the next event into {@code s}. Returns false if empty. */
    public boolean poll(Slot s) {
        long h = head.get();
        if (h == tail.get()) {
            return false;
        }
        int i = (int) (h & mask);
        s.type = type[i];
        s.frame = frame[i];
        s.at = at[i];
        s.cue = cue[i];
        s.other = other[i];
        s.bar = bar[i];
        s.beat = beat[i];
        head.lazySet(h + 1);
        return true;
    }

    /** Events dropped since the last call, resetting the count. */
    public long takeDropped() {
        return dropped.getAndSet(0);
    }
}
