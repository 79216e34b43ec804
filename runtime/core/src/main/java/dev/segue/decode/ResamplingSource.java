package dev.segue.decode;

import java.io.IOException;

/**
 * Presents another {@link PcmSource} at a different sample rate through a {@link Resampler}. Output
 * frame {@code k} is the wrapped stream at its time {@code k * sourceRate / targetRate}; the length is
 * exactly {@link Resampler#outputFrames} of the wrapped length. Reads go through one input buffer
 * allocated at construction. A seek lands exactly: what follows it is bit-identical to reading
 * straight through to the same frame.
 *
 * <p>Closing this source closes the wrapped one.
 */
public final class ResamplingSource implements PcmSource {
    private static final int BUFFER_FRAMES = 1024;

    private final PcmSource source;
    private final int targetRate;
    private final Resampler resampler;
    private final int channels;
    private final float[] buffer;
    private int bufferPos;
    private int bufferLen;
    private boolean sourceEnded;
    private long frame;

    /**
     * Wraps {@code source} (1 to 8 channels) to be read at {@code targetRate} frames per second.
     *
     * @throws IllegalArgumentException if the channel count or either rate is outside what {@link Resampler} takes
     */
    public ResamplingSource(PcmSource source, int targetRate) {
        this.source = source;
        this.targetRate = targetRate;
        this.channels = source.channels();
        this.resampler = new Resampler(channels, source.sampleRate(), targetRate);
        this.buffer = new float[BUFFER_FRAMES * channels];
    }

    /** The wrapped source. */
    public PcmSource source() {
        return source;
    }

    /** The wrapped source's channel count. */
    @Override
    public int channels() {
        return channels;
    }

    /** The target rate given at construction. */
    @Override
    public int sampleRate() {
        return targetRate;
    }

    /** {@link Resampler#outputFrames} of the wrapped length, or -1 if that is unknown. */
    @Override
    public long frames() {
        long in = source.frames();
        return in < 0 ? -1 : Resampler.outputFrames(in, source.sampleRate(), targetRate);
    }

    /**
     * Reads up to {@code frames} converted frames, reading the wrapped source as needed. Fewer frames
     * come back only at the end of the stream or if the wrapped source returned nothing for now.
     *
     * @return frames read, or -1 at the end of the stream
     */
    @Override
    public int read(float[] dst, int offset, int frames) throws IOException {
        if (offset < 0 || frames < 0 || (long) offset + (long) frames * channels > dst.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", " + frames + " frames, array of " + dst.length);
        }
        if (frames == 0) {
            return 0;
        }
        int written = 0;
        while (written < frames) {
            int o = offset + written * channels;
            if (sourceEnded) {
                int n = resampler.drainSamples(dst, o, frames - written);
                if (n == 0) {
                    break;
                }
                written += n;
                continue;
            }
            if (bufferPos == bufferLen) {
                int got = source.read(buffer, 0, BUFFER_FRAMES);
                if (got < 0) {
                    sourceEnded = true;
                    continue;
                }
                if (got == 0) {
                    break; // the wrapped source has nothing for now
                }
                bufferPos = 0;
                bufferLen = got;
            }
            written += resampler.processSamples(buffer, bufferPos * channels, bufferLen - bufferPos, dst, o, frames - written);
            bufferPos += resampler.consumedFrames();
        }
        frame += written;
        return written == 0 && sourceEnded ? -1 : written;
    }

    /**
     * Positions the next read at output frame {@code frame}: the wrapped source is sought to the first
     * input frame that frame's filter reads (its input time less the filter's half-length, at least
     * 0), and the converter restarts there, with silence before the stream's start, exactly as it
     * would stand after reading straight through.
     */
    @Override
    public void seek(long toFrame) throws IOException {
        long total = frames();
        if (toFrame < 0 || (total >= 0 && toFrame > total)) {
            throw new IllegalArgumentException("seek to " + toFrame + " outside 0.." + total);
        }
        long inputFrame = resampler.startAt(toFrame);
        long inputTotal = source.frames();
        source.seek(inputTotal >= 0 ? Math.min(inputFrame, inputTotal) : inputFrame);
        bufferPos = 0;
        bufferLen = 0;
        sourceEnded = false;
        frame = toFrame;
    }

    /** The next frame {@link #read read} will return. */
    public long position() {
        return frame;
    }

    /** The wrapped source's name. */
    @Override
    public java.util.Map<String, java.util.List<String>> comments() {
        return source.comments();
    }

    @Override
    public boolean truncated() {
        return source.truncated();
    }

    @Override
    public String name() {
        return source.name();
    }

    /** Closes the wrapped source. */
    @Override
    public void close() throws IOException {
        source.close();
    }
}
