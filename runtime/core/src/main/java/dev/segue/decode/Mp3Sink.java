package dev.segue.decode;

import javazoom.jl.decoder.OutputBuffer;

/**
 * Catches JLayer's synthesis output as floats, before its own 16-bit conversion: one frame at a time,
 * interleaved, scaled to [-1, 1] and clamped there. JLayer's synthesis filters call
 * {@link #appendSamples} with 32 samples of one channel at a time.
 */
final class Mp3Sink extends OutputBuffer {
    /** JLayer scales its synthesis output by this before converting to 16 bits. */
    private static final float JLAYER_SCALE = 32700f;

    private final int channels;
    private final int samplesPerFrame;
    private final int[] written;
    /** One decoded frame, interleaved. */
    final float[] pcm;

    Mp3Sink(int channels, int samplesPerFrame) {
        super(channels, false);
        this.channels = channels;
        this.samplesPerFrame = samplesPerFrame;
        this.written = new int[channels];
        this.pcm = new float[samplesPerFrame * channels];
    }

    /** Starts a new frame. */
    void begin() {
        for (int c = 0; c < channels; c++) {
            written[c] = 0;
        }
    }

    @Override
    public void appendSamples(int channel, float[] samples) {
        if (channel >= channels) {
            return;
        }
        int w = written[channel];
        int n = Math.min(samples.length, samplesPerFrame - w);
        for (int i = 0; i < n; i++) {
            float v = samples[i] / JLAYER_SCALE;
            pcm[(w + i) * channels + channel] = v > 1f ? 1f : (v < -1f ? -1f : v);
        }
        written[channel] = w + n;
    }

    /**
     * Ends the frame: whatever the decoder did not deliver (a frame whose main data was not in the
     * reservoir yet, or a damaged one) is silence, so every frame is exactly one frame long.
     */
    void finish() {
        for (int c = 0; c < channels; c++) {
            for (int i = written[c]; i < samplesPerFrame; i++) {
                pcm[i * channels + c] = 0f;
            }
        }
    }
}
