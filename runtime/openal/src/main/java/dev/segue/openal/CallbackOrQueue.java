package dev.segue.openal;

import dev.segue.spi.AudioOutput;
import dev.segue.spi.PullRenderer;
import java.util.function.Supplier;

/**
 * Segue's default OpenAL output: callback mode ({@link OpenAlCallbackOutput}) where the device offers
 * {@code AL_SOFT_callback_buffer} (OpenAL Soft 1.22 and later, which LWJGL ships), else the queue
 * ({@link OpenAlOutput}) on the same device. Decided once, at {@link #open}; everything else is passed
 * to the output that opened.
 */
final class CallbackOrQueue implements AudioOutput {
    private final Supplier<AudioOutput> callback;
    private final Supplier<AudioOutput> queue;
    private AudioOutput out;

    CallbackOrQueue(Supplier<AudioOutput> callback, Supplier<AudioOutput> queue) {
        this.callback = callback;
        this.queue = queue;
    }

    @Override
    public void open(int sampleRate, int blockFrames) throws Exception {
        AudioOutput c = callback.get();
        try {
            c.open(sampleRate, blockFrames);
            out = c;
            return;
        } catch (OutputUnavailableException e) {
            c.close();
            if (!e.featureMissing) {
                throw e; // the device itself did not open: the queue would not either
            }
        }
        AudioOutput q = queue.get();
        q.open(sampleRate, blockFrames);
        out = q;
    }

    @Override
    public void awaitRoom() throws InterruptedException {
        out.awaitRoom();
    }

    @Override
    public void write(float[] interleaved, int frames) throws InterruptedException {
        out.write(interleaved, frames);
    }

    @Override
    public String name() {
        return out == null ? "OpenAL" : out.name();
    }

    @Override
    public boolean lost() {
        return out != null && out.lost();
    }

    @Override
    public String lostReason() {
        return out == null ? null : out.lostReason();
    }

    @Override
    public long underruns() {
        return out == null ? 0 : out.underruns();
    }

    @Override
    public int queuedFrames() {
        return out == null ? 0 : out.queuedFrames();
    }

    @Override
    public int framesAhead() {
        return out.framesAhead();
    }

    @Override
    public int queueBuffers() {
        return out == null ? 0 : out.queueBuffers();
    }

    @Override
    public long deviceLatencyNanos() {
        return out == null ? 0 : out.deviceLatencyNanos();
    }

    @Override
    public int devicePeriodFrames() {
        return out == null ? 0 : out.devicePeriodFrames();
    }

    @Override
    public String openNotice() {
        return out == null ? null : out.openNotice();
    }

    @Override
    public boolean pulls() {
        return out != null && out.pulls();
    }

    @Override
    public void attach(PullRenderer renderer) {
        out.attach(renderer);
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
