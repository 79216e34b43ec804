package dev.segue.mix;

import dev.segue.cue.Curve;

/**
 * Ducking of the bed under stingers: up to {@value #SLOTS} requests, each an S-curve attack to its
 * level, a hold, and an S-curve release. The gain at a frame is the deepest request's, a continuous
 * function of the frame, so overlapping stingers never step the bed's level. Preallocated.
 */
final class Ducker {
    static final int SLOTS = 8;

    private final long[] start = new long[SLOTS];
    private final long[] attack = new long[SLOTS];
    private final long[] holdEnd = new long[SLOTS];
    private final long[] release = new long[SLOTS];
    private final float[] level = new float[SLOTS];
    private final boolean[] active = new boolean[SLOTS];

    /** Adds a request: down to {@code lvl} from {@code at} over {@code att}, held until {@code hold}, back over {@code rel}. */
    void add(long at, long att, long hold, long rel, float lvl) {
        int slot = -1;
        for (int i = 0; i < SLOTS; i++) {
            if (!active[i]) {
                slot = i;
                break;
            }
        }
        if (slot < 0) { // all busy: widen the first one to cover this request too
            slot = 0;
            lvl = Math.min(lvl, level[0]);
            at = Math.min(at, start[0]);
            hold = Math.max(hold, holdEnd[0]);
        }
        active[slot] = true;
        start[slot] = at;
        attack[slot] = att;
        holdEnd[slot] = Math.max(hold, at + att);
        release[slot] = rel;
        level[slot] = lvl;
    }

    /** The duck gain at frame {@code f}. */
    float gain(long f) {
        float g = 1f;
        for (int i = 0; i < SLOTS; i++) {
            if (!active[i]) {
                continue;
            }
            float l = level[i];
            float v;
            if (f <= start[i]) {
                v = 1f;
            } else if (f < start[i] + attack[i]) {
                v = (float) (1 - (1 - l) * Curve.S_CURVE.in((f - start[i]) / (double) attack[i]));
            } else if (f <= holdEnd[i]) {
                v = l;
            } else if (f < holdEnd[i] + release[i]) {
                v = (float) (l + (1 - l) * Curve.S_CURVE.in((f - holdEnd[i]) / (double) release[i]));
            } else {
                v = 1f;
            }
            g = Math.min(g, v);
        }
        return g;
    }

    /** Frees requests that have fully released by {@code now}. */
    void expire(long now) {
        for (int i = 0; i < SLOTS; i++) {
            if (active[i] && now >= holdEnd[i] + release[i]) {
                active[i] = false;
            }
        }
    }

    /** The first frame after {@code now} and before {@code next} where a request's curve changes shape. */
    long nextBreakpoint(long now, long next) {
        for (int i = 0; i < SLOTS; i++) {
            if (active[i]) {
                next = Mixer.earlier(now, next, start[i]);
                next = Mixer.earlier(now, next, start[i] + attack[i]);
                next = Mixer.earlier(now, next, holdEnd[i]);
                next = Mixer.earlier(now, next, holdEnd[i] + release[i]);
            }
        }
        return next;
    }

    /** Becomes a copy of {@code o}: the stingers' ducks go on across a hot reload. */
    void copy(Ducker o) {
        System.arraycopy(o.start, 0, start, 0, SLOTS);
        System.arraycopy(o.attack, 0, attack, 0, SLOTS);
        System.arraycopy(o.holdEnd, 0, holdEnd, 0, SLOTS);
        System.arraycopy(o.release, 0, release, 0, SLOTS);
        System.arraycopy(o.level, 0, level, 0, SLOTS);
        System.arraycopy(o.active, 0, active, 0, SLOTS);
    }
}
