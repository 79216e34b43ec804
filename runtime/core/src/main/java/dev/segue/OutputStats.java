package dev.segue;

/**
 * A snapshot of the real-time output, from {@link Segue#outputStats()}. Safe to read on the game
 * thread every frame (for a debug overlay or a log line).
 *
 * @param device             the output playing now ({@link Segue#outputName()})
 * @param silent             true when playing on the silent output (no device, or the device was lost)
 * @param underruns          times the device ran out of audio (a gap was heard), over the whole session
 * @param queuedFrames       frames handed to OpenAL and not yet heard, as of the last block
 * @param deviceLatencyNanos the device's own latency beyond the queue (OpenAL Soft reports it), or 0
 * @param load               audio-thread load: time to render a block over the block's duration,
 *                           averaged over about the last hundred blocks (0.05 = 5 % of real time)
 * @param lastRenderNanos    time the last block took to render
 * @param maxRenderNanos     the longest block render so far
 * @param blocks             blocks rendered so far
 * @param framesWritten      frames handed to the output so far (to OpenAL, or to the silent output)
 * @param blockFrames        frames per block
 * @param queueBuffers       blocks the OpenAL queue holds at most
 * @param sampleRate         frames per second
 * @param longestGapNanos    the longest time between the starts of two blocks rendered one after the
 *                           other: normally about one OpenAL mixing period; more when the audio thread
 *                           was held up (a garbage-collection pause stops it, as it stops every Java thread)
 * @param devicePeriodFrames the device's mixing period in frames (OpenAL's; see
 *                           {@code OpenAl.period}), 0 when the output does not say
 */
public record OutputStats(String device, boolean silent, long underruns, int queuedFrames, long deviceLatencyNanos,
        double load, long lastRenderNanos, long maxRenderNanos, long blocks, long framesWritten, int blockFrames, int queueBuffers,
        int sampleRate, long longestGapNanos, int devicePeriodFrames) {

    /** What is queued now plus the device's own latency: how late a sound rendered now is heard, in ms. */
    public double latencyMillis() {
        return sampleRate == 0 ? 0 : queuedFrames * 1000.0 / sampleRate + deviceLatencyNanos / 1e6;
    }

    /** The device's own latency in milliseconds. */
    public double deviceLatencyMillis() {
        return deviceLatencyNanos / 1e6;
    }

    /**
     * The device's whole buffer in milliseconds (its latency plus the period being filled, at least two
     * periods): in callback mode, the longest OpenAL's mixer may be held up (by a garbage-collection
     * pause, say) before the sound drops out, which is what {@link #underruns()} counts. 0 when the
     * output does not say its period.
     */
    public double deviceBufferMillis() {
        if (devicePeriodFrames == 0 || sampleRate == 0) {
            return 0;
        }
        double period = devicePeriodFrames * 1000.0 / sampleRate;
        return Math.max(2 * period, deviceLatencyNanos / 1e6 + period);
    }

    /** The device's mixing period in milliseconds, 0 when unknown. */
    public double devicePeriodMillis() {
        return sampleRate == 0 ? 0 : devicePeriodFrames * 1000.0 / sampleRate;
    }

    /**
     * The worst case from a call like {@code setParameter} to the ear, in frames, not counting the
     * device's own latency: one block until the audio thread reads it, plus a full queue.
     */
    public int worstCaseLatencyFrames() {
        return (queueBuffers + 1) * blockFrames;
    }
}
