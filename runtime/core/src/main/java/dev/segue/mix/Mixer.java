package dev.segue.mix;

import dev.segue.control.CommandRing;
import dev.segue.control.EventRing;
import dev.segue.control.Events;
import dev.segue.control.ParameterSlots;
import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.Lowpass;
import dev.segue.decode.Streamer;
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

    final CueSheet sheet;
    private final int rate;
    private final CommandRing commands;
    private final EventRing events;
    final Playback[] pool;
    final Parameters params;
    final long[] lastPos;
    final long[] stingerLast;
    private final int[] cmd = new int[2];
    /** Shortest fade for a cut, so nothing clicks: 5 ms. */
    final long minFade;
    final long pauseFade;

    final Ducker ducker = new Ducker();
    /** The named ducks the game holds, one gain envelope each. */
    final Envelope[] held;
    /** Per stem (flat id): the game's mute and solo flags. */
    final boolean[] muted;
    final boolean[] soloed;
    private final Lowpass lowpass;
    private final BusFilter busFilter;
    private final Monitor monitor;
    private volatile boolean metering;
    /** {@link #metering} as read at the start of the block being rendered. */
    boolean meterNow;

    final Envelope master = new Envelope();
    boolean paused;
    /** Set once a hot reload handed the music to a new mixer: it reads no commands and emits no events. */
    boolean retired;
    /** The game state last set (-1: none), carried across a hot reload by name. */
    int state = -1;

    long now;
    private long segStart;
    private long segEnd;
    private long outputFrames;
    int bed = -1;

    final Transitions tx = new Transitions(this);
    private final MixerCommands control = new MixerCommands(this);
    private final PlaybackMix stemMix = new PlaybackMix(this);
    /** The streamed stems' read path, or null when the sheet streams nothing. */
    final Streams streams;
    /** Frames of streamed stems that played as silence because their ring was not ready. */
    final AtomicLong underruns = new AtomicLong();
    private long gridFrame = -1;
    private int gridBed = -1;
    private long markerFrame = -1;
    private Playback markerBed;

    private final PublishedPosition published = new PublishedPosition();

    public Mixer(CueSheet sheet, CommandRing commands, ParameterSlots paramSlots, EventRing events, int maxPlaybacks) {
        this(sheet, commands, paramSlots, events, maxPlaybacks, null);
    }

    /** A mixer whose streamed stems read the voices of {@code streamer} (null if the sheet streams nothing). */
    public Mixer(CueSheet sheet, CommandRing commands, ParameterSlots paramSlots, EventRing events, int maxPlaybacks,
            Streamer streamer) {
        this.sheet = sheet;
        this.rate = sheet.sampleRate();
        this.commands = commands;
        this.events = events;
        this.pool = new Playback[maxPlaybacks];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Playback(sheet.maxStems());
        }
        this.params = new Parameters(sheet, paramSlots);
        this.held = new Envelope[sheet.ducks().size()];
        for (int i = 0; i < held.length; i++) {
            held[i] = new Envelope();
            held[i].constant(1);
        }
        this.muted = new boolean[sheet.totalStems()];
        this.soloed = new boolean[sheet.totalStems()];
        this.lowpass = sheet.lowpass();
        this.busFilter = lowpass == null ? null : new BusFilter(rate);
        this.monitor = new Monitor(maxPlaybacks, sheet.maxStems(), rate);
        this.lastPos = new long[sheet.cues().size()];
        java.util.Arrays.fill(lastPos, -1);
        this.stingerLast = new long[sheet.stingers().size()];
        java.util.Arrays.fill(stingerLast, Long.MIN_VALUE);
        this.minFade = Math.max(1, rate / 200);
        this.pauseFade = Math.max(1, rate / 20);
        master.constant(1);
        this.streams = streamer == null ? null : new Streams(this, streamer, rate);
        publish();
    }

    /** Frames of streamed stems that played as silence so far because their stream was not ready. Any thread. */
    public long underruns() {
        return underruns.get();
    }

    /** Frames of music played so far (stops while paused). */
    public long musicFrame() {
        return now;
    }

    /** What a composer preview shows: voices, meters, the transition in flight. */
    public Monitor monitor() {
        return monitor;
    }

    /**
     * Turns the per-stem level meters on (they cost a read of every sample played, so they stay off
     * until a preview asks for them). Any thread; takes effect at the next block.
     */
    public void meter(boolean on) {
        metering = on;
    }

    /** Sets the master volume (linear, 0..4; followed over 50 ms). Any thread. */
    public void setVolume(float linear) {
        params.setVolume(linear);
    }

    Transitions transitions() {
        return tx;
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
        published.read(out);
    }

    private void publish() {
        published.publish(now, bed >= 0 ? pool[bed] : null);
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
        meterNow = metering;
        boolean any = false;
        while (!retired && commands.poll(cmd)) {
            control.apply(cmd[0], cmd[1]);
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
                    stemMix.mix(p, out, done, n, k);
                }
            }
            Kernel.finite(out, done, n);
            if (busFilter != null) {
                busFilter.process(out, done, n, k);
            }
            now += n;
            done += n;
        }
        outputFrames += frames;
        publish();
        monitor.publish(this, frames);
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
        if (busFilter != null) {
            busFilter.cut(k);
        }
        segEnd = now;
    }

    /** Runs what is due at {@code now}, then plans the next control segment and its gain ramps. */
    private void beginSegment() {
        fireDue();
        if (streams != null) {
            streams.beginSegment(now);
        }
        segStart = now;
        long end = Math.min((now / CONTROL + 1) * CONTROL, nextBreakpoint(Long.MAX_VALUE));
        int len = (int) (end - now);
        for (Playback p : pool) {
            if (p.active && p.sounding && !p.stemGainSet) {
                float g = stemMix.busGain(p, now);
                var stems = p.cue.stems();
                for (int s = 0; s < stems.length; s++) {
                    p.nextGain[s] = g * params.stemGain(p.cue, s);
                }
                p.stemGainSet = true;
            }
        }
        params.advance(len);
        for (Playback p : pool) {
            if (p.active && p.sounding) {
                float g = stemMix.busGain(p, end);
                var stems = p.cue.stems();
                for (int s = 0; s < stems.length; s++) {
                    float target = g * params.stemGain(p.cue, s);
                    p.gain0[s] = p.nextGain[s];
                    p.gainStep[s] = (target - p.gain0[s]) / len;
                    p.nextGain[s] = target;
                }
            }
        }
        if (busFilter != null) {
            busFilter.segment(lowpass.cutoffAt(params.value(lowpass.parameter())), len);
        }
        segEnd = end;
    }

    int bedCue() {
        return bed >= 0 ? pool[bed].cue.index() : -1;
    }

    int alloc() {
        for (int i = 0; i < pool.length; i++) {
            if (!pool[i].active) {
                return i;
            }
        }
        emitAt(Events.ERROR, now, Events.ERR_VOICES_FULL, -1, pool.length);
        return -1;
    }

    // ------------------------------------------------------------------ time

    /** Runs everything due at {@code now}: bed switches, starts, stops, expired ducks, grid events. */
    void fireDue() {
        if (tx.pending && (tx.switch1 <= now || tx.switch2 <= now) && bed >= 0 && pool[bed].sounding) {
            markerEvents(pool[bed]); // the music reached the old bed's marker on the switch frame
        }
        tx.fireSwitches(now);
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
        ducker.expire(now);
        if (bed >= 0 && pool[bed].sounding && (now != gridFrame || bed != gridBed)) {
            gridFrame = now;
            gridBed = bed;
            Playback b = pool[bed];
            long pos = b.pos;
            if (b.cue.tempo().nextBeat(pos) == pos) {
                if (b.cue.tempo().beatInBarAt(pos) == 0) {
                    emitAt(Events.BAR, now, 0, b.cue.index(), -1);
                }
                emitAt(Events.BEAT, now, 0, b.cue.index(), -1);
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
                emitAt(Events.MARKER, now, 0, b.cue.index(), m);
            }
        }
    }

    boolean anyOutgoing() {
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
        tx.stopped(i); // its slot may be reused: a cancel must not touch it
        lastPos[p.cue.index()] = p.pos;
        emitAt(Events.CUE_ENDED, now, 0, p.cue.index(), p.role);
        if (i == bed) {
            bed = -1;
        }
        if (p.role == Playback.OUTGOING && !anyOutgoing() && !tx.pending) {
            emitAt(Events.TRANSITION_DONE, now, 0, p.cue.index(), bedCue());
        }
    }

    /** The first frame in (now, limit] where something must happen, or {@code limit}. */
    private long nextBreakpoint(long limit) {
        long next = limit;
        next = after(next, tx.switch1);
        next = after(next, tx.switch2);
        for (Playback p : pool) {
            if (!p.active) {
                continue;
            }
            if (!p.sounding) {
                next = after(next, p.startFrame);
                continue;
            }
            next = after(next, p.stopAt);
            next = p.env.breakAfter(now, next);
            if (!p.loopsNow(now)) {
                next = after(next, now + (p.cue.length() - p.pos));
            } else {
                next = after(next, p.loopUntil);
            }
        }
        next = ducker.nextBreakpoint(now, next);
        for (Envelope h : held) {
            next = after(next, h.start);
            next = after(next, h.end());
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
        return earlier(now, next, f);
    }

    /** {@code f} if it lies in (now, next), else {@code next}. */
    static long earlier(long now, long next, long f) {
        return f > now && f < next ? f : next;
    }

    // ------------------------------------------------------------------ mixing

    /** A playback's bus gain now, for the monitor. */
    float busGainNow(Playback p) {
        return stemMix.busGain(p, now);
    }

    // ------------------------------------------------------------------ events

    void emitAt(int type, long frame, long at, int cue, int other) {
        if (retired) {
            return;
        }
        int br = 0;
        int bt = 0;
        if (bed >= 0) {
            Playback b = pool[bed];
            br = (int) b.cue.tempo().barAt(b.pos) + 1;
            bt = b.cue.tempo().beatInBarAt(b.pos) + 1;
        }
        events.publish(type, frame, at, cue, other, br, bt);
    }

    // ------------------------------------------------------------------ hot reload (see Handover)

    Parameters params() {
        return params;
    }

    /** Paused and faded out: the clock holds, nothing sounds. */
    boolean frozen() {
        return paused && now >= master.end();
    }

    /**
     * Takes over from {@code old} at its frame {@code now} (the audio thread, during a hand-over): the
     * clock, pause, volume, held ducks, stinger ducks, the bus filter's state, mutes and solos, the
     * parameters' smoothed values and targets, cue positions and stinger cooldowns, each mapped by
     * name through {@code h}. Allocates nothing.
     */
    void inherit(Mixer old, Handover.Next<?> h) {
        now = old.now;
        segStart = now;
        segEnd = now;
        outputFrames = old.outputFrames;
        paused = old.paused;
        master.copy(old.master);
        for (int i = 0; i < old.held.length; i++) {
            if (h.duckMap[i] >= 0) {
                held[h.duckMap[i]].copy(old.held[i]);
            }
        }
        ducker.copy(old.ducker);
        if (busFilter != null && old.busFilter != null) {
            busFilter.copy(old.busFilter);
        }
        for (int i = 0; i < old.muted.length; i++) {
            int j = h.stemMap[i];
            if (j >= 0) {
                muted[j] = old.muted[i];
                soloed[j] = old.soloed[i];
            }
        }
        for (int c = 0; c < sheet.cues().size(); c++) {
            params.audibility(sheet.cues().get(c), muted, soloed);
        }
        params.inherit(old.params, h.paramMap, h.stemMap);
        for (int i = 0; i < old.lastPos.length; i++) {
            if (h.cueMap[i] >= 0) {
                lastPos[h.cueMap[i]] = old.lastPos[i];
            }
        }
        for (int i = 0; i < old.stingerLast.length; i++) {
            if (h.stingerMap[i] >= 0) {
                stingerLast[h.stingerMap[i]] = old.stingerLast[i];
            }
        }
        state = old.state >= 0 ? h.stateMap[old.state] : -1;
    }
}
