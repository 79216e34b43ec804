package dev.segue.control;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Game → audio continuous controls, "latest value wins": one atomic float per parameter. Setting a
 * parameter a thousand times a second costs the audio thread one read per block.
 */
public final class ParameterSlots {
    private final AtomicIntegerArray bits;

    public ParameterSlots(float[] initial) {
        bits = new AtomicIntegerArray(initial.length);
        for (int i = 0; i < initial.length; i++) {
            bits.set(i, Float.floatToIntBits(initial[i]));
        }
    }

    public void set(int index, float value) {
        bits.set(index, Float.floatToIntBits(value));
    }

    public float get(int index) {
        return Float.intBitsToFloat(bits.get(index));
    }

    public int size() {
        return bits.length();
    }
}
