package dev.segue.mix;

import dev.segue.cue.Cue;
import dev.segue.cue.Marker;
import dev.segue.cue.When;

/**
 * Quantization on a playing cue: how many frames from a timeline position to the next beat, bar,
 * marker, exit cue or section boundary, following the loop back round when the cue loops.
 * Allocation-free; used on the audio thread.
 */
final class Grid {
    static final int BEAT = 0;
    static final int BAR = 1;
    static final int MARKER = 2;
    static final int EXIT = 3;
    static final int SECTION = 4;
    /** Returned by {@link #until} when a marker was asked for and none can be reached. */
    static final long NOT_FOUND = Long.MIN_VALUE;

    private Grid() {
    }

    /** The next point of {@code kind} at or after ({@code strict}: after) {@code p}, or MAX_VALUE. */
    static long nextPoint(Cue c, int kind, String marker, long p, boolean strict) {
        long from = strict ? p + 1 : p;
        switch (kind) {
            case BEAT:
                return c.tempo().nextBeat(from);
            case BAR:
                return c.tempo().nextBar(from);
            case MARKER: {
                for (Marker m : c.markers()) {
                    if (m.frame() >= from && (marker == null || marker.equals(m.name()))) {
                        return m.frame();
                    }
                }
                return Long.MAX_VALUE;
            }
            case EXIT: {
                long[] ex = c.exitCues();
                for (long e : ex) {
                    if (e >= from) {
                        return e;
                    }
                }
                if (ex.length > 0) {
                    return Long.MAX_VALUE;
                }
                return nextPoint(c, SECTION, null, p, strict);
            }
            case SECTION: {
                if (c.loops() && c.loopStart() >= from) {
                    return c.loopStart();
                }
                if (c.loops() && c.loopEnd() >= from) {
                    return c.loopEnd();
                }
                return c.length() >= from ? c.length() : Long.MAX_VALUE;
            }
            default:
                throw new IllegalArgumentException();
        }
    }

    /**
     * Frames from {@code pos} to the next point of {@code kind}, walking the timeline as it will play
     * (wrapping at the loop end while {@code looping}). Lands on the loop end when the loop holds no
     * such point, and on the cue's end when a one-shot cue has no more.
     */
    static long untilPoint(Cue c, long pos, boolean looping, int kind, String marker, boolean strict) {
        boolean inLoop = looping && pos < c.loopEnd();
        long limit = inLoop ? c.loopEnd() : c.length();
        long q = nextPoint(c, kind, marker, pos, strict);
        if (q < limit || (q == limit && !inLoop)) {
            return q - pos;
        }
        if (inLoop) {
            long q2 = nextPoint(c, kind, marker, c.loopStart(), false);
            if (q2 < c.loopEnd()) {
                return (limit - pos) + (q2 - c.loopStart());
            }
            return kind == MARKER ? NOT_FOUND : limit - pos;
        }
        return kind == MARKER ? NOT_FOUND : Math.max(0, c.length() - pos);
    }

    /** The timeline position {@code d} frames after {@code pos}. */
    static long posAfter(Cue c, long pos, boolean looping, long d) {
        if (looping && pos < c.loopEnd() && pos + d >= c.loopEnd()) {
            long len = c.loopEnd() - c.loopStart();
            return c.loopStart() + (pos + d - c.loopEnd()) % len;
        }
        return pos + d;
    }

    /** Whether the walk of {@code d} frames from {@code pos} ends exactly on a loop end. */
    static boolean landsOnLoopEnd(Cue c, long pos, boolean looping, long d) {
        if (!looping || pos >= c.loopEnd()) {
            return false;
        }
        long first = c.loopEnd() - pos;
        return d >= first && (d - first) % (c.loopEnd() - c.loopStart()) == 0;
    }

    /**
     * Frames until a rule's {@code when} on the playing cue.
     *
     * @return frames, or {@link #NOT_FOUND} for a marker that cannot be reached
     */
    static long until(Cue c, long pos, boolean looping, When when, int bars, String marker) {
        switch (when) {
            case IMMEDIATE:
                return 0;
            case NEXT_BEAT:
                return untilPoint(c, pos, looping, BEAT, null, false);
            case NEXT_BAR:
                return untilPoint(c, pos, looping, BAR, null, false);
            case AFTER_BARS: {
                long d = untilPoint(c, pos, looping, BAR, null, false);
                for (int i = 1; i < bars; i++) {
                    long p = posAfter(c, pos, looping, d);
                    if (!looping && p >= c.length()) {
                        break;
                    }
                    d += untilPoint(c, p, looping, BAR, null, true);
                }
                return d;
            }
            case NEXT_MARKER:
                return untilPoint(c, pos, looping, MARKER, marker, false);
            case EXIT_CUE:
                return untilPoint(c, pos, looping, EXIT, null, false);
            case END_OF_SECTION:
                return untilPoint(c, pos, looping, SECTION, null, true);
            default:
                throw new IllegalArgumentException();
        }
    }
}
