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
 * as the block fits, so the device is kept full, less what its consumer takes at once: OpenAL Soft's
 * mixer takes one mixing period from the source at a time, so the LWJGL3 device holds between its
 * length less a period and its length, on average its length less half a period.
 * {@link #framesAhead()} reports that average when the period is known (LWJGL3: asked from OpenAL
 * Soft), else the device's whole length, which never flatters. The first write primes the device
 * with its own length of silence, so the queue is full, and the figure true, from the first block.
 *
 * <p><b>A device that does not block</b> (libGDX with audio disabled, or no sound device: its
 * {@code AudioDevice} drops the samples at once) would let the audio thread spin; a clock then
 * paces the writes to real time (at most twice the device's length and 50 ms ahead of it, which a
 * blocking device never reaches), so the music clock and events still run at real speed. On desktop such
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
    private int ahead; // what the device holds ahead of a block, on average
    private int period;
    private long paceLimit; // frames the clock may lag the writes before a write waits for it
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
        period = AlcLatency.periodFrames();
        ahead = period > 0 && period < capacity ? capacity - period / 2 : capacity;
        paceLimit = 2L * capacity + Math.max(block, period) + sampleRate / 20;
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
            long lead = written - played;
            if (lead < 0) {
                // the clock says more was played than written: the device ran dry (or its clock is faster)
                underruns++;
                anchorNanos = t1;
                framesAtAnchor = written;
                lead = 0;
            }
            if (lead > paceLimit) {
                // far more written than a blocking device could hold: it does not block; wait for the
                // clock, so the music runs in real time (a blocking device never gets here)
                LockSupport.parkNanos((lead - paceLimit) * 1_000_000_000L / rate);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            queued = this.ahead;
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
        return primed ? ahead : 0;
    }

    @Override
    public int devicePeriodFrames() {
        return period;
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
