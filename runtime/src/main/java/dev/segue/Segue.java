package dev.segue;

import dev.segue.control.CommandRing;
import dev.segue.control.EventRing;
import dev.segue.control.Events;
import dev.segue.control.ParameterSlots;
import dev.segue.cue.CueSheet;
import dev.segue.cue.CueSheetLoader;
import dev.segue.cue.Parameter;
import dev.segue.cue.Stinger;
import dev.segue.decode.StreamedPcm;
import dev.segue.decode.Streamer;
import dev.segue.mix.Mixer;
import dev.segue.output.AudioOutput;
import dev.segue.output.SilentOutput;
import java.io.IOException;
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
    private final CueSheet sheet;
    private final Mixer mixer;
    private final CommandRing commands;
    private final ParameterSlots params;
    private final EventRing events;
    private final boolean offline;
    private final int blockFrames;
    private final List<SegueListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<SegueEvent> local = new ConcurrentLinkedQueue<>();
    private final EventRing.Slot slot = new EventRing.Slot();
    private final Object updateLock = new Object();
    private final AudioOutput output;
    private final Thread audioThread;
    /** Streams the long stems, or null when every stem is in memory. */
    private final Streamer streamer;
    private volatile boolean running = true;
    /** The game's mute and solo flags per stem (flat id), as last sent. */
    private final boolean[] muted;
    private final boolean[] soloed;
    private final dev.segue.mix.Monitor.View view;
    private volatile Throwable audioFailure;

    private Segue(Builder b) {
        int ring = (int) Math.round(b.streamBufferSeconds * b.sampleRate);
        this.sheet = CueSheetLoader.load(Objects.requireNonNull(b.sheet, "cueSheet(path) is required"), b.sampleRate,
                b.streamThresholdSeconds >= 1e6 ? Long.MAX_VALUE : Math.round(b.streamThresholdSeconds * b.sampleRate), ring / 2);
        this.commands = new CommandRing(b.commandCapacity);
        float[] initial = new float[sheet.parameters().size()];
        for (Parameter p : sheet.parameters()) {
            initial[p.index()] = p.initial();
        }
        this.params = new ParameterSlots(initial);
        this.events = new EventRing(b.eventCapacity);
        this.streamer = streamer(b, ring);
        this.mixer = new Mixer(sheet, commands, params, events, b.maxPlaybacks, streamer);
        this.offline = b.offline;
        this.muted = new boolean[sheet.totalStems()];
        this.soloed = new boolean[sheet.totalStems()];
        this.view = mixer.monitor().newView();
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
        if (streamer != null && (!b.offline || b.pull)) {
            streamer.start(); // once the output has opened: a failed open leaves no thread behind
        }
    }

    /** The streamer for the sheet's streamed stems (null if none): voices for each playback that may sound at once. */
    private Streamer streamer(Builder b, int ring) {
        int most = 0;
        for (var c : sheet.cues()) {
            int n = 0;
            for (var st : c.stems()) {
                n += st.streamed() ? 1 : 0;
            }
            most = Math.max(most, n);
        }
        if (most == 0) {
            return null;
        }
        int voices = b.streamVoices > 0 ? b.streamVoices : Math.min(256, 4 * most);
        return new Streamer(voices, ring, b.offline && !b.pull, this::streamFailed);
    }

    private void streamFailed(String cue, String stem, StreamedPcm file, long frame, IOException e) {
        local.add(new SegueEvent(SegueEvent.Type.ERROR, frame, frame / (double) sheet.sampleRate(), 0, 0, cue, null, 0,
                "stem '" + stem + "' of cue '" + cue + "' stopped streaming: " + e.getMessage()
                        + "; it plays silence while the rest of the music goes on"));
    }

    /** Starts building a Segue. */
    public static Builder builder() {
        return new Builder();
    }

    private void audioLoop() {
        float[] block = new float[blockFrames * 2];
        try {
            while (running) {
                mixer.render(block, blockFrames);
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
        int i = sheet.stateIndex(state);
        if (i < 0) {
            return localError(null, "unknown state '" + state + "'; the sheet has " + sheet.states());
        }
        return send(CommandRing.SET_STATE, i);
    }

    /**
     * Sets a parameter; the music follows smoothly. Values are clamped to the parameter's range.
     * Latest value wins: calling this every frame is fine.
     *
     * @return false if no such parameter (an ERROR event follows)
     */
    public boolean setParameter(String name, float value) {
        int i = sheet.parameterIndex(name);
        if (i < 0) {
            return localError(null, "unknown parameter '" + name + "'");
        }
        params.set(i, value);
        return true;
    }

    /**
     * Moves the music to {@code cue} directly, ignoring states, through the same transition rules.
     *
     * @return false if no such cue or the command queue is full
     */
    public boolean trigger(String cue) {
        var c = sheet.cue(cue);
        if (c == null) {
            return localError(null, "unknown cue '" + cue + "'");
        }
        return send(CommandRing.GOTO_CUE, c.index());
    }

    /**
     * Plays a stinger over the music, on its next beat or bar as the sheet says.
     *
     * @return false if no such stinger or the command queue is full
     */
    public boolean playStinger(String name) {
        int i = sheet.stingerIndex(name);
        if (i < 0) {
            return localError(null, "unknown stinger '" + name + "'");
        }
        return send(CommandRing.STINGER, i);
    }

    /** Fades the music out quickly and holds its position. */
    public void pause() {
        send(CommandRing.PAUSE, 0);
    }

    /** Resumes from where {@link #pause()} held, fading back in. */
    public void resume() {
        send(CommandRing.RESUME, 0);
    }

    /**
     * Holds the named duck (from the sheet's {@code ducks}) on or lets it go: while held the music,
     * all but stingers, is lowered with the duck's attack and comes back over its release. Use it for
     * dialogue lines and pause menus. Ducks held together do not add up: the deepest wins.
     *
     * @return false if the sheet has no such duck or the command queue is full
     */
    public boolean duck(String name, boolean on) {
        int i = sheet.duckIndex(name);
        if (i < 0) {
            return localError(null, "unknown duck '" + name + "'; the sheet has "
                    + sheet.ducks().stream().map(d -> d.name()).toList());
        }
        return send(CommandRing.DUCK, i << 1 | (on ? 1 : 0));
    }

    /**
     * Sets the master volume, linear (1 = as mixed, 0 = silent, up to 4), followed smoothly over
     * about 50 ms. Any thread.
     */
    public void setVolume(float linear) {
        if (!(linear >= 0 && linear <= 4)) {
            throw new IllegalArgumentException("volume " + linear + " outside 0..4");
        }
        mixer.setVolume(linear);
    }

    /**
     * Mutes or unmutes one stem of a cue (ramped, click-free), for auditioning a mix.
     *
     * @return false if there is no such cue or stem
     */
    public boolean setStemMute(String cue, String stem, boolean mute) {
        return stemFlag(CommandRing.MUTE, muted, cue, stem, mute);
    }

    /**
     * Solos or unsolos one stem of a cue: while any stem of a cue is soloed, only its soloed stems
     * sound (mutes still apply).
     *
     * @return false if there is no such cue or stem
     */
    public boolean setStemSolo(String cue, String stem, boolean solo) {
        return stemFlag(CommandRing.SOLO, soloed, cue, stem, solo);
    }

    private boolean stemFlag(int command, boolean[] flags, String cue, String stem, boolean on) {
        var c = sheet.cue(cue);
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
        int id = sheet.stemId(c.index(), s);
        flags[id] = on;
        return send(command, id << 1 | (on ? 1 : 0));
    }

    private boolean send(int type, int arg) {
        if (!commands.offer(type, arg)) {
            return localError(null, "command queue full: the game sent more commands than the audio thread read");
        }
        return true;
    }

    private boolean localError(String cue, String message) {
        long[] p = new long[4];
        mixer.position(p);
        local.add(new SegueEvent(SegueEvent.Type.ERROR, p[0], p[0] / (double) sheet.sampleRate(), 0, 0, cue, null, 0,
                message));
        return false;
    }

    // ------------------------------------------------------------------ music → game

    /** Where the music is now. Safe from any thread. */
    public Position position() {
        long[] p = new long[4];
        mixer.position(p);
        String cue = p[1] >= 0 ? sheet.cues().get((int) p[1]).name() : null;
        return new Position(p[0], p[0] / (double) sheet.sampleRate(), cue == null ? 0 : (int) p[2] + 1,
                cue == null ? 0 : (int) p[3] + 1, cue);
    }

    /**
     * What is sounding now, with a level meter per stem, and the transition in flight: what a
     * composer preview draws. Any thread; allocates the returned copy.
     */
    public Snapshot snapshot() {
        Position p = position();
        var v = view;
        java.util.List<Snapshot.Voice> voices = new java.util.ArrayList<>();
        Snapshot.Pending pending = null;
        synchronized (v) {
            mixer.monitor().read(v);
            for (int i = 0; i < v.count; i++) {
                var c = sheet.cues().get(v.cue[i]);
                int n = c.stems().length;
                float[] db = new float[n];
                boolean[] mu = new boolean[n];
                boolean[] so = new boolean[n];
                for (int s = 0; s < n; s++) {
                    db[s] = (float) (20 * Math.log10(v.peak[i][s]));
                    mu[s] = muted[sheet.stemId(c.index(), s)];
                    so[s] = soloed[sheet.stemId(c.index(), s)];
                }
                voices.add(new Snapshot.Voice(c.name(), ROLES[Math.max(0, Math.min(ROLES.length - 1, v.role[i]))],
                        v.pos[i], v.gain[i], db, mu, so));
            }
            if (v.pending) {
                int bar = 0;
                int beat = 0;
                if (v.from >= 0 && v.landingPos >= 0) {
                    var t = sheet.cues().get(v.from).tempo();
                    bar = (int) t.barAt(v.landingPos) + 1;
                    beat = t.beatInBarAt(v.landingPos) + 1;
                }
                pending = new Snapshot.Pending(cueName(v.from), cueName(v.to), v.landing, bar, beat, v.fadeOutStart,
                        v.fadeOutLength, curveName(v.fadeOutCurve), v.fadeInStart, v.fadeInLength,
                        curveName(v.fadeInCurve), cueName(v.bridge));
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
        var c = sheet.cue(cue);
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
        return sheet.ducks().stream().map(d -> d.name()).toList();
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
            while (events.poll(slot)) {
                dispatch(toEvent(slot));
            }
            long dropped = events.takeDropped();
            if (dropped > 0) {
                dispatch(new SegueEvent(SegueEvent.Type.ERROR, mixer.musicFrame(), 0, 0, 0, null, null, 0,
                        dropped + " events were dropped: call update() more often or raise eventCapacity"));
            }
            Throwable t = audioFailure;
            if (t != null) {
                audioFailure = null;
                dispatch(new SegueEvent(SegueEvent.Type.ERROR, mixer.musicFrame(), 0, 0, 0, null, null, 0,
                        "the audio thread failed: " + t));
            }
        }
    }

    private void dispatch(SegueEvent e) {
        for (SegueListener l : listeners) {
            l.onEvent(e);
        }
    }

    private SegueEvent toEvent(EventRing.Slot s) {
        SegueEvent.Type type = SegueEvent.Type.values()[s.type];
        String cue = cueName(s.cue);
        String other = null;
        String message = null;
        switch (s.type) {
            case Events.TRANSITION_SCHEDULED, Events.TRANSITION_DONE -> other = cueName(s.other);
            case Events.MARKER -> other = sheet.cue(cue).markers()[s.other].name();
            case Events.STINGER -> other = sheet.stingers().get(s.other).name();
            case Events.STINGER_SKIPPED -> {
                Stinger st = sheet.stingers().get(s.other);
                other = st.name();
                message = s.at == Events.SKIP_COOLDOWN ? "still cooling down" : "no free playback slot";
            }
            case Events.STATE -> other = sheet.states().get(s.other);
            case Events.ERROR -> message = switch ((int) (s.at & 0xFF)) {
                case Events.ERR_VOICES_FULL -> "all " + s.other + " playback slots are busy; a cue or stinger was dropped"
                        + " (raise maxPlaybacks)";
                case Events.ERR_NO_MARKER -> "no marker reachable in " + cue + "; the transition to " + cueName(s.other)
                        + " landed on the next bar instead";
                case Events.ERR_UNDERRUN -> streamText(cue, s.other) + ": " + (s.at >>> 8) + " frames were not decoded in"
                        + " time and played as silence (the streamer fell behind, or the music jumped where it could"
                        + " not look ahead)";
                case Events.ERR_STREAMS_FULL -> streamText(cue, s.other) + " plays silence: all " + streamer.size()
                        + " stream voices are busy (raise streamVoices)";
                default -> "error " + s.at;
            };
            case Events.CUE_STARTED, Events.CUE_ENDED -> other = ROLES[Math.max(0, Math.min(ROLES.length - 1, s.other))];
            default -> {
            }
        }
        long at = s.type == Events.TRANSITION_SCHEDULED ? s.at : 0;
        return new SegueEvent(type, s.frame, s.frame / (double) sheet.sampleRate(), s.bar, s.beat, cue, other, at, message);
    }

    private String streamText(String cue, int stem) {
        var c = sheet.cue(cue);
        var st = c == null || stem < 0 || stem >= c.stems().length ? null : c.stems()[stem];
        return "streamed stem '" + (st == null ? "?" : st.name()) + "' (" + (st == null ? "?" : st.file()) + ") of cue '"
                + cue + "'";
    }

    private static final String[] ROLES = {"bed", "outgoing", "bridge", "stinger", "outro"};

    private String cueName(int index) {
        return index >= 0 && index < sheet.cues().size() ? sheet.cues().get(index).name() : null;
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
                mixer.render(interleavedStereo, n);
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
        mixer.render(scratch, n);
        System.arraycopy(scratch, 0, out, offset * 2, n * 2);
    }

    /** The mixer rate in frames per second. */
    public int sampleRate() {
        return sheet.sampleRate();
    }

    /** The music clock in frames (same as {@code position().frame()}). */
    public long frame() {
        return position().frame();
    }

    /** Names of the sheet's game states, in sheet order. */
    public List<String> states() {
        return sheet.states();
    }

    /** Names of the sheet's cues, in sheet order. */
    public List<String> cues() {
        return sheet.cues().stream().map(c -> c.name()).toList();
    }

    /** Names of the sheet's stingers, in sheet order. */
    public List<String> stingers() {
        return sheet.stingers().stream().map(Stinger::name).toList();
    }

    /** Names of the sheet's parameters, in sheet order. */
    public List<String> parameters() {
        return sheet.parameters().stream().map(Parameter::name).toList();
    }

    /**
     * Frames of streamed stems that played as silence because the streamer had not decoded them in
     * time (each stretch is also reported as an ERROR event). 0 when nothing streams. Any thread.
     */
    public long streamUnderruns() {
        return mixer.underruns();
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

    /** The output's name, or "offline". */
    public String outputName() {
        return output == null ? "offline" : output.name();
    }

    /** Stops the audio thread and releases the output. Events not yet dispatched are discarded. */
    @Override
    public void close() {
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
        private AudioOutput output;
        private double streamThresholdSeconds = 30;
        private double streamBufferSeconds = 1;
        private int streamVoices;
        private boolean pull;

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
