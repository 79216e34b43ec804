package dev.segue.engine;

import dev.segue.spi.OutputFactory;

/**
 * How a {@link Host} runs, as the facade's builder decided it.
 *
 * @param sampleRate      the mixer rate
 * @param blockFrames     frames per block the output driver renders
 * @param mode            who pulls the audio
 * @param maxPlaybacks    cue playbacks that may sound at once
 * @param commandCapacity game → audio command ring size
 * @param eventCapacity   audio → game event ring size
 * @param output          makes the real-time output; null plays on the silent output
 * @param retryMillis     how often a lost device is tried again
 * @param streamAbove     stems longer than this many frames stream; {@code Long.MAX_VALUE} streams none
 * @param streamRing      frames each streamed playback decodes ahead
 * @param streamVoices    stream voices to allocate; 0 sizes them from the sheet (none if nothing streams)
 * @param watch           watch the sheet file and its stems, and reload on every save
 */
public record Settings(int sampleRate, int blockFrames, Mode mode, int maxPlaybacks, int commandCapacity,
        int eventCapacity, OutputFactory output, long retryMillis, long streamAbove, int streamRing,
        int streamVoices, boolean watch) {

    /** Who pulls the audio out of the engine. */
    public enum Mode {
        /** The caller renders, as fast as it likes; streamed stems are read on the caller's thread. */
        OFFLINE,
        /** The caller renders from its own audio thread; a streamer thread decodes ahead of it. */
        PULL,
        /** Segue's output driver renders onto a device (or the silent output). */
        REALTIME
    }

    /** An offline host at {@code sampleRate} with the default pools, nothing streamed (the tools' renders). */
    public static Settings offline(int sampleRate) {
        return new Settings(sampleRate, 256, Mode.OFFLINE, 16, 256, 1 << 16, null, 2000, Long.MAX_VALUE,
                sampleRate, 0, false);
    }

    /** Whether the caller renders (no output driver). */
    public boolean pulled() {
        return mode != Mode.REALTIME;
    }
}
