package dev.segue;

import dev.segue.cue.SheetException;
import dev.segue.engine.Host;
import dev.segue.engine.Settings;
import dev.segue.spi.AudioOutput;
import dev.segue.spi.OutputFactory;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Builds a {@link Segue}: {@code Segue.builder().cueSheet(path)...build()}. Every setter checks its
 * value and throws {@link IllegalArgumentException} naming the range; {@link #build()} loads the
 * sheet and starts the audio thread.
 */
public final class SegueBuilder {
    private Resource sheet;
    private int sampleRate = 48_000;
    private int blockFrames = 256;
    private boolean offline;
    private int maxPlaybacks = 16;
    private int commandCapacity = 256;
    private int eventCapacity = 4096;
    private OutputFactory output;
    private boolean watch;
    private boolean silent;
    private String deviceName;
    private long retryMillis = 2000;
    private double streamThresholdSeconds = 30;
    private double streamBufferSeconds = 1;
    private int streamVoices;
    private boolean pull;

    SegueBuilder() {
    }

    /**
     * Stems longer than this are streamed from their files instead of decoded whole into memory;
     * default 30 s. A streamed stem keeps in memory only short heads around the points the music can
     * jump to (its cue's start, entry, loop start and loop end) and reads the rest through a ring per
     * playback that a streamer thread fills ahead. 0 streams everything; {@code Double.POSITIVE_INFINITY}
     * holds everything in memory (up to 20 minutes a stem). Shorter stems are decoded once and shared.
     */
    public SegueBuilder streamThreshold(double seconds) {
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
    public SegueBuilder streamBuffer(double seconds) {
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
    public SegueBuilder streamVoices(int n) {
        if (n < 1 || n > 1024) {
            throw new IllegalArgumentException("streamVoices " + n + " outside 1..1024");
        }
        this.streamVoices = n;
        return this;
    }

    /**
     * For an engine that owns its audio thread: no Segue audio thread and no output; the engine's
     * audio callback calls {@link Segue#render} for each buffer it needs, in real time. Streamed stems
     * are decoded ahead by Segue's streamer thread as with an output, so the pulling thread never
     * waits for I/O (a stem the streamer has not reached in time plays as silence and is counted in
     * {@link Segue#streamUnderruns()}); events are delivered by {@link Segue#update()} on the game
     * thread as usual.
     */
    public SegueBuilder pull() {
        this.offline = true;
        this.pull = true;
        return this;
    }

    /** The cue sheet to play, a file on disk (this or {@link #cueSheet(Resource)} is required). */
    public SegueBuilder cueSheet(Path sheet) {
        this.sheet = sheet == null ? null : Resource.ofFile(sheet);
        return this;
    }

    /**
     * The cue sheet to play from anywhere: {@link Resource#ofClasspath(String)} for one inside the
     * game's jar, {@link Resource#ofJarEntry}, a libGDX {@code FileHandle} through segue-gdx, or a
     * game's own {@link Resource}. Its stems are read through it (see {@link Resource} for what is read
     * in place and what is held in memory). Hot reload ({@link #watch(boolean)}) needs a file.
     */
    public SegueBuilder cueSheet(Resource sheet) {
        this.sheet = sheet;
        return this;
    }

    /** The mixer rate; default 48000. Stems must be at this rate. */
    public SegueBuilder sampleRate(int hz) {
        if (hz < 8000 || hz > 384_000) {
            throw new IllegalArgumentException("sample rate " + hz + " outside 8000..384000");
        }
        this.sampleRate = hz;
        return this;
    }

    /**
     * Frames per block the mixer renders; default 256 (5.3 ms at 48 kHz). Commands the game sends
     * are read at the start of a block. A pulling output (OpenAL Soft's callback mode, the default
     * with {@code segue-openal}) asks for one mixing period at a time and Segue renders it in blocks
     * of this size at once, so the block size barely changes latency. On a queueing output a change
     * is heard at most one block plus the output's queue later.
     */
    public SegueBuilder blockFrames(int frames) {
        if (frames < 16 || frames > 16384) {
            throw new IllegalArgumentException("block of " + frames + " frames outside 16..16384");
        }
        this.blockFrames = frames;
        return this;
    }

    /** No audio thread: the caller pulls audio with {@link Segue#render}, as fast as it likes. */
    public SegueBuilder offline() {
        this.offline = true;
        return this;
    }

    /** Plays in real time on the silent output (no device): the clock and events still run. */
    public SegueBuilder silentOutput() {
        this.silent = true;
        return this;
    }

    /**
     * Plays on the named device (one of {@link Segue#outputDevices()}) of the output instead of the
     * system default; {@code null} means the default. If it cannot be opened Segue plays silently
     * and says so with one {@link SegueEvent.Type#OUTPUT} event.
     */
    public SegueBuilder outputDevice(String name) {
        this.deviceName = name;
        this.silent = false;
        return this;
    }

    /** How often to try a lost device again, in milliseconds; default 2000. */
    public SegueBuilder retryMillis(long ms) {
        this.retryMillis = Math.max(50, ms);
        return this;
    }

    /**
     * Plays on outputs this factory makes: {@code dev.segue.openal.OpenAl} (desktop, with its callback,
     * queue and period options), {@code dev.segue.gdx.GdxAudioOutput} (every libGDX backend), or an
     * engine's own {@link OutputFactory}. Default: the registered output module of highest priority
     * (with {@code segue-openal} on the class path, OpenAL in callback mode), or the silent output,
     * with one {@link SegueEvent.Type#OUTPUT} event saying why, when none is.
     */
    public SegueBuilder output(OutputFactory factory) {
        this.output = factory;
        this.silent = false;
        return this;
    }

    /** How many cue playbacks may sound at once (bed, outgoing, bridges, stingers); default 16. */
    public SegueBuilder maxPlaybacks(int n) {
        if (n < 2 || n > 256) {
            throw new IllegalArgumentException("maxPlaybacks " + n + " outside 2..256");
        }
        this.maxPlaybacks = n;
        return this;
    }

    /**
     * Hot reload: watch the cue sheet and every stem file it names, and {@link Segue#reload()} on
     * each change (a save is read once it has settled, within about half a second). Default off.
     * {@link Segue#close()} stops the watcher thread. Needs a sheet on disk ({@link Resource#file()}
     * non-null): with one that is not, {@link #build()} throws an {@link IllegalArgumentException}
     * saying so, rather than play without the reloads asked for.
     */
    public SegueBuilder watch(boolean on) {
        this.watch = on;
        return this;
    }

    /** Capacity of the audio → game event queue; default 4096. */
    public SegueBuilder eventCapacity(int n) {
        this.eventCapacity = Math.max(16, n);
        return this;
    }

    /**
     * Loads the sheet and its audio, and starts the audio thread (unless offline).
     *
     * @throws CueSheetException listing every problem in the sheet
     */
    public Segue build() {
        OutputFactory device = silent || offline ? null : output != null ? output : defaultOutput();
        if (device == null && !silent && !offline) {
            device = NoOutputModule.INSTANCE;
        } else if (device != null && deviceName != null) {
            device = device.onDevice(deviceName);
        }
        Settings.Mode mode = !offline ? Settings.Mode.REALTIME : pull ? Settings.Mode.PULL : Settings.Mode.OFFLINE;
        Settings s = new Settings(sampleRate, blockFrames, mode, maxPlaybacks, commandCapacity, eventCapacity, device,
                retryMillis, streamThresholdSeconds >= 1e6 ? Long.MAX_VALUE : Math.round(streamThresholdSeconds * sampleRate),
                (int) Math.round(streamBufferSeconds * sampleRate), streamVoices, watch);
        try {
            if (sheet == null) {
                throw new NullPointerException("cueSheet(...) is required");
            }
            return new Segue(Host.open(SourceResource.source(sheet), s));
        } catch (SheetException e) {
            throw new CueSheetException(e);
        }
    }

    /** Without an output module: the audio thread's open fails with the fix, and it plays silently. */
    private enum NoOutputModule implements OutputFactory {
        INSTANCE;

        @Override
        public AudioOutput newOutput() {
            return AudioOutput.unavailable("none", "no audio output module on the class path (add dev.segue:segue-openal"
                    + " for desktop OpenAL, or play through libGDX with dev.segue:segue-gdx)");
        }
    }

    /**
     * The registered output module of highest priority ({@link ServiceLoader}), or null when none is
     * on the class path or module path. A module that fails to load is skipped.
     */
    static OutputFactory defaultOutput() {
        OutputFactory best = null;
        var it = ServiceLoader.load(OutputFactory.class, SegueBuilder.class.getClassLoader()).iterator();
        while (true) {
            OutputFactory f;
            try {
                if (!it.hasNext()) {
                    return best;
                }
                f = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                continue; // a broken module (say, its natives missing) must not stop the music
            }
            if (best == null || f.priority() > best.priority()) {
                best = f;
            }
        }
    }
}
