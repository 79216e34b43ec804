package dev.segue.decode;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Random access to a file's bytes through one reusable window, so scanning headers and feeding a
 * decoder read the file in large sequential chunks and allocate nothing after construction.
 */
final class FileWindow {
    private final SeekableByteChannel channel;
    private final long size;
    private final ByteBuffer buf;
    private final byte[] bytes;
    private long start;
    private int length;

    FileWindow(SeekableByteChannel channel, long size, int capacity) {
        this.channel = channel;
        this.size = size;
        this.bytes = new byte[capacity];
        this.buf = ByteBuffer.wrap(bytes);
    }

    /** The file's length in bytes, as measured when it was opened. */
    long size() {
        return size;
    }

    /** The unsigned byte at {@code pos}, or -1 at or past the end of the file. */
    int get(long pos) throws IOException {
        if (pos < start || pos >= start + length) {
            if (pos < 0 || pos >= size) {
                return -1;
            }
            fill(pos);
            if (length == 0) {
                return -1;
            }
        }
        return bytes[(int) (pos - start)] & 0xFF;
    }

    /** Four bytes big-endian from {@code pos}, or -1 if fewer than four remain. */
    int int32(long pos) throws IOException {
        if (pos < 0 || pos + 4 > size) {
            return -1;
        }
        return (get(pos) << 24) | (get(pos + 1) << 16) | (get(pos + 2) << 8) | get(pos + 3);
    }

    /**
     * Copies up to {@code len} bytes from {@code pos} into {@code dst}.
     *
     * @return bytes copied, or -1 if {@code pos} is at or past the end of the file
     */
    int read(long pos, byte[] dst, int off, int len) throws IOException {
        if (pos >= size || pos < 0) {
            return -1;
        }
        if (pos < start || pos >= start + length) {
            fill(pos);
            if (length == 0) {
                return -1;
            }
        }
        int at = (int) (pos - start);
        int n = Math.min(len, length - at);
        System.arraycopy(bytes, at, dst, off, n);
        return n;
    }

    private void fill(long pos) throws IOException {
        start = pos;
        length = 0;
        ((Buffer) buf).clear(); // as a Buffer: ByteBuffer.clear() is Java 9, not on Android 8
        channel.position(pos);
        while (buf.hasRemaining()) {
            int n = channel.read(buf);
            if (n < 0) {
                break;
            }
            length += n;
        }
    }
}
