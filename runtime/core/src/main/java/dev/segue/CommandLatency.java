package dev.segue;

/**
 * How long the game's commands took to reach the sound, from {@link Segue#commandLatency()}:
 * measured on every {@code setState}, {@code setParameter}, {@code trigger}, {@code playStinger},
 * {@code pause}/{@code resume}, {@code duck}, {@code setVolume} and stem mute/solo since the Segue
 * was built, from the call to the moment the audio thread reads it at the start of a block, plus the
 * frames already queued in OpenAL ahead of that block. Figures are in frames at {@link #sampleRate()};
 * {@link #millis(int)} converts. (A quantized change such as a state's cue landing on the next bar
 * then waits for its bar on purpose: that musical wait is not counted here.)
 *
 * @param commands            commands measured
 * @param sampleRate          frames per second
 * @param reaction            call → the audio thread reads it (at most about one block, or one OpenAL
 *                            period in callback mode)
 * @param toOutput            call → OpenAL mixes its first frame: {@code reaction} plus the frames
 *                            queued ahead; Segue's own share of the latency
 * @param deviceLatencyFrames the device's own latency after OpenAL mixes
 *                            ({@link OutputStats#deviceLatencyMillis()}), in frames
 */
public record CommandLatency(long commands, int sampleRate, Percentiles reaction, Percentiles toOutput,
        long deviceLatencyFrames) {

    /**
     * Percentiles in frames. Each is the upper edge of a 4-frame bucket: never below the true value,
     * at most 4 frames above it.
     */
    public record Percentiles(int p50, int p95, int p99, int max) {
        Percentiles plus(long frames) {
            int d = (int) Math.min(Integer.MAX_VALUE / 2, frames);
            return new Percentiles(p50 + d, p95 + d, p99 + d, max + d);
        }
    }

    /** Call → ear: {@link #toOutput()} plus the device's own latency. */
    public Percentiles toEar() {
        return toOutput.plus(deviceLatencyFrames);
    }

    /** {@code frames} in milliseconds at this rate. */
    public double millis(int frames) {
        return sampleRate == 0 ? 0 : frames * 1000.0 / sampleRate;
    }
}
