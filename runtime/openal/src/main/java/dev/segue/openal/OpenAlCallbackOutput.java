package dev.segue.openal;

import static org.lwjgl.openal.AL10.AL_BUFFER;
import static org.lwjgl.openal.AL10.AL_NO_ERROR;
import static org.lwjgl.openal.AL10.alDeleteBuffers;
import static org.lwjgl.openal.AL10.alGenBuffers;
import static org.lwjgl.openal.AL10.alGetError;
import static org.lwjgl.openal.AL10.alIsExtensionPresent;
import static org.lwjgl.openal.AL10.alSourcePlay;
import static org.lwjgl.openal.AL10.alSourcei;

import dev.segue.spi.PullRenderer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.lwjgl.openal.EXTFloat32;
import org.lwjgl.openal.SOFTCallbackBuffer;
import org.lwjgl.system.MemoryUtil;

/**
 * OpenAL Soft's callback mode ({@code AL_SOFT_callback_buffer}), Segue's default output: OpenAL's own
 * mixer thread asks for exactly the frames it is about to mix and the mixer renders them there and
 * then, in blocks, so nothing waits in a queue; and that thread runs at the real-time priority OpenAL
 * Soft gives it where it may. A command therefore reaches OpenAL within one of its mixing periods
 * (4.1 ms median, 8.1 ms at p99 with Segue's 8 ms period, against 10.7 and 16.5 ms through the queued
 * {@link OpenAlOutput}); docs/ARCHITECTURE.md has the measurements. A garbage-collection pause stops
 * that thread inside the callback like any Java thread: one longer than the device's own buffer is a
 * gap, counted in {@link #underruns()} as a callback later than the device's whole buffer
 * ({@link AlDevice#bufferNanos}: its latency plus the period being filled) after the one before.
 */
final class OpenAlCallbackOutput implements OnAlDevice {
    private final OpenAlOutput.DeviceOpener opener;
    private AlDevice dev;
    private int source;
    private int buffer;
    private BufferCallback callback;
    private volatile PullRenderer renderer;
    private float[] scratch;
    private FloatBuffer direct;
    private long bufferNanos;
    private long lastCall;
    private boolean loopback;
    private volatile long underruns;
    private volatile long deviceLatencyNanos;
    private volatile String name = "OpenAL (callback)";
    private volatile Throwable failure;

    OpenAlCallbackOutput(OpenAlOutput.DeviceOpener opener) {
        this.opener = opener;
    }

    @Override
    public boolean pulls() {
        return true;
    }

    @Override
    public void attach(PullRenderer r) {
        renderer = r;
        lastCall = 0;
        alSourcePlay(source);
    }

    @Override
    public void open(int sampleRate, int blockFrames) throws OutputUnavailableException {
        dev = opener.open(sampleRate);
        loopback = dev.loopback;
        try {
            if (!alIsExtensionPresent("AL_SOFT_callback_buffer") || !alIsExtensionPresent("AL_EXT_FLOAT32")) {
                throw new OutputUnavailableException(dev.name + " lacks AL_SOFT_callback_buffer or AL_EXT_FLOAT32", true);
            }
            scratch = new float[blockFrames * 2];
            direct = ByteBuffer.allocateDirect(blockFrames * 8).order(ByteOrder.nativeOrder()).asFloatBuffer();
            bufferNanos = dev.bufferNanos(sampleRate);
            source = AlDevice.newDirectSource();
            buffer = alGenBuffers();
            Handles.BUFFERS.incrementAndGet();
            callback = new BufferCallback(this::fill);
            SOFTCallbackBuffer.nalBufferCallbackSOFT(buffer, EXTFloat32.AL_FORMAT_STEREO_FLOAT32, sampleRate, callback.address(), 1); // user pointer unused
            alSourcei(source, AL_BUFFER, buffer);
            int err = alGetError();
            if (err != AL_NO_ERROR) {
                throw new OutputUnavailableException("OpenAL error 0x" + Integer.toHexString(err) + " setting up the callback on "
                        + dev.name);
            }
            deviceLatencyNanos = dev.deviceLatencyNanos();
            name = dev.name;
        } catch (OutputUnavailableException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** On OpenAL's mixer thread: render exactly what it asks for. */
    private int fill(long data, int bytes) {
        try {
            return render(data, bytes);
        } catch (Throwable t) { // never on OpenAL's thread: the driver sees lost() and plays on silently
            if (failure == null) {
                failure = t;
            }
            MemoryUtil.memSet(data, 0, bytes);
            return bytes;
        }
    }

    private int render(long data, int bytes) {
        long now = System.nanoTime();
        if (lastCall != 0 && now - lastCall > bufferNanos && !loopback) { // a loopback device mixes when pulled
            underruns++; // the mixer thread itself was held up (by us, a GC pause, the machine): the device ran dry
        }
        lastCall = now;
        PullRenderer r = renderer;
        int frames = bytes / 8;
        int block = scratch.length / 2;
        long at = data;
        for (int done = 0; done < frames; ) {
            int n = Math.min(block, frames - done);
            if (r == null) {
                java.util.Arrays.fill(scratch, 0, n * 2, 0f);
            } else {
                r.render(scratch, n, done);
            }
            direct.clear();
            direct.put(scratch, 0, n * 2);
            MemoryUtil.memCopy(MemoryUtil.memAddress(direct, 0), at, n * 8L);
            at += n * 8L;
            done += n;
        }
        return bytes;
    }

    /** True once a renderer is attached and the source plays. */
    boolean attached() {
        return renderer != null;
    }

    @Override
    public AlDevice device() {
        return dev;
    }

    @Override
    public void write(float[] interleaved, int frames) {
        throw new UnsupportedOperationException("the callback output pulls; nothing is written to it");
    }

    @Override
    public boolean lost() {
        return failure != null || dev != null && !dev.connected();
    }

    @Override
    public String lostReason() {
        Throwable t = failure;
        return t == null ? null : "rendering on OpenAL's thread failed: " + t;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long underruns() {
        return underruns;
    }

    @Override
    public long deviceLatencyNanos() {
        return deviceLatencyNanos;
    }

    @Override
    public void close() {
        if (dev == null) {
            return;
        }
        if (source != 0) {
            AlDevice.deleteSource(source);
            source = 0;
        }
        if (buffer != 0) {
            alDeleteBuffers(buffer);
            Handles.BUFFERS.decrementAndGet();
            buffer = 0;
        }
        renderer = null;
        dev.close();
        dev = null;
        if (callback != null) {
            callback.free();
            callback = null;
        }
    }
}
