package dev.segue.openal;

import static org.lwjgl.openal.AL10.AL_BUFFERS_PROCESSED;
import static org.lwjgl.openal.AL10.AL_FORMAT_STEREO16;
import static org.lwjgl.openal.AL10.AL_NO_ERROR;
import static org.lwjgl.openal.AL10.AL_STOPPED;
import static org.lwjgl.openal.AL11.AL_SAMPLE_OFFSET;
import static org.lwjgl.openal.AL10.AL_SOURCE_STATE;
import static org.lwjgl.openal.AL10.alBufferData;
import static org.lwjgl.openal.AL10.alDeleteBuffers;
import static org.lwjgl.openal.AL10.alGenBuffers;
import static org.lwjgl.openal.AL10.alGetError;
import static org.lwjgl.openal.AL10.alIsExtensionPresent;
import static org.lwjgl.openal.AL10.alSourcePlay;
import static org.lwjgl.openal.AL10.nalGetSourcei;
import static org.lwjgl.openal.AL10.nalSourceQueueBuffers;
import static org.lwjgl.openal.AL10.nalSourceUnqueueBuffers;
import static org.lwjgl.openal.AL10.alSourceRewind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.concurrent.locks.LockSupport;
import org.lwjgl.openal.EXTFloat32;
import org.lwjgl.system.MemoryUtil;

/**
 * Real-time output through OpenAL (OpenAL Soft via LWJGL): the audio thread renders blocks and
 * queues them on one streaming source; {@link #write} waits for OpenAL to finish a buffer before
 * refilling it, which paces the audio thread. Samples go to OpenAL as float32 where
 * {@code AL_EXT_FLOAT32} exists, else as 16-bit with TPDF dither. The source plays its two channels
 * straight to the device's left and right ({@code AL_SOFT_direct_channels}), gain 1, no panning: what
 * the mixer rendered is what the device gets.
 *
 * <p>Everything here runs on the audio thread: {@link #open} opens the device and makes its context
 * current on that thread only ({@code ALC_EXT_thread_local_context}), so a game's own OpenAL context
 * (libGDX's) is never disturbed; {@link #close} releases it before the thread ends.
 */
final class OpenAlOutput implements OnAlDevice {
    /** Which sample type to hand OpenAL. */
    enum Format { AUTO, PCM16 }

    /** Opens the device (on the calling thread, with its context current there). */
    interface DeviceOpener {
        AlDevice open(int rate) throws OutputUnavailableException;
    }

    /** How long without a finished buffer, while the source should be playing, before the device counts as lost. */
    private static final long STALL_NANOS = 2_000_000_000L;

    private final DeviceOpener opener;
    private final int queueBuffers;
    private final Format wanted;
    private final boolean dither;

    private AlDevice dev;
    private int source;
    private int[] buffers;
    private int[] free;
    private int freeCount;
    private int queuedCount;
    private volatile int depth;
    private boolean float32;
    private FloatBuffer floats;
    private ShortBuffer shorts;
    private int rate;
    private int block;
    private long pollNanos;
    private boolean started;
    private int seed = 0x9E3779B9;
    private boolean lost;

    private final ByteBuffer scratch = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    private final long scratchAddress = MemoryUtil.memAddress(scratch);
    private volatile long underruns;
    private volatile int alErrors;
    private volatile int queuedFrames;
    private volatile long deviceLatencyNanos;
    private volatile boolean waiting;
    private volatile String name = "OpenAL";

    OpenAlOutput(DeviceOpener opener, int queueBuffers, Format format, boolean dither) {
        if (queueBuffers < 2 || queueBuffers > 64) {
            throw new IllegalArgumentException("queue of " + queueBuffers + " buffers outside 2..64");
        }
        this.opener = opener;
        this.queueBuffers = queueBuffers;
        this.wanted = format;
        this.dither = dither;
    }

    @Override
    public void open(int sampleRate, int blockFrames) throws OutputUnavailableException {
        rate = sampleRate;
        block = blockFrames;
        pollNanos = Math.max(100_000L, blockFrames * 1_000_000_000L / sampleRate / 4);
        dev = opener.open(sampleRate);
        try {
            float32 = wanted == Format.AUTO && alIsExtensionPresent("AL_EXT_FLOAT32");
            source = AlDevice.newDirectSource();
            depth = queueBuffers;
            if (!dev.loopback) { // the queue must outlast one OpenAL mixing period, or every period underruns
                int period = dev.periodFrames;
                depth = Math.max(queueBuffers, Math.min(64, (period + blockFrames - 1) / blockFrames + 1));
            }
            buffers = new int[depth];
            free = new int[depth];
            for (int i = 0; i < depth; i++) {
                buffers[i] = alGenBuffers();
                Handles.BUFFERS.incrementAndGet();
                free[i] = buffers[i];
            }
            freeCount = depth;
            queuedCount = 0;
            ByteBuffer bytes = ByteBuffer.allocateDirect(blockFrames * 2 * (float32 ? 4 : 2)).order(ByteOrder.nativeOrder());
            floats = float32 ? bytes.asFloatBuffer() : null;
            shorts = float32 ? null : bytes.asShortBuffer();
            int err = alGetError();
            if (err != AL_NO_ERROR) {
                throw new OutputUnavailableException("OpenAL error 0x" + Integer.toHexString(err) + " setting up the source on "
                        + dev.name);
            }
            deviceLatencyNanos = dev.deviceLatencyNanos();
            name = dev.name;
        } catch (OutputUnavailableException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void awaitRoom() throws InterruptedException {
        if (lost) {
            return;
        }
        reclaim();
        long waitedSince = 0;
        while (freeCount == 0) {
            if (!dev.connected()) {
                lost = true;
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long now = System.nanoTime();
            if (waitedSince == 0) {
                waitedSince = now;
            } else if (!dev.loopback && now - waitedSince > STALL_NANOS) {
                lost = true; // the device stopped consuming audio: treat it as gone
                return;
            }
            waiting = true;
            LockSupport.parkNanos(pollNanos);
            waiting = false;
            reclaim();
        }
    }

    @Override
    public void write(float[] in, int frames) throws InterruptedException {
        awaitRoom();
        if (lost) {
            return;
        }
        int buf = free[--freeCount];
        fill(buf, in, frames);
        MemoryUtil.memPutInt(scratchAddress, buf);
        nalSourceQueueBuffers(source, 1, scratchAddress);
        if (alGetError() != AL_NO_ERROR) {
            alErrors++;
        }
        queuedCount++;
        if (!started && queuedCount == depth) { // (re)start only with a full cushion
            alSourcePlay(source);
            started = true;
        }
        queuedFrames = queuedCount * block - sourceInt(AL_SAMPLE_OFFSET);
        if (!dev.connected()) {
            lost = true;
        }
    }

    /*
     * LWJGL's convenience getters return through a MemoryStack buffer: a small heap object per call
     * unless the JIT removes it. The audio thread calls the native entry points with one scratch int
     * of its own instead, so it allocates nothing at all (AllocationFreeTest runs interpreted).
     */
    private int sourceInt(int param) {
        nalGetSourcei(source, param, scratchAddress);
        return MemoryUtil.memGetInt(scratchAddress);
    }

    private int unqueueOne() {
        MemoryUtil.memPutInt(scratchAddress, 0);
        nalSourceUnqueueBuffers(source, 1, scratchAddress);
        return MemoryUtil.memGetInt(scratchAddress);
    }

    /**
     * Unqueues every buffer OpenAL has finished with. If the source ran dry and stopped, that is an
     * underrun: everything queued has played, so it is all unqueued and the source rewound to its
     * initial state, to be started again once the queue is full (a stopped source would count every
     * newly queued buffer as processed at once).
     */
    private void reclaim() {
        int processed = sourceInt(AL_BUFFERS_PROCESSED);
        if (started && processed == queuedCount && sourceInt(AL_SOURCE_STATE) == AL_STOPPED) {
            underruns++;
            started = false;
            for (int i = 0; i < processed; i++) {
                int b = unqueueOne();
                if (alGetError() != AL_NO_ERROR || b == 0) {
                    alErrors++;
                    return;
                }
                free[freeCount++] = b;
                queuedCount--;
            }
            alSourceRewind(source);
            return;
        }
        for (int i = 0; i < processed; i++) {
            int b = unqueueOne();
            int err = alGetError();
            if (err != AL_NO_ERROR || b == 0) {
                alErrors++;
                break;
            }
            free[freeCount++] = b;
            queuedCount--;
        }
    }

    private void fill(int buf, float[] in, int frames) {
        int n = frames * 2;
        if (float32) {
            floats.clear();
            floats.put(in, 0, n);
            floats.flip();
            alBufferData(buf, EXTFloat32.AL_FORMAT_STEREO_FLOAT32, floats, rate);
        } else {
            shorts.clear();
            int s = seed;
            for (int i = 0; i < n; i++) {
                float d = 0;
                if (dither) { // TPDF: the sum of two uniform values in [-0.5, 0.5) LSB
                    s ^= s << 13;
                    s ^= s >>> 17;
                    s ^= s << 5;
                    int a = s;
                    s ^= s << 13;
                    s ^= s >>> 17;
                    s ^= s << 5;
                    d = ((a >>> 8) + (s >>> 8)) * (1f / (1 << 24)) - 1f;
                }
                long q = Math.round(in[i] * 32768f + d);
                shorts.put((short) Math.max(-32768, Math.min(32767, q)));
            }
            seed = s;
            shorts.flip();
            alBufferData(buf, AL_FORMAT_STEREO16, shorts, rate);
        }
    }

    @Override
    public boolean lost() {
        return lost;
    }

    @Override
    public String name() {
        return name;
    }

    /** Blocks the source ran dry since it opened. */
    @Override
    public long underruns() {
        return underruns;
    }

    /** Frames queued in OpenAL ahead of what is being heard, as of the last block. */
    @Override
    public int queuedFrames() {
        return queuedFrames;
    }

    /** Frames queued and not yet mixed by OpenAL, asked of the source now (before the next block). */
    @Override
    public int framesAhead() {
        if (lost || dev == null) {
            return 0;
        }
        return started ? Math.max(0, queuedCount * block - sourceInt(AL_SAMPLE_OFFSET)) : queuedCount * block;
    }

    @Override
    public int queueBuffers() {
        return depth;
    }

    @Override
    public long deviceLatencyNanos() {
        return deviceLatencyNanos;
    }

    /** True while the audio thread is parked waiting for OpenAL to finish a buffer. */
    boolean waiting() {
        return waiting;
    }

    /** OpenAL errors met while queueing (0 unless OpenAL misbehaves). */
    int alErrors() {
        return alErrors;
    }

    boolean isFloat32() {
        return float32;
    }

    @Override
    public AlDevice device() {
        return dev;
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
        if (buffers != null) {
            for (int b : buffers) {
                alDeleteBuffers(b);
                Handles.BUFFERS.decrementAndGet();
            }
            buffers = null;
        }
        dev.close();
        dev = null;
    }
}
