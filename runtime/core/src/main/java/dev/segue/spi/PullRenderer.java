package dev.segue.spi;

/**
 * What a pulling output ({@link AudioOutput#pulls()}) calls to have audio rendered: an output whose
 * device asks for samples (OpenAL Soft's callback mode, an engine's audio callback) calls it on the
 * device's own thread. It never blocks and does no I/O: streamed stems are decoded ahead by Segue's
 * streamer thread.
 */
@FunctionalInterface
public interface PullRenderer {
    /**
     * Renders the next {@code frames} interleaved stereo frames into {@code out}; {@code framesAhead}
     * frames of the output's own are already waiting to be played ahead of them (ones it rendered
     * earlier in the same request), so latency is measured honestly.
     */
    void render(float[] out, int frames, int framesAhead);
}
