package dev.segue.openal;

import dev.segue.spi.AudioOutput;
import dev.segue.spi.OutputFactory;
import java.util.List;

/**
 * Segue's desktop output: OpenAL Soft through LWJGL. {@code Segue.builder().cueSheet(sheet).build()}
 * plays on it with these defaults whenever {@code segue-openal} is on the class path (it registers
 * itself as the {@link OutputFactory} service); pass one to
 * {@link dev.segue.SegueBuilder#output(OutputFactory)} for another device, mode or period:
 *
 * <pre>{@code
 * Segue.builder().cueSheet(sheet).output(OpenAl.output().device(name).period(480, 2)).build();
 * }</pre>
 *
 * <p>Each setter returns a new {@code OpenAl}; an instance is immutable and may be shared. Works with
 * LWJGL 3.3.3 (what libGDX 1.12 to 1.14 bring) and later; on an LWJGL it cannot run on, the device
 * does not open and one {@link dev.segue.SegueEvent.Type#OUTPUT} event names the LWJGL found, the one
 * needed and the line that fixes it, while the music clock keeps running on the silent output.
 */
public final class OpenAl implements OutputFactory {
    /**
     * OpenAL Soft's mixing period Segue asks for by default, in frames at 48 kHz: 384 (8 ms). See
     * {@link #period(int, int)}.
     */
    public static final int DEFAULT_PERIOD_FRAMES = 384;
    /** Periods in OpenAL Soft's device buffer Segue asks for by default: 3 (24 ms in all). */
    public static final int DEFAULT_PERIODS = 3;

    private final String device;
    private final boolean callback;
    private final int queueBuffers;
    private final int periodFrames;
    private final int periods;

    /** The defaults: the system's default device, callback mode, Segue's period (the service's instance). */
    public OpenAl() {
        this(null, true, 3, DEFAULT_PERIOD_FRAMES, DEFAULT_PERIODS);
    }

    private OpenAl(String device, boolean callback, int queueBuffers, int periodFrames, int periods) {
        this.device = device;
        this.callback = callback;
        this.queueBuffers = queueBuffers;
        this.periodFrames = periodFrames;
        this.periods = periods;
    }

    /** The defaults, as {@link #OpenAl()}. */
    public static OpenAl output() {
        return new OpenAl();
    }

    /**
     * On the named device (one of {@link #devices()}) instead of the system default; {@code null} means
     * the default. If it cannot be opened Segue plays silently and says so with one OUTPUT event.
     */
    public OpenAl device(String name) {
        return new OpenAl(name, callback, queueBuffers, periodFrames, periods);
    }

    @Override
    public OpenAl onDevice(String name) {
        return device(name);
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
     * latency ({@link dev.segue.OutputStats#deviceLatencyMillis()}: 16 ms at Segue's default period,
     * see {@link #period(int, int)}), and a garbage-collection pause longer than the device's buffer
     * stalls the sound: run the game on a low-pause collector ({@code -XX:+UseZGC}); see README
     * "Latency and garbage collection".
     */
    public OpenAl callback(boolean on) {
        return new OpenAl(device, on, queueBuffers, periodFrames, periods);
    }

    /**
     * Queue mode only ({@code callback(false)}, or a device without callback support): how many
     * blocks may wait in OpenAL's queue, 2..64; default 3, raised to cover one OpenAL mixing period
     * plus a block (5 × 256 frames with OpenAL Soft's 20 ms period). More survives longer stalls of
     * the audio thread (a slow machine, a GC pause) but every change is heard later: the worst-case
     * latency is {@code (queueBuffers + 1) * blockFrames} frames plus the device's own.
     */
    public OpenAl queueBuffers(int n) {
        if (n < 2 || n > 64) {
            throw new IllegalArgumentException("queue of " + n + " buffers outside 2..64");
        }
        return new OpenAl(device, callback, n, periodFrames, periods);
    }

    /**
     * The mixing period Segue asks OpenAL Soft for: {@code frames} frames at 48 kHz (OpenAL Soft
     * scales them to the device's rate), {@code periods} of them in the device buffer. Default
     * {@value #DEFAULT_PERIOD_FRAMES} × {@value #DEFAULT_PERIODS}: 8 ms periods, so a command reaches
     * OpenAL's mix within 8 ms and the device adds 16 ms (two periods queued), about 20 ms from call
     * to ear at the median and 24 ms at p99; OpenAL Soft's own default is 960 × 3, 20 ms periods and
     * 40 ms in the device. The whole buffer (24 ms) is how long OpenAL's mixer thread may be held up
     * before the sound drops out: a stop-the-world garbage collection longer than that is heard, so
     * run the game on ZGC ({@code -XX:+UseZGC}). README "Latency and garbage collection" has the
     * measurements.
     *
     * <p>OpenAL Soft takes its period only from its configuration, read once per process when the
     * first device opens, so the first output this factory makes sets it through a small
     * configuration file named by {@code ALSOFT_CONF} in this process's environment; if something
     * opened OpenAL earlier (libGDX's own audio), call {@link #configure()} first in {@code main()}.
     * The user's own {@code ALSOFT_CONF} is left alone. When the device does not mix in the period
     * asked for, Segue says so with one OUTPUT event, and
     * {@link dev.segue.OutputStats#devicePeriodFrames()} has the period it got. {@code period(0, 0)}
     * leaves OpenAL Soft's configuration alone.
     */
    public OpenAl period(int frames, int periods) {
        if (frames != 0 || periods != 0) {
            checkPeriod(frames, periods);
        }
        return new OpenAl(device, callback, queueBuffers, frames, periods);
    }

    @Override
    public AudioOutput newOutput() {
        OpenAlSoftConfig.request(periodFrames, periods); // before the device opens; see period()
        String name = device;
        AudioOutput queue = new OpenAlOutput(rate -> AlDevice.open(name, rate), queueBuffers, OpenAlOutput.Format.AUTO, true);
        if (!callback) {
            return Lwjgl.checked(queue);
        }
        return Lwjgl.checked(new CallbackOrQueue(() -> new OpenAlCallbackOutput(rate -> AlDevice.open(name, rate)), () -> queue));
    }

    @Override
    public String describe() {
        return "OpenAL" + (device == null ? "" : " (" + device + ")") + (callback ? ", callback mode" : ", " + queueBuffers
                + " blocks queued");
    }

    /** Output devices OpenAL can open, the default first; empty when OpenAL cannot load here. */
    @Override
    public List<String> devices() {
        return listDevices();
    }

    /** Above the other outputs: on a desktop, OpenAL is the default. */
    @Override
    public int priority() {
        return 100;
    }

    /**
     * Names of the devices OpenAL can open here, the system default first, for an options screen;
     * empty when OpenAL cannot be loaded on this platform. Listing starts OpenAL Soft, which reads
     * its configuration then, so this asks for Segue's default period first ({@link #configure()}).
     */
    public static List<String> listDevices() {
        configure(); // listing opens OpenAL: its period is set from now on
        return Lwjgl.problem() != null ? List.of() : AlDevice.devices();
    }

    /**
     * Asks OpenAL Soft for Segue's default mixing period ({@link #DEFAULT_PERIOD_FRAMES} frames,
     * {@link #DEFAULT_PERIODS} periods) now. Making the first output does this itself; call it first
     * thing in {@code main()} when something opens OpenAL before Segue is built (libGDX's own audio,
     * which {@code Lwjgl3Application} opens at start): OpenAL Soft reads its configuration once, when
     * the process first opens a device. It sets the period for every OpenAL device the process opens
     * from then on, libGDX's too.
     *
     * @return true if the request is set for OpenAL Soft to read (it counts only if no device has
     *         opened yet; the device Segue opens says whether it did); false if it cannot be set (the
     *         user's own {@code ALSOFT_CONF} is kept, or a different period was asked for first)
     */
    public static boolean configure() {
        return configure(DEFAULT_PERIOD_FRAMES, DEFAULT_PERIODS);
    }

    /**
     * As {@link #configure()}, with another period: {@code periodFrames} frames at 48 kHz
     * (64..8192), {@code periods} of them in the device buffer (2..16).
     */
    public static boolean configure(int periodFrames, int periods) {
        checkPeriod(periodFrames, periods);
        return OpenAlSoftConfig.request(periodFrames, periods) == null;
    }

    private static void checkPeriod(int frames, int periods) {
        if (frames < 64 || frames > 8192 || periods < 2 || periods > 16) {
            throw new IllegalArgumentException("OpenAL Soft period of " + frames + " frames x " + periods
                    + " outside 64..8192 frames x 2..16");
        }
    }

    /**
     * A device's whole buffer in nanoseconds: what it holds when the mixer has just filled it, so how
     * long OpenAL's mixer thread may be held up before the device runs dry (in callback mode, an
     * underrun). Its own latency plus the period being filled, at least two periods; an unknown
     * period (0) counts as OpenAL Soft's default 20 ms.
     */
    static long bufferNanos(int periodFrames, long latencyNanos, int rate) {
        long period = periodFrames > 0 ? periodFrames * 1_000_000_000L / rate : 20_000_000L;
        return Math.max(2 * period, latencyNanos + period);
    }
}
