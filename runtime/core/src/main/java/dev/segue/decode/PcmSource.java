package dev.segue.decode;

import java.io.Closeable;
import java.io.IOException;

/**
 * A decoder's view of an audio stream: interleaved float frames in [-1, 1], read sequentially.
 * Implementations are used from one thread at a time (the loading or streaming thread, never the
 * mix loop).
 */
public interface PcmSource extends Closeable {

    /** Channels per frame (1 = mono, 2 = stereo, more = multichannel). */
    int channels();

    /**
     * The speaker of each channel, numbered as the bits of WAVE_FORMAT_EXTENSIBLE's channel mask
     * (-1 where unknown); what {@link AudioFiles#open} folds more than two channels to stereo by.
     * By default WAVE's standard order for the channel count.
     */
    default int[] speakers() {
        return Downmix.wav(channels(), 0);
    }

    /**
     * Whether the file ends before its header says it should (cut short by a failed copy or
     * download): it plays the audio there is, and {@link #frames()} counts exactly that.
     */
    default boolean truncated() {
        return false;
    }

    /**
     * The file's Vorbis comments (keys upper-cased, values in file order) when the decoder reads them
     * itself, bounded by its own checks; null when tags are left to a tag reader.
     */
    default java.util.Map<String, java.util.List<String>> comments() {
        return null;
    }

    /** Frames per second of this source. */
    int sampleRate();

    /** Total frames, or -1 if the stream cannot tell before it is read to the end. */
    long frames();

    /**
     * Reads up to {@code frames} frames into {@code dst} from {@code offset} (in samples), interleaved.
     *
     * @return frames read, or -1 at the end of the stream
     */
    int read(float[] dst, int offset, int frames) throws IOException;

    /** Positions the next read at {@code frame}. */
    void seek(long frame) throws IOException;

    /** A name for messages, usually the file path. */
    String name();

    /**
     * The range check every {@link #seek} makes.
     *
     * @throws IllegalArgumentException if {@code frame} is outside {@code 0..frames}
     */
    static void checkSeek(long frame, long frames) {
        if (frame < 0 || frame > frames) {
            throw new IllegalArgumentException("seek to " + frame + " outside 0.." + frames);
        }
    }
}
