package dev.segue.mix;

import dev.segue.control.CommandRing;
import dev.segue.control.EventRing;
import dev.segue.control.Events;
import dev.segue.control.ParameterSlots;
import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.Curve;
import dev.segue.cue.Fade;
import dev.segue.cue.Parameter;
import dev.segue.cue.Stinger;
import dev.segue.cue.TransitionRule;
import dev.segue.cue.When;
import dev.segue.cue.Where;
import dev.segue.time.MusicalLength;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audio-thread engine. {@link #render} reads pending commands, then renders float stereo frames
 * in segments cut at every frame where something happens (a transition lands, a playback starts or
 * stops, a fade begins or ends, a beat passes) and at least every {@value #CONTROL} frames, where
 * gains are recomputed; inside a segment each voice's gain ramps linearly, so every gain change is
 * continuous.
 *
 * <p>The clock is {@link #musicFrame()}: a {@code long} count of frames that advances while the music
 * plays and stops while paused. Everything is scheduled in it.
 *
 * <p>Nothing here allocates, locks, logs or does I/O after construction.
 */
public final class Mixer {
    /** Longest stretch between gain updates, in frames: 5.3 ms at 48 kHz; fades start and end exactly on their frames regardless. */
    static final int CONTROL = 256;
    private static final int MAX_DUCKS = 8;
    private static final int NONE = -2;

    private final CueSheet sheet;
    private final int rate;
    private final CommandRing commands;
    private final ParameterSlots paramSlots;
    private final EventRing events;
    private final Playback[] pool;
    private final Parameter[] params;
    private final float[] paramValue;
    private final float[] paramMin;
    private final float[] paramMax;
    private final double[] paramTau;
    private final long[] lastPos;
    private final long[] stingerLast;
    private final int[] cmd = new int[2];
    /** Shortest fade for a cut, so nothing clicks: 5 ms. */
    private final long minFade;
    private final long pauseFade;

    // duck requests: start, attack, hold end, release, level
    private final long[] duckStart = new long[MAX_DUCKS];
    private final long[] duckAttack = new long[MAX_DUCKS];
    private final long[] duckHoldEnd = new long[MAX_DUCKS];
    private final long[] duckRelease = new long[MAX_DUCKS];
    private final float[] duckLevel = new float[MAX_DUCKS];
    private final boolean[] duckActive = new boolean[MAX_DUCKS];

    private final Envelope master = new Envelope();
    private boolean paused;

    private long now;
    private long segStart;
    private long segEnd;
    private long outputFrames;
    private int bed = -1;

    // the transition in flight: bed switches at switch1 (to sw1Pb) and, with a bridge, switch2 (to sw2Pb)
    private boolean pending;
    private int pendToCue;
    private int pendFromCue;
    private long pendCommit;
    private long switch1 = Long.MAX_VALUE;
    private int sw1Pb = -1;
    private long switch2 = Long.MAX_VALUE;
    private int sw2Pb = -1;
    private int pendSource = -1;
    private float pendSourceGain;
    private int queuedCue = NONE;
    private long gridFrame = -1;
    private int gridBed = -1;
    private long markerFrame = -1;
    private Playback markerBed;

    // version, frame, cue, bar, beat: a seqlock over AtomicLongs (Unsafe access, no VarHandles)
    private final AtomicLong[] published = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
        new AtomicLong()};

    public Mixer(CueSheet sheet, CommandRing commands, ParameterSlots paramSlots, EventRing events, int maxPlaybacks) {
        this.sheet = sheet;
        this.rate = sheet.sampleRate();
        this.commands = commands;
        this.paramSlots = paramSlots;
        this.events = events;
        this.pool = new Playback[maxPlaybacks];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Playback(sheet.maxStems());
        }
        this.params = sheet.parameters().toArray(new Parameter[0]);
        this.paramValue = new float[params.length];
        this.paramMin = new float[params.length];
        this.paramMax = new float[params.length];
        this.paramTau = new double[params.length];
        for (Parameter p : params) {
            paramValue[p.index()] = p.initial();
            paramMin[p.index()] = p.min();
            paramMax[p.index()] = p.max();
            paramTau[p.index()] = Math.max(5.0, p.smoothingMs()) * rate / 1000.0;
        }
        this.lastPos = new long[sheet.cues().size()];
        java.util.Arrays.fill(lastPos, -1);
        this.stingerLast = new long[sheet.stingers().size()];
        java.util.Arrays.fill(stingerLast, Long.MIN_VALUE);
        this.minFade = Math.max(1, rate / 200);
        this.pauseFade = Math.max(1, rate / 20);
        master.constant(1);
        publish();
    }

    /** Frames of music played so far (stops while paused). */
    public long musicFrame() {
        return now;
    }

    /** Frames rendered so far, paused or not. */
    public long outputFrames() {
        return outputFrames;
    }

    /**
     * Reads a consistent snapshot of the published position into {@code out}: frame, bed cue index
     * (-1 for silence), bar and beat (0-based). Safe from any thread.
     */
    public void position(long[] out) {
        while (true) {
            long v = published[0].get();
            if ((v & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            out[0] = published[1].get();
            out[1] = published[2].get();
            out[2] = published[3].get();
            out[3] = published[4].get();
            if (published[0].get() == v) {
                return;
            }
        }
    }

    private void publish() {
        long v = published[0].get();
        published[0].set(v + 1);
        published[1].set(now);
        Playback b = bed >= 0 ? pool[bed] : null;
        published[2].set(b == null ? -1 : b.cue.index());
        published[3].set(b == null ? 0 : b.cue.tempo().barAt(b.pos));
        published[4].set(b == null ? 0 : b.cue.tempo().beatInBarAt(b.pos));
        published[0].set(v + 2);
    }

    /**
     * Renders {@code frames} stereo frames into {@code out} (interleaved, overwritten).
     *
     * <p>Control segments run on their own grid (every {@value #CONTROL} frames of music time, and at
     * every breakpoint), independent of where blocks begin and end; a block that ends inside a segment
     * leaves it for the next block to continue. Gains inside a segment are indexed from its start. So
     * the output does not depend on the block sizes a caller uses, only on the frames where commands
     * arrive: commands cut the segment where they land.
     */
    public void render(float[] out, int frames) {
        java.util.Arrays.fill(out, 0, frames * 2, 0f);
        boolean any = false;
        while (commands.poll(cmd)) {
            apply(cmd[0], cmd[1]);
            any = true;
        }
        if (any && now < segEnd) {
            cut();
        }
        int done = 0;
        while (done < frames) {
            if (now >= segEnd) {
                beginSegment();
            }
            if (paused && now >= master.end()) {
                break; // frozen: the rest of the block stays silent, the music clock holds
            }
            int n = (int) Math.min(segEnd - now, frames - done);
            int k = (int) (now - segStart);
            for (Playback p : pool) {
                if (p.active && p.sounding) {
                    mixPlayback(p, out, done, n, k);
                }
            }
            now += n;
            done += n;
        }
        outputFrames += frames;
        publish();
    }

    /** Ends the current segment at {@code now}, carrying each voice's gain so nothing steps. */
    private void cut() {
        int k = (int) (now - segStart);
        for (Playback p : pool) {
            if (p.active && p.sounding && p.stemGainSet) {
                for (int s = 0; s < p.cue.stems().length; s++) {
                    p.nextGain[s] = p.gain0[s] + p.gainStep[s] * k;
                }
            }
        }
        segEnd = now;
    }

    /** Runs what is due at {@code now}, then plans the next control segment and its gain ramps. */
    private void beginSegment() {
        fireDue();
        segStart = now;
        long end = Math.min((now / CONTROL + 1) * CONTROL, nextBreakpoint(Long.MAX_VALUE));
        int len = (int) (end - now);
        for (Playback p : pool) {
            if (p.active && p.sounding && !p.stemGainSet) {
                float g = busGain(p, now);
                var stems = p.cue.stems();
                for (int s = 0; s < stems.length; s++) {
                    p.nextGain[s] = g * stemGain(stems[s]);
                }
                p.stemGainSet = true;
            }
        }
        advanceParameters(len);
        for (Playback p : pool) {
            if (p.active && p.sounding) {
                float g = busGain(p, end);
                var stems = p.cue.stems();
                for (int s = 0; s < stems.length; s++) {
                    float target = g * stemGain(stems[s]);
                    p.gain0[s] = p.nextGain[s];
                    p.gainStep[s] = (target - p.gain0[s]) / len;
                    p.nextGain[s] = target;
                }
            }
        }
        segEnd = end;
    }

    // ------------------------------------------------------------------ commands

    private void apply(int type, int arg) {
        switch (type) {
            case CommandRing.SET_STATE:
                emit(Events.STATE, now, 0, -1, arg);
                request(sheet.stateCue(arg));
                break;
            case CommandRing.GOTO_CUE:
                request(arg);
                break;
            case CommandRing.STINGER:
                stinger(arg);
                break;
            case CommandRing.PAUSE:
                if (!paused) {
                    paused = true;
                    master.ramp(now, pauseFade, master.gain(now), 0, Curve.S_CURVE);
                    emit(Events.PAUSED, now, 0, -1, -1);
                }
                break;
            case CommandRing.RESUME:
                if (paused) {
                    paused = false;
                    master.ramp(now, pauseFade, master.gain(now), 1, Curve.S_CURVE);
                    emit(Events.RESUMED, now, 0, -1, -1);
                }
                break;
            default:
                break;
        }
    }

    private int bedCue() {
        return bed >= 0 ? pool[bed].cue.index() : -1;
    }

    /** A request to move the music to {@code cue} (-1 = silence). */
    private void request(int cue) {
        int target = pending ? pendToCue : bedCue();
        if (cue == target) {
            if (pending) {
                queuedCue = NONE; // the latest wish is what is already under way
            }
            return;
        }
        if (pending) {
            if (now < pendCommit) {
                cancelPending();
                if (cue == bedCue()) {
                    return; // back to what is still playing: nothing to do
                }
            } else {
                queuedCue = cue; // already audible: finish it, then go on
                return;
            }
        }
        schedule(cue);
    }

    private void cancelPending() {
        if (sw1Pb >= 0 && sw1Pb != pendSource) {
            pool[sw1Pb].active = false;
        }
        if (sw2Pb >= 0 && sw2Pb != pendSource) {
            pool[sw2Pb].active = false;
        }
        if (pendSource >= 0) {
            Playback s = pool[pendSource];
            s.env.constant(pendSourceGain);
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
    }

    private void schedule(int toCue) {
        Playback src = bed >= 0 ? pool[bed] : null;
        int fromCue = bedCue();
        TransitionRule r = sheet.rule(fromCue, toCue);
        long t = now;
        if (src != null) {
            long d = Grid.until(src.cue, src.pos, src.loopsNow(now), r.when(), r.bars(), r.marker());
            if (d == Grid.NOT_FOUND) {
                emit(Events.ERROR, now, Events.ERR_NO_MARKER, fromCue, toCue);
                d = Grid.until(src.cue, src.pos, src.loopsNow(now), When.NEXT_BAR, 1, null);
            }
            t = now + d;
        }
        long commit = t;
        int first = -1;
        int second = -1;
        if (toCue >= 0) {
            Cue dest = sheet.cues().get(toCue);
            if (r.bridge() >= 0) {
                Cue bridge = sheet.cues().get(r.bridge());
                first = alloc();
                if (first < 0) {
                    return;
                }
                long bStart = startWithPreroll(pool[first], bridge, Playback.BRIDGE, t, bridge.entry(), bridge.entry(), Fade.NONE);
                long exit = bridgeExit(bridge);
                long t2 = t + (exit - bridge.entry());
                second = alloc();
                if (second < 0) {
                    pool[first].active = false;
                    return;
                }
                long destPos = destinationPosition(r.where(), src, t2, dest);
                startWithPreroll(pool[second], dest, Playback.BED, t2, destPos, 0, Fade.NONE);
                commit = Math.min(commit, bStart);
                switch1 = t;
                sw1Pb = first;
                switch2 = t2;
                sw2Pb = second;
            } else {
                first = alloc();
                if (first < 0) {
                    return;
                }
                long destPos = destinationPosition(r.where(), src, t, dest);
                long s = startWithPreroll(pool[first], dest, Playback.BED, t, destPos, -1, r.fadeIn());
                commit = Math.min(commit, s);
                switch1 = t;
                sw1Pb = first;
            }
        } else {
            switch1 = t;
            sw1Pb = -1;
        }
        if (src != null) {
            pendSource = bed;
            pendSourceGain = src.env.gain(now);
            commit = Math.min(commit, leave(src, r, t, toCue));
        }
        pending = true;
        pendToCue = toCue;
        pendFromCue = fromCue;
        pendCommit = commit;
        queuedCue = NONE;
        emitAt(Events.TRANSITION_SCHEDULED, now, t, fromCue, toCue);
        if (t == now) {
            fireDue();
        }
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
            if (Grid.landsOnLoopEnd(c, src.pos, src.loopsNow(now), t - now)) {
                src.loopUntil = t; // plays on into the outro and ends by itself
                return t;
            }
            int o = alloc();
            if (o >= 0) {
                Playback out = pool[o];
                out.start(c, Playback.OUTRO, t, c.loopEnd());
                out.looping = false;
                out.env.ramp(t, minFade, 0, 1, Curve.EQUAL_POWER);
            }
            src.env.ramp(t, minFade, src.env.gain(now), 0, Curve.EQUAL_POWER);
            src.stopAt = t + minFade;
            return t;
        }
        Fade f = r.fadeOut();
        long fadeStart = t + f.offset().toFrames(c.tempo(), Grid.posAfter(c, src.pos, src.loopsNow(now), t - now));
        fadeStart = Math.max(now, fadeStart);
        long len = f.length().toFrames(c.tempo(), Grid.posAfter(c, src.pos, src.loopsNow(now), fadeStart - now));
        len = Math.max(minFade, len);
        src.env.ramp(fadeStart, len, src.env.gain(now), 0, f.curve());
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
        preroll = Math.min(preroll, t - now);
        long start = t - preroll;
        long startPos = pos - preroll;
        p.start(c, role, start, startPos);
        long fadeStart = Math.max(start, t + inOffset);
        long len = in.length().toFrames(c.tempo(), pos);
        if (startPos > 0 || fadeStart > start) {
            len = Math.max(len, minFade); // entering mid-sound (or after silence) always fades
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
                pos = src == null ? dest.entry() : Grid.posAfter(src.cue, src.pos, src.loopsNow(now), t - now);
                break;
            case LAST_POSITION:
                pos = lastPos[dest.index()] >= 0 ? lastPos[dest.index()] : dest.entry();
                break;
            case SAME_BEAT: {
                if (src == null) {
                    pos = dest.entry();
                    break;
                }
                long sp = Grid.posAfter(src.cue, src.pos, src.loopsNow(now), t - now);
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

    private void stinger(int index) {
        Stinger st = sheet.stingers().get(index);
        Playback b = bed >= 0 ? pool[bed] : null;
        if (stingerLast[index] != Long.MIN_VALUE) {
            long cool = b != null ? st.cooldown().toFrames(b.cue.tempo(), b.pos) : msFrames(st.cooldown());
            if (now - stingerLast[index] < cool) {
                emitAt(Events.STINGER_SKIPPED, now, Events.SKIP_COOLDOWN, st.cue(), index);
                return;
            }
        }
        Cue c = sheet.cues().get(st.cue());
        long q = now;
        if (b != null && st.when() != When.IMMEDIATE) {
            int kind = st.when() == When.NEXT_BAR ? Grid.BAR : Grid.BEAT;
            boolean loops = b.loopsNow(now);
            long d = Grid.untilPoint(b.cue, b.pos, loops, kind, null, false);
            // a pickup (the stinger's entry) must start before the beat: find a beat far enough ahead
            while (d < c.entry() && d < Integer.MAX_VALUE) {
                long p = Grid.posAfter(b.cue, b.pos, loops, d);
                long step = Grid.untilPoint(b.cue, p, loops, kind, null, true);
                if (step <= 0) {
                    break;
                }
                d += step;
            }
            q = now + d;
        }
        long s = Math.max(now, q - c.entry());
        int i = alloc();
        if (i < 0) {
            emitAt(Events.STINGER_SKIPPED, now, Events.SKIP_VOICES, st.cue(), index);
            return;
        }
        Playback p = pool[i];
        p.start(c, Playback.STINGER, s, q - s < c.entry() ? c.entry() - (q - s) : 0);
        p.looping = false;
        p.stinger = index;
        p.env.constant(st.gain());
        stingerLast[index] = s;
        if (st.duckGain() < 1f) {
            long attack = b != null ? st.duckAttack().toFrames(b.cue.tempo(), b.pos) : msFrames(st.duckAttack());
            long release = b != null ? st.duckRelease().toFrames(b.cue.tempo(), b.pos) : msFrames(st.duckRelease());
            duck(s, Math.max(minFade, attack), s + (c.length() - p.pos), Math.max(minFade, release), st.duckGain());
        }
    }

    private long msFrames(MusicalLength l) {
        return l.unit() == MusicalLength.Unit.FRAMES ? (long) l.value() : Math.round(l.value() * rate / 1000.0);
    }

    private void duck(long start, long attack, long holdEnd, long release, float level) {
        int slot = -1;
        for (int i = 0; i < MAX_DUCKS; i++) {
            if (!duckActive[i]) {
                slot = i;
                break;
            }
        }
        if (slot < 0) { // all busy: extend the deepest one instead
            slot = 0;
            level = Math.min(level, duckLevel[0]);
            start = Math.min(start, duckStart[0]);
            holdEnd = Math.max(holdEnd, duckHoldEnd[0]);
        }
        duckActive[slot] = true;
        duckStart[slot] = start;
        duckAttack[slot] = attack;
        duckHoldEnd[slot] = Math.max(holdEnd, start + attack);
        duckRelease[slot] = release;
        duckLevel[slot] = level;
    }

    /** The bed's duck gain at frame {@code f}: the deepest of the active requests, each a smooth curve. */
    private float duckGain(long f) {
        float g = 1f;
        for (int i = 0; i < MAX_DUCKS; i++) {
            if (!duckActive[i]) {
                continue;
            }
            float l = duckLevel[i];
            float v;
            if (f <= duckStart[i]) {
                v = 1f;
            } else if (f < duckStart[i] + duckAttack[i]) {
                v = (float) (1 - (1 - l) * Curve.S_CURVE.in((f - duckStart[i]) / (double) duckAttack[i]));
            } else if (f <= duckHoldEnd[i]) {
                v = l;
            } else if (f < duckHoldEnd[i] + duckRelease[i]) {
                v = (float) (l + (1 - l) * Curve.S_CURVE.in((f - duckHoldEnd[i]) / (double) duckRelease[i]));
            } else {
                v = 1f;
            }
            g = Math.min(g, v);
        }
        return g;
    }

    private int alloc() {
        for (int i = 0; i < pool.length; i++) {
            if (!pool[i].active) {
                return i;
            }
        }
        emit(Events.ERROR, now, Events.ERR_VOICES_FULL, -1, pool.length);
        return -1;
    }

    // ------------------------------------------------------------------ time

    /** Runs everything due at {@code now}: bed switches, starts, stops, expired ducks, grid events. */
    private void fireDue() {
        if (pending && (switch1 <= now || switch2 <= now) && bed >= 0 && pool[bed].sounding) {
            markerEvents(pool[bed]); // the music reached the old bed's marker on the switch frame
        }
        if (pending && switch1 <= now) {
            if (bed >= 0 && bed != sw1Pb) {
                pool[bed].role = Playback.OUTGOING;
            }
            bed = sw1Pb;
            switch1 = Long.MAX_VALUE;
            if (switch2 == Long.MAX_VALUE) {
                finishPending(pendFromCue);
            }
        }
        if (pending && switch2 <= now) {
            bed = sw2Pb;
            if (sw1Pb >= 0) {
                pool[sw1Pb].role = Playback.BRIDGE;
            }
            switch2 = Long.MAX_VALUE;
            finishPending(pendFromCue);
        }
        for (int i = 0; i < pool.length; i++) {
            Playback p = pool[i];
            if (!p.active) {
                continue;
            }
            if (p.stopAt <= now) {
                stop(i);
                continue;
            }
            if (!p.sounding && p.startFrame <= now) {
                p.sounding = true;
                if (p.role == Playback.STINGER) {
                    emitAt(Events.STINGER, now, 0, p.cue.index(), p.stinger);
                } else {
                    emitAt(Events.CUE_STARTED, now, p.pos, p.cue.index(), p.role);
                }
            }
        }
        for (int i = 0; i < MAX_DUCKS; i++) {
            if (duckActive[i] && now >= duckHoldEnd[i] + duckRelease[i]) {
                duckActive[i] = false;
            }
        }
        if (bed >= 0 && pool[bed].sounding && (now != gridFrame || bed != gridBed)) {
            gridFrame = now;
            gridBed = bed;
            Playback b = pool[bed];
            long pos = b.pos;
            if (b.cue.tempo().nextBeat(pos) == pos) {
                if (b.cue.tempo().beatInBarAt(pos) == 0) {
                    emit(Events.BAR, now, 0, b.cue.index(), -1);
                }
                emit(Events.BEAT, now, 0, b.cue.index(), -1);
            }
            markerEvents(b);
        }
    }

    private void markerEvents(Playback b) {
        if (now == markerFrame && b == markerBed) {
            return;
        }
        markerFrame = now;
        markerBed = b;
        var markers = b.cue.markers();
        for (int m = 0; m < markers.length; m++) {
            if (markers[m].frame() == b.pos) {
                emit(Events.MARKER, now, 0, b.cue.index(), m);
            }
        }
    }

    private void finishPending(int fromCue) {
        int toCue = pendToCue;
        clearPending();
        if (fromCue < 0 || !anyOutgoing()) {
            emitAt(Events.TRANSITION_DONE, now, 0, fromCue, toCue);
        }
        if (queuedCue != NONE) {
            int q = queuedCue;
            queuedCue = NONE;
            request(q);
        }
    }

    private boolean anyOutgoing() {
        for (Playback p : pool) {
            if (p.active && p.role == Playback.OUTGOING) {
                return true;
            }
        }
        return false;
    }

    private void stop(int i) {
        Playback p = pool[i];
        p.active = false;
        if (i == pendSource) {
            pendSource = -1; // its slot may be reused: a cancel must not touch it
        }
        lastPos[p.cue.index()] = p.pos;
        emit(Events.CUE_ENDED, now, 0, p.cue.index(), p.role);
        if (i == bed) {
            bed = -1;
        }
        if (p.role == Playback.OUTGOING && !anyOutgoing() && !pending) {
            emitAt(Events.TRANSITION_DONE, now, 0, p.cue.index(), bedCue());
        }
    }

    /** The first frame in (now, limit] where something must happen, or {@code limit}. */
    private long nextBreakpoint(long limit) {
        long next = limit;
        next = after(next, switch1);
        next = after(next, switch2);
        for (Playback p : pool) {
            if (!p.active) {
                continue;
            }
            if (!p.sounding) {
                next = after(next, p.startFrame);
                continue;
            }
            next = after(next, p.stopAt);
            next = after(next, p.env.start);
            next = after(next, p.env.end());
            if (!p.loopsNow(now)) {
                next = after(next, now + (p.cue.length() - p.pos));
            } else {
                next = after(next, p.loopUntil);
            }
        }
        for (int i = 0; i < MAX_DUCKS; i++) {
            if (duckActive[i]) {
                next = after(next, duckStart[i]);
                next = after(next, duckStart[i] + duckAttack[i]);
                next = after(next, duckHoldEnd[i]);
                next = after(next, duckHoldEnd[i] + duckRelease[i]);
            }
        }
        next = after(next, master.end());
        if (bed >= 0 && pool[bed].sounding) {
            Playback b = pool[bed];
            long d = Grid.untilPoint(b.cue, b.pos, b.loopsNow(now), Grid.BEAT, null, true);
            next = after(next, now + d);
            long m = Grid.untilPoint(b.cue, b.pos, b.loopsNow(now), Grid.MARKER, null, true);
            if (m != Grid.NOT_FOUND) {
                next = after(next, now + m);
            }
        }
        return next;
    }

    private long after(long next, long f) {
        return f > now && f < next ? f : next;
    }

    private void advanceParameters(int n) {
        for (int i = 0; i < params.length; i++) {
            float target = paramSlots.get(i);
            if (!(target >= paramMin[i])) { // also catches NaN
                target = paramMin[i];
            }
            if (target > paramMax[i]) {
                target = paramMax[i];
            }
            float v = paramValue[i];
            if (v != target) {
                double k = 1 - Math.exp(-n / paramTau[i]);
                v += (float) ((target - v) * k);
                if (Math.abs(target - v) < 1e-5f) {
                    v = target;
                }
                paramValue[i] = v;
            }
        }
    }

    /** Current smoothed value of parameter {@code i}. Audio thread only. */
    public float parameterValue(int i) {
        return paramValue[i];
    }

    // ------------------------------------------------------------------ mixing

    private float busGain(Playback p, long f) {
        float g = p.env.gain(f) * master.gain(f);
        if (p.role != Playback.STINGER) {
            g *= duckGain(f);
        }
        return g;
    }

    private void mixPlayback(Playback p, float[] out, int offset, int n, int k) {
        Cue c = p.cue;
        var stems = c.stems();
        int done = 0;
        long pos = p.pos;
        while (done < n) {
            boolean loops = p.loopsNow(now + done);
            int chunk = n - done;
            if (loops && pos < c.loopEnd()) {
                chunk = (int) Math.min(chunk, c.loopEnd() - pos);
            }
            if (!loops && pos + chunk > c.length()) {
                chunk = (int) Math.max(0, c.length() - pos);
                if (chunk == 0) {
                    break;
                }
            }
            for (int s = 0; s < stems.length; s++) {
                Kernel.mix(stems[s].audio(), pos, out, offset + done, chunk, p.gain0[s], p.gainStep[s], k + done);
            }
            pos += chunk;
            done += chunk;
            if (loops && pos >= c.loopEnd() && p.loopsNow(now + done)) {
                pos = c.loopStart();
            }
        }
        if (!p.loopsNow(now + n)) {
            p.looping = false;
        }
        p.pos = pos;
        if (!p.looping && pos >= c.length() && p.stopAt > now + n) {
            p.stopAt = now + n; // ended by itself; stop() runs at the next boundary
        }
    }

    private float stemGain(dev.segue.cue.Stem s) {
        var curve = s.curve();
        return curve == null ? s.gain() : s.gain() * curve.gainAt(paramValue[curve.parameter()]);
    }

    // ------------------------------------------------------------------ events

    private void emit(int type, long frame, long at, int cue, int other) {
        emitAt(type, frame, at, cue, other);
    }

    private void emitAt(int type, long frame, long at, int cue, int other) {
        int br = 0;
        int bt = 0;
        if (bed >= 0) {
            Playback b = pool[bed];
            br = (int) b.cue.tempo().barAt(b.pos) + 1;
            bt = b.cue.tempo().beatInBarAt(b.pos) + 1;
        }
        events.publish(type, frame, at, cue, other, br, bt);
    }
}
