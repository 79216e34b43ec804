package dev.segue.mix;

import dev.segue.cue.Cue;
import dev.segue.decode.StreamVoice;

/**
 * One playing instance of a cue: its timeline position and gains. Preallocated in the mixer's pool
 * and reused; all stems of a playback read at the same position, so they cannot drift apart.
 */
final class Playback {
    static final int BED = 0;
    static final int OUTGOING = 1;
    static final int BRIDGE = 2;
    static final int STINGER = 3;
    static final int OUTRO = 4;

    boolean active;
    boolean sounding;
    Cue cue;
    int role;
    int stinger = -1;
    /** Music frame at which it starts sounding. */
    long startFrame;
    /** Timeline position (frame within the cue) of the next frame to play. */
    long pos;
    boolean looping;
    /** Music frame from which the loop no longer wraps (leaving through the outro). */
    long loopUntil = Long.MAX_VALUE;
    /** Music frame at which it stops (end of a fade-out). */
    long stopAt = Long.MAX_VALUE;
    /** The cue it hands over to when it stops as an outgoing playback, for the TRANSITION_DONE event. */
    int handsTo = -1;
    final Envelope env = new Envelope();
    /** Per stem: gain at the current control segment's start, its step per frame, the next segment's start. */
    final float[] gain0;
    final float[] gainStep;
    final float[] nextGain;
    boolean stemGainSet;
    /** Per stem: the ring a streamed stem reads, or null (in memory, or no voice was free). */
    final StreamVoice[] voices;
    /** Counts {@link #start}s, so the stream voices know when the slot plays something new. */
    long generation;
    /** The generation the voices are bound for, or -1. */
    long voicesFor = -1;
    /** Per stem: the highest level heard since the monitor last looked (linear). */
    final float[] peak;

    Playback(int maxStems) {
        gain0 = new float[Math.max(1, maxStems)];
        voices = new StreamVoice[gain0.length];
        peak = new float[gain0.length];
        gainStep = new float[gain0.length];
        nextGain = new float[gain0.length];
    }

    void start(Cue c, int r, long at, long position) {
        active = true;
        generation++;
        sounding = false;
        cue = c;
        role = r;
        stinger = -1;
        startFrame = at;
        pos = position;
        looping = c.loops() && position < c.loopEnd();
        loopUntil = Long.MAX_VALUE;
        stopAt = Long.MAX_VALUE;
        handsTo = -1;
        env.constant(1);
        stemGainSet = false;
        java.util.Arrays.fill(peak, 0f);
    }

    boolean loopsNow(long frame) {
        return looping && frame < loopUntil;
    }
}
