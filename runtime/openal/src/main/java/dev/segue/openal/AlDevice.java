package dev.segue.openal;

import static org.lwjgl.openal.ALC10.ALC_DEVICE_SPECIFIER;
import static org.lwjgl.openal.ALC10.ALC_FALSE;
import static org.lwjgl.openal.ALC10.ALC_FREQUENCY;
import static org.lwjgl.openal.ALC10.ALC_TRUE;
import static org.lwjgl.openal.ALC10.alcCloseDevice;
import static org.lwjgl.openal.ALC10.alcCreateContext;
import static org.lwjgl.openal.ALC10.alcDestroyContext;
import static org.lwjgl.openal.ALC10.alcGetString;
import static org.lwjgl.openal.ALC10.alcIsExtensionPresent;
import static org.lwjgl.openal.ALC10.alcOpenDevice;

import java.util.ArrayList;
import java.util.List;
import org.lwjgl.openal.AL;
import org.lwjgl.openal.ALC;
import org.lwjgl.openal.ALCCapabilities;
import org.lwjgl.openal.ALCapabilities;
import org.lwjgl.openal.ALUtil;
import org.lwjgl.openal.EXTDisconnect;
import org.lwjgl.openal.EXTThreadLocalContext;
import org.lwjgl.openal.EnumerateAllExt;
import org.lwjgl.openal.SOFTDeviceClock;
import org.lwjgl.openal.SOFTLoopback;
import org.lwjgl.openal.SOFTOutputLimiter;

/**
 * One opened OpenAL device with one context of our own, current on the thread that opened it
 * through {@code ALC_EXT_thread_local_context}: the process-wide current context (libGDX's, say) is
 * never touched. {@link #close()} must run on the same thread.
 */
final class AlDevice {
    final long device;
    final long context;
    final String name;
    final boolean loopback;
    private final boolean canDisconnect;
    private final boolean hasClock;
    /** OpenAL's mixing period in frames (from {@code ALC_REFRESH}), 0 if unknown. */
    final int periodFrames;
    /** Why the device does not mix in the period Segue asked OpenAL Soft for, or null ({@link OpenAlSoftConfig#check}). */
    final String periodNote;
    private volatile boolean simulatedDisconnect;
    private final java.nio.ByteBuffer scratch = java.nio.ByteBuffer.allocateDirect(8).order(java.nio.ByteOrder.nativeOrder());
    private final long scratchAddress = org.lwjgl.system.MemoryUtil.memAddress(scratch);
    private boolean closed;

    private AlDevice(long device, long context, String name, boolean loopback, int rate) {
        this.device = device;
        this.context = context;
        this.name = name;
        this.loopback = loopback;
        this.canDisconnect = alcIsExtensionPresent(device, "ALC_EXT_disconnect");
        this.hasClock = alcIsExtensionPresent(device, "ALC_SOFT_device_clock");
        int refresh = loopback ? 0 : org.lwjgl.openal.ALC10.alcGetInteger(device, org.lwjgl.openal.ALC10.ALC_REFRESH);
        int period = refresh <= 0 ? 0 : OpenAlSoftConfig.took(refresh, rate) ? OpenAlSoftConfig.wantedAt(rate)
                : exactPeriod(rate, refresh, Math.round(deviceLatencyNanos() * rate / 1e9));
        this.periodFrames = period;
        this.periodNote = loopback ? null : OpenAlSoftConfig.check(refresh, rate, period);
    }

    /**
     * The mixing period in frames. {@code ALC_REFRESH} is the rate over the period rounded down (512
     * frames at 48 kHz read as 93 Hz, back as 516 frames); where the device latency is a whole number
     * of periods near that (OpenAL Soft's null device: periods − 1 of them), it gives the exact one.
     */
    private static int exactPeriod(int rate, int refresh, long latencyFrames) {
        double approx = rate / (double) refresh;
        long k = Math.round(latencyFrames / approx);
        if (k >= 1 && latencyFrames % k == 0 && Math.abs(latencyFrames / (double) k - approx) <= approx * 0.015) {
            return (int) (latencyFrames / k);
        }
        return (int) Math.round(approx);
    }

    /** The device's whole buffer in nanoseconds ({@link OpenAl#bufferNanos}). */
    long bufferNanos(int rate) {
        return OpenAl.bufferNanos(periodFrames, deviceLatencyNanos(), rate);
    }

    /** Opens the named device, or the system default for {@code null}, at {@code rate}. */
    static AlDevice open(String deviceName, int rate) throws OutputUnavailableException {
        long dev;
        try {
            AlsaErrors.clear();
            dev = AlsaErrors.quietly(() -> alcOpenDevice(deviceName)); // alsa-lib's failures go into the message, not stderr
        } catch (LinkageError e) {
            throw new OutputUnavailableException("OpenAL could not be loaded on this platform (" + e.getMessage() + ")", e);
        }
        if (dev == 0) {
            String what = deviceName == null ? "the default audio device" : "audio device '" + deviceName + "'";
            String alsa = AlsaErrors.lastMessage();
            throw new OutputUnavailableException("OpenAL could not open " + what + (alsa == null ? "" : " (ALSA: " + alsa + ")")
                    + (deviceName == null ? " (is there a sound card? OpenAL Soft's ALSOFT_DRIVERS=null gives a silent device)"
                            : "; available: " + devices()));
        }
        ALCCapabilities caps = ALC.createCapabilities(dev);
        if (!caps.ALC_EXT_thread_local_context) {
            alcCloseDevice(dev);
            throw new OutputUnavailableException("the OpenAL implementation lacks ALC_EXT_thread_local_context");
        }
        String actual = alcGetString(dev, caps.ALC_ENUMERATE_ALL_EXT ? EnumerateAllExt.ALC_ALL_DEVICES_SPECIFIER
                : ALC_DEVICE_SPECIFIER);
        return withContext(dev, caps, new int[] {ALC_FREQUENCY, rate, 0}, actual == null ? "OpenAL" : actual, false, rate);
    }

    /**
     * Opens an {@code ALC_SOFT_loopback} device: OpenAL Soft mixes exactly as for a sound card, but
     * only when someone calls {@link #render}. Float or 16-bit stereo at {@code rate}.
     */
    static AlDevice openLoopback(int rate) throws OutputUnavailableException {
        long dev = SOFTLoopback.alcLoopbackOpenDeviceSOFT((CharSequence) null);
        if (dev == 0) {
            throw new OutputUnavailableException("OpenAL Soft could not open a loopback device");
        }
        ALCCapabilities caps = ALC.createCapabilities(dev);
        int[] attrs = {
            SOFTLoopback.ALC_FORMAT_CHANNELS_SOFT, SOFTLoopback.ALC_STEREO_SOFT,
            SOFTLoopback.ALC_FORMAT_TYPE_SOFT, SOFTLoopback.ALC_FLOAT_SOFT,
            ALC_FREQUENCY, rate,
            SOFTOutputLimiter.ALC_OUTPUT_LIMITER_SOFT, ALC_FALSE,
            0};
        return withContext(dev, caps, attrs, "OpenAL Soft loopback", true, rate);
    }

    private static AlDevice withContext(long dev, ALCCapabilities caps, int[] attrs, String name, boolean loopback, int rate)
            throws OutputUnavailableException {
        long ctx = alcCreateContext(dev, attrs);
        if (ctx == 0) {
            alcCloseDevice(dev);
            throw new OutputUnavailableException("OpenAL could not create a context on " + name);
        }
        if (!EXTThreadLocalContext.alcSetThreadContext(ctx)) {
            alcDestroyContext(ctx);
            alcCloseDevice(dev);
            throw new OutputUnavailableException("OpenAL refused a thread-local context on " + name);
        }
        ALCapabilities al = AL.createCapabilities(caps); // thread context is current: sets this thread's caps only
        AL.setCurrentThread(al);
        Handles.DEVICES.incrementAndGet();
        Handles.CONTEXTS.incrementAndGet();
        return new AlDevice(dev, ctx, name, loopback, rate);
    }

    /** False once the device reports it was unplugged or failed ({@code ALC_EXT_disconnect}). */
    boolean connected() {
        if (simulatedDisconnect) {
            return false;
        }
        if (!canDisconnect) {
            return true;
        }
        org.lwjgl.openal.ALC10.nalcGetIntegerv(device, EXTDisconnect.ALC_CONNECTED, 1, scratchAddress); // no heap object
        return org.lwjgl.system.MemoryUtil.memGetInt(scratchAddress) == ALC_TRUE;
    }

    /**
     * Makes {@link #connected()} report false, as an unplugged device does. The loopback device used
     * in tests cannot be unplugged; this is how a test loses it.
     */
    void simulateDisconnect() {
        simulatedDisconnect = true;
    }

    /** The device's own output latency in nanoseconds (ALC_SOFT_device_clock), or 0 if unknown. */
    long deviceLatencyNanos() {
        return hasClock ? SOFTDeviceClock.alcGetInteger64vSOFT(device, SOFTDeviceClock.ALC_DEVICE_LATENCY_SOFT) : 0;
    }

    /**
     * A source that plays its buffers' channels straight to the device's (no panning, no distance
     * model, gain 1): {@code AL_SOURCE_RELATIVE}, rolloff 0 and {@code AL_DIRECT_CHANNELS_SOFT}.
     * On this device's thread.
     */
    static int newDirectSource() {
        int source = org.lwjgl.openal.AL10.alGenSources();
        Handles.SOURCES.incrementAndGet();
        org.lwjgl.openal.AL10.alSourcei(source, org.lwjgl.openal.AL10.AL_SOURCE_RELATIVE, org.lwjgl.openal.AL10.AL_TRUE);
        org.lwjgl.openal.AL10.alSourcef(source, org.lwjgl.openal.AL10.AL_ROLLOFF_FACTOR, 0f);
        org.lwjgl.openal.AL10.alSourcef(source, org.lwjgl.openal.AL10.AL_GAIN, 1f);
        if (org.lwjgl.openal.AL10.alIsExtensionPresent("AL_SOFT_direct_channels")) {
            org.lwjgl.openal.AL10.alSourcei(source, org.lwjgl.openal.SOFTDirectChannels.AL_DIRECT_CHANNELS_SOFT,
                    org.lwjgl.openal.AL10.AL_TRUE);
        }
        return source;
    }

    /** Stops {@code source} (OpenAL Soft returns once its mixer no longer plays it), detaches its buffers, deletes it. */
    static void deleteSource(int source) {
        org.lwjgl.openal.AL10.alSourceStop(source);
        org.lwjgl.openal.AL10.alSourcei(source, org.lwjgl.openal.AL10.AL_BUFFER, 0);
        org.lwjgl.openal.AL10.alDeleteSources(source);
        Handles.SOURCES.decrementAndGet();
    }

    /** Pulls {@code frames} mixed float stereo frames out of a loopback device. Any thread. */
    void render(float[] out, int frames) {
        SOFTLoopback.alcRenderSamplesSOFT(device, out, frames);
    }

    /** Releases the thread's context, destroys it and closes the device. On the opening thread. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        EXTThreadLocalContext.alcSetThreadContext(0);
        AL.setCurrentThread(null);
        alcDestroyContext(context);
        Handles.CONTEXTS.decrementAndGet();
        alcCloseDevice(device);
        Handles.DEVICES.decrementAndGet();
    }

    /** Names of the output devices OpenAL can open, default first; empty if OpenAL cannot load. */
    static List<String> devices() {
        return AlsaErrors.quietly(AlDevice::listDevices);
    }

    private static List<String> listDevices() {
        try {
            boolean all = alcIsExtensionPresent(0, "ALC_ENUMERATE_ALL_EXT");
            List<String> names = ALUtil.getStringList(0, all ? EnumerateAllExt.ALC_ALL_DEVICES_SPECIFIER : ALC_DEVICE_SPECIFIER);
            String def = alcGetString(0, all ? EnumerateAllExt.ALC_DEFAULT_ALL_DEVICES_SPECIFIER
                    : org.lwjgl.openal.ALC10.ALC_DEFAULT_DEVICE_SPECIFIER);
            List<String> out = new ArrayList<>();
            if (def != null && !def.isEmpty()) {
                out.add(def);
            }
            if (names != null) {
                for (String n : names) {
                    if (!out.contains(n)) {
                        out.add(n);
                    }
                }
            }
            return List.copyOf(out);
        } catch (LinkageError e) {
            return List.of();
        }
    }
}
