package dev.segue.engine;

import dev.segue.control.EventRing;
import dev.segue.control.Events;
import dev.segue.cue.CueSheet;
import dev.segue.cue.CueSheetLoader;
import dev.segue.cue.DecodedStems;
import dev.segue.cue.SheetException;
import dev.segue.cue.Stem;
import dev.segue.decode.Source;
import dev.segue.decode.Sources;
import dev.segue.decode.StreamedPcm;
import dev.segue.decode.Streamer;
import dev.segue.mix.Handover;
import dev.segue.output.OutputDriver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The one place an engine is wired: the {@link Handover} of {@link Engine}s, the streamer, the
 * stems decoded so far, hot reload, custom soundtracks' derived loads, the output driver and the
 * event pump. Every face of Segue (the {@code Segue} facade, custom soundtracks, the tools' renders)
 * plays through a host, so they all behave the same.
 *
 * <p>Threads: {@link #engine()}, {@link #commands()}, {@link #post} and {@link #runOnUpdate} from any
 * thread; {@link #update()} from the game thread (observers run there); {@link #render} from the one
 * thread that pulls audio, in the pulled modes.
 */
public final class Host implements AutoCloseable {
    private final Settings settings;
    private final Path file;
    private final Handover<Engine> handover;
    /** The engine whose events {@link #update()} read last (the one before a swap, until drained). */
    private Engine seen;
    /** Streams the long stems, or null when every stem is in memory (shared by reloaded sheets). */
    private final Streamer streamer;
    /** Stems decoded by this host's loads: a reload decodes only what changed. */
    private final DecodedStems decoded = new DecodedStems();
    private final Reloader reloader;
    /** The sheet's name when it was loaded from a source (a file or not), else null. */
    private final String sourceName;
    private final DerivedLoads derivedLoads;
    private final OutputDriver driver;
    private final Commands commands = new Commands(this);
    private final List<Observer> observers = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Note> notes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> onUpdate = new ConcurrentLinkedQueue<>();
    private final EventRing.Slot slot = new EventRing.Slot();
    private final Object updateLock = new Object();
    /** The score as last loaded from its file (custom soundtracks derive their sheets from it). */
    private volatile CueSheet score;
    /** While set, a score reload that passed goes to it (on the game thread) instead of swapping in. */
    private volatile Consumer<CueSheet> scoreReloaded;
    private float[] scratch;

    private Host(Source source, CueSheet sheet, Settings s) {
        this.settings = s;
        this.sourceName = source == null ? null : source.name();
        this.file = source == null ? null : source.file();
        CueSheet first = sheet != null ? sheet : file != null ? load(file) : load(source);
        this.score = first;
        this.streamer = streamer(s, first);
        Engine e = new Engine(first, s.commandCapacity(), s.eventCapacity(), s.maxPlaybacks(), streamer);
        this.handover = new Handover<>(e.mixer, e.commands, e.params, e, Math.max(s.blockFrames(), 1 << 14));
        this.seen = e;
        this.reloader = file == null ? null : new Reloader(this, file, first);
        this.derivedLoads = new DerivedLoads(onUpdate::add, s.mode() == Settings.Mode.OFFLINE);
        if (s.pulled()) {
            driver = null;
        } else {
            driver = new OutputDriver(handover::render, first.sampleRate(), s.blockFrames(), s.output(), s.retryMillis());
            driver.start();
        }
        if (streamer != null && s.mode() != Settings.Mode.OFFLINE) {
            streamer.start(); // once the output has opened: a failed open leaves no thread behind
        }
        if (s.watch() && reloader != null) {
            reloader.startWatching();
        }
    }

    /**
     * Loads the sheet at {@code file} and starts playing it as {@code s} says.
     *
     * @throws SheetException listing every problem of the sheet
     */
    public static Host open(Path file, Settings s) {
        return open(Sources.file(Objects.requireNonNull(file, "cueSheet(path) is required")), s);
    }

    /**
     * Loads the sheet {@code source} names (a file, a jar entry, a classpath resource, a stream) and
     * starts playing it. Hot reload needs a file.
     *
     * @throws SheetException listing every problem of the sheet
     * @throws IllegalArgumentException when watching is asked for a sheet that is not a file
     */
    public static Host open(Source source, Settings s) {
        Objects.requireNonNull(source, "cueSheet(...) is required");
        if (s.watch() && source.file() == null) {
            throw new IllegalArgumentException("watch(true) needs the cue sheet on disk to watch; " + source.name()
                    + " is not a file (load the sheet from its folder while composing)");
        }
        return new Host(source, null, s);
    }

    /** Plays a sheet already in memory (the tools' variants of a sheet); it cannot be reloaded. */
    public static Host of(CueSheet sheet, Settings s) {
        return new Host(null, Objects.requireNonNull(sheet), s);
    }

    /** Loads {@code f} with this host's rate and streaming settings (also hot reload's load). */
    CueSheet load(Path f) {
        return CueSheetLoader.load(f, settings.sampleRate(), settings.streamAbove(), settings.streamRing() / 2, decoded);
    }

    /** The first and only load of a sheet that is not a file: it never reloads, so its stems are not stamped for a cache. */
    private CueSheet load(Source src) {
        return CueSheetLoader.load(src, settings.sampleRate(), settings.streamAbove(), settings.streamRing() / 2, null);
    }

    /**
     * The streamer for the sheet's streamed stems (null if none): voices for each playback that may
     * sound at once, with room for a reloaded sheet's playbacks beside the old one's tails.
     */
    private Streamer streamer(Settings s, CueSheet sheet) {
        int most = 0;
        for (var c : sheet.cues()) {
            int n = 0;
            for (Stem st : c.stems()) {
                n += st.streamed() ? 1 : 0;
            }
            most = Math.max(most, n);
        }
        if (most == 0 && s.streamVoices() <= 0) {
            return null; // nothing streams (custom soundtracks' songs need streamVoices set)
        }
        int voices = s.streamVoices() > 0 ? s.streamVoices() : Math.min(256, 4 * most);
        return new Streamer(voices, s.streamRing(), s.mode() == Settings.Mode.OFFLINE, this::streamFailed);
    }

    private void streamFailed(String cue, String stem, StreamedPcm pcm, long frame, IOException e) {
        post(new Note(Events.ERROR, frame, cue, null, "stem '" + stem + "' of cue '" + cue + "' stopped streaming: "
                + e.getMessage() + "; it plays silence while the rest of the music goes on",
                new StreamFailure(cue, stem, pcm.name(), String.valueOf(e.getMessage()))));
    }

    /** The engine the game talks to now: it changes when a reload or a derived sheet takes over. Any thread. */
    public Engine engine() {
        return handover.owner();
    }

    /** The game's commands. */
    public Commands commands() {
        return commands;
    }

    /** How this host runs. */
    public Settings settings() {
        return settings;
    }

    /** The sheet's file, or null for a sheet given in memory. */
    public Path file() {
        return file;
    }

    /** The score as last loaded from its file (not a derived sheet). */
    public CueSheet score() {
        return score;
    }

    /** The streamer, or null when nothing streams. */
    public Streamer streamer() {
        return streamer;
    }

    /** The output driver, or null when the caller pulls. */
    public OutputDriver driver() {
        return driver;
    }

    /** Stream voices allocated; 0 when nothing streams. */
    public int streamVoices() {
        return streamer == null ? 0 : streamer.size();
    }

    /** Adds an observer; observers hear each event in the order they were added. */
    public void addObserver(Observer o) {
        observers.add(Objects.requireNonNull(o));
    }

    public void removeObserver(Observer o) {
        observers.remove(o);
    }

    /** Queues a note for the next {@link #update()}. Any thread. */
    public void post(Note n) {
        notes.add(n);
    }

    /** Runs {@code r} on the game thread at the start of the next {@link #update()}. Any thread. */
    public void runOnUpdate(Runnable r) {
        onUpdate.add(Objects.requireNonNull(r));
    }

    /** A command was just posted: its latency to the output is measured from now. */
    void posted() {
        if (driver != null) {
            driver.latency().called(System.nanoTime());
        }
    }

    /** Delivers what happened since the last call to the observers, in order. Game thread. */
    public void update() {
        synchronized (updateLock) {
            Runnable r;
            while ((r = onUpdate.poll()) != null) {
                r.run();
            }
            Note n;
            while ((n = notes.poll()) != null) {
                for (Observer o : observers) {
                    o.note(n);
                }
            }
            Engine now = engine();
            if (now != seen) {
                drainSince(seen, now.previous); // what the old sheets said before their swaps, in order
                now.previous = null;
                seen = now;
            }
            drain(now);
            OutputDriver.Notice d;
            while (driver != null && (d = driver.pollNotice()) != null) {
                tell(new Note(Events.OUTPUT, now.mixer.musicFrame(), null, d.device(), d.message()));
            }
            Throwable t = driver == null ? null : driver.takeFailure();
            if (t != null) {
                tell(new Note(Events.ERROR, now.mixer.musicFrame(), null, null, "the audio thread failed: " + t));
            }
        }
    }

    private void tell(Note n) {
        for (Observer o : observers) {
            o.note(n);
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
            for (Observer o : observers) {
                o.event(e, slot);
            }
        }
        long dropped = e.events.takeDropped();
        if (dropped > 0) {
            tell(new Note(Events.ERROR, e.mixer.musicFrame(), null, null,
                    dropped + " events were dropped: call update() more often or raise eventCapacity"));
        }
    }

    /**
     * Renders the next {@code frames} frames into {@code interleavedStereo} (overwritten), in pieces
     * the handover takes. Only when the caller pulls; one thread.
     */
    public void render(float[] interleavedStereo, int frames) {
        if (!settings.pulled()) {
            throw new IllegalStateException("render() is for offline Segues; this one plays in real time");
        }
        int done = 0;
        while (done < frames) {
            int n = Math.min(frames - done, 1 << 14);
            if (done == 0) {
                handover.render(interleavedStereo, n);
            } else {
                if (scratch == null || scratch.length < n * 2) {
                    scratch = new float[n * 2];
                }
                handover.render(scratch, n);
                System.arraycopy(scratch, 0, interleavedStereo, done * 2, n * 2);
            }
            done += n;
        }
    }

    // ------------------------------------------------------------------ sheets that take over

    /** Reloads the sheet's file; every problem, empty when it was accepted. See {@code Segue.reload()}. */
    public List<String> reload() {
        if (reloader == null) {
            return List.of(sourceName == null ? "this sheet was given in memory: there is no file to reload"
                    : sourceName + " is not a file: only a sheet on disk reloads");
        }
        return reloader.reload();
    }

    /** The problems of the last reload that failed; empty when it passed (or none happened). */
    public List<String> lastReloadErrors() {
        return reloader == null ? List.of() : reloader.lastErrors();
    }

    /** A reloaded score passed: queue it, or hand it to custom soundtracks to derive from. Any thread. */
    void reloaded(CueSheet sheet) {
        score = sheet;
        Consumer<CueSheet> derive = scoreReloaded;
        if (derive != null) {
            onUpdate.add(() -> derive.accept(sheet)); // songs derive their sheet from the new score, on the game thread
            return;
        }
        swapIn(sheet, false, false, null);
    }

    /** A reload failed: an ERROR note naming the file and every problem. */
    void reloadFailed(Path f, List<String> errors) {
        post(new Note(Events.ERROR, engine().frame(), null, null, "cannot reload " + f + "; the old sheet keeps playing. "
                + errors.size() + (errors.size() == 1 ? " error:" : " errors:") + "\n  " + String.join("\n  ", errors)));
    }

    /**
     * While {@code derive} is set (null clears it), a score reload that passed is not swapped in: it
     * is handed to {@code derive} on the game thread, which derives a sheet from it and swaps that in.
     */
    public void onScoreReload(Consumer<CueSheet> derive) {
        scoreReloaded = derive;
    }

    /**
     * Queues {@code sheet} to take over like a hot reload: at the playing cue's next bar, or with
     * {@code onBeat} its next beat, moving on to {@code moveTo} (or null) at the swap by the new
     * sheet's rule. {@code derived} marks a sheet custom soundtracks built. Cheap; any thread.
     *
     * @throws IllegalArgumentException if the sheet has no cue {@code moveTo}
     */
    public void swapIn(CueSheet sheet, boolean derived, boolean onBeat, String moveTo) {
        Engine old = engine();
        Engine e = new Engine(sheet, settings.commandCapacity(), settings.eventCapacity(), settings.maxPlaybacks(), streamer);
        e.derived = derived;
        e.flagsFrom(old);
        e.previous = old;
        handover.prepare(e.mixer, e.commands, e.params, e, onBeat, moveTo);
    }

    /**
     * Runs {@code job} (which builds something, typically a derived sheet; null when a newer job
     * replaces it) off the game thread and hands its value, or what it threw, to {@code then} on the
     * game thread in a later {@link #update()}; at once with {@code now} or on an offline host (so an
     * offline render stays deterministic). See {@link DerivedLoads}.
     */
    public <T> void load(Callable<T> job, boolean now, BiConsumer<T, Exception> then) {
        derivedLoads.submit(job, now, then);
    }

    /** Waits up to {@code millis} for the streamer to fill every ring at least half way (tests). */
    public boolean awaitStreams(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (streamer != null && !streamer.caughtUp()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /** Stops the threads (watcher, loads, audio, streamer) and releases the output. */
    @Override
    public void close() {
        if (reloader != null) {
            reloader.stop();
        }
        derivedLoads.close();
        if (driver != null) {
            driver.close(); // the audio thread closes the output (and its OpenAL context) before it ends
        }
        if (streamer != null) {
            streamer.close();
        }
    }
}
