package dev.segue;

import dev.segue.control.CommandRing;
import dev.segue.control.EventRing;
import dev.segue.control.Events;
import dev.segue.cue.CueSheet;
import dev.segue.cue.CueSheetLoader;
import dev.segue.cue.Parameter;
import dev.segue.cue.Stinger;
import dev.segue.mix.Handover;
import dev.segue.output.AudioOutput;
import dev.segue.output.SilentOutput;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Segue: adaptive music for a game. Build one from a cue sheet, tell it what the game is doing, and
 * call {@link #update()} once a frame to receive its events.
 *
 * <pre>{@code
 * Segue music = Segue.builder().cueSheet(Path.of("music/score.cues.json")).build();
 * music.addListener(e -> { if (e.type() == SegueEvent.Type.BAR) flashTheLights(); });
 * music.setState("explore");
 * music.setParameter("intensity", 0.7f);
 * // each frame:
 * music.update();
 * }</pre>
 *
 * <p>{@code setState}, {@code setParameter}, {@code trigger}, {@code playStinger}, {@code pause},
 * {@code resume} and {@code position} may be called from any thread; they never block. Listeners run
 * on whichever thread calls {@code update()}.
 */
public final class Segue implements AutoCloseable {
    private final Handover handover;
    /** The engine whose events {@link #update()} read last (the one before a swap, until drained). */
    private Engine seen;
    private final Builder config;
    private final Reloader reloader;
    private final boolean offline;
    private final int blockFrames;
    private final List<SegueListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<SegueEvent> local = new ConcurrentLinkedQueue<>();
    private final EventRing.Slot slot = new EventRing.Slot();
    private final Object updateLock = new Object();
    private final AudioOutput output;
    private final Thread audioThread;
    private volatile boolean running = true;
    private volatile Throwable audioFailure;

    private Segue(Builder b) {
        CueSheet sheet = CueSheetLoader.load(Objects.requireNonNull(b.sheet, "cueSheet(path) is required"), b.sampleRate);
        this.config = b;
        Engine first = new Engine(sheet, b.commandCapacity, b.eventCapacity, b.maxPlaybacks);
        this.handover = new Handover(first.mixer, first.commands, first.params, first, Math.max(b.blockFrames, 1 << 14));
        this.seen = first;
        this.reloader = new Reloader(this, b.sheet, sheet);
        this.offline = b.offline;
        this.blockFrames = b.blockFrames;
        if (offline) {
            output = null;
            audioThread = null;
        } else {
            output = b.output != null ? b.output : new SilentOutput();
            audioThread = new Thread(this::audioLoop, "segue-audio");
            audioThread.setDaemon(true);
            audioThread.setPriority(Thread.MAX_PRIORITY);
            try {
                output.open(sheet.sampleRate(), blockFrames);
            } catch (Exception e) {
                throw new IllegalStateException("cannot open audio output " + output.name() + ": " + e.getMessage(), e);
            }
            audioThread.start();
        }
        if (b.watch) {
            reloader.startWatching();
        }
    }

    /** The engine the game talks to now: it changes when a hot reload takes over. */
    private Engine engine() {
        return (Engine) handover.owner();
    }

    /** Starts building a Segue. */
    public static Builder builder() {
        return new Builder();
    }

    private void audioLoop() {
        float[] block = new float[blockFrames * 2];
        try {
            while (running) {
                handover.render(block, blockFrames);
                output.write(block, blockFrames);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            audioFailure = t;
        }
    }

    // ------------------------------------------------------------------ game → music

    /**
     * Tells Segue the game is now in {@code state}; the music moves to that state's cue following the
     * sheet's transition rules.
     *
     * @return false if the state is unknown or the command queue is full (an ERROR event follows)
     */
    public boolean setState(String state) {
        Engine e = engine();
        int i = e.sheet.stateIndex(state);
        if (i < 0) {
            return localError(null, "unknown state '" + state + "'; the sheet has " + e.sheet.states());
        }
        return send(e, CommandRing.SET_STATE, i);
    }

    /**
     * Sets a parameter; the music follows smoothly. Values are clamped to the parameter's range.
     * Latest value wins: calling this every frame is fine.
     *
     * @return false if no such parameter (an ERROR event follows)
     */
    public boolean setParameter(String name, float value) {
        Engine e = engine();
        int i = e.sheet.parameterIndex(name);
        if (i < 0) {
            return localError(null, "unknown parameter '" + name + "'");
        }
        e.params.set(i, value);
        return true;
    }

    /**
     * Moves the music to {@code cue} directly, ignoring states, through the same transition rules.
     *
     * @return false if no such cue or the command queue is full
     */
    public boolean trigger(String cue) {
        Engine e = engine();
        var c = e.sheet.cue(cue);
        if (c == null) {
            return localError(null, "unknown cue '" + cue + "'");
        }
        return send(e, CommandRing.GOTO_CUE, c.index());
    }

    /**
     * Plays a stinger over the music, on its next beat or bar as the sheet says.
     *
     * @return false if no such stinger or the command queue is full
     */
    public boolean playStinger(String name) {
        Engine e = engine();
        int i = e.sheet.stingerIndex(name);
        if (i < 0) {
            return localError(null, "unknown stinger '" + name + "'");
        }
        return send(e, CommandRing.STINGER, i);
    }

    /** Fades the music out quickly and holds its position. */
    public void pause() {
        send(engine(), CommandRing.PAUSE, 0);
    }

    /** Resumes from where {@link #pause()} held, fading back in. */
    public void resume() {
        send(engine(), CommandRing.RESUME, 0);
    }

    /**
     * Holds the named duck (from the sheet's {@code ducks}) on or lets it go: while held the music,
     * all but stingers, is lowered with the duck's attack and comes back over its release. Use it for
     * dialogue lines and pause menus. Ducks held together do not add up: the deepest wins.
     *
     * @return false if the sheet has no such duck or the command queue is full
     */
    public boolean duck(String name, boolean on) {
        Engine e = engine();
        int i = e.sheet.duckIndex(name);
        if (i < 0) {
            return localError(null, "unknown duck '" + name + "'; the sheet has "
                    + e.sheet.ducks().stream().map(d -> d.name()).toList());
        }
        return send(e, CommandRing.DUCK, i << 1 | (on ? 1 : 0));
    }

    /**
     * Sets the master volume, linear (1 = as mixed, 0 = silent, up to 4), followed smoothly over
     * about 50 ms. Any thread.
     */
    public void setVolume(float linear) {
        Engine e = engine();
        if (!(linear >= 0 && linear <= 4)) {
            throw new IllegalArgumentException("volume " + linear + " outside 0..4");
        }
        e.mixer.setVolume(linear);
    }

    /**
     * Mutes or unmutes one stem of a cue (ramped, click-free), for auditioning a mix.
     *
     * @return false if there is no such cue or stem
     */
    public boolean setStemMute(String cue, String stem, boolean mute) {
        Engine e = engine();
        return stemFlag(e, CommandRing.MUTE, e.muted, cue, stem, mute);
    }

    /**
     * Solos or unsolos one stem of a cue: while any stem of a cue is soloed, only its soloed stems
     * sound (mutes still apply).
     *
     * @return false if there is no such cue or stem
     */
    public boolean setStemSolo(String cue, String stem, boolean solo) {
        Engine e = engine();
        return stemFlag(e, CommandRing.SOLO, e.soloed, cue, stem, solo);
    }

    private boolean stemFlag(Engine e, int command, boolean[] flags, String cue, String stem, boolean on) {
        var c = e.sheet.cue(cue);
        int s = -1;
        if (c != null) {
            for (int i = 0; i < c.stems().length; i++) {
                if (c.stems()[i].name().equals(stem)) {
                    s = i;
                }
            }
        }
        if (s < 0) {
            return localError(cue, c == null ? "unknown cue '" + cue + "'" : "cue '" + cue + "' has no stem '" + stem + "'");
        }
        int id = e.sheet.stemId(c.index(), s);
        flags[id] = on;
        return send(e, command, id << 1 | (on ? 1 : 0));
    }

    private boolean send(Engine e, int type, int arg) {
        if (!e.commands.offer(type, arg)) {
            return localError(null, "command queue full: the game sent more commands than the audio thread read");
        }
        return true;
    }

    private boolean localError(String cue, String message) {
        Engine e = engine();
        long[] p = new long[4];
        e.mixer.position(p);
        local.add(new SegueEvent(SegueEvent.Type.ERROR, p[0], p[0] / (double) e.sheet.sampleRate(), 0, 0, cue, null, 0,
                message));
        return false;
    }

    // ------------------------------------------------------------------ music → game

    /** Where the music is now. Safe from any thread. */
    public Position position() {
        Engine e = engine();
        long[] p = new long[4];
        e.mixer.position(p);
        String cue = p[1] >= 0 ? e.sheet.cues().get((int) p[1]).name() : null;
        return new Position(p[0], p[0] / (double) e.sheet.sampleRate(), cue == null ? 0 : (int) p[2] + 1,
                cue == null ? 0 : (int) p[3] + 1, cue);
    }

    /**
     * What is sounding now, with a level meter per stem, and the transition in flight: what a
     * composer preview draws. Any thread; allocates the returned copy.
     */
    public Snapshot snapshot() {
        Engine e = engine();
        Position p = position();
        var v = e.view;
        java.util.List<Snapshot.Voice> voices = new java.util.ArrayList<>();
        Snapshot.Pending pending = null;
        synchronized (v) {
            e.mixer.monitor().read(v);
            for (int i = 0; i < v.count; i++) {
                var c = e.sheet.cues().get(v.cue[i]);
                int n = c.stems().length;
                float[] db = new float[n];
                boolean[] mu = new boolean[n];
                boolean[] so = new boolean[n];
                for (int s = 0; s < n; s++) {
                    db[s] = (float) (20 * Math.log10(v.peak[i][s]));
                    mu[s] = e.muted[e.sheet.stemId(c.index(), s)];
                    so[s] = e.soloed[e.sheet.stemId(c.index(), s)];
                }
                voices.add(new Snapshot.Voice(c.name(), ROLES[Math.max(0, Math.min(ROLES.length - 1, v.role[i]))],
                        v.pos[i], v.gain[i], db, mu, so));
            }
            if (v.pending) {
                int bar = 0;
                int beat = 0;
                if (v.from >= 0 && v.landingPos >= 0) {
                    var t = e.sheet.cues().get(v.from).tempo();
                    bar = (int) t.barAt(v.landingPos) + 1;
                    beat = t.beatInBarAt(v.landingPos) + 1;
                }
                pending = new Snapshot.Pending(cueName(e, v.from), cueName(e, v.to), v.landing, bar, beat, v.fadeOutStart,
                        v.fadeOutLength, curveName(v.fadeOutCurve), v.fadeInStart, v.fadeInLength,
                        curveName(v.fadeInCurve), cueName(e, v.bridge));
            }
        }
        return new Snapshot(p.frame(), p.cue(), p.bar(), p.beat(), java.util.List.copyOf(voices), pending);
    }

    private static String curveName(int ordinal) {
        return switch (dev.segue.cue.Curve.values()[ordinal]) {
            case LINEAR -> "linear";
            case EQUAL_POWER -> "equalPower";
            case S_CURVE -> "sCurve";
            case EXPONENTIAL -> "exponential";
        };
    }

    /**
     * The timeline of {@code cue}: sections, markers and its bar and beat grid, in frames.
     *
     * @return null if there is no such cue
     */
    public CueInfo cueInfo(String cue) {
        Engine e = engine();
        var c = e.sheet.cue(cue);
        if (c == null) {
            return null;
        }
        var t = c.tempo();
        java.util.List<Long> bars = new java.util.ArrayList<>();
        java.util.List<Long> beats = new java.util.ArrayList<>();
        for (long bar = 0; t.frameOfBar(bar) <= c.length(); bar++) {
            bars.add(t.frameOfBar(bar));
        }
        for (long f = 0; f <= c.length(); f = t.nextBeat(f + 1)) {
            beats.add(f);
        }
        java.util.Map<String, Long> markers = new java.util.LinkedHashMap<>();
        for (var m : c.markers()) {
            markers.put(m.name(), m.frame());
        }
        return new CueInfo(c.name(), c.length(), c.loops() ? c.loopStart() : -1, c.loops() ? c.loopEnd() : -1,
                c.entry(), c.exitCues().clone(), java.util.Arrays.stream(c.stems()).map(s -> s.name()).toList(),
                java.util.Collections.unmodifiableMap(markers), bars.stream().mapToLong(Long::longValue).toArray(),
                beats.stream().mapToLong(Long::longValue).toArray());
    }

    /** Names of the sheet's named ducks, in sheet order. */
    public List<String> ducks() {
        Engine e = engine();
        return e.sheet.ducks().stream().map(d -> d.name()).toList();
    }

    /** Adds a listener; it receives events from the next {@link #update()} on. */
    public void addListener(SegueListener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    public void removeListener(SegueListener l) {
        listeners.remove(l);
    }

    /**
     * Delivers the events that happened since the last call to the listeners, in order, on this
     * thread. Call it once per game frame.
     */
    public void update() {
        synchronized (updateLock) {
            SegueEvent e;
            while ((e = local.poll()) != null) {
                dispatch(e);
            }
            Engine now = engine();
            if (now != seen) {
                drainSince(seen, now.previous); // what the old sheets said before their swaps, in order
                now.previous = null;
                seen = now;
            }
            drain(now);
            Throwable t = audioFailure;
            if (t != null) {
                audioFailure = null;
                dispatch(new SegueEvent(SegueEvent.Type.ERROR, now.mixer.musicFrame(), 0, 0, 0, null, null, 0,
                        "the audio thread failed: " + t));
            }
        }
    }

    /** Drains {@code last} and the engines between it and {@code e}, oldest first. */
    private void drainSince(Engine last, Engine e) {
        if (e != null && e != last) {
            drainSince(last, e.previous);
            e.previous = null;
        }
        drain(e != null ? e : last);
    }

    private void drain(Engine e) {
        while (e.events.poll(slot)) {
            dispatch(toEvent(e, slot));
        }
        long dropped = e.events.takeDropped();
        if (dropped > 0) {
            dispatch(new SegueEvent(SegueEvent.Type.ERROR, e.mixer.musicFrame(), 0, 0, 0, null, null, 0,
                    dropped + " events were dropped: call update() more often or raise eventCapacity"));
        }
    }

    private void dispatch(SegueEvent e) {
        for (SegueListener l : listeners) {
            l.onEvent(e);
        }
    }

    private SegueEvent toEvent(Engine e, EventRing.Slot s) {
        SegueEvent.Type type = SegueEvent.Type.values()[s.type];
        String cue = cueName(e, s.cue);
        String other = null;
        String message = null;
        switch (s.type) {
            case Events.TRANSITION_SCHEDULED, Events.TRANSITION_DONE -> other = cueName(e, s.other);
            case Events.MARKER -> other = e.sheet.cue(cue).markers()[s.other].name();
            case Events.STINGER -> other = e.sheet.stingers().get(s.other).name();
            case Events.STINGER_SKIPPED -> {
                Stinger st = e.sheet.stingers().get(s.other);
                other = st.name();
                message = s.at == Events.SKIP_COOLDOWN ? "still cooling down" : "no free playback slot";
            }
            case Events.STATE -> other = e.sheet.states().get(s.other);
            case Events.ERROR -> message = switch ((int) s.at) {
                case Events.ERR_VOICES_FULL -> "all " + s.other + " playback slots are busy; a cue or stinger was dropped"
                        + " (raise maxPlaybacks)";
                case Events.ERR_NO_MARKER -> "no marker reachable in " + cue + "; the transition to " + cueName(e, s.other)
                        + " landed on the next bar instead";
                default -> "error " + s.at;
            };
            case Events.CUE_STARTED, Events.CUE_ENDED -> other = ROLES[Math.max(0, Math.min(ROLES.length - 1, s.other))];
            default -> {
            }
        }
        long at = s.type == Events.TRANSITION_SCHEDULED ? s.at : 0;
        return new SegueEvent(type, s.frame, s.frame / (double) e.sheet.sampleRate(), s.bar, s.beat, cue, other, at, message);
    }

    private static final String[] ROLES = {"bed", "outgoing", "bridge", "stinger", "outro"};

    private static String cueName(Engine e, int index) {
        return index >= 0 && index < e.sheet.cues().size() ? e.sheet.cues().get(index).name() : null;
    }

    // ------------------------------------------------------------------ hot reload

    /**
     * Reads the cue sheet file again, with every stem it names, checks it, and if it is sound queues
     * it to take over at the next bar of the playing cue (at once in silence or while paused; after a
     * transition in flight has landed). The swap is sample-exact and click-free: the music goes on at
     * the same position in the same-named cue (else the current state's cue), with the game state,
     * parameters, held ducks, mutes, solos, volume and pause carried over by name; stingers and fades
     * already sounding play out. A {@link SegueEvent.Type#RELOADED} event gives the frame it took over.
     *
     * <p>If the sheet has errors nothing changes, the old sheet keeps playing, and an
     * {@link SegueEvent.Type#ERROR} event names the file and lists every error with its JSON path.
     *
     * <p>It decodes the stems on the calling thread (a real-time Segue keeps playing meanwhile); a
     * composer preview may call it from a button, or let {@link Builder#watch(boolean)} call it on
     * every save. On an offline Segue the swap happens inside a later {@link #render}, deterministically.
     *
     * @return every problem found, each {@code json.path: sentence}; empty when the sheet was accepted
     */
    public List<String> reload() {
        return reloader.reload();
    }

    /**
     * The problems of the last reload that failed, each {@code json.path: sentence}, for a preview to
     * show; empty when the last reload was accepted (or none happened). Any thread.
     */
    public List<String> lastReloadErrors() {
        return reloader.lastErrors();
    }

    /** A reloaded sheet passed: queue its engine for the audio thread. */
    void prepared(CueSheet sheet) {
        Engine old = engine();
        Engine e = new Engine(sheet, config.commandCapacity, config.eventCapacity, config.maxPlaybacks);
        e.flagsFrom(old);
        e.previous = old;
        handover.prepare(e.mixer, e.commands, e.params, e);
    }

    /** A reload failed: an ERROR event naming the file and every problem. */
    void reloadFailed(Path file, List<String> errors) {
        localError(null, "cannot reload " + file + "; the old sheet keeps playing. " + errors.size()
                + (errors.size() == 1 ? " error:" : " errors:") + "\n  " + String.join("\n  ", errors));
    }

    // ------------------------------------------------------------------ offline

    /**
     * Renders the next {@code frames} frames of music into {@code interleavedStereo} (overwritten).
     * Only for Segues built with {@link Builder#offline()}; call it from one thread.
     *
     * @throws IllegalStateException on a real-time Segue
     */
    public void render(float[] interleavedStereo, int frames) {
        if (!offline) {
            throw new IllegalStateException("render() is for offline Segues; this one plays in real time");
        }
        int done = 0;
        while (done < frames) {
            int n = Math.min(frames - done, 1 << 14);
            if (done == 0) {
                handover.render(interleavedStereo, n);
            } else {
                renderInto(interleavedStereo, done, n);
            }
            done += n;
        }
    }

    private float[] scratch;

    private void renderInto(float[] out, int offset, int n) {
        if (scratch == null || scratch.length < n * 2) {
            scratch = new float[n * 2];
        }
        handover.render(scratch, n);
        System.arraycopy(scratch, 0, out, offset * 2, n * 2);
    }

    /** The mixer rate in frames per second. */
    public int sampleRate() {
        Engine e = engine();
        return e.sheet.sampleRate();
    }

    /** The music clock in frames (same as {@code position().frame()}). */
    public long frame() {
        return position().frame();
    }

    /** Names of the sheet's game states, in sheet order. */
    public List<String> states() {
        Engine e = engine();
        return e.sheet.states();
    }

    /** Names of the sheet's cues, in sheet order. */
    public List<String> cues() {
        Engine e = engine();
        return e.sheet.cues().stream().map(c -> c.name()).toList();
    }

    /** Names of the sheet's stingers, in sheet order. */
    public List<String> stingers() {
        Engine e = engine();
        return e.sheet.stingers().stream().map(Stinger::name).toList();
    }

    /** Names of the sheet's parameters, in sheet order. */
    public List<String> parameters() {
        Engine e = engine();
        return e.sheet.parameters().stream().map(Parameter::name).toList();
    }

    /** The output's name, or "offline". */
    public String outputName() {
        return output == null ? "offline" : output.name();
    }

    /** Stops the audio thread and releases the output. Events not yet dispatched are discarded. */
    @Override
    public void close() {
        reloader.stop();
        running = false;
        if (audioThread != null) {
            audioThread.interrupt();
            try {
                audioThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            output.close();
        }
    }

    /** Builds a {@link Segue}. */
    public static final class Builder {
        private Path sheet;
        private int sampleRate = 48_000;
        private int blockFrames = 256;
        private boolean offline;
        private int maxPlaybacks = 16;
        private int commandCapacity = 256;
        private int eventCapacity = 4096;
        private AudioOutput output;
        private boolean watch;

        private Builder() {
        }

        /** The cue sheet to play (required). */
        public Builder cueSheet(Path sheet) {
            this.sheet = sheet;
            return this;
        }

        /** The mixer rate; default 48000. Stems must be at this rate. */
        public Builder sampleRate(int hz) {
            if (hz < 8000 || hz > 384_000) {
                throw new IllegalArgumentException("sample rate " + hz + " outside 8000..384000");
            }
            this.sampleRate = hz;
            return this;
        }

        /** Frames per block the audio thread renders; default 256 (5.3 ms at 48 kHz). */
        public Builder blockFrames(int frames) {
            if (frames < 16 || frames > 16384) {
                throw new IllegalArgumentException("block of " + frames + " frames outside 16..16384");
            }
            this.blockFrames = frames;
            return this;
        }

        /** No audio thread: the caller pulls audio with {@link Segue#render}, as fast as it likes. */
        public Builder offline() {
            this.offline = true;
            return this;
        }

        /** Plays in real time on the silent output (no device): the clock and events still run. */
        public Builder silentOutput() {
            this.output = new SilentOutput();
            return this;
        }

        /** How many cue playbacks may sound at once (bed, outgoing, bridges, stingers); default 16. */
        public Builder maxPlaybacks(int n) {
            if (n < 2 || n > 256) {
                throw new IllegalArgumentException("maxPlaybacks " + n + " outside 2..256");
            }
            this.maxPlaybacks = n;
            return this;
        }

        /**
         * Hot reload: watch the cue sheet and every stem file it names, and {@link Segue#reload()} on
         * each change (a save is read once it has settled, within about half a second). Default off.
         * {@link Segue#close()} stops the watcher thread.
         */
        public Builder watch(boolean on) {
            this.watch = on;
            return this;
        }

        /** Capacity of the audio → game event queue; default 4096. */
        public Builder eventCapacity(int n) {
            this.eventCapacity = Math.max(16, n);
            return this;
        }

        /**
         * Loads the sheet and its audio, and starts the audio thread (unless offline).
         *
         * @throws CueSheetException listing every problem in the sheet
         */
        public Segue build() {
            return new Segue(this);
        }
    }
}
