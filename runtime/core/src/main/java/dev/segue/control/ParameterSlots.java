package dev.segue.control;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Game → audio continuous controls, "latest value wins": one atomic float per parameter. Setting a
 * parameter a thousand times a second costs the audio thread one read per block.
 */
public final class ParameterSlots {
    // one AtomicInteger per slot (plain Unsafe access) rather than an AtomicIntegerArray (VarHandles,
    // whose interpreted re-linking after a deoptimisation was seen to allocate on the audio thread)
    private final AtomicInteger[] bits;

    public ParameterSlots(float[] initial) {
        bits = new AtomicInteger[initial.length];
        for (int i = 0; i < initial.length; i++) {
            bits[i] = new AtomicInteger(Float.floatToIntBits(initial[i]));
        }
    }

    public void set(int index, float value) {
        bits[index].set(Float.floatToIntBits(value));
    }

    public float get(int index) {
        return Float.intBitsToFloat(bits[index].get());
    }

    public int size() {
        return bits.length;
    }
}
