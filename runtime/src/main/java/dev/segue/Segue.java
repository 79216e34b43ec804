package dev.segue;

import dev.segue.control.CommandRing;
import dev.segue.control.EventRing;
import dev.segue.control.Events;
import dev.segue.cue.CueSheet;
import dev.segue.cue.CueSheetLoader;
import dev.segue.cue.DecodedStems;
import dev.segue.cue.Parameter;
import dev.segue.cue.Stinger;
import dev.segue.mix.Handover;
import dev.segue.decode.StreamedPcm;
import dev.segue.decode.Streamer;
import dev.segue.mix.Mixer;
import dev.segue.output.AudioOutput;
import dev.segue.output.OpenAl;
import dev.segue.output.OutputDriver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

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
    /**
     * OpenAL Soft's mixing period Segue asks for by default, in frames at 48 kHz: 384 (8 ms). See
     * {@link Builder#devicePeriod(int, int)}.
     */
    public static final int DEFAULT_PERIOD_FRAMES = 384;
    /** Periods in OpenAL Soft's device buffer Segue asks for by default: 3 (24 ms in all). */
    public static final int DEFAULT_PERIODS = 3;

    private final Handover handover;
    /** The engine whose events {@link #update()} read last (the one before a swap, until drained). */
    private Engine seen;
    private final Builder config;
    private final Reloader reloader;
    private final boolean offline;
    private final int blockFrames;
    private final List<SegueListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<SegueEvent> local = new ConcurrentLinkedQueue<>();
    /** Set while custom soundtracks play: a score reload that passed runs it instead of swapping the score in. */
    private volatile Runnable scoreReloaded;
    /** Work other threads hand to the game thread (custom soundtracks: rebuild once an analysis ends). */
    private final ConcurrentLinkedQueue<Runnable> onUpdate = new ConcurrentLinkedQueue<>();
    private final EventRing.Slot slot = new EventRing.Slot();
    private final Object updateLock = new Object();
    private final OutputDriver driver;
    /** Streams the long stems, or null when every stem is in memory (shared by reloaded sheets). */
    private final Streamer streamer;
    private final int streamRing;
    /** Stems decoded by this Segue's loads: a reload or a derived sheet decodes only what changed. */
    private final DecodedStems decoded = new DecodedStems();
    /**
     * Custom soundtracks' derived sheets: loaded by the {@code segue-songs} worker on a real-time Segue
     * (so a song's start or a skip costs the game thread no decode), at once on an offline one.
     */
    private final DerivedLoads derivedLoads;

    private Segue(Builder b) {
        this.config = b;
        this.streamRing = (int) Math.round(b.streamBufferSeconds * b.sampleRate);
        CueSheet sheet = load(b.sheet);
        this.streamer = streamer(b, sheet, streamRing);
        Engine first = new Engine(sheet, b.commandCapacity, b.eventCapacity, b.maxPlaybacks, streamer);
        this.handover = new Handover(first.mixer, first.commands, first.params, first, Math.max(b.blockFrames, 1 << 14));
        this.seen = first;
        this.reloader = new Reloader(this, b.sheet, sheet);
        this.offline = b.offline;
        this.blockFrames = b.blockFrames;
        this.derivedLoads = new DerivedLoads(this::loadDerived, (s, onBeat, moveTo) -> prepared(s, true, onBeat, moveTo),
                onUpdate::add, offline);
        if (offline) {
            driver = null;
        } else {
            if (!b.silent && b.output == null) {
                OpenAl.configure(b.periodFrames, b.periods); // before the audio thread opens the device; see devicePeriod
            }
            Supplier<AudioOutput> device = b.silent ? null
                    : b.output != null ? b.output : b.callback ? OpenAl.callbackOutput(b.deviceName, b.queueBuffers)
                    : OpenAl.output(b.deviceName, b.queueBuffers);
            driver = new OutputDriver(handover::render, sheet.sampleRate(), blockFrames, device, b.retryMillis);
            driver.start();
        }
        if (streamer != null && (!b.offline || b.pull)) {
            streamer.start(); // once the output has opened: a failed open leaves no thread behind
        }
        if (b.watch) {
            reloader.startWatching();
        }
    }

    /** Loads {@code file} with this Segue's rate and streaming settings (also used by hot reload). */
    CueSheet load(Path file) {
        Builder b = config;
        return CueSheetLoader.load(Objects.requireNonNull(file, "cueSheet(path) is required"), b.sampleRate,
                b.streamThresholdSeconds >= 1e6 ? Long.MAX_VALUE : Math.round(b.streamThresholdSeconds * b.sampleRate),
                streamRing / 2, decoded);
    }

    /**
     * The streamer for the sheet's streamed stems (null if none): voices for each playback that may
     * sound at once, with room for a reloaded sheet's playbacks beside the old one's tails.
     */
    private Streamer streamer(Builder b, CueSheet sheet, int ring) {
        int most = 0;
        for (var c : sheet.cues()) {
            int n = 0;
            for (var st : c.stems()) {
                n += st.streamed() ? 1 : 0;
            }
            most = Math.max(most, n);
        }
        if (most == 0 && b.streamVoices <= 0) {
            return null; // nothing streams (custom-soundtrack songs need streamVoices set, see CustomMusic)
        }
        int voices = b.streamVoices > 0 ? b.streamVoices : Math.min(256, 4 * most);
        return new Streamer(voices, ring, b.offline && !b.pull, this::streamFailed);
    }

    /** The streamer reloaded sheets share, or null. */
    Streamer streamer() {
        return streamer;
    }

    private void streamFailed(String cue, String stem, StreamedPcm file, long frame, IOException e) {
        local.add(new SegueEvent(SegueEvent.Type.ERROR, frame, frame / (double) sampleRate(), 0, 0, cue, null, 0,
                "stem '" + stem + "' of cue '" + cue + "' stopped streaming: " + e.getMessage()
                        + "; it plays silence while the rest of the music goes on"));
    }

    /** The engine the game talks to now: it changes when a hot reload takes over. */
    private Engine engine() {
        return (Engine) handover.owner();
    }

    /** Starts building a Segue. */
    public static Builder builder() {
        return new Builder();
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
        posted();
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
        posted();
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
        posted();
        return true;
    }

    /** A command was just posted: its latency to the output is measured from now. */
    private void posted() {
        if (driver != null) {
            driver.latency().called(System.nanoTime());
        }
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
     * composer preview draws. Any thread; allocates the returned copy. The stem meters start with the
     * first call (they cost the audio thread a read of every sample, so a game that never looks does
     * not pay for them): the first snapshot's meters read silence.
     */
    public Snapshot snapshot() {
        Engine e = engine();
        e.mixer.meter(true); // the meters cost a read of every sample, so they run once someone looks
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
            Runnable r;
            while ((r = onUpdate.poll()) != null) {
                r.run();
            }
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
            OutputDriver.Notice n;
            while (driver != null && (n = driver.pollNotice()) != null) {
                dispatch(new SegueEvent(SegueEvent.Type.OUTPUT, now.mixer.musicFrame(),
                        now.mixer.musicFrame() / (double) now.sheet.sampleRate(), 0, 0, null, n.device(), 0, n.message()));
            }
            Throwable t = driver == null ? null : driver.takeFailure();
            if (t != null) {
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
            case Events.ERROR -> message = switch ((int) (s.at & 0xFF)) {
                case Events.ERR_VOICES_FULL -> "all " + s.other + " playback slots are busy; a cue or stinger was dropped"
                        + " (raise maxPlaybacks)";
                case Events.ERR_NO_MARKER -> "no marker reachable in " + cue + "; the transition to " + cueName(e, s.other)
                        + " landed on the next bar instead";
                case Events.ERR_UNDERRUN -> streamText(e, cue, s.other) + ": " + (s.at >>> 8) + " frames were not decoded in"
                        + " time and played as silence (the streamer fell behind, or the music jumped where it could"
                        + " not look ahead)";
                case Events.ERR_STREAMS_FULL -> streamText(e, cue, s.other) + " plays silence: all " + streamer.size()
                        + " stream voices are busy (raise streamVoices)";
                default -> "error " + s.at;
            };
            case Events.CUE_STARTED, Events.CUE_ENDED -> other = ROLES[Math.max(0, Math.min(ROLES.length - 1, s.other))];
            default -> {
            }
        }
        long at = s.type == Events.TRANSITION_SCHEDULED ? s.at : 0;
        return new SegueEvent(type, s.frame, s.frame / (double) e.sheet.sampleRate(), s.bar, s.beat, cue, other, at, message);
    }

    private static String streamText(Engine e, String cue, int stem) {
        var c = e.sheet.cue(cue);
        var st = c == null || stem < 0 || stem >= c.stems().length ? null : c.stems()[stem];
        return "streamed stem '" + (st == null ? "?" : st.name()) + "' (" + (st == null ? "?" : st.file()) + ") of cue '"
                + cue + "'";
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
        Runnable derive = scoreReloaded;
        if (derive != null) {
            onUpdate.add(derive); // custom soundtracks derive their sheet from the new score, on the game thread
            return;
        }
        prepared(sheet, false, false, null);
    }

    /** As {@link #prepared(CueSheet)}; a derived sheet (custom soundtracks) may swap on a beat and move on at once. */
    private void prepared(CueSheet sheet, boolean derived, boolean onBeat, String moveTo) {
        Engine old = engine();
        Engine e = new Engine(sheet, config.commandCapacity, config.eventCapacity, config.maxPlaybacks, streamer);
        e.derived = derived;
        e.flagsFrom(old);
        e.previous = old;
        handover.prepare(e.mixer, e.commands, e.params, e, onBeat, moveTo);
    }

    static {
        dev.segue.control.SegueAccess.set(new dev.segue.control.SegueAccess() {
            @Override
            public Path sheetFile(Segue segue) {
                return segue.config.sheet.toAbsolutePath().normalize();
            }

            @Override
            public boolean streams(Segue segue) {
                return segue.streamer != null;
            }

            @Override
            public void loadDerived(Segue segue, SheetWriter write, boolean now, java.util.function.Consumer<Loaded> then) {
                segue.derivedLoads.submit(Objects.requireNonNull(write), now, Objects.requireNonNull(then));
            }

            @Override
            public boolean playsDerived(Segue segue) {
                return segue.engine().derived;
            }

            @Override
            public void onScoreReload(Segue segue, Runnable r) {
                segue.scoreReloaded = r;
            }

            @Override
            public void runOnUpdate(Segue segue, Runnable r) {
                segue.onUpdate.add(Objects.requireNonNull(r));
            }

            @Override
            public void post(Segue segue, SegueEvent event) {
                segue.local.add(event);
            }
        });
    }

    /** Custom soundtracks: loads a sheet the runtime wrote (songs may live anywhere). Any thread. */
    private CueSheet loadDerived(Path derived) {
        Builder b = config;
        return CueSheetLoader.loadDerived(derived, b.sampleRate,
                b.streamThresholdSeconds >= 1e6 ? Long.MAX_VALUE : Math.round(b.streamThresholdSeconds * b.sampleRate),
                streamRing / 2, decoded);
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

    /**
     * Frames of streamed stems that played as silence because the streamer had not decoded them in
     * time (each stretch is also reported as an ERROR event). 0 when nothing streams. Any thread.
     */
    public long streamUnderruns() {
        return engine().mixer.underruns();
    }

    /** Waits up to {@code millis} for the streamer to fill every ring at least half way; for tests. */
    boolean awaitStreams(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (streamer != null && !streamer.caughtUp()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /** Stream voices (rings) allocated for streamed stems; 0 when every stem is in memory. */
    int streamVoices() {
        return streamer == null ? 0 : streamer.size();
    }

    /**
     * The name of the output playing now: the OpenAL device's name (for example "OpenAL Soft" or
     * "No Output"), {@code "silent (no audio device)"} when no device could be opened or it was lost,
     * or {@code "offline"}.
     */
    public String outputName() {
        return driver == null ? "offline" : driver.outputName();
    }

    /**
     * How the real-time output is doing, read on any thread (typically the game thread, for a debug
     * overlay). For an offline Segue every figure is zero and the device is {@code "offline"}.
     */
    public OutputStats outputStats() {
        if (driver == null) {
            return new OutputStats("offline", false, 0, 0, 0, 0, 0, 0, 0, 0, blockFrames, 0, sampleRate(), 0, 0);
        }
        AudioOutput o = driver.output();
        return new OutputStats(driver.outputName(), driver.silent(), driver.underruns(), o == null ? 0 : o.queuedFrames(),
                o == null ? 0 : o.deviceLatencyNanos(), driver.load(), driver.renderNanosLast(), driver.renderNanosMax(),
                driver.blocks(), driver.framesWritten(), blockFrames, o == null ? 0 : o.queueBuffers(), sampleRate(),
                driver.longestGapNanos(), o == null ? 0 : o.devicePeriodFrames());
    }

    /**
     * How long the game's commands have taken to reach the output so far: from the call to the audio
     * thread reading it, and on to OpenAL mixing it, as percentiles in frames (see
     * {@link CommandLatency}). Empty figures offline. Any thread; it copies two 128 KB histograms, so
     * read it for a debug overlay or a log line a few times a second, not for every sound.
     */
    public CommandLatency commandLatency() {
        int rate = sampleRate();
        if (driver == null) {
            CommandLatency.Percentiles none = new CommandLatency.Percentiles(0, 0, 0, 0);
            return new CommandLatency(0, rate, none, none, 0);
        }
        var m = driver.latency();
        int[] r = m.percentiles(false);
        int[] o = m.percentiles(true);
        AudioOutput out = driver.output();
        long device = out == null ? 0 : out.deviceLatencyNanos() * rate / 1_000_000_000L;
        return new CommandLatency(m.count(), rate, new CommandLatency.Percentiles(r[0], r[1], r[2], r[3]),
                new CommandLatency.Percentiles(o[0], o[1], o[2], o[3]), device);
    }

    /**
     * Names of the audio output devices OpenAL can open here, the system default first, for an
     * options screen; pass one to {@link Builder#outputDevice(String)}. Empty when OpenAL cannot be
     * loaded on this platform. Listing starts OpenAL Soft, which reads its configuration then, so this
     * asks for Segue's default period first ({@link #configureOpenAl()}); call
     * {@link #configureOpenAl(int, int)} before it to ask for another.
     */
    public static List<String> outputDevices() {
        OpenAl.configure(DEFAULT_PERIOD_FRAMES, DEFAULT_PERIODS); // listing opens OpenAL: its period is set from now on
        return OpenAl.devices();
    }

    /**
     * Asks OpenAL Soft for Segue's default mixing period ({@link #DEFAULT_PERIOD_FRAMES} frames,
     * {@link #DEFAULT_PERIODS} periods) now. {@link Builder#build()} does this itself; call it first
     * thing in {@code main()} when something opens OpenAL before Segue is built (libGDX's own audio,
     * which {@code Lwjgl3Application} opens at start): OpenAL Soft reads its configuration once, when
     * the process first opens a device. It sets the period for every OpenAL device the process opens
     * from then on, libGDX's too.
     *
     * @return true if the request is set for OpenAL Soft to read (it counts only if no device has
     *         opened yet; the device Segue opens says whether it did); false if it cannot be set (the
     *         user's own {@code ALSOFT_CONF} is kept, or a different period was asked for first)
     */
    public static boolean configureOpenAl() {
        return configureOpenAl(DEFAULT_PERIOD_FRAMES, DEFAULT_PERIODS);
    }

    /**
     * As {@link #configureOpenAl()}, with another period: {@code periodFrames} frames at 48 kHz
     * (64..8192), {@code periods} of them in the device buffer (2..16).
     */
    public static boolean configureOpenAl(int periodFrames, int periods) {
        checkPeriod(periodFrames, periods);
        return OpenAl.configure(periodFrames, periods) == null;
    }

    private static void checkPeriod(int frames, int periods) {
        if (frames < 64 || frames > 8192 || periods < 2 || periods > 16) {
            throw new IllegalArgumentException("OpenAL Soft period of " + frames + " frames x " + periods
                    + " outside 64..8192 frames x 2..16");
        }
    }

    /** The audio thread's driver, or null offline (tests). */
    OutputDriver driver() {
        return driver;
    }

    /** Stops the audio thread and releases the output. Events not yet dispatched are discarded. */
    @Override
    public void close() {
        reloader.stop();
        derivedLoads.close();
        if (driver != null) {
            driver.close(); // the audio thread closes the output (and its OpenAL context) before it ends
        }
        if (streamer != null) {
            streamer.close();
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
        private Supplier<AudioOutput> output;
        private boolean watch;
        private boolean silent;
        private String deviceName;
        private int queueBuffers = 3;
        private long retryMillis = 2000;
        private boolean callback = true;
        private double streamThresholdSeconds = 30;
        private double streamBufferSeconds = 1;
        private int streamVoices;
        private boolean pull;
        private int periodFrames = DEFAULT_PERIOD_FRAMES;
        private int periods = DEFAULT_PERIODS;

        private Builder() {
        }

        /**
         * Stems longer than this are streamed from their files instead of decoded whole into memory;
         * default 30 s. A streamed stem keeps in memory only short heads around the points the music can
         * jump to (its cue's start, entry, loop start and loop end) and reads the rest through a ring per
         * playback that a streamer thread fills ahead. 0 streams everything; {@code Double.POSITIVE_INFINITY}
         * holds everything in memory (up to 20 minutes a stem). Shorter stems are decoded once and shared.
         */
        public Builder streamThreshold(double seconds) {
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("stream threshold " + seconds + " s must be 0 or more");
            }
            this.streamThresholdSeconds = seconds;
            return this;
        }

        /**
         * Seconds of audio each streamed playback decodes ahead (its ring); default 1. Each streamed stem
         * also keeps half this much in memory after each jump target and a quarter before it.
         */
        public Builder streamBuffer(double seconds) {
            if (!(seconds >= 0.1 && seconds <= 10)) {
                throw new IllegalArgumentException("stream buffer " + seconds + " s outside 0.1..10");
            }
            this.streamBufferSeconds = seconds;
            return this;
        }

        /**
         * How many streamed stems may sound at once, over all playbacks; default four times the most
         * streamed stems any cue has (a bed, the cue it fades from, an outro or bridge, one spare).
         */
        public Builder streamVoices(int n) {
            if (n < 1 || n > 1024) {
                throw new IllegalArgumentException("streamVoices " + n + " outside 1..1024");
            }
            this.streamVoices = n;
            return this;
        }

        /**
         * Like {@link #offline()}, the caller pulls audio with {@link Segue#render}, but streamed stems are
         * filled by the streamer thread as in real time: for an audio callback the game owns, and for tests
         * of the real-time streaming path.
         */
        Builder pullRealtime() {
            this.offline = true;
            this.pull = true;
            return this;
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

        /**
         * Frames per block the mixer renders; default 256 (5.3 ms at 48 kHz). Commands the game sends
         * are read at the start of a block. In callback mode (the default, see
         * {@link #callbackOutput(boolean)}) OpenAL asks for one mixing period at a time and Segue renders
         * it in blocks of this size at once, so the block size barely changes latency. In queue mode a
         * change is heard at most one block plus the queue later ({@link #queueBuffers(int)}).
         */
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
            this.silent = true;
            return this;
        }

        /**
         * Plays on the named OpenAL device (one of {@link Segue#outputDevices()}) instead of the
         * system default; {@code null} means the default. If it cannot be opened Segue plays silently
         * and says so with one {@link SegueEvent.Type#OUTPUT} event.
         */
        public Builder outputDevice(String name) {
            this.deviceName = name;
            this.silent = false;
            return this;
        }

        /**
         * Queue mode only ({@code callbackOutput(false)}, or a device without callback support): how
         * many blocks may wait in OpenAL's queue, 2..64; default 3, raised to cover one OpenAL mixing
         * period plus a block (5 × 256 frames with OpenAL Soft's 20 ms period). More survives longer stalls
         * of the audio thread (a slow machine, a GC pause) but every change is heard later: the
         * worst-case latency is {@code (queueBuffers + 1) * blockFrames} frames plus the device's own.
         */
        public Builder queueBuffers(int n) {
            if (n < 2 || n > 64) {
                throw new IllegalArgumentException("queue of " + n + " buffers outside 2..64");
            }
            this.queueBuffers = n;
            return this;
        }

        /**
         * Picks the block size and queue depth for a target worst-case latency in queue mode (block
         * wait plus queue, not counting the device's own): 3 buffers of a block as large as fits, at
         * least 64 frames. For example 25 ms at 48 kHz gives blocks of 300 frames. In callback mode
         * the latency is set by OpenAL's mixing period instead (see {@link #callbackOutput(boolean)}).
         */
        public Builder latencyMillis(double ms) {
            int frames = (int) (ms * sampleRate / 1000.0);
            if (frames < 4 * 64) {
                throw new IllegalArgumentException("latency of " + ms + " ms is under 4 blocks of 64 frames at " + sampleRate + " Hz");
            }
            this.queueBuffers = 3;
            return blockFrames(Math.min(16384, frames / 4));
        }

        /**
         * OpenAL Soft's callback mode ({@code AL_SOFT_callback_buffer}), on by default: OpenAL's mixer
         * thread asks for exactly the frames it is about to mix and Segue renders them there and then,
         * so nothing waits in a queue. {@code false} queues blocks on a streaming source from Segue's
         * own audio thread instead (used anyway on a device without the extension).
         *
         * <p>Why callback is the default, measured side by side ({@code segue bench soak --matrix}, OpenAL
         * Soft's null device, Segue's 8 ms period, ZGC): a command reaches OpenAL in 4.1 ms median and
         * 8.1 ms at p99, against 10.7 and 16.5 ms through the queue, since nothing is queued ahead of
         * it; and the mix runs on OpenAL Soft's mixer thread, which it gives real-time priority where it
         * can, where the queue's audio thread is an ordinary one that other processes can crowd out (a
         * minute each: 0 underruns against 1; on G1, 5 against 19). Either way the device adds its own
         * latency ({@link OutputStats#deviceLatencyMillis()}: 16 ms at Segue's default period, see
         * {@link #devicePeriod(int, int)}), and a garbage-collection pause longer than the device's
         * buffer stalls the sound: run the game on a low-pause collector ({@code -XX:+UseZGC}); see
         * README "Latency and garbage collection".
         */
        public Builder callbackOutput(boolean on) {
            this.callback = on;
            return this;
        }

        /**
         * The mixing period Segue asks OpenAL Soft for: {@code frames} frames at 48 kHz (OpenAL Soft
         * scales them to the device's rate), {@code periods} of them in the device buffer. Default
         * {@value Segue#DEFAULT_PERIOD_FRAMES} × {@value Segue#DEFAULT_PERIODS}: 8 ms periods, so a
         * command reaches OpenAL's mix within 8 ms and the device adds 16 ms (two periods queued),
         * about 20 ms from call to ear at the median and 24 ms at p99; OpenAL Soft's own default is
         * 960 × 3, 20 ms periods and 40 ms in the device. The whole buffer (24 ms) is how long OpenAL's
         * mixer thread may be held up before the sound drops out: a stop-the-world garbage collection
         * longer than that is heard, so run the game on ZGC ({@code -XX:+UseZGC}). README "Latency and
         * garbage collection" has the measurements.
         *
         * <p>OpenAL Soft takes its period only from its configuration, read once per process when the
         * first device opens, so {@link #build()} sets it through a small configuration file named by
         * {@code ALSOFT_CONF} in this process's environment; if something opened OpenAL earlier, call
         * {@link Segue#configureOpenAl()} first in {@code main()}. The user's own {@code ALSOFT_CONF} is
         * left alone. When the device does not mix in the period asked for, Segue says so with one
         * {@link SegueEvent.Type#OUTPUT} event, and {@link OutputStats#devicePeriodFrames()} has the
         * period it got. {@code devicePeriod(0, 0)} leaves OpenAL Soft's configuration alone.
         */
        public Builder devicePeriod(int frames, int periods) {
            if (frames != 0 || periods != 0) {
                checkPeriod(frames, periods);
            }
            this.periodFrames = frames;
            this.periods = periods;
            return this;
        }

        /** How often to try a lost device again, in milliseconds; default 2000. */
        public Builder retryMillis(long ms) {
            this.retryMillis = Math.max(50, ms);
            return this;
        }

        /** Plays on outputs this factory makes (tests: an OpenAL Soft loopback device). */
        Builder output(Supplier<AudioOutput> factory) {
            this.output = factory;
            this.silent = false;
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
