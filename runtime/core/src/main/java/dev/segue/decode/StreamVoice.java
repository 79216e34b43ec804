package dev.segue.decode;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One streamed stem of one playback: a ring of decoded frames, indexed by <em>music frame</em>
 * (the mixer's clock), that the {@link Streamer} fills ahead and the mix loop reads. Allocated when
 * Segue is built and reused.
 *
 * <p><b>Plan.</b> Which timeline frame plays at music frame {@code F} follows from the playback's plan:
 * an anchor (music frame {@code anchorF} plays timeline frame {@code anchorPos}) and whether it wraps
 * from the loop end to the loop start, until which music frame. {@link #pos} computes it in closed
 * form, mirroring the mixer exactly, so the streamer decodes in timeline order: through the wraps, or
 * on into the outro. When the mixer changes the plan (a transition leaves through the outro, a
 * cancelled one goes back to looping) it publishes the new one with the first music frame where the
 * two differ ({@code cut}); the streamer drops what it wrote from there and decodes again. Until it
 * has acknowledged, the mixer reads nothing at or after the cut.
 *
 * <p><b>Tags.</b> Every run of frames the streamer writes carries the music frame and timeline frame
 * it starts at; the mixer plays ring frames only where the tag says they are the timeline frames it
 * needs. Anything else (not yet written, or written for a plan that changed) is served from the
 * stem's resident heads if they hold it, else it is silence and counted as an underrun.
 *
 * <p><b>Threads.</b> One producer (the streamer) and one consumer (the mix loop), lock-free. The ring
 * slot of frame {@code F} is {@code F mod capacity}; the streamer writes only frames in
 * {@code [writeF, readF + capacity)} and the mixer reads only frames in {@code [readF, writeF)}.
 * The state goes FREE → BOUND (by the mixer) → RELEASED (by the mixer) → FREE (by the streamer, which
 * thereby promises it no longer touches the ring). Fields are atomics or are published by one.
 */
public final class StreamVoice {
    static final int FREE = 0;
    static final int BOUND = 1;
    static final int RELEASED = 2;
    /** Runs of contiguous timeline frames the ring can tag at once; a loop shorter than capacity / RUNS fills the ring less. */
    static final int RUNS = 64;

    final int capacity;
    final float[] ring;
    final AtomicInteger state = new AtomicInteger(FREE);

    // ---- the binding, written by the mixer before state becomes BOUND
    StreamedPcm def;
    int channels;
    long loopStart;
    long loopEnd;
    long binding;
    /** For messages: the cue and stem this voice plays. */
    String cueName;
    String stemName;

    final AtomicLong readF = new AtomicLong();
    final AtomicLong writeF = new AtomicLong();

    // ---- the plan, published by the mixer under a seqlock on version (odd while it writes)
    final AtomicLong version = new AtomicLong();
    final AtomicLong planAnchorF = new AtomicLong();
    final AtomicLong planAnchorPos = new AtomicLong();
    final AtomicLong planLoopUntil = new AtomicLong();
    final AtomicInteger planLooping = new AtomicInteger();
    final AtomicLong cut = new AtomicLong(Long.MAX_VALUE);
    /** The plan version the streamer has applied (its cut done). */
    final AtomicLong ack = new AtomicLong();

    // ---- tags: run i starts at music frame runF[i % RUNS] with timeline frame runPos[i % RUNS]
    final long[] runF = new long[RUNS];
    final long[] runPos = new long[RUNS];
    final AtomicLong runHead = new AtomicLong();
    final AtomicLong runTail = new AtomicLong();
    /** Set by the streamer when the file failed; the voice then plays silence beyond what it holds. */
    final AtomicInteger failed = new AtomicInteger();

    // ---- mixer-side state (audio thread only)
    private boolean cLooping;
    private long cLoopUntil;
    private long pendingCut = Long.MAX_VALUE;
    /** Frames that played as silence because the ring did not have them, since the last report. */
    public long missed;
    /** Music frame of the last underrun report. */
    public long lastReport = Long.MIN_VALUE;

    // ---- streamer-side state (streamer thread only)
    PcmSource src;
    StreamedPcm srcDef;
    long srcPos = -1;
    long seenBinding;
    long pAnchorF;
    long pAnchorPos;
    long pLoopUntil;
    boolean pLooping;

    StreamVoice(int capacity) {
        this.capacity = capacity;
        this.ring = new float[capacity * 2];
    }

    // ================================================================== mixer side

    /**
     * Binds this free voice to a stem of a playback that plays timeline frame {@code anchorPos} at music
     * frame {@code anchorF}. The streamer starts filling from {@code anchorF}.
     */
    public void bind(StreamedPcm d, String cue, String stem, long anchorF, long anchorPos, boolean looping, long loopUntil,
            long loopStartFrame, long loopEndFrame) {
        def = d;
        channels = d.channels();
        loopStart = loopStartFrame;
        loopEnd = loopEndFrame;
        cueName = cue;
        stemName = stem;
        readF.set(anchorF);
        writeF.set(anchorF);
        runHead.set(0);
        runTail.set(0);
        failed.set(0);
        missed = 0;
        lastReport = Long.MIN_VALUE;
        pendingCut = Long.MAX_VALUE;
        cLooping = looping;
        cLoopUntil = loopUntil;
        planAnchorF.set(anchorF);
        planAnchorPos.set(anchorPos);
        planLoopUntil.set(loopUntil);
        planLooping.set(looping ? 1 : 0);
        cut.set(Long.MAX_VALUE);
        long v = version.get() + 2;
        v += v & 1;
        version.set(v);
        ack.set(v - 2);
        binding++;
        state.set(BOUND);
    }

    /** Gives the voice back; the streamer frees it. */
    public void release() {
        state.set(RELEASED);
    }

    /** Whether this voice can be bound. */
    public boolean free() {
        return state.get() == FREE;
    }

    /** The stem this voice is bound to. */
    public StreamedPcm def() {
        return def;
    }

    /** The streamer may drop frames before {@code frame}: the mixer has played them. */
    public void played(long frame) {
        if (frame > readF.get()) {
            readF.set(frame);
        }
    }

    /** Whether the file failed; the error was reported by the streamer. */
    public boolean failed() {
        return failed.get() != 0;
    }

    /**
     * The playback's plan is now: at music frame {@code now} it plays timeline frame {@code pos},
     * wrapping at the loop end while {@code looping} and before music frame {@code loopUntil}. If that
     * differs from the last plan, publishes it with the first frame the change affects.
     */
    public void replan(long now, long pos, boolean looping, long loopUntil) {
        if (looping == cLooping && loopUntil == cLoopUntil) {
            return;
        }
        long d = divergence(now, pos, cLooping, cLoopUntil, looping, loopUntil);
        cLooping = looping;
        cLoopUntil = loopUntil;
        pendingCut = Math.min(pendingCut, d);
        long v = version.get();
        version.set(v + 1);
        planAnchorF.set(now);
        planAnchorPos.set(pos);
        planLoopUntil.set(loopUntil);
        planLooping.set(looping ? 1 : 0);
        cut.set(pendingCut);
        version.set(v + 2);
    }

    /** The first music frame from {@code now} at which two plans through (now, pos) play different frames. */
    long divergence(long now, long pos, boolean l1, long u1, boolean l2, long u2) {
        if (pos >= loopEnd || loopEnd <= loopStart) {
            return Long.MAX_VALUE;
        }
        long w1 = now + (loopEnd - pos);
        long len = loopEnd - loopStart;
        long c1 = wraps(l1, u1, w1, len);
        long c2 = wraps(l2, u2, w1, len);
        if (c1 == c2) {
            return Long.MAX_VALUE;
        }
        return w1 + Math.min(c1, c2) * len;
    }

    /** How many wraps happen at frames w1, w1 + len, ... before {@code until}. */
    private static long wraps(boolean looping, long until, long w1, long len) {
        if (!looping || until <= w1) {
            return 0;
        }
        if (until == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return (until - 1 - w1) / len + 1;
    }

    /**
     * How many frames from music frame {@code f}, which should play timeline frame {@code pos}, the ring
     * holds (at most {@code want}); 0 if it does not hold frame {@code f} as that timeline frame.
     */
    public int readable(long f, long pos, int want) {
        long w = writeF.get();
        long end = w;
        if (ack.get() != version.get()) {
            end = Math.min(end, pendingCut);
        } else {
            pendingCut = Long.MAX_VALUE;
        }
        if (f >= end || f < readF.get()) {
            return 0;
        }
        long tail = runTail.get();
        long head = runHead.get();
        for (long i = tail - 1; i >= head; i--) {
            int r = (int) (i % RUNS);
            long rf = runF[r];
            if (rf <= f) {
                if (runPos[r] + (f - rf) != pos) {
                    return 0;
                }
                long runEnd = i + 1 < tail ? runF[(int) ((i + 1) % RUNS)] : w;
                return (int) Math.min(want, Math.min(end, runEnd) - f);
            }
        }
        return 0;
    }

    /** The ring's channel count for the current binding. */
    public int channels() {
        return channels;
    }

    /** The ring's samples; frame {@code f} is at sample {@code slot(f) * channels()}. */
    public float[] ring() {
        return ring;
    }

    /** The ring slot of music frame {@code f}. */
    public int slot(long f) {
        return (int) (f % capacity);
    }

    /** Frames the ring holds. */
    public int capacity() {
        return capacity;
    }

    // ================================================================== plan arithmetic (both sides)

    /** Timeline frame at music frame {@code f} under the streamer's current plan. */
    long pos(long f) {
        long d = f - pAnchorF;
        if (!pLooping || pAnchorPos >= loopEnd) {
            return pAnchorPos + d;
        }
        long w1 = pAnchorF + (loopEnd - pAnchorPos);
        if (f < w1) {
            return pAnchorPos + d;
        }
        long len = loopEnd - loopStart;
        long k = (f - w1) / len + 1;
        long n = Math.min(k, wraps(true, pLoopUntil, w1, len));
        return pAnchorPos + d - n * len;
    }

    /** Frames from music frame {@code f} (playing {@code p}) before the plan jumps back to the loop start. */
    long untilJump(long f, long p) {
        if (!pLooping || p >= loopEnd) {
            return Long.MAX_VALUE;
        }
        long w = f + (loopEnd - p);
        return w < pLoopUntil ? w - f : Long.MAX_VALUE;
    }
}
