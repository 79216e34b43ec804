package dev.segue.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A 16-bit stereo PCM WAV file written as the game plays; the header is completed on close. */
final class WavOut implements AutoCloseable {
    private final Path path;
    private final OutputStream out;
    private final int rate;
    private final byte[] bytes = new byte[1 << 16];
    private long frames;

    WavOut(Path path, int rate) throws IOException {
        this.path = path;
        this.rate = rate;
        Files.createDirectories(path.toAbsolutePath().getParent());
        this.out = Files.newOutputStream(path);
        out.write(header(0));
    }

    private byte[] header(long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(rate).putInt(rate * 4)
                .putShort((short) 4).putShort((short) 16);
        h.put("data".getBytes()).putInt((int) dataBytes);
        return h.array();
    }

    /** Appends {@code n} interleaved stereo frames, clipped to 16 bits. */
    void write(float[] stereo, int n) throws IOException {
        int i = 0;
        while (i < n * 2) {
            int k = 0;
            for (; k < bytes.length && i < n * 2; k += 2, i++) {
                int v = Math.round(Math.max(-1, Math.min(1, stereo[i])) * 32767);
                bytes[k] = (byte) v;
                bytes[k + 1] = (byte) (v >> 8);
            }
            out.write(bytes, 0, k);
        }
        frames += n;
    }

    long frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        out.close();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(header(frames * 4)), 0);
        }
    }
}
