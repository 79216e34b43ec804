package dev.segue.decode;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.MP3Decoder;

/**
 * MPEG-1, MPEG-2 and MPEG-2.5 layer III (MP3) reader on JLayer: mono, stereo, joint and dual
 * stereo, output as float in [-1, 1] taken from JLayer's synthesis before its 16-bit rounding.
 *
 * <p>Supported: MPEG-1 (32, 44.1, 48 kHz), MPEG-2 (16, 22.05, 24 kHz) and MPEG-2.5 (8, 11.025,
 * 12 kHz) layer III, with or without CRC. Not supported: layers I and II, free-format bitrates.
 *
 * <p><b>Framing.</b> ID3v2 tags at the start are skipped by their size field (footer flag included);
 * ID3v1, APEv2 and Lyrics3v2 tags at the end are ignored. {@link #open} walks every frame header once
 * (no decoding) and keeps a table of frames; a sync is trusted only when the following headers chain
 * up. The decoder is then fed exactly one table frame at a time, so it can never lose step with the
 * table, and garbage between frames never reaches it.
 *
 * <p><b>Gapless.</b> A Xing/Info tag frame produces no audio. If it carries a LAME extension (with a
 * valid CRC), its encoder delay plus the decoder's own delay of 529 samples are removed from the
 * start and the encoder padding minus 529 from the end, so {@link #frames()} is the length of the
 * file that was encoded and sample {@code i} here is sample {@code i} of the original. Without a
 * LAME extension only the 529-sample decoder delay is removed: the start still carries the encoder's
 * delay (576 samples for LAME) and the end its padding. That is the case for {@code lame -t}, for
 * other encoders, and when the first frame is too small to hold the tag (LAME then writes none, e.g.
 * at 32 kbps and 22.05 kHz).
 *
 * <p><b>Seeking</b> is exact to the sample: decoding restarts a few frames before the target, early
 * enough that the bit reservoir holds all the main data of the target frame and of the two frames
 * before it, and the frames before the target are decoded and discarded. What {@link #read} returns
 * after {@link #seek} is bit-identical to what a straight read from the start returns there.
 *
 * <p><b>Damage.</b> A truncated file plays up to its last complete frame and then ends; {@link
 * #frames()} already counts only what is there. A frame the decoder rejects comes out as silence
 * (and the decoder restarts on the next frame), so reading always ends and always delivers exactly
 * {@link #frames()} frames. Every problem is reported as an {@link AudioFormatException}; no
 * exception of the library escapes.
 */
public final class Mp3Source implements PcmSource {
    /** Samples the standard layer III decoder (JLayer included) outputs before the first encoded one. */
    static final int DECODER_DELAY = 529;

    private final String name;
    private final SeekableByteChannel channel;
    private final Mp3FrameTable table;
    private final int first;
    private final int channels;
    private final int sampleRate;
    private final int samplesPerFrame;
    private final long skip;
    private final long frames;
    private final boolean truncated;
    private final RangeStream feed;
    private final Mp3Sink sink;
    private Bitstream bitstream;
    private MP3Decoder decoder;
    /** Next table frame to decode. */
    private int next;
    /** Table frame whose samples are in the sink, or -1. */
    private int decoded = -1;
    /** Next output frame. */
    private long pos;
    private long failedFrames;

    private Mp3Source(String name, SeekableByteChannel channel, FileWindow window, Mp3FrameTable table, LameTag tag) {
        this.name = name;
        this.channel = channel;
        this.table = table;
        this.first = tag.tagFrame ? 1 : 0;
        this.channels = Mp3FrameHeader.channels(table.header);
        this.sampleRate = Mp3FrameHeader.sampleRate(table.header);
        this.samplesPerFrame = Mp3FrameHeader.samplesPerFrame(table.header);
        long decodable = (long) (table.count() - first) * samplesPerFrame;
        this.skip = (tag.lame ? tag.delay : 0) + DECODER_DELAY;
        long total = decodable - skip;
        if (tag.lame) {
            long audioFrames = tag.frames >= 0 ? tag.frames : table.count() - first;
            total = Math.min(total, audioFrames * samplesPerFrame - tag.delay - tag.padding);
        }
        this.frames = Math.max(0, total);
        this.truncated = table.cut || tag.frames >= 0 && table.count() - first < tag.frames;
        this.feed = new RangeStream(window);
        this.sink = new Mp3Sink(channels, samplesPerFrame);
        this.next = first;
    }

    /**
     * Opens {@code file}, skips its tags and indexes its frames.
     *
     * @throws AudioFormatException naming the file, the byte offset and the reason if it holds no
     *                              layer III audio Segue can play
     */
    public static Mp3Source open(Path file) throws IOException {
        return open(Sources.file(file));
    }

    /** As {@link #open(Path)}, from any source (a jar entry, a classpath resource, bytes in memory). */
    public static Mp3Source open(Source src) throws IOException {
        String name = src.name();
        SeekableByteChannel ch = AudioFiles.openChannel(src);
        try {
            return parse(name, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof AudioFormatException a) {
                throw a;
            }
            throw new AudioFormatException(name, -1, "cannot read the MP3 file: " + e);
        }
    }

    private static Mp3Source parse(String name, SeekableByteChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            throw new AudioFormatException(name, 0, "the file is empty");
        }
        FileWindow w = new FileWindow(ch, size, 1 << 16);
        long start = Id3.skipId3v2(w, 0, name);
        long end = Id3.audioEnd(w, start);
        Mp3FrameTable table = Mp3FrameTable.scan(w, start, end);
        if (table == null) {
            throw new AudioFormatException(name, start, start == end ? "the file holds tags but no audio"
                    : "no MPEG layer III audio frames found (not an MP3 file?)");
        }
        LameTag tag = LameTag.read(w, table.offset(0), table.header, table.size(0));
        if (table.count() - (tag.tagFrame ? 1 : 0) <= 0) {
            throw new AudioFormatException(name, table.offset(0), "the file has a tag frame but no audio frames");
        }
        return new Mp3Source(name, ch, w, table, tag);
    }

    /** Channels per frame: 1 or 2. */
    @Override
    public int channels() {
        return channels;
    }

    /** Frames per second, from the first frame header. */
    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /** Exact length in frames: the original length when the file has a LAME tag (see the class notes). */
    @Override
    public long frames() {
        return frames;
    }

    /**
     * Whether the file was cut short: its last frame is incomplete, or it has fewer frames than its
     * Xing/Info header counts. It plays up to its last complete frame.
     */
    @Override
    public boolean truncated() {
        return truncated;
    }

    /** The file's path as given to {@link #open}. */
    @Override
    public String name() {
        return name;
    }

    /** How many frames so far the decoder rejected and were played as silence (0 for a sound file). */
    public long damagedFrames() {
        return failedFrames;
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
        int n = 0;
        while (n < want && pos < frames) {
            long at = skip + pos;
            int j = first + (int) (at / samplesPerFrame);
            int r = (int) (at % samplesPerFrame);
            if (decoded != j) {
                decodeUpTo(j);
            }
            int k = (int) Math.min(Math.min(want - n, samplesPerFrame - r), frames - pos);
            System.arraycopy(sink.pcm, r * channels, dst, offset + n * channels, k * channels);
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
        pos = frame;
        if (frame == frames) {
            return;
        }
        int j = first + (int) ((skip + frame) / samplesPerFrame);
        if (j == decoded) {
            return;
        }
        int start = table.warmUpStart(j, first);
        if (j < next || start > next) {
            dropDecoder();
            next = start;
            decoded = -1;
        }
    }

    private void decodeUpTo(int j) throws IOException {
        if (j < next) {
            dropDecoder();
            next = table.warmUpStart(j, first);
        }
        while (next <= j) {
            decodeFrame(next++);
        }
        decoded = j;
    }

    /** Decodes table frame {@code i} into the sink; a frame the decoder rejects becomes silence. */
    private void decodeFrame(int i) throws IOException {
        long at = table.offset(i);
        feed.range(at, at + table.size(i));
        sink.begin();
        boolean ok = false;
        try {
            if (decoder == null) {
                bitstream = new Bitstream(feed);
                decoder = new MP3Decoder();
                decoder.setOutputBuffer(sink);
            }
            Header h = bitstream.readFrame();
            if (h != null && h.framesize + 4 == table.size(i)) {
                decoder.decodeFrame(h, bitstream);
                ok = true;
            }
            bitstream.closeFrame();
        } catch (JavaLayerException | RuntimeException e) {
            if (e.getCause() instanceof IOException io && !(io instanceof RangeStream.ReadPastEnd)) {
                throw new AudioFormatException(name, at, "cannot read the file: " + io.getMessage());
            }
        }
        if (!ok) {
            failedFrames++;
            sink.begin();
            dropDecoder();
        }
        sink.finish();
    }

    private void dropDecoder() {
        bitstream = null;
        decoder = null;
    }

    /** Closes the file. */
    @Override
    public void close() throws IOException {
        dropDecoder();
        channel.close();
    }
}
