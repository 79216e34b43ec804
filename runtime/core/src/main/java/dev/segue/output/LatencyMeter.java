package dev.segue.output;

import dev.segue.control.CommandRing;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures, for every command the game posts, how long it takes to reach OpenAL: from the call
 * ({@link #called}, any thread, right after the command was queued) to the start of the block that
 * reads it ({@link #blockStart}, on the thread that renders), plus the frames already queued ahead of
 * that block, which play first. Both are kept as histograms in frames at the output rate.
 *
 * <p>Call times travel in a {@link CommandRing} of their own (bounded, lock-free, multi-producer), each
 * split into two ints; a call time that finds the ring full is not measured
 * (its command still runs). The render side drains the ring before it renders, so a command whose call
 * time it sees is surely in that block; one queued in the few nanoseconds between the drain and the
 * mixer's read is measured one block late: the figures never flatter. Nothing here allocates, locks
 * or blocks on the render side.
 */
public final class LatencyMeter {
    /** Histogram resolution: frames per bucket. */
    static final int BUCKET = 4;
    /** Buckets; a latency beyond the last (1.4 s at 48 kHz) lands in it and still counts in the maximum. */
    static final int BUCKETS = 16_384;

    private final CommandRing stamps;
    private final int[] polled = new int[2]; // render side only

    private final int rate;
    private final long[] reaction = new long[BUCKETS]; // call -> block start
    private final long[] toOpenAl = new long[BUCKETS]; // call -> block start + frames queued ahead of it
    private volatile long count;
    private final AtomicLong dropped = new AtomicLong();
    private volatile int reactionMax;
    private volatile int toOpenAlMax;

    /** @param capacity call times in flight at most (rounded up to a power of two) */
    public LatencyMeter(int sampleRate, int capacity) {
        stamps = new CommandRing(capacity);
        rate = sampleRate;
    }

    /** A command was just posted at {@code nanos} ({@link System#nanoTime()}). Any thread; never blocks. */
    public void called(long nanos) {
        if (!stamps.offer((int) (nanos >>> 32), (int) nanos)) {
            dropped.incrementAndGet();
        }
    }

    /**
     * A block is about to be rendered at {@code nowNanos}; {@code framesAhead} frames are already
     * queued in OpenAL ahead of it. Records every call posted before now. On the rendering thread.
     */
    void blockStart(long nowNanos, long framesAhead) {
        while (stamps.poll(polled)) {
            long called = (long) polled[0] << 32 | (polled[1] & 0xFFFF_FFFFL);
            long wait = Math.max(0, nowNanos - called);
            int r = (int) Math.min(Integer.MAX_VALUE / 2, wait * rate / 1_000_000_000L);
            int total = (int) Math.min(Integer.MAX_VALUE, r + Math.max(0, framesAhead));
            reaction[Math.min(BUCKETS - 1, r / BUCKET)]++;
            toOpenAl[Math.min(BUCKETS - 1, total / BUCKET)]++;
            if (r > reactionMax) {
                reactionMax = r;
            }
            if (total > toOpenAlMax) {
                toOpenAlMax = total;
            }
            count++;
        }
    }

    /** Commands measured so far. */
    public long count() {
        return count;
    }

    /** Call times not measured because the ring was full. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Percentiles of call → block start ({@code toOpenAl false}) or call → OpenAL mixing it
     * ({@code true}), in frames: {p50, p95, p99, max}. A percentile is the upper edge of its bucket
     * ({@value #BUCKET} frames wide), never below the true value. Any thread (a snapshot of counters the
     * render side keeps updating).
     */
    public int[] percentiles(boolean toOpenAl) {
        long[] h = (toOpenAl ? this.toOpenAl : reaction).clone();
        int max = toOpenAl ? toOpenAlMax : reactionMax;
        long n = 0;
        for (long c : h) {
            n += c;
        }
        int[] out = {0, 0, 0, max};
        if (n == 0) {
            return out;
        }
        double[] ps = {0.50, 0.95, 0.99};
        for (int k = 0; k < ps.length; k++) {
            long want = (long) Math.ceil(ps[k] * n);
            long seen = 0;
            for (int b = 0; b < h.length; b++) {
                seen += h[b];
                if (seen >= want) {
                    out[k] = Math.min(max, (b + 1) * BUCKET - 1);
                    break;
                }
            }
        }
        return out;
    }
}
