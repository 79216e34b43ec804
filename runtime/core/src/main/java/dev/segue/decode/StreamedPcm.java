package dev.segue.decode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stem that is streamed rather than held whole in memory: the file, its length and channels at the
 * mixer rate, and its resident <em>heads</em>: short spans decoded into memory at load around the
 * points a playback can jump to (the start, the entry, the loop start, the loop end where the outro
 * begins). Each playback reads the rest through its own {@link StreamVoice}, filled ahead by the
 * {@link Streamer}; a jump the streamer could not foresee is played from a head while it re-seeks.
 *
 * <p>Built by the cue-sheet loader ({@link #open}, {@link #addJumpTarget}, {@link #decodeHeads}),
 * then read-only and shared by every thread.
 */
public final class StreamedPcm {
    private final Source source;
    private final String name;
    private final int rate;
    private final int channels;
    private final long frames;
    private final List<Long> targets = new ArrayList<>();
    private long[] headStart = new long[0];
    private float[][] headData = new float[0][];
    private int[] headFrames = new int[0];

    private StreamedPcm(Source source, int rate, int channels, long frames) {
        this.source = source;
        this.name = source.name();
        this.rate = rate;
        this.channels = channels;
        this.frames = frames;
    }

    /** The definition of {@code file}, whose source {@code s} (at the mixer rate) was opened to measure it. */
    public static StreamedPcm of(Path file, int rate, PcmSource s) {
        return of(Sources.file(file), rate, s);
    }

    /**
     * The definition of {@code source}, whose decoder {@code s} (at the mixer rate) was opened to
     * measure it. A source that cannot seek in place keeps its bytes in memory, read once, and every
     * voice streams from that copy.
     */
    public static StreamedPcm of(Source source, int rate, PcmSource s) {
        return new StreamedPcm(source, rate, s.channels(), s.frames());
    }

    /** Opens the stem for reading at the mixer rate (on the streaming or loading thread). */
    public PcmSource open() throws IOException {
        return AudioFiles.open(source, rate);
    }

    /** Records a timeline frame a playback may jump to; {@link #decodeHeads} makes its head. */
    public void addJumpTarget(long frame) {
        if (frame >= 0 && frame < frames) {
            targets.add(frame);
        }
    }

    /**
     * Decodes a head around each jump target: {@code lead} frames before it and {@code length} after
     * (clipped to the file), overlapping spans merged into one.
     */
    public void decodeHeads(int lead, int length) throws IOException {
        long[] t = targets.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        List<long[]> spans = new ArrayList<>();
        for (long x : t) {
            long a = Math.max(0, x - lead);
            long b = Math.min(frames, x + length);
            if (!spans.isEmpty() && a <= spans.get(spans.size() - 1)[1]) {
                spans.get(spans.size() - 1)[1] = Math.max(b, spans.get(spans.size() - 1)[1]);
            } else {
                spans.add(new long[] {a, b});
            }
        }
        long[] start = new long[spans.size()];
        float[][] data = new float[spans.size()][];
        int[] len = new int[spans.size()];
        try (PcmSource s = open()) {
            check(s);
            float[] buf = new float[4096 * s.channels()];
            for (int i = 0; i < spans.size(); i++) {
                start[i] = spans.get(i)[0];
                len[i] = (int) (spans.get(i)[1] - start[i]);
                data[i] = new float[len[i] * channels];
                s.seek(start[i]);
                int n = 0;
                while (n < len[i]) {
                    int got = s.read(buf, 0, Math.min(4096, len[i] - n));
                    if (got <= 0) {
                        throw new AudioFormatException(name, -1, "ended at frame " + (start[i] + n) + " of " + frames);
                    }
                    System.arraycopy(buf, 0, data[i], n * channels, got * channels);
                    n += got;
                }
            }
        }
        headStart = start;
        headData = data;
        headFrames = len;
    }

    /** Checks that {@code s} still has the length and layout this definition was made with. */
    void check(PcmSource s) throws AudioFormatException {
        if (s.frames() != frames || s.channels() != channels) {
            throw new AudioFormatException(name, -1, "the file changed since the sheet was loaded (it had "
                    + frames + " frames, " + (channels == 1 ? "mono" : "stereo") + "; now " + s.frames() + " frames, "
                    + s.channels() + " channels)");
        }
    }

    /** The file path, for messages. */
    public String name() {
        return name;
    }

    /** Frames at the mixer rate. */
    public long frames() {
        return frames;
    }

    /** 1 (mono) or 2 (stereo; more channels are folded to stereo). */
    public int channels() {
        return channels;
    }

    /** The head holding timeline frame {@code pos}, or -1. */
    public int head(long pos) {
        for (int i = 0; i < headStart.length; i++) {
            if (pos >= headStart[i] && pos < headStart[i] + headFrames[i]) {
                return i;
            }
        }
        return -1;
    }

    /** The first head starting after {@code pos}, as a frame, or {@code Long.MAX_VALUE}. */
    public long nextHeadStart(long pos) {
        for (long s : headStart) {
            if (s > pos) {
                return s;
            }
        }
        return Long.MAX_VALUE;
    }

    /** First timeline frame of head {@code i}. */
    public long headStart(int i) {
        return headStart[i];
    }

    /** Frames in head {@code i}. */
    public int headFrames(int i) {
        return headFrames[i];
    }

    /** The samples of head {@code i}, interleaved; callers must not write to it. */
    public float[] headData(int i) {
        return headData[i];
    }
}
