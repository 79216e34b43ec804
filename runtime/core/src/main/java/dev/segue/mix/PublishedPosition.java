package dev.segue.mix;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The music's position as the audio thread publishes it after each block, read whole from any
 * thread: a sequence lock over four values (frame, bed cue, bar, beat). Writing allocates nothing
 * and never waits; a reader retries while a write is under way.
 */
final class PublishedPosition {
    private final AtomicLong[] v = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
        new AtomicLong()};

    /** Publishes frame {@code now} with bed {@code b} (null in silence). Audio thread. */
    void publish(long now, Playback b) {
        long seq = v[0].get();
        v[0].set(seq + 1);
        v[1].set(now);
        v[2].set(b == null ? -1 : b.cue.index());
        v[3].set(b == null ? 0 : b.cue.tempo().barAt(b.pos));
        v[4].set(b == null ? 0 : b.cue.tempo().beatInBarAt(b.pos));
        v[0].set(seq + 2);
    }

    /** Frame, bed cue index (-1 for silence), bar and beat (0-based) into {@code out}. Any thread. */
    void read(long[] out) {
        while (true) {
            long seq = v[0].get();
            if ((seq & 1) != 0) {
                Thread.yield(); // Thread.onSpinWait() is not on Android 8
                continue;
            }
            out[0] = v[1].get();
            out[1] = v[2].get();
            out[2] = v[3].get();
            out[3] = v[4].get();
            if (v[0].get() == seq) {
                return;
            }
        }
    }
}
