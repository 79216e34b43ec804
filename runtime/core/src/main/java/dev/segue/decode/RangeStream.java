package dev.segue.decode;

import java.io.IOException;
import java.io.InputStream;

/**
 * The InputStream a codec library reads from: an optional prefix (a header Segue synthesised), then
 * the bytes of one range of the file, then end of stream. Moving the range does not allocate, so
 * one instance feeds a decoder frame after frame.
 */
final class RangeStream extends InputStream {
    /**
     * A decoder that asks for more bytes this often after being told the stream has ended is stuck
     * in a loop (jFLAC can be, on damaged data): the next read throws {@link ReadPastEnd} to get
     * control back.
     */
    private static final int MAX_READS_AT_END = 1000;

    private final FileWindow window;
    private int readsAtEnd;
    private byte[] prefix = new byte[0];
    private int prefixPos;
    private long pos;
    private long end;

    RangeStream(FileWindow window) {
        this.window = window;
    }

    /** Serves {@code bytes} first, then the range; the array is kept, not copied. */
    void prefix(byte[] bytes) {
        prefix = bytes;
        prefixPos = 0;
        readsAtEnd = 0;
    }

    /** Serves the file's bytes {@code [from, to)} next (after any prefix not yet read). */
    void range(long from, long to) {
        pos = from;
        end = Math.min(to, window.size());
        readsAtEnd = 0;
    }

    /** The file offset of the next byte this stream will serve from its range. */
    long position() {
        return pos;
    }

    @Override
    public int read() throws IOException {
        if (prefixPos < prefix.length) {
            return prefix[prefixPos++] & 0xFF;
        }
        if (pos >= end) {
            return atEnd();
        }
        return window.get(pos++);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (prefixPos < prefix.length) {
            int n = Math.min(len, prefix.length - prefixPos);
            System.arraycopy(prefix, prefixPos, b, off, n);
            prefixPos += n;
            return n;
        }
        if (pos >= end) {
            return atEnd();
        }
        int n = window.read(pos, b, off, (int) Math.min(len, end - pos));
        if (n <= 0) {
            return atEnd();
        }
        pos += n;
        return n;
    }

    private int atEnd() throws ReadPastEnd {
        if (++readsAtEnd > MAX_READS_AT_END) {
            throw new ReadPastEnd();
        }
        return -1;
    }

    @Override
    public long skip(long n) {
        if (prefixPos < prefix.length) {
            int k = (int) Math.max(0, Math.min(n, prefix.length - prefixPos));
            prefixPos += k;
            return k;
        }
        long k = Math.max(0, Math.min(n, end - pos));
        pos += k;
        return k;
    }

    @Override
    public int available() {
        return (prefix.length - prefixPos) + (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - pos));
    }

    /** Thrown when a decoder keeps reading after the end (see {@link #MAX_READS_AT_END}). */
    static final class ReadPastEnd extends IOException {
        private static final long serialVersionUID = 1L;

        ReadPastEnd() {
            super("the decoder kept reading past the end of the stream");
        }
    }
}
