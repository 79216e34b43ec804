package dev.segue.gdx;

import com.badlogic.gdx.audio.AudioDevice;
import dev.segue.spi.AudioOutput;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A queueing output over one libGDX {@link AudioDevice}: Segue's audio thread pushes each block with
 * {@link AudioDevice#writeSamples(float[], int, int)}, which blocks while the device is full and so
 * paces the thread.
 *
 * <p><b>What is queued.</b> libGDX cannot say how much of what was written is still waiting, only how
 * much its device holds ({@link AudioDevice#getLatency()}, in frames). A blocking write returns as soon
 * as the block fits, so right after it the device is full: {@link #framesAhead()} is what was written
 * minus what a clock running at the sample rate says was played since the device last made a write
 * wait, never more than the device holds plus one block. The first write primes the device with its
 * own length of silence, so the queue is full, and the figure true, from the first block.
 *
 * <p><b>A device that does not block</b> (libGDX with audio disabled, or no sound device: its
 * {@code AudioDevice} drops the samples at once) would let the audio thread spin; the same clock then
 * paces the writes to real time, so the music clock and events still run at real speed. On desktop such
 * a device is refused at {@link #open} instead, so Segue plays on its silent output and says why.
 *
 * <p>Nothing on the write path allocates, locks or logs beyond what {@code writeSamples} itself does
 * (libGDX's LWJGL3 device converts into a byte array it keeps).
 */
final class AudioDeviceOutput implements AudioOutput {
    private final IntFunction<AudioDevice> devices;
    private final String describe;
    private AudioDevice device;
    private int rate;
    private int block;
    private int capacity; // frames the device holds
    private float[] prime;
    private boolean primed;
    private long anchorNanos; // when the clock says framesAtAnchor frames had been played
    private long framesAtAnchor;
    private long written;
    private volatile int queued;
    private volatile long underruns;
    private volatile long deviceLatencyNanos;
    private volatile boolean lost;
    private volatile String lostReason;

    /**
     * @param devices makes the device for a sample rate, on the audio thread
     * @param describe the output's name
     */
    AudioDeviceOutput(IntFunction<AudioDevice> devices, String describe) {
        this.devices = devices;
        this.describe = describe;
    }

    @Override
    public void open(int sampleRate, int blockFrames) {
        rate = sampleRate;
        block = blockFrames;
        AudioDevice d = devices.apply(sampleRate);
        if (d == null) {
            throw new IllegalStateException("libGDX gave no AudioDevice");
        }
        device = d;
        capacity = Math.max(0, d.getLatency());
        String refused = GdxAudioOutput.refusal(d, capacity);
        if (refused != null) {
            throw new IllegalStateException(refused);
        }
        prime = new float[Math.max(capacity, blockFrames) * 2];
        deviceLatencyNanos = AlcLatency.nanos();
        queued = 0;
    }

    @Override
    public void write(float[] interleaved, int frames) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException(); // libGDX's LWJGL3 device swallows interrupts while it waits
        }
        if (lost) {
            return;
        }
        try {
            if (!primed) {
                primed = true;
                int n = Math.max(capacity, 0);
                if (n > 0) {
                    device.writeSamples(prime, 0, n * 2); // fills every buffer: no empty ones, a full queue
                }
                written = n;
                anchorNanos = System.nanoTime();
                framesAtAnchor = 0;
            }
            long t0 = System.nanoTime();
            device.writeSamples(interleaved, 0, frames * 2);
            long t1 = System.nanoTime();
            written += frames;
            if ((t1 - t0) * rate > block * 250_000_000L) {
                // the write waited (more than a quarter block): the device was full, the device is the clock
                anchorNanos = t1;
                framesAtAnchor = Math.max(0, written - capacity);
            }
            long played = framesAtAnchor + (t1 - anchorNanos) * rate / 1_000_000_000L;
            long ahead = written - played;
            if (ahead < 0) {
                // the clock says more was played than written: the device ran dry (or its clock is faster)
                underruns++;
                anchorNanos = t1;
                framesAtAnchor = written;
                ahead = 0;
            }
            long limit = capacity + block;
            if (ahead > limit) {
                // a device that does not block: wait for the clock, so the music runs in real time
                LockSupport.parkNanos((ahead - limit) * 1_000_000_000L / rate);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                ahead = limit;
            }
            queued = (int) Math.min(ahead, capacity + (long) block);
        } catch (RuntimeException e) {
            lostReason = e.getClass().getSimpleName() + ": " + e.getMessage();
            lost = true;
        }
    }

    @Override
    public int queuedFrames() {
        return queued;
    }

    @Override
    public int framesAhead() {
        if (!primed) {
            return 0;
        }
        long played = framesAtAnchor + (System.nanoTime() - anchorNanos) * rate / 1_000_000_000L;
        return (int) Math.max(0, Math.min(written - played, capacity + (long) block));
    }

    @Override
    public int queueBuffers() {
        return block == 0 ? 0 : (capacity + block - 1) / block;
    }

    @Override
    public long deviceLatencyNanos() {
        return deviceLatencyNanos;
    }

    @Override
    public long underruns() {
        return underruns;
    }

    @Override
    public boolean lost() {
        return lost;
    }

    @Override
    public String lostReason() {
        return lostReason;
    }

    /** Frames the device holds, as it says ({@link AudioDevice#getLatency()}). */
    int capacityFrames() {
        return capacity;
    }

    @Override
    public String openNotice() {
        return null;
    }

    @Override
    public String name() {
        return describe + (device == null ? "" : " (" + capacity + " frames)");
    }

    @Override
    public void close() {
        AudioDevice d = device;
        device = null;
        if (d != null) {
            try {
                d.dispose();
            } catch (RuntimeException e) {
                // the application is going away: its audio may already be disposed
            }
        }
    }
}
