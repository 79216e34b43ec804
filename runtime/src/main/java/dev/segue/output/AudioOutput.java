package dev.segue.output;

/**
 * Where rendered blocks go in real time. {@link #write} blocks until the device can take the block,
 * which is what paces the audio thread.
 */
public interface AudioOutput extends AutoCloseable {

    /** Opens the device for interleaved float stereo at {@code sampleRate}. */
    void open(int sampleRate, int blockFrames) throws Exception;

    /** Queues one block, waiting for room. */
    void write(float[] interleaved, int frames) throws InterruptedException;

    /** A name for the device, for logs and the options screen. */
    String name();

    @Override
    void close();
}
