package dev.segue.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes interleaved float stereo to a 32-bit IEEE-float WAV file. The header is written first with
 * placeholder sizes and patched on {@link #close()}; the bytes depend only on the samples written.
 */
public final class WavWriter implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private final int channels;
    private long frames;
    private float peak;

    public WavWriter(Path file, int sampleRate, int channels) throws IOException {
        this.file = file;
        this.channels = channels;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = new BufferedOutputStream(Files.newOutputStream(file));
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0x46464952).putInt(0).putInt(0x45564157); // RIFF size WAVE
        h.putInt(0x20746d66).putInt(16).putShort((short) 3).putShort((short) channels) // fmt, float
                .putInt(sampleRate).putInt(sampleRate * channels * 4).putShort((short) (channels * 4)).putShort((short) 32);
        h.putInt(0x61746164).putInt(0); // data size
        out.write(h.array());
    }

    /** Appends {@code frames} frames from {@code samples}. */
    public void write(float[] samples, int frames) throws IOException {
        int n = frames * channels;
        for (int i = 0; i < n; i++) {
            if (buf.remaining() < 4) {
                flushBuf();
            }
            float v = samples[i];
            peak = Math.max(peak, Math.abs(v));
            buf.putFloat(v);
        }
        this.frames += frames;
    }

    private void flushBuf() throws IOException {
        out.write(buf.array(), 0, buf.position());
        ((Buffer) buf).clear();
    }

    public long frames() {
        return frames;
    }

    /** Largest absolute sample written. */
    public float peak() {
        return peak;
    }

    @Override
    public void close() throws IOException {
        flushBuf();
        out.close();
        long data = frames * channels * 4;
        if (data > 0xFFFF_FFFFL - 36) {
            throw new IOException(file + ": more audio than a WAV file can hold");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0, (int) (36 + data));
            ch.write(b, 4);
            ((Buffer) b).clear();
            b.putInt(0, (int) data);
            ch.write(b, 40);
        }
    }
}
