package dev.segue.decode;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;

/**
 * FLAC reader on jFLAC: 1 to 8 channels, 4 to 24 bits, output as float scaled by the bit depth
 * ({@code sample / 2^(bits-1)}), so a 16- or 24-bit file gives exactly the floats {@link WavSource}
 * gives for the WAV it was encoded from.
 *
 * <p><b>Metadata</b> is read and checked by Segue, not by the library: every STREAMINFO field is
 * checked against the spec and the total length against the file's real size, and blocks other than
 * STREAMINFO and SEEKTABLE are skipped by their length. The decoder is handed a 42-byte header Segue
 * builds from the checked STREAMINFO, followed by the frames.
 *
 * <p><b>Length.</b> When opened, the last frames of the file are decoded to find where the audio
 * really ends. {@link #frames()} is the STREAMINFO total when the file holds all of it; a truncated
 * file plays up to its last complete frame and then ends, and {@link #frames()} counts only that. A
 * STREAMINFO total more than the file could possibly hold is an error.
 *
 * <p><b>Seeking</b> is exact to the sample: the SEEKTABLE, if there is one, brackets the target, and
 * a bisection over frame headers narrows it to a frame starting at or before the target; frames are
 * then decoded and discarded up to it. FLAC frames are independent, so the result is bit-identical to
 * a straight read.
 *
 * <p><b>Damage.</b> A frame failing its CRC, a lost sync or anything the library throws becomes
 * silence for the samples it would have covered (the decoder restarts at the next good frame), so
 * reading always ends and delivers exactly {@link #frames()} frames. Every problem is reported as an
 * {@link AudioFormatException}; no exception of the library escapes. jFLAC can loop forever at the
 * end of a damaged stream; the stream it reads cuts that loop short.
 *
 * <p>jFLAC 1.5.2 prints a line on {@code System.out} for every Rice partition coded with an escape;
 * files from the reference encoder did not have any in our tests, damaged files do.
 */
public final class FlacSource implements PcmSource {
    /** Below this span, bisection stops and decoding takes over. */
    private static final long BISECT_SPAN = 1 << 14;

    private final String name;
    private final SeekableByteChannel channel;
    private final FlacStreamInfo info;
    private final FlacFrameHeader header;
    private final long audioEnd;
    private final byte[] prefix;
    private final RangeStream feed;
    private final float scale;
    private final float[] pcm;
    private final Errors errors = new Errors();
    private long frames;
    private FLACDecoder decoder;
    private long decoderStart;
    /** The decoded frame in {@link #pcm}: its first sample and length. A gap before it is silence. */
    private long bufStart;
    private int bufLen;
    private long pos;
    private long damagedFrames;

    private FlacSource(String name, SeekableByteChannel channel, FileWindow window, FlacStreamInfo info, long audioEnd) {
        this.name = name;
        this.channel = channel;
        this.info = info;
        this.header = new FlacFrameHeader(window, info);
        this.audioEnd = audioEnd;
        this.prefix = info.syntheticHeader();
        this.feed = new RangeStream(window);
        this.scale = (float) (1.0 / (1L << (info.bits - 1)));
        this.pcm = new float[info.maxBlock * info.channels];
    }

    /**
     * Opens {@code file}, checks its metadata and finds where its audio ends.
     *
     * @throws AudioFormatException naming the file, the byte offset and the reason if it is not a
     *                              FLAC file Segue can play
     */
    public static FlacSource open(Path file) throws IOException {
        return open(Sources.file(file));
    }

    /** As {@link #open(Path)}, from any source (a jar entry, a classpath resource, bytes in memory). */
    public static FlacSource open(Source src) throws IOException {
        JFlacOutput.quiet();
        String name = src.name();
        SeekableByteChannel ch = AudioFiles.openChannel(src);
        try {
            FileWindow w = new FileWindow(ch, ch.size(), 1 << 16);
            FlacStreamInfo info = FlacStreamInfo.read(w, name);
            if (info.bits > 24) {
                throw new AudioFormatException(name, -1, info.bits + "-bit FLAC is not supported (the decoder reads up to 24 bits)");
            }
            FlacSource s = new FlacSource(name, ch, w, info, Id3.audioEnd(w, info.firstFrame));
            s.frames = s.findEnd();
            s.dropDecoder();
            s.damagedFrames = 0;
            return s;
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof AudioFormatException a) {
                throw a;
            }
            throw new AudioFormatException(name, -1, "cannot read the FLAC file: " + e);
        }
    }

    /**
     * The sample where the audio ends, at most the STREAMINFO total: the end of the last frame whose
     * header is found near the end of the file if that frame decodes (or is complete but fails its
     * CRC: damage, played as silence), else the end of the frame before it, which is complete since a
     * header follows it. So a truncated file ends with its last complete frame.
     */
    private long findEnd() throws IOException {
        long first = header.find(info.firstFrame, audioEnd);
        if (first < 0) {
            throw new AudioFormatException(name, info.firstFrame, "no audio frames after the metadata");
        }
        long span = Math.min(Math.max(4L * info.maxFrameSize, 1 << 18), 1 << 23);
        long from = Math.max(first, audioEnd - span);
        long[] offsets = new long[64];
        long[] ends = new long[64];
        int n = 0;
        for (long p = header.find(from, audioEnd); p >= 0; p = header.find(p + 1, audioEnd)) {
            long end = header.sampleNumber + header.blockSize;
            while (n > 0 && ends[n - 1] >= end) {
                n--; // positions must grow along the file: an earlier header claiming more is a false sync
            }
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * n);
                ends = Arrays.copyOf(ends, 2 * n);
            }
            offsets[n] = p;
            ends[n++] = end;
        }
        if (n > 0) {
            // only the last frame can be cut short: every other one has a header after it
            startDecoder(offsets[n - 1]);
            int r = decodeNext();
            long end = -1;
            if (r != EOF) {
                end = Math.max(ends[n - 1], r == GOOD ? bufStart + bufLen : 0); // complete, intact or damaged
            } else if (n > 1) {
                end = ends[n - 2]; // the last frame does not decode: truncated (or too damaged to tell)
            }
            if (end >= 0) {
                return info.totalSamples > 0 ? Math.min(end, info.totalSamples) : end;
            }
        }
        if (info.totalSamples > 0) {
            return info.totalSamples; // nothing readable near the end: trust STREAMINFO, damage plays as silence
        }
        throw new AudioFormatException(name, from, "no intact frame near the end and STREAMINFO does not give the length");
    }

    /** Channels per frame (1 to 8), from STREAMINFO. */
    @Override
    public int channels() {
        return info.channels;
    }

    /** Frames per second, from STREAMINFO. */
    @Override
    public int sampleRate() {
        return info.sampleRate;
    }

    /** Exact length in frames (see the class notes for truncated files). */
    @Override
    public long frames() {
        return frames;
    }

    /** Whether the audio ends before the STREAMINFO total: the file was cut short and plays to its last whole frame. */
    @Override
    public boolean truncated() {
        return info.totalSamples > 0 && frames < info.totalSamples;
    }

    /** The file's path as given to {@link #open}. */
    @Override
    public String name() {
        return name;
    }

    /** Bits per sample of the stream (STREAMINFO). */
    public int bitsPerSample() {
        return info.bits;
    }

    /** How many damaged frames were skipped so far and played as silence (0 for a sound file). */
    public long damagedFrames() {
        return damagedFrames;
    }

    /**
     * Reads up to {@code want} frames, interleaved, into {@code dst} from {@code offset} (in samples).
     * Allocates nothing in Segue's code.
     *
     * @return frames read (fewer only at the end), or -1 once {@link #frames()} frames have been read
     */
    @Override
    public int read(float[] dst, int offset, int want) throws IOException {
        if (pos >= frames) {
            return -1;
        }
        int ch = info.channels;
        int n = 0;
        while (n < want && pos < frames) {
            int k;
            if (pos >= bufStart && pos < bufStart + bufLen) {
                k = (int) Math.min(Math.min(want - n, bufStart + bufLen - pos), frames - pos);
                System.arraycopy(pcm, (int) (pos - bufStart) * ch, dst, offset + n * ch, k * ch);
            } else if (pos < bufStart) {
                k = (int) Math.min(Math.min(want - n, bufStart - pos), frames - pos);
                Arrays.fill(dst, offset + n * ch, offset + (n + k) * ch, 0f);
            } else {
                advance(pos);
                continue;
            }
            n += k;
            pos += k;
        }
        return n;
    }

    /**
     * Positions the next read at {@code frame}, exactly.
     *
     * @throws IllegalArgumentException if {@code frame} is outside {@code 0..frames()}
     */
    @Override
    public void seek(long frame) throws IOException {
        PcmSource.checkSeek(frame, frames);
        boolean inBuffer = frame >= bufStart && frame < bufStart + bufLen;
        boolean justAhead = decoder != null && frame >= bufStart + bufLen && frame - (bufStart + bufLen) < 2L * info.maxBlock;
        if (!inBuffer && !justAhead) {
            dropDecoder();
        }
        pos = frame;
    }

    /** Decodes until the buffer holds {@code target} or lies after it (a gap), or the stream ends. */
    private void advance(long target) throws IOException {
        while (true) {
            if (decoder == null) {
                startDecoder(locate(target));
            }
            int r = decodeNext();
            if (r == EOF) {
                bufStart = frames; // nothing more to decode: silence up to the end
                bufLen = 0;
                return;
            }
            if (r == GOOD && bufStart + bufLen > target) {
                return;
            }
        }
    }

    private static final int GOOD = 0;
    private static final int BAD = 1;
    private static final int EOF = 2;

    /** Decodes the next frame into {@link #pcm}. */
    private int decodeNext() throws IOException {
        int crcErrors = errors.crc;
        Frame f;
        try {
            f = decoder.readNextFrame();
        } catch (RangeStream.ReadPastEnd e) {
            return EOF; // jFLAC loops forever at the end of some damaged streams; this breaks it out
        } catch (RuntimeException | IOException e) {
            // damaged data the library could not survive: restart at the next frame header after the
            // bytes it consumed (always further on, so this ends); a real read error resurfaces there
            damagedFrames++;
            long restart = Math.max(decoderStart + 1, decoderStart + decoder.getTotalBytesRead() - prefix.length);
            long p = header.find(restart, audioEnd);
            if (p < 0) {
                return EOF;
            }
            startDecoder(p);
            return BAD;
        }
        if (f == null) {
            return EOF;
        }
        org.jflac.frame.Header h = f.header;
        if (errors.crc != crcErrors || h.channels != info.channels || h.bitsPerSample != info.bits
                || h.blockSize > info.maxBlock || h.blockSize < 1 || h.sampleNumber < 0) {
            damagedFrames++;
            return BAD;
        }
        org.jflac.ChannelData[] data = decoder.getChannelData();
        int ch = info.channels;
        int len = h.blockSize;
        for (int c = 0; c < ch; c++) {
            int[] out = data[c].getOutput();
            for (int i = 0; i < len; i++) {
                pcm[i * ch + c] = out[i] * scale;
            }
        }
        bufStart = h.sampleNumber;
        bufLen = len;
        return GOOD;
    }

    /** A frame offset whose first sample is at or before {@code target}, near it. */
    private long locate(long target) throws IOException {
        long lo = info.firstFrame;
        long hi = audioEnd;
        long[] samples = info.seekSamples;
        for (int i = samples.length - 1; i >= 0; i--) {
            if (samples[i] <= target) {
                long at = info.seekOffsets[i];
                if (header.read(at) && header.sampleNumber == samples[i]) {
                    lo = at;
                    if (i + 1 < samples.length && header.read(info.seekOffsets[i + 1])) {
                        hi = info.seekOffsets[i + 1];
                    }
                }
                break;
            }
        }
        while (hi - lo > BISECT_SPAN) {
            long mid = lo + (hi - lo) / 2;
            long p = header.find(mid, hi);
            if (p < 0 || header.sampleNumber > target) {
                hi = mid;
            } else {
                lo = p;
            }
        }
        return lo;
    }

    private void startDecoder(long at) throws IOException {
        feed.prefix(prefix);
        feed.range(at, audioEnd);
        decoder = new FLACDecoder(feed);
        decoder.addFrameListener(errors);
        decoder.readMetadata();
        decoderStart = at;
        bufStart = 0;
        bufLen = 0;
    }

    private void dropDecoder() {
        decoder = null;
        bufStart = 0;
        bufLen = 0;
    }

    /** Closes the file. */
    @Override
    public void close() throws IOException {
        dropDecoder();
        channel.close();
    }

    /** Counts the CRC failures jFLAC reports (it then hands back the frame filled with zeros). */
    private static final class Errors implements FrameListener {
        int crc;

        @Override
        public void processMetadata(Metadata metadata) {
        }

        @Override
        public void processFrame(Frame frame) {
        }

        @Override
        public void processError(String msg) {
            if (msg.startsWith("CRC Error")) {
                crc++;
            }
        }
    }
}
