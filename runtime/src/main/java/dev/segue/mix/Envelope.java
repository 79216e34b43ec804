package dev.segue.mix;

import dev.segue.cue.Curve;

/**
 * A gain that is a pure function of the music frame: {@code from} until {@code start}, then along
 * {@code curve} to {@code to} over {@code length} frames, then {@code to}. Being a function of the
 * frame (not a running state) makes every ramp exact and renders deterministic however the blocks
 * are cut.
 */
final class Envelope {
    long start;
    long length;
    float from = 1;
    float to = 1;
    Curve curve = Curve.LINEAR;

    void constant(float g) {
        start = 0;
        length = 0;
        from = g;
        to = g;
    }

    void ramp(long at, long frames, float fromGain, float toGain, Curve c) {
        start = at;
        length = Math.max(0, frames);
        from = fromGain;
        to = toGain;
        curve = c;
    }

    long end() {
        return start + length;
    }

    float gain(long f) {
        if (f >= start + length) {
            return to;
        }
        if (f <= start) {
            return from;
        }
        double t = (f - start) / (double) length;
        if (to >= from) {
            return (float) (from + (to - from) * curve.in(t));
        }
        return (float) (to + (from - to) * curve.out(t));
    }

    /** Becomes a copy of {@code o} (a hot reload carries envelopes over). */
    void copy(Envelope o) {
        start = o.start;
        length = o.length;
        from = o.from;
        to = o.to;
        curve = o.curve;
    }
}
