package dev.segue.control;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Game → audio commands: a bounded, lock-free, multi-producer single-consumer ring of typed records
 * held in preallocated primitive arrays (Vyukov's sequence-numbered slots). Any thread may
 * {@link #offer}; only the audio thread may {@link #poll}. Neither allocates.
 */
public final class CommandRing {
    /** Go to the cue of a game state; {@code arg} = state index. */
    public static final int SET_STATE = 1;
    /** Go straight to a cue; {@code arg} = cue index. */
    public static final int GOTO_CUE = 2;
    /** Play a stinger; {@code arg} = stinger index. */
    public static final int STINGER = 3;
    public static final int PAUSE = 4;
    public static final int RESUME = 5;
    /** Hold or let go of a named duck; {@code arg} = duck index << 1 | (1 = hold). */
    public static final int DUCK = 6;
    /** Mute or unmute a stem; {@code arg} = flat stem id << 1 | (1 = mute). */
    public static final int MUTE = 7;
    /** Solo or unsolo a stem; {@code arg} = flat stem id << 1 | (1 = solo). */
    public static final int SOLO = 8;

    private final int mask;
    private final AtomicLong[] sequence; // AtomicLong (Unsafe), not AtomicLongArray (VarHandles): see ParameterSlots
    private final int[] types;
    private final int[] args;
    private final AtomicLong tail = new AtomicLong();
    private long head; // consumer only

    /** @param capacity slots, rounded up to a power of two */
    public CommandRing(int capacity) {
        int cap = Integer.highestOneBit(Math.max(2, capacity - 1) << 1);
        mask = cap - 1;
        sequence = new AtomicLong[cap];
        for (int i = 0; i < cap; i++) {
            sequence[i] = new AtomicLong(i);
        }
        types = new int[cap];
        args = new int[cap];
    }

    /** Queues a command. Returns false if the ring is full (the command is dropped). */
    public boolean offer(int type, int arg) {
        while (true) {
            long t = tail.get();
            int i = (int) (t & mask);
            long s = sequence[i].get();
            if (s == t) {
                if (tail.compareAndSet(t, t + 1)) {
                    types[i] = type;
                    args[i] = arg;
                    sequence[i].set(t + 1); // publishes the slot
                    return true;
                }
            } else if (s < t) {
                return false; // full
            }
            // else another producer took the slot: retry
        }
    }

    /**
     * Takes the next command into {@code out[0]} (type) and {@code out[1]} (arg).
     *
     * @return false if empty
     */
    public boolean poll(int[] out) {
        int i = (int) (head & mask);
        if (sequence[i].get() != head + 1) {
            return false;
        }
        out[0] = types[i];
        out[1] = args[i];
        sequence[i].set(head + mask + 1);
        head++;
        return true;
    }
}
