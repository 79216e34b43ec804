package dev.segue.decode;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * RIFF/WAVE reader: PCM 8, 16, 24 and 32-bit, IEEE float 32 and 64-bit, {@code WAVE_FORMAT_EXTENSIBLE},
 * any number of channels (their speakers from the extensible channel mask, else WAVE's default order),
 * unknown chunks skipped. Header values are checked against the file's real size before anything is
 * allocated, so a lying header gives a clear error, not an OutOfMemoryError. A file whose data chunk
 * claims more bytes than follow plays the whole frames there are and says it is {@link #truncated()}.
 * Float samples that are NaN or infinite read as silence and those beyond +24 dBFS are clamped there,
 * so a damaged float file cannot send either into the mix or the loudness meter.
 */
public final class WavSource implements PcmSource {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Float samples beyond +24 dBFS are clamped there: no real mix goes near it, a damaged file may hold 1e38. */
    static final float FLOAT_LIMIT = 16;

    private final String name;
    private final SeekableByteChannel channel;
    private final int channels;
    private final int sampleRate;
    private final int bits;
    private final boolean isFloat;
    private final int blockAlign;
    private final long dataStart;
    private final long frames;
    private final int[] speakers;
    private final boolean truncated;
    private final ByteBuffer buf;
    private long frame;

    private WavSource(String name, SeekableByteChannel channel, int[] speakers, int sampleRate, int bits,
            boolean isFloat, long dataStart, long frames, boolean truncated) {
        this.name = name;
        this.channel = channel;
        this.channels = speakers.length;
        this.speakers = speakers;
        this.truncated = truncated;
        this.sampleRate = sampleRate;
        this.bits = bits;
        this.isFloat = isFloat;
        this.blockAlign = channels * (bits / 8);
        this.buf = ByteBuffer.allocate(Math.max(1 << 15, 16 * blockAlign)).order(ByteOrder.LITTLE_ENDIAN);
        this.dataStart = dataStart;
        this.frames = frames;
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws AudioFormatException naming the file, offset and reason if it is not a WAV Segue can play
     */
    public static WavSource open(Path file) throws IOException {
        return open(Sources.file(file));
    }

    /** As {@link #open(Path)}, from any source (a jar entry, a classpath resource, bytes in memory). */
    public static WavSource open(Source src) throws IOException {
        String name = src.name();
        SeekableByteChannel ch = AudioFiles.openChannel(src);
        try {
            return parse(name, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static WavSource parse(String name, SeekableByteChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer hdr = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        if (size < 12 || readFully(ch, hdr, 0) < 12) {
            throw new AudioFormatException(name, 0, size == 0 ? "the file is empty" : "too short to be a WAV file (" + size + " bytes)");
        }
        int riff = hdr.getInt(0);
        int wave = hdr.getInt(8);
        if (riff != 0x46464952 /* RIFF */) {
            throw new AudioFormatException(name, 0, "not a WAV file (no RIFF header)");
        }
        if (wave != 0x45564157 /* WAVE */) {
            throw new AudioFormatException(name, 8, "RIFF file is not WAVE");
        }
        long pos = 12;
        int fmtTag = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int align = 0;
        long mask = 0;
        ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (pos + 8 <= size) {
            ((Buffer) chunk).clear();
            if (readFully(ch, chunk, pos) < 8) {
                break;
            }
            int id = chunk.getInt(0);
            long len = Integer.toUnsignedLong(chunk.getInt(4));
            long body = pos + 8;
            if (id == 0x20746d66 /* fmt  */) {
                if (len < 16 || len > 1024) {
                    throw new AudioFormatException(name, pos, "fmt chunk has an impossible size " + len);
                }
                ByteBuffer fmt = ByteBuffer.allocate((int) len).order(ByteOrder.LITTLE_ENDIAN);
                if (readFully(ch, fmt, body) < len) {
                    throw new AudioFormatException(name, body, "the file ends inside the fmt chunk");
                }
                fmtTag = fmt.getShort(0) & 0xFFFF;
                channels = fmt.getShort(2) & 0xFFFF;
                rate = fmt.getInt(4);
                align = fmt.getShort(12) & 0xFFFF;
                bits = fmt.getShort(14) & 0xFFFF;
                if (fmtTag == FORMAT_EXTENSIBLE) {
                    if (len < 40) {
                        throw new AudioFormatException(name, body, "WAVE_FORMAT_EXTENSIBLE fmt chunk is too short");
                    }
                    fmtTag = fmt.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
                    int validBits = fmt.getShort(18) & 0xFFFF;
                    mask = Integer.toUnsignedLong(fmt.getInt(20));
                    if (validBits > bits) {
                        throw new AudioFormatException(name, body + 18, "valid bits " + validBits + " exceed container bits " + bits);
                    }
                }
                if (channels < 1) {
                    throw new AudioFormatException(name, body + 2, "claims no channels");
                }
                if (rate < 1000 || rate > 768_000) {
                    throw new AudioFormatException(name, body + 4, "unsupported sample rate " + rate + " Hz");
                }
                boolean ok = (fmtTag == FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                        || (fmtTag == FORMAT_FLOAT && (bits == 32 || bits == 64));
                if (!ok) {
                    throw new AudioFormatException(name, body, "unsupported encoding (format " + fmtTag + ", " + bits
                            + " bits): Segue reads 8/16/24/32-bit PCM and 32/64-bit float WAV");
                }
                if (align != channels * bits / 8) {
                    throw new AudioFormatException(name, body + 12, "block align " + align + " does not match "
                            + channels + " channels of " + bits + " bits");
                }
            } else if (id == 0x61746164 /* data */) {
                if (fmtTag < 0) {
                    throw new AudioFormatException(name, pos, "data chunk comes before the fmt chunk");
                }
                long available = size - body;
                boolean truncated = len > available;
                long frames = Math.min(len, available) / align;
                if (frames == 0 && truncated) {
                    throw new AudioFormatException(name, pos + 4, "data chunk claims " + len + " bytes but only "
                            + available + " follow, not one whole frame: the file is truncated");
                }
                return new WavSource(name, ch, Downmix.wav(channels, mask), rate, bits, fmtTag == FORMAT_FLOAT, body,
                        frames, truncated);
            }
            pos = body + len + (len & 1); // chunks are word aligned
        }
        throw new AudioFormatException(name, pos, fmtTag < 0 ? "no fmt chunk found" : "no data chunk found");
    }

    private static int readFully(SeekableByteChannel ch, ByteBuffer b, long at) throws IOException {
        ch.position(at);
        int total = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int[] speakers() {
        return speakers.clone();
    }

    /** Whether the data chunk claims more bytes than the file holds (it plays up to its last whole frame). */
    @Override
    public boolean truncated() {
        return truncated;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void seek(long toFrame) throws IOException {
        PcmSource.checkSeek(toFrame, frames);
        frame = toFrame;
    }

    @Override
    public int read(float[] dst, int offset, int want) throws IOException {
        if (frame >= frames) {
            return -1;
        }
        int n = (int) Math.min(want, Math.min(frames - frame, buf.capacity() / blockAlign));
        ((Buffer) buf).clear().limit(n * blockAlign); // Buffer methods: ByteBuffer overrides are Java 9, not on Android 8
        long at = dataStart + frame * blockAlign;
        if (readFully(channel, buf, at) < n * blockAlign) {
            throw new AudioFormatException(name, at, "the file ended early (it changed while being read?)");
        }
        int samples = n * channels;
        int o = offset;
        switch (bits) {
            case 8 -> {
                for (int i = 0; i < samples; i++) {
                    dst[o++] = ((buf.get(i) & 0xFF) - 128) / 128f;
                }
            }
            case 16 -> {
                for (int i = 0; i < samples; i++) {
                    dst[o++] = buf.getShort(2 * i) / 32768f;
                }
            }
            case 24 -> {
                for (int i = 0; i < samples; i++) {
                    int b = 3 * i;
                    int v = (buf.get(b) & 0xFF) | ((buf.get(b + 1) & 0xFF) << 8) | (buf.get(b + 2) << 16);
                    dst[o++] = v / 8388608f;
                }
            }
            case 32 -> {
                for (int i = 0; i < samples; i++) {
                    dst[o++] = isFloat ? sane(buf.getFloat(4 * i)) : (float) (buf.getInt(4 * i) / 2147483648.0);
                }
            }
            case 64 -> {
                for (int i = 0; i < samples; i++) {
                    dst[o++] = sane((float) buf.getDouble(8 * i));
                }
            }
            default -> throw new AssertionError(bits);
        }
        frame += n;
        return n;
    }

    /** A float sample as it may play: NaN and infinities as silence, the rest within +-{@link #FLOAT_LIMIT}. */
    static float sane(float v) {
        return v - v == 0 ? Math.max(-FLOAT_LIMIT, Math.min(FLOAT_LIMIT, v)) : 0;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
