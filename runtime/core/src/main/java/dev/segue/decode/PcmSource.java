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
