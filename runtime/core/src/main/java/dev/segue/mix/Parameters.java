package dev.segue.mix;

import dev.segue.control.ParameterSlots;
import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.Parameter;
import dev.segue.cue.Stem;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The audio thread's view of the game's continuous controls, each followed by a one-pole lag so a
 * jump never clicks: the sheet's parameters (targets read from the lock-free slots, clamped to each
 * parameter's range; time constant: the parameter's smoothing, at least 5 ms), the master volume
 * (50 ms), and each stem's audibility from mute and solo (10 ms). Also evaluates a stem's gain.
 */
final class Parameters {
    private final ParameterSlots slots;
    private final float[] value;
    private final float[] min;
    private final float[] max;
    private final double[] tau;
    private final CueSheet sheet;
    /** Per stem (flat id): 1 while heard, 0 while muted or soloed out; its target. */
    private final float[] audible;
    private final float[] audibleTarget;
    private final double audibleTau;
    private final AtomicInteger volumeBits = new AtomicInteger(Float.floatToIntBits(1f));
    private float volume = 1f;
    private final double volumeTau;

    Parameters(CueSheet sheet, ParameterSlots slots) {
        this.sheet = sheet;
        this.slots = slots;
        int rate = sheet.sampleRate();
        int n = sheet.parameters().size();
        value = new float[n];
        min = new float[n];
        max = new float[n];
        tau = new double[n];
        for (Parameter p : sheet.parameters()) {
            value[p.index()] = p.initial();
            min[p.index()] = p.min();
            max[p.index()] = p.max();
            tau[p.index()] = Math.max(5.0, p.smoothingMs()) * rate / 1000.0;
        }
        audible = new float[sheet.totalStems()];
        audibleTarget = new float[audible.length];
        java.util.Arrays.fill(audible, 1f);
        java.util.Arrays.fill(audibleTarget, 1f);
        audibleTau = 0.010 * rate;
        volumeTau = 0.050 * rate;
    }

    /** Moves every value {@code n} frames toward its target. */
    void advance(int n) {
        for (int i = 0; i < value.length; i++) {
            float target = slots.get(i);
            if (!(target >= min[i])) { // also catches NaN
                target = min[i];
            }
            if (target > max[i]) {
                target = max[i];
            }
            value[i] = follow(value[i], target, n, tau[i]);
        }
        for (int i = 0; i < audible.length; i++) {
            audible[i] = follow(audible[i], audibleTarget[i], n, audibleTau);
        }
        float v = Float.intBitsToFloat(volumeBits.get());
        volume = follow(volume, v >= 0 && v <= 4 ? v : 1f, n, volumeTau);
    }

    private static float follow(float v, float target, int n, double tau) {
        if (v != target) {
            v += (float) ((target - v) * (1 - Math.exp(-n / tau)));
            if (Math.abs(target - v) < 1e-5f) {
                v = target;
            }
        }
        return v;
    }

    /** Stem {@code s} of {@code c}'s gain now: static gain × its curve × its mute/solo audibility. */
    float stemGain(Cue c, int s) {
        Stem st = c.stems()[s];
        var curve = st.curve();
        float g = curve == null ? st.gain() : st.gain() * curve.gainAt(value[curve.parameter()]);
        return g * audible[sheet.stemId(c.index(), s)];
    }

    /** The current (smoothed) value of parameter {@code i}. */
    float value(int i) {
        return value[i];
    }

    /** The current (smoothed) master volume. */
    float volume() {
        return volume;
    }

    /** Sets the master volume target; any thread. */
    void setVolume(float linear) {
        volumeBits.set(Float.floatToIntBits(linear));
    }

    /**
     * Recomputes the audibility targets of cue {@code c}'s stems from its mute and solo flags: a muted
     * stem is silent; while any stem of the cue is soloed, only soloed stems sound.
     */
    void audibility(Cue c, boolean[] muted, boolean[] soloed) {
        int base = sheet.stemId(c.index(), 0);
        int n = c.stems().length;
        boolean anySolo = false;
        for (int s = 0; s < n; s++) {
            anySolo |= soloed[base + s];
        }
        for (int s = 0; s < n; s++) {
            boolean heard = !muted[base + s] && (!anySolo || soloed[base + s]);
            audibleTarget[base + s] = heard ? 1f : 0f;
        }
    }

    /**
     * Takes over {@code o}'s smoothed values, mapped by name ({@code paramMap}: old index to new, -1
     * when gone; {@code stemMap}: old flat stem id to new), its targets in the slots, and the volume.
     */
    void inherit(Parameters o, int[] paramMap, int[] stemMap) {
        for (int i = 0; i < paramMap.length; i++) {
            int j = paramMap[i];
            if (j >= 0) {
                value[j] = Math.max(min[j], Math.min(max[j], o.value[i]));
                slots.set(j, o.slots.get(i));
            }
        }
        for (int i = 0; i < stemMap.length; i++) {
            int j = stemMap[i];
            if (j >= 0) {
                audible[j] = o.audible[i];
            }
        }
        volumeBits.set(o.volumeBits.get());
        volume = o.volume;
    }

    /** The master volume target as the game last set it, as float bits. */
    int volumeBits() {
        return volumeBits.get();
    }
}
