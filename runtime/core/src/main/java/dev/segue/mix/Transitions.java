package dev.segue.mix;

import dev.segue.control.Events;
import dev.segue.cue.Cue;
import dev.segue.cue.Curve;
import dev.segue.cue.Fade;
import dev.segue.cue.TransitionRule;
import dev.segue.cue.When;
import dev.segue.cue.Where;

/**
 * The transition in flight and how one is scheduled: the rule is resolved, the landing frame found on
 * the playing cue's grid, the destination (and any bridge) set to start, pre-rolled where asked, and
 * the source given its fade or its way out through the outro. Nothing is heard before those frames,
 * so until the first of them ({@code commit}) a new request simply replaces this one; after it, a new
 * request waits its turn ({@code queued}). Part of the mix loop: allocation-free.
 */
final class Transitions {
    static final int NONE = -2;

    private final Mixer m;

    boolean pending;
    private int pendToCue;
    int pendFromCue;
    private long pendCommit;
    /** Bed switches: at {@code switch1} to {@code sw1Pb} and, with a bridge, at {@code switch2} to {@code sw2Pb}. */
    long switch1 = Long.MAX_VALUE;
    int sw1Pb = -1;
    long switch2 = Long.MAX_VALUE;
    int sw2Pb = -1;
    int pendSource = -1;
    /** The playback that will play the source's outro, started by this transition, or -1. */
    private int pendOutro = -1;
    /** The source's envelope before this move scheduled its way out (a cancel puts it back). */
    private final Envelope pendSourceEnv = new Envelope();
    private int queuedCue = NONE;
    /** For the preview: where the transition lands, its bridge and its fades' frames and curves. */
    private long landing;
    private long landingPos = -1;
    private int pendBridge = -1;
    private long outStart;
    private long outLength;
    private int outCurve;
    private long inStart;
    private long inLength;
    private int inCurve;

    Transitions(Mixer m) {
        this.m = m;
    }

    /** Runs the bed switches due at {@code now}. */
    void fireSwitches(long now) {
        if (pending && switch1 <= now) {
            if (m.bed >= 0 && m.bed != sw1Pb) {
                m.pool[m.bed].role = Playback.OUTGOING;
            }
            m.bed = sw1Pb;
            switch1 = Long.MAX_VALUE;
            if (switch2 == Long.MAX_VALUE) {
                finishPending(pendFromCue);
            }
        }
        if (pending && switch2 <= now) {
            m.bed = sw2Pb;
            if (sw1Pb >= 0) {
                m.pool[sw1Pb].role = Playback.BRIDGE;
            }
            switch2 = Long.MAX_VALUE;
            finishPending(pendFromCue);
        }
    }

    /** Playback {@code i} stopped: forget it as a source, its slot may be reused. */
    void stopped(int i) {
        if (i == pendSource) {
            pendSource = -1;
        }
        if (i == pendOutro) {
            pendOutro = -1;
        }
    }

    /** A request to move the music to {@code cue} (-1 = silence). */
    void request(int cue) {
        int target = pending ? pendToCue : m.bedCue();
        if (cue == target) {
            if (pending) {
                queuedCue = NONE; // the latest wish is what is already under way
            }
            return;
        }
        if (pending) {
            if (m.now < pendCommit) {
                cancelPending();
                if (cue == m.bedCue()) {
                    return; // back to what is still playing: nothing to do
                }
            } else {
                queuedCue = cue; // already audible: finish it, then go on
                return;
            }
        }
        schedule(cue);
    }

    /** Whether a transition is pending that nothing audible has come of yet (before its first changed frame). */
    boolean unheard() {
        return pending && m.now < pendCommit;
    }

    /** The pending transition's destination cue (-1 = silence); only while {@link #pending}. */
    int pendingCue() {
        return pendToCue;
    }

    /** Drops a pending transition that is still {@link #unheard}: the music plays on as if it was never asked. */
    void cancelUnheard() {
        if (unheard()) {
            cancelPending();
        }
    }

    private void cancelPending() {
        if (sw1Pb >= 0 && sw1Pb != pendSource) {
            m.pool[sw1Pb].active = false;
        }
        if (sw2Pb >= 0 && sw2Pb != pendSource) {
            m.pool[sw2Pb].active = false;
        }
        if (pendOutro >= 0) {
            m.pool[pendOutro].active = false; // not heard yet: it starts on the landing frame
        }
        if (pendSource >= 0) {
            Playback s = m.pool[pendSource];
            s.env.copy(pendSourceEnv); // a fade-in in flight goes on where it would have been
            s.stopAt = Long.MAX_VALUE;
            s.loopUntil = Long.MAX_VALUE;
            s.handsTo = -1;
            s.looping = s.cue.loops() && s.pos < s.cue.loopEnd();
        }
        clearPending();
    }

    private void clearPending() {
        pending = false;
        switch1 = Long.MAX_VALUE;
        switch2 = Long.MAX_VALUE;
        sw1Pb = -1;
        sw2Pb = -1;
        pendSource = -1;
        pendOutro = -1;
    }

    private void schedule(int toCue) {
        Playback src = m.bed >= 0 ? m.pool[m.bed] : null;
        int fromCue = m.bedCue();
        TransitionRule r = m.sheet.rule(fromCue, toCue);
        long t = m.now;
        if (src != null) {
            long d = Grid.until(src.cue, src.pos, src.loopsNow(m.now), r.when(), r.bars(), r.marker());
            if (d == Grid.NOT_FOUND) {
                m.emitAt(Events.ERROR, m.now, Events.ERR_NO_MARKER, fromCue, toCue);
                d = Grid.until(src.cue, src.pos, src.loopsNow(m.now), When.NEXT_BAR, 1, null);
            }
            t = m.now + d;
        }
        long commit = t;
        landing = t;
        landingPos = src == null ? -1 : Grid.posAfter(src.cue, src.pos, src.loopsNow(m.now), t - m.now);
        pendBridge = r.bridge();
        outStart = t;
        outLength = 0;
        inStart = t;
        inLength = 0;
        int first = -1;
        int second = -1;
        if (toCue >= 0) {
            Cue dest = m.sheet.cues().get(toCue);
            if (r.bridge() >= 0) {
                Cue bridge = m.sheet.cues().get(r.bridge());
                first = m.alloc();
                if (first < 0) {
                    return;
                }
                long bStart = startWithPreroll(m.pool[first], bridge, Playback.BRIDGE, t, bridge.entry(), bridge.entry(), Fade.NONE);
                long exit = bridgeExit(bridge);
                long t2 = t + (exit - bridge.entry());
                second = m.alloc();
                if (second < 0) {
                    m.pool[first].active = false;
                    return;
                }
                long destPos = destinationPosition(r.where(), src, t2, dest);
                startWithPreroll(m.pool[second], dest, Playback.BED, t2, destPos, 0, Fade.NONE);
                commit = Math.min(commit, bStart);
                switch1 = t;
                sw1Pb = first;
                switch2 = t2;
                sw2Pb = second;
            } else {
                first = m.alloc();
                if (first < 0) {
                    return;
                }
                long destPos = destinationPosition(r.where(), src, t, dest);
                long s = startWithPreroll(m.pool[first], dest, Playback.BED, t, destPos, -1, r.fadeIn());
                commit = Math.min(commit, s);
                Envelope e = m.pool[first].env;
                inStart = e.length > 0 ? e.start : s;
                inLength = e.length;
                inCurve = e.curve.ordinal();
                switch1 = t;
                sw1Pb = first;
            }
        } else {
            switch1 = t;
            sw1Pb = -1;
        }
        if (src != null) {
            pendSource = m.bed;
            pendSourceEnv.copy(src.env);
            commit = Math.min(commit, leave(src, r, t, toCue));
            outStart = src.env.lastStart();
            outLength = src.env.lastLength();
            outCurve = src.env.lastCurve().ordinal();
        }
        pending = true;
        pendToCue = toCue;
        pendFromCue = fromCue;
        pendCommit = commit;
        queuedCue = NONE;
        m.emitAt(Events.TRANSITION_SCHEDULED, m.now, t, fromCue, toCue);
        if (t == m.now) {
            m.fireDue();
        }
    }

    /** Fills the preview's view of the transition in flight. */
    void describe(Monitor.View v) {
        v.pending = pending;
        if (!pending) {
            return;
        }
        v.from = pendFromCue;
        v.to = pendToCue;
        v.bridge = pendBridge;
        v.landing = landing;
        v.landingPos = landingPos;
        v.fadeOutStart = outStart;
        v.fadeOutLength = outLength;
        v.fadeOutCurve = outCurve;
        v.fadeInStart = inStart;
        v.fadeInLength = inLength;
        v.fadeInCurve = inCurve;
    }

    /** The frame where a bridge hands over: its first exit cue after its entry, else its end. */
    private static long bridgeExit(Cue bridge) {
        for (long e : bridge.exitCues()) {
            if (e > bridge.entry()) {
                return e;
            }
        }
        return bridge.length();
    }

    /**
     * Schedules how the source leaves at {@code t}: a fade along the rule, or through its outro.
     *
     * @return the first frame at which the source's sound changes
     */
    private long leave(Playback src, TransitionRule r, long t, int toCue) {
        src.handsTo = toCue;
        Cue c = src.cue;
        boolean hasOutro = c.loops() && c.loopEnd() < c.length();
        if (r.outro() && hasOutro) {
            if (Grid.landsOnLoopEnd(c, src.pos, src.loopsNow(m.now), t - m.now)) {
                src.loopUntil = t; // plays on into the outro and ends by itself
                return t;
            }
            int o = m.alloc();
            pendOutro = o;
            if (o >= 0) {
                Playback out = m.pool[o];
                out.start(c, Playback.OUTRO, t, c.loopEnd());
                out.looping = false;
                out.env.ramp(t, m.minFade, 0, 1, Curve.EQUAL_POWER);
            }
            src.env.then(m.now, t, m.minFade, 0, Curve.EQUAL_POWER);
            src.stopAt = t + m.minFade;
            return t;
        }
        Fade f = r.fadeOut();
        long fadeStart = t + f.offset().toFrames(c.tempo(), Grid.posAfter(c, src.pos, src.loopsNow(m.now), t - m.now));
        fadeStart = Math.max(m.now, fadeStart);
        long len = f.length().toFrames(c.tempo(), Grid.posAfter(c, src.pos, src.loopsNow(m.now), fadeStart - m.now));
        len = Math.max(m.minFade, len);
        src.env.then(m.now, fadeStart, len, 0, f.curve()); // a fade-in still in flight finishes first
        src.stopAt = fadeStart + len;
        return fadeStart;
    }

    /**
     * Starts {@code p} so that timeline position {@code pos} sounds at frame {@code t}; with a fade-in
     * offset before {@code t} (or a sync point) the playback starts earlier, as far as the audio and
     * the present allow.
     *
     * @param wantPreroll frames to start early, or -1 to take them from the fade-in's negative offset
     * @return the frame where it starts sounding
     */
    private long startWithPreroll(Playback p, Cue c, int role, long t, long pos, long wantPreroll, Fade in) {
        long inOffset = in.offset().toFrames(c.tempo(), pos);
        long preroll = wantPreroll >= 0 ? wantPreroll : Math.max(0, -inOffset);
        preroll = Math.min(preroll, pos);
        preroll = Math.min(preroll, t - m.now);
        long start = t - preroll;
        long startPos = pos - preroll;
        p.start(c, role, start, startPos);
        long fadeStart = Math.max(start, t + inOffset);
        long len = in.length().toFrames(c.tempo(), pos);
        if (startPos > 0 || fadeStart > start) {
            len = Math.max(len, m.minFade); // entering mid-sound (or after silence) always fades
        }
        if (len > 0 || fadeStart > start) {
            p.env.ramp(fadeStart, len, 0, 1, in.curve());
        }
        return start;
    }

    private long destinationPosition(Where where, Playback src, long t, Cue dest) {
        long pos;
        switch (where) {
            case SAME_POSITION:
                pos = src == null ? dest.entry() : Grid.posAfter(src.cue, src.pos, src.loopsNow(m.now), t - m.now);
                break;
            case LAST_POSITION:
                pos = m.lastPos[dest.index()] >= 0 ? m.lastPos[dest.index()] : dest.entry();
                break;
            case SAME_BEAT: {
                if (src == null) {
                    pos = dest.entry();
                    break;
                }
                long sp = Grid.posAfter(src.cue, src.pos, src.loopsNow(m.now), t - m.now);
                double inBar = src.cue.tempo().beatAt(sp) - src.cue.tempo().beatOfBar(src.cue.tempo().barAt(sp));
                long entryBar = dest.tempo().barAt(dest.entry());
                double perBar = dest.tempo().beatsPerBarAt(dest.entry());
                inBar = inBar % perBar;
                pos = dest.tempo().frameOfBeat(dest.tempo().beatOfBar(entryBar) + inBar);
                break;
            }
            case ENTRY:
            default:
                pos = dest.entry();
        }
        if (pos >= dest.length()) {
            pos = dest.loops() ? dest.loopStart() + (pos - dest.loopStart()) % (dest.loopEnd() - dest.loopStart())
                    : dest.entry();
        }
        return Math.max(0, pos);
    }

    /** The last m.bed switch of the transition has happened: report it and take up any queued request. */
    private void finishPending(int fromCue) {
        int toCue = pendToCue;
        clearPending();
        if (fromCue < 0 || !m.anyOutgoing()) {
            m.emitAt(Events.TRANSITION_DONE, m.now, 0, fromCue, toCue);
        }
        if (queuedCue != NONE) {
            int q = queuedCue;
            queuedCue = NONE;
            request(q);
        }
    }
}
