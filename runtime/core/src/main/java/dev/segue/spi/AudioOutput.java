package dev.segue.spi;

/**
 * Where rendered blocks go in real time. {@link #write} blocks until the device can take the block,
 * which is what paces the audio thread. {@link #open}, {@link #write} and {@link #close} are called on
 * the audio thread; the statistics may be read from any thread.
 */
public interface AudioOutput extends AutoCloseable {

    /** Opens the device for interleaved float stereo at {@code sampleRate}. */
    void open(int sampleRate, int blockFrames) throws Exception;

    /**
     * Waits until {@link #write} can take a block at once. The audio thread calls it before it
     * renders, so a block is rendered as late as possible and commands the game sent meanwhile are in
     * it; an output whose {@code write} paces itself may leave it empty.
     */
    default void awaitRoom() throws InterruptedException {
    }

    /** Queues one block, waiting for room. */
    void write(float[] interleaved, int frames) throws InterruptedException;

    /** A name for the device, for logs and the options screen. */
    String name();

    /** True once the device has gone (unplugged, failed); later writes are dropped. */
    default boolean lost() {
        return false;
    }

    /** Why {@link #lost()} is true, when the output knows more than "the device went", else null. */
    default String lostReason() {
        return null;
    }

    /** Times the device ran out of audio since it opened. */
    default long underruns() {
        return 0;
    }

    /** Frames handed to the device that it has not played yet. */
    default int queuedFrames() {
        return 0;
    }

    /**
     * Frames handed to the device that it has not mixed yet, asked now, just before a block is
     * rendered: what plays ahead of that block. On the audio thread.
     */
    default int framesAhead() {
        return queuedFrames();
    }

    /**
     * Blocks the output queues at most (0 for outputs without a queue). An OpenAL output may queue
     * more than asked: at least one OpenAL mixing period plus a block, or it would underrun every period.
     */
    default int queueBuffers() {
        return 0;
    }

    /** The device's own latency beyond the queue, in nanoseconds, or 0 if unknown. */
    default long deviceLatencyNanos() {
        return 0;
    }

    /** The device's mixing period in frames (OpenAL's), or 0 if unknown or not a device. */
    default int devicePeriodFrames() {
        return 0;
    }

    /**
     * Something the game should hear once the output has opened, or null: OpenAL Soft not mixing in
     * the period Segue asked for, say.
     */
    default String openNotice() {
        return null;
    }

    /**
     * True for an output that pulls audio itself (OpenAL Soft's callback mode): the audio thread then
     * {@link #attach}es the renderer instead of writing blocks.
     */
    default boolean pulls() {
        return false;
    }

    /** For a pulling output: render with {@code renderer} from now on, on whichever thread it pulls. */
    default void attach(PullRenderer renderer) {
        throw new UnsupportedOperationException(name() + " does not pull");
    }

    @Override
    void close();

    /**
     * An output that cannot open: its {@link #open} throws {@code why}, so Segue's audio thread plays on
     * the silent output (the clock and events keep running) and its one OUTPUT event is {@code why}. For
     * an output module that finds, before any device, that it cannot run here (a missing or wrong
     * native library, say).
     */
    static AudioOutput unavailable(String name, String why) {
        return new AudioOutput() {
            @Override
            public void open(int sampleRate, int blockFrames) {
                throw new IllegalStateException(why);
            }

            @Override
            public void write(float[] interleaved, int frames) {
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public void close() {
            }
        };
    }
}
