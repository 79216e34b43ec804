package dev.segue;

import dev.segue.cue.SheetException;
import dev.segue.engine.Host;
import dev.segue.engine.Settings;
import dev.segue.output.AudioOutput;
import dev.segue.output.OpenAl;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Builds a {@link Segue}: {@code Segue.builder().cueSheet(path)...build()}. Every setter checks its
 * value and throws {@link IllegalArgumentException} naming the range; {@link #build()} loads the
 * sheet and starts the audio thread.
 */
public final class SegueBuilder {
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
    private int periodFrames = Segue.DEFAULT_PERIOD_FRAMES;
    private int periods = Segue.DEFAULT_PERIODS;

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
     * Like {@link #offline()}, the caller pulls audio with {@link Segue#render}, but streamed stems are
     * filled by the streamer thread as in real time: for an audio callback the game owns, and for tests
     * of the real-time streaming path.
     */
    SegueBuilder pullRealtime() {
        this.offline = true;
        this.pull = true;
        return this;
    }

    /** The cue sheet to play (required). */
    public SegueBuilder cueSheet(Path sheet) {
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
     * are read at the start of a block. In callback mode (the default, see
     * {@link #callbackOutput(boolean)}) OpenAL asks for one mixing period at a time and Segue renders
     * it in blocks of this size at once, so the block size barely changes latency. In queue mode a
     * change is heard at most one block plus the queue later ({@link #queueBuffers(int)}).
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
     * Plays on the named OpenAL device (one of {@link Segue#outputDevices()}) instead of the
     * system default; {@code null} means the default. If it cannot be opened Segue plays silently
     * and says so with one {@link SegueEvent.Type#OUTPUT} event.
     */
    public SegueBuilder outputDevice(String name) {
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
    public SegueBuilder queueBuffers(int n) {
        if (n < 2 || n > 64) {
            throw new IllegalArgumentException("queue of " + n + " buffers outside 2..64");
        }
        this.queueBuffers = n;
        return this;
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
    public SegueBuilder callbackOutput(boolean on) {
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
    public SegueBuilder devicePeriod(int frames, int periods) {
        if (frames != 0 || periods != 0) {
            Segue.checkPeriod(frames, periods);
        }
        this.periodFrames = frames;
        this.periods = periods;
        return this;
    }

    /** How often to try a lost device again, in milliseconds; default 2000. */
    public SegueBuilder retryMillis(long ms) {
        this.retryMillis = Math.max(50, ms);
        return this;
    }

    /** Plays on outputs this factory makes (tests: an OpenAL Soft loopback device). */
    SegueBuilder output(Supplier<AudioOutput> factory) {
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
     * {@link Segue#close()} stops the watcher thread.
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
        if (!silent && output == null && !offline) {
            OpenAl.configure(periodFrames, periods); // before the audio thread opens the device; see devicePeriod
        }
        Supplier<AudioOutput> device = silent || offline ? null
                : output != null ? output : callback ? OpenAl.callbackOutput(deviceName, queueBuffers)
                : OpenAl.output(deviceName, queueBuffers);
        Settings.Mode mode = !offline ? Settings.Mode.REALTIME : pull ? Settings.Mode.PULL : Settings.Mode.OFFLINE;
        Settings s = new Settings(sampleRate, blockFrames, mode, maxPlaybacks, commandCapacity, eventCapacity, device,
                retryMillis, streamThresholdSeconds >= 1e6 ? Long.MAX_VALUE : Math.round(streamThresholdSeconds * sampleRate),
                (int) Math.round(streamBufferSeconds * sampleRate), streamVoices, watch);
        try {
            return new Segue(Host.open(sheet, s));
        } catch (SheetException e) {
            throw new CueSheetException(e);
        }
    }
}
