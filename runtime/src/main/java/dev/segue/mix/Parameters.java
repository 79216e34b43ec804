package dev.segue.mix;

import dev.segue.control.ParameterSlots;
import dev.segue.cue.Parameter;
import dev.segue.cue.Stem;
import java.util.List;

/**
 * The audio thread's view of the game's parameters: targets read from the lock-free slots, clamped to
 * each parameter's range, and followed by a one-pole lag (time constant: the parameter's smoothing,
 * at least 5 ms). Also evaluates stems' gain curves at the current values.
 */
final class Parameters {
    private final ParameterSlots slots;
    private final float[] value;
    private final float[] min;
    private final float[] max;
    private final double[] tau;

    Parameters(List<Parameter> params, ParameterSlots slots, int rate) {
        this.slots = slots;
        int n = params.size();
        value = new float[n];
        min = new float[n];
        max = new float[n];
        tau = new double[n];
        for (Parameter p : params) {
            value[p.index()] = p.initial();
            min[p.index()] = p.min();
            max[p.index()] = p.max();
            tau[p.index()] = Math.max(5.0, p.smoothingMs()) * rate / 1000.0;
        }
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
            float v = value[i];
            if (v != target) {
                v += (float) ((target - v) * (1 - Math.exp(-n / tau[i])));
                if (Math.abs(target - v) < 1e-5f) {
                    v = target;
                }
                value[i] = v;
            }
        }
    }

    /** A stem's gain now: its static gain times its curve at the current parameter value. */
    float stemGain(Stem s) {
        var curve = s.curve();
        return curve == null ? s.gain() : s.gain() * curve.gainAt(value[curve.parameter()]);
    }
}
