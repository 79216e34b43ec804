package dev.segue.mix;

import dev.segue.cue.Curve;

/**
 * A gain that is a pure function of the music frame: {@code from} until {@code start}, then along
 * {@code curve} to {@code to} over {@code length} frames, then {@code to}; optionally followed by a
 * second ramp ({@link #then}) that takes over at its own start from wherever the first one is, so a
 * fade-out scheduled for later never cuts a fade-in still in flight. Being a function of the frame
 * (not a running state) makes every ramp exact and renders deterministic however the blocks are cut.
 */
final class Envelope {
    /** The ramp sounding now (the first segment, until the second one starts). */
    long start;
    long length;
    float from = 1;
    float to = 1;
    Curve curve = Curve.LINEAR;
    /** The second segment, if {@link #then} scheduled one: from {@code thenFrom} at {@code thenStart}. */
    private boolean hasThen;
    private long thenStart;
    private long thenLength;
    private float thenFrom;
    private float thenTo;
    private Curve thenCurve = Curve.LINEAR;

    void constant(float g) {
        start = 0;
        length = 0;
        from = g;
        to = g;
        hasThen = false;
    }

    void ramp(long at, long frames, float fromGain, float toGain, Curve c) {
        start = at;
        length = Math.max(0, frames);
        from = fromGain;
        to = toGain;
        curve = c;
        hasThen = false;
    }

    /**
     * From frame {@code at} on, ramps from whatever this envelope gives at {@code at} to
     * {@code toGain} over {@code frames}; until then the envelope goes on as it was (a fade-in in
     * flight finishes). {@code now} is the present: what lies before it is gone and forgotten.
     */
    void then(long now, long at, long frames, float toGain, Curve c) {
        float g = gain(at);
        if (at <= now || end() <= now && !hasThen) {
            ramp(at, frames, g, toGain, c); // one segment says it all: the old ramp is over already
            return;
        }
        if (hasThen) { // a second segment already waits: the gain it gives at `at` starts the new one
            fold(now);
        }
        hasThen = true;
        thenStart = at;
        thenLength = Math.max(0, frames);
        thenFrom = g;
        thenTo = toGain;
        thenCurve = c;
    }

    /** Makes the segment sounding at {@code now} the first (the second one, once it has begun). */
    private void fold(long now) {
        if (hasThen && now >= thenStart) {
            ramp(thenStart, thenLength, thenFrom, thenTo, thenCurve);
        }
    }

    /** Whether no ramp sounds at {@code now}: the first segment is over and a second one, if any, starts later. */
    boolean restingAt(long now) {
        return start + length <= now && (!hasThen || thenStart > now);
    }

    /** The last frame at which the gain changes. */
    long end() {
        return hasThen ? thenStart + thenLength : start + length;
    }

    /** The earliest frame in (now, next) where a ramp starts or ends, else {@code next}. */
    long breakAfter(long now, long next) {
        next = Mixer.earlier(now, next, start);
        next = Mixer.earlier(now, next, start + length);
        if (hasThen) {
            next = Mixer.earlier(now, next, thenStart);
            next = Mixer.earlier(now, next, thenStart + thenLength);
        }
        return next;
    }

    float gain(long f) {
        if (hasThen && f > thenStart) {
            return along(f, thenStart, thenLength, thenFrom, thenTo, thenCurve);
        }
        return along(f, start, length, from, to, curve);
    }

    private static float along(long f, long start, long length, float from, float to, Curve curve) {
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

    /** Start, length and curve of the last ramp (the fade a transition scheduled), for the preview. */
    long lastStart() {
        return hasThen ? thenStart : start;
    }

    long lastLength() {
        return hasThen ? thenLength : length;
    }

    Curve lastCurve() {
        return hasThen ? thenCurve : curve;
    }

    /** Becomes a copy of {@code o} (a hot reload carries envelopes over; a cancelled move restores one). */
    void copy(Envelope o) {
        start = o.start;
        length = o.length;
        from = o.from;
        to = o.to;
        curve = o.curve;
        hasThen = o.hasThen;
        thenStart = o.thenStart;
        thenLength = o.thenLength;
        thenFrom = o.thenFrom;
        thenTo = o.thenTo;
        thenCurve = o.thenCurve;
    }
}
