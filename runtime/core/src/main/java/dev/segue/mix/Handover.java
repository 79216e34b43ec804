package dev.segue.mix;

import dev.segue.control.CommandRing;
import dev.segue.control.Events;
import dev.segue.control.ParameterSlots;
import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.Curve;
import dev.segue.cue.GainCurve;
import dev.segue.cue.Stem;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hot reload on the audio thread: hands the music from the playing {@link Mixer} to a new one built
 * from a reloaded cue sheet, sample-exact, at the next bar of the playing cue (or, for a sheet custom
 * soundtracks derived, the next beat; at once in silence or while paused; never while a transition is
 * audible). A transition scheduled but not yet heard (a move queued for a song's end, a state change
 * waiting for its bar) does not hold the swap back: it is dropped from the old mixer and asked again
 * of the new one at the swap frame, by name, where the new sheet's rule places it (the same frame
 * when the rule and grid are unchanged).
 *
 * <p>Everything is prepared on another thread as a {@link Next}: the new mixer with its own pools,
 * rings and slots, and arrays that map every old index (state, cue, stinger, duck, parameter, stem)
 * to the new one by name. {@link #render} finds the swap frame F, renders the old mixer up to F, has
 * the new one {@link Mixer#inherit inherit} the old one's state at F and start its bed (the same-named
 * cue, else the current state's cue) at the old bed's position. When the bed's audio is unchanged the
 * hand-off is seamless (bit for bit); otherwise the two beds cross over 5 ms, linearly. The old mixer,
 * {@linkplain Mixer#retired retired}, keeps rendering only its tails (stingers, fades), and for at
 * least a second its command ring and parameter slots are still read and forwarded, remapped, to the
 * new mixer, so a command the game sent to the old sheet as the swap happened is not lost. Up to
 * {@value #MAX_RETIRED} retired mixers play and forward at once (oldest first, along the chain), so
 * swaps may follow each other within that second. The tails follow neither pause nor volume changes
 * made after the swap; a Segue paused at the swap drops them. A bed whose streamed stems are the same
 * files in the new sheet hands its stream voices over with it: the hand-off is seamless and reads
 * rings already filled ahead. A bed whose cue is gone gives way to the state's cue at its entry.
 *
 * <p>{@link #render} allocates nothing, takes no lock, and does no I/O.
 */
public final class Handover<O> {
    /** A prepared hand-over: made off the audio thread by {@link #prepare}. */
    public static final class Next<O> {
        final Mixer base;
        final CommandRing baseCommands;
        final ParameterSlots baseSlots;
        final Mixer mixer;
        final CommandRing commands;
        final ParameterSlots slots;
        final O owner;
        final int[] stateMap;
        final int[] cueMap;
        final int[] stingerMap;
        final int[] duckMap;
        final int[] paramMap;
        final int[] stemMap;
        /** Per old cue: its same-named new cue has the very same audio, gains and timeline. */
        final boolean[] sameAudio;
        /** Where the swap may happen on the bed's grid: {@link Grid#BAR} (a reload) or {@link Grid#BEAT}. */
        final int unit;
        /** A cue of the new sheet to move to at the swap (by the new sheet's rules), or -1. */
        final int move;
        /** The old sheet's parameter targets and volume last seen, for forwarding late writes. */
        final float[] seen;
        int seenVolume;

        private Next(Next<O> from, Mixer mixer, CommandRing commands, ParameterSlots slots, O owner, int unit,
                int move) {
            this.unit = unit;
            this.move = move;
            this.base = from == null ? mixer : from.mixer;
            this.baseCommands = from == null ? commands : from.commands;
            this.baseSlots = from == null ? slots : from.slots;
            this.mixer = mixer;
            this.commands = commands;
            this.slots = slots;
            this.owner = owner;
            CueSheet a = base.sheet;
            CueSheet b = mixer.sheet;
            stateMap = new int[a.states().size()];
            for (int i = 0; i < stateMap.length; i++) {
                stateMap[i] = b.stateIndex(a.states().get(i));
            }
            cueMap = new int[a.cues().size()];
            sameAudio = new boolean[cueMap.length];
            stemMap = new int[a.totalStems()];
            Arrays.fill(stemMap, -1);
            for (Cue c : a.cues()) {
                Cue d = b.cue(c.name());
                cueMap[c.index()] = d == null ? -1 : d.index();
                if (d == null) {
                    continue;
                }
                sameAudio[c.index()] = sameAudio(a, c, b, d);
                for (int s = 0; s < c.stems().length; s++) {
                    for (int t = 0; t < d.stems().length; t++) {
                        if (c.stems()[s].name().equals(d.stems()[t].name())) {
                            stemMap[a.stemId(c.index(), s)] = b.stemId(d.index(), t);
                        }
                    }
                }
            }
            stingerMap = new int[a.stingers().size()];
            for (int i = 0; i < stingerMap.length; i++) {
                stingerMap[i] = b.stingerIndex(a.stingers().get(i).name());
            }
            duckMap = new int[a.ducks().size()];
            for (int i = 0; i < duckMap.length; i++) {
                duckMap[i] = b.duckIndex(a.ducks().get(i).name());
            }
            paramMap = new int[a.parameters().size()];
            for (int i = 0; i < paramMap.length; i++) {
                paramMap[i] = b.parameterIndex(a.parameters().get(i).name());
            }
            seen = new float[paramMap.length];
        }

        private static boolean sameAudio(CueSheet a, Cue c, CueSheet b, Cue d) {
            if (c.length() != d.length() || c.loops() != d.loops() || c.loopStart() != d.loopStart()
                    || c.loopEnd() != d.loopEnd() || c.stems().length != d.stems().length) {
                return false;
            }
            for (int s = 0; s < c.stems().length; s++) {
                Stem x = c.stems()[s];
                Stem y = d.stems()[s];
                if (!x.name().equals(y.name()) || x.gain() != y.gain() || !sameCurve(a, x.curve(), b, y.curve())
                        || x.streamed() != y.streamed()) {
                    return false;
                }
                if (x.streamed()) {
                    // the same file decoded the same way: its stream voice can go on reading for the new cue
                    if (!x.stream().name().equals(y.stream().name()) || x.stream().frames() != y.stream().frames()
                            || x.stream().channels() != y.stream().channels()) {
                        return false;
                    }
                } else if (x.audio().channels() != y.audio().channels()
                        || !Arrays.equals(x.audio().samples(), y.audio().samples())) {
                    return false;
                }
            }
            return true;
        }

        private static boolean sameCurve(CueSheet a, GainCurve x, CueSheet b, GainCurve y) {
            if (x == null || y == null) {
                return x == y;
            }
            return a.parameters().get(x.parameter()).name().equals(b.parameters().get(y.parameter()).name())
                    && Arrays.equals(x.values(), y.values()) && Arrays.equals(x.gains(), y.gains());
        }

        /** The object the caller attached (its game-side view of the new sheet). */
        public O owner() {
            return owner;
        }
    }

    private final AtomicReference<Next<O>> pending = new AtomicReference<>();
    private volatile Next<O> active;
    /** Most hand-overs whose old mixers still play tails and forward late commands at once. */
    static final int MAX_RETIRED = 4;
    /** The retired hand-overs, oldest first (each one's new mixer is the next one's old), and since when. */
    @SuppressWarnings("unchecked")
    private final Next<O>[] retired = (Next<O>[]) new Next<?>[MAX_RETIRED];
    private final long[] retiredSince = new long[MAX_RETIRED];
    private int retiredCount;
    private final float[] scratch;
    private final int[] cmd = new int[2];

    /**
     * @param first     the mixer that plays first
     * @param commands  its command ring
     * @param slots     its parameter slots
     * @param owner     the caller's object for it (returned by {@link #owner()})
     * @param maxFrames the most frames one {@link #render} call asks for
     */
    public Handover(Mixer first, CommandRing commands, ParameterSlots slots, O owner, int maxFrames) {
        Next<O> n = new Next<>(null, first, commands, slots, owner, Grid.BAR, -1);
        active = n;
        scratch = new float[maxFrames * 2];
    }

    /** The owner of the mixer playing now: it changes on the audio thread at the swap. Any thread. */
    public O owner() {
        return active.owner;
    }

    /** The mixer playing now. Any thread. */
    public Mixer mixer() {
        return active.mixer;
    }

    /**
     * Queues {@code mixer} to take over at the next bar; replaces a hand-over still waiting. Off the
     * audio thread; the index maps are built here.
     */
    public void prepare(Mixer mixer, CommandRing commands, ParameterSlots slots, O owner) {
        prepare(mixer, commands, slots, owner, false, null);
    }

    /**
     * Queues {@code mixer} to take over at the next bar, or with {@code onBeat} at the next beat; with
     * {@code moveTo} (a cue of the new sheet, or null) the new mixer moves there at the swap, by the
     * new sheet's rule, unless a move elsewhere was already on its way (a transition the swap carries
     * over). Off the audio thread.
     *
     * @throws IllegalArgumentException if the new sheet has no cue {@code moveTo}
     */
    public void prepare(Mixer mixer, CommandRing commands, ParameterSlots slots, O owner, boolean onBeat,
            String moveTo) {
        int move = -1;
        if (moveTo != null) {
            Cue c = mixer.sheet.cue(moveTo);
            if (c == null) {
                throw new IllegalArgumentException("no cue '" + moveTo + "' in the sheet to swap in");
            }
            move = c.index();
        }
        while (true) {
            Next<O> waiting = pending.get();
            Next<O> base = active;
            Next<O> n = new Next<>(base, mixer, commands, slots, owner, onBeat ? Grid.BEAT : Grid.BAR, move);
            if (active == base && pending.compareAndSet(waiting, n)) {
                return; // if the audio thread swapped meanwhile, pending is no longer `waiting`: redo
            }
        }
    }

    /** True while a prepared hand-over waits for its bar. Any thread. */
    public boolean waiting() {
        return pending.get() != null;
    }

    /** Renders {@code frames} frames (at most maxFrames) into {@code out}, overwritten. Audio thread. */
    public void render(float[] out, int frames) {
        Next<O> n = pending.get();
        Mixer m = active.mixer;
        if (n != null && retiredCount < MAX_RETIRED && n.base == m) {
            long f = swapFrame(m, n.unit, frames);
            if (f >= 0) {
                int k = (int) (f - m.now);
                if (k > 0) {
                    m.render(out, k);
                }
                if (m.now == f && stable(m)) {
                    swap(n);
                    pending.compareAndSet(n, null);
                } // else the music did not reach F as planned (paused, a transition began): try again later
                renderRest(out, k, frames);
                return;
            }
        }
        if (n != null && n.base != m) {
            pending.compareAndSet(n, null); // prepared against a sheet no longer playing
        }
        renderRest(out, 0, frames);
    }

    private void renderRest(float[] out, int from, int frames) {
        Mixer m = active.mixer;
        int n = frames - from;
        if (n <= 0) {
            return;
        }
        for (int i = 0; i < retiredCount; i++) {
            forward(retired[i]); // oldest first: what reached a retired mixer goes along the chain to the active one
        }
        if (from == 0) {
            m.render(out, n);
        } else {
            m.render(scratch, n);
            System.arraycopy(scratch, 0, out, from * 2, n * 2);
        }
        for (int r = 0; r < retiredCount; r++) {
            Mixer old = retired[r].base;
            old.render(scratch, n);
            for (int i = 0; i < n * 2; i++) {
                out[from * 2 + i] += scratch[i];
            }
            // done once its tails have ended (or it is paused: it reads no RESUME, they would never end)
            if ((!anyActive(old) || old.frozen()) && old.outputFrames() - retiredSince[r] >= old.sheet.sampleRate()) {
                drop(r); // the garbage is collected off the audio thread
                r--;
            }
        }
    }

    private void drop(int r) {
        for (int i = r; i + 1 < retiredCount; i++) {
            retired[i] = retired[i + 1];
            retiredSince[i] = retiredSince[i + 1];
        }
        retiredCount--;
        retired[retiredCount] = null;
    }

    /** Commands and parameter writes that still reached the old sheet go on to the new one, remapped. */
    private void forward(Next<O> r) {
        while (r.baseCommands.poll(cmd)) {
            int arg = remap(r, cmd[0], cmd[1]);
            if (arg >= 0) {
                r.commands.offer(cmd[0], arg);
            }
        }
        for (int i = 0; i < r.seen.length; i++) {
            float v = r.baseSlots.get(i);
            if (Float.floatToRawIntBits(v) != Float.floatToRawIntBits(r.seen[i])) {
                r.seen[i] = v;
                if (r.paramMap[i] >= 0) {
                    r.slots.set(r.paramMap[i], v);
                }
            }
        }
        int vol = r.base.params().volumeBits();
        if (vol != r.seenVolume) {
            r.seenVolume = vol;
            r.mixer.setVolume(Float.intBitsToFloat(vol));
        }
    }

    /** An old-sheet command argument in the new sheet's indices, or -1 if its target is gone. */
    private static int remap(Next<?> r, int type, int arg) {
        switch (type) {
            case CommandRing.SET_STATE:
                return r.stateMap[arg];
            case CommandRing.GOTO_CUE:
                return r.cueMap[arg];
            case CommandRing.STINGER:
                return r.stingerMap[arg];
            case CommandRing.DUCK: {
                int d = r.duckMap[arg >> 1];
                return d < 0 ? -1 : d << 1 | (arg & 1);
            }
            case CommandRing.MUTE:
            case CommandRing.SOLO: {
                int s = r.stemMap[arg >> 1];
                return s < 0 ? -1 : s << 1 | (arg & 1);
            }
            default:
                return arg;
        }
    }

    private static boolean anyActive(Mixer m) {
        for (Playback p : m.pool) {
            if (p.active) {
                return true;
            }
        }
        return false;
    }

    /**
     * Nothing in flight: no transition audible yet (one pending that has not begun to change the sound
     * is carried over to the new mixer), no outgoing cue, the bed's own fade done.
     */
    private static boolean stable(Mixer m) {
        if ((m.transitions().pending && !m.transitions().unheard()) || m.anyOutgoing()) {
            return false;
        }
        if (m.bed < 0) {
            return true;
        }
        Envelope e = m.pool[m.bed].env;
        // its fade done; with a transition not yet heard, the bed's fade-out is only planned (it starts
        // later): a fade-in already over (a song entered with a fade, its exit queued) holds nothing back
        return e.end() <= m.now || (m.transitions().pending && (e.start > m.now || e.restingAt(m.now)));
    }

    /** The frame of this block to swap on, or -1 if not in it. */
    private static long swapFrame(Mixer m, int unit, int frames) {
        if (!stable(m)) {
            return -1;
        }
        if (m.frozen() || m.bed < 0) {
            return m.now;
        }
        Playback b = m.pool[m.bed];
        if (!b.sounding) {
            return -1;
        }
        long d = Grid.untilPoint(b.cue, b.pos, b.loopsNow(m.now), unit, null, false);
        return d >= 0 && d < frames ? m.now + d : -1;
    }

    /** The swap at frame {@code old.now}. */
    private void swap(Next<O> n) {
        Mixer old = n.base;
        Mixer m = n.mixer;
        int carried = -2; // the destination of a transition not yet heard, carried over; -2 for none
        if (old.transitions().pending) {
            int to = old.transitions().pendingCue();
            carried = to < 0 ? -1 : n.cueMap[to] >= 0 ? n.cueMap[to] : -2;
            old.transitions().cancelUnheard();
        }
        m.inherit(old, n);
        int bedCue = -1;
        if (old.bed >= 0) {
            Playback ob = old.pool[old.bed];
            int c = n.cueMap[ob.cue.index()];
            boolean same = c >= 0;
            if (c < 0 && m.state >= 0) {
                c = m.sheet.stateCue(m.state);
            }
            // the same-named cue goes on where it was; another cue (the bed's is gone) starts at its entry
            long pos = c < 0 ? -1 : same ? positionIn(m.sheet.cues().get(c), ob.pos) : m.sheet.cues().get(c).entry();
            boolean seamless = pos >= 0 && same && n.sameAudio[ob.cue.index()] && voicesBound(ob);
            float g = ob.env.gain(old.now);
            if (pos >= 0) {
                int i = m.alloc();
                Playback p = m.pool[i];
                p.start(m.sheet.cues().get(c), Playback.BED, old.now, pos);
                p.looping = ob.looping && p.looping;
                p.sounding = true;
                if (seamless) {
                    adoptVoices(ob, p);
                    p.env.copy(ob.env);
                    if (!old.frozen()) { // at a bar: a segment edge, where each stem's next gain is exact
                        System.arraycopy(ob.nextGain, 0, p.nextGain, 0, p.nextGain.length);
                        p.stemGainSet = ob.stemGainSet;
                    }
                } else {
                    p.env.ramp(old.now, old.minFade, 0f, g, Curve.LINEAR);
                }
                m.bed = i;
                bedCue = c;
            }
            if (seamless) {
                ob.active = false;
            } else {
                ob.env.ramp(old.now, old.minFade, g, 0f, Curve.LINEAR);
                ob.stopAt = old.now + old.minFade;
            }
            old.bed = -1;
        }
        old.retired = true;
        for (int i = 0; i < n.seen.length; i++) {
            n.seen[i] = n.baseSlots.get(i);
        }
        n.seenVolume = old.params().volumeBits();
        m.emitAt(Events.RELOADED, m.now, 0, bedCue, -1);
        if (n.move >= 0 && (carried == -2 || carried == n.move)) {
            carried = n.move;
        }
        if (carried != -2) {
            m.transitions().request(carried); // on the new sheet's grid and rule, from the swap frame
        }
        retiredSince[retiredCount] = old.outputFrames();
        retired[retiredCount++] = n;
        active = n;
    }

    /** Whether every streamed stem of {@code p} has its voice (one may have found none free). */
    private static boolean voicesBound(Playback p) {
        if (p.voicesFor != p.generation) {
            return !anyStreamed(p);
        }
        for (int s = 0; s < p.cue.stems().length; s++) {
            if (p.cue.stems()[s].streamed() && p.voices[s] == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyStreamed(Playback p) {
        for (var st : p.cue.stems()) {
            if (st.streamed()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The new bed reads the old bed's stream voices (the same files, at the same position): their
     * rings are already filled ahead, so the hand-over neither waits for the streamer nor misses a frame.
     */
    private static void adoptVoices(Playback from, Playback to) {
        if (from.voicesFor != from.generation) {
            return; // nothing bound yet: the new playback binds its own
        }
        for (int s = 0; s < from.cue.stems().length; s++) {
            to.voices[s] = from.voices[s];
            from.voices[s] = null;
        }
        from.voicesFor = -1;
        to.voicesFor = to.generation;
    }

    /** Where a bed at old position {@code pos} goes on in {@code c}: wrapped into its loop, or -1 past its end. */
    private static long positionIn(Cue c, long pos) {
        if (pos < c.length() && (!c.loops() || pos < c.loopEnd())) {
            return pos;
        }
        if (c.loops() && c.loopEnd() > c.loopStart()) {
            return c.loopStart() + (pos - c.loopStart()) % (c.loopEnd() - c.loopStart());
        }
        return -1;
    }
}
