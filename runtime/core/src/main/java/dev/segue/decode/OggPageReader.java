package dev.segue.decode;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads Ogg pages (RFC 3533) from a seekable channel at given byte offsets, through one read-ahead
 * window, checking each page's CRC. Holds one current page; its header fields and body are valid
 * until the next call that reads. Allocates nothing after construction.
 */
final class OggPageReader {
    /** Fixed part of a page header. */
    static final int HEADER = 27;
    /** The largest page the format allows: header, 255 lacing values, 255 segments of 255 bytes. */
    static final int MAX_PAGE = HEADER + 255 + 255 * 255;

    /** {@link #readAt} results. */
    static final int OK = 0;
    /** The offset is at or past the end of the file. */
    static final int END = 1;
    /** A page starts here but the file ends inside it. */
    static final int SHORT = 2;
    /** No page here: no capture pattern, an unknown version or a checksum mismatch. */
    static final int BAD = 3;

    private static final int[] CRC = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int k = 0; k < 8; k++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            CRC[i] = r;
        }
    }

    private final SeekableByteChannel channel;
    private final long size;
    private final byte[] buf = new byte[2 * MAX_PAGE];
    private final ByteBuffer window = ByteBuffer.wrap(buf);
    private long bufStart = -1;
    private int bufLen;

    private long offset = -1;
    private int at; // index of the current page in buf
    private int segments;
    private int length;
    private int flags;
    private long granule;
    private int serial;
    private int sequence;

    OggPageReader(SeekableByteChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    /** The file's size in bytes, taken when the reader was made. */
    long size() {
        return size;
    }

    /**
     * Makes {@code n} bytes from {@code off} available in the window if the file has them, and
     * returns how many are (fewer only at the end of the file).
     */
    private int ensure(long off, int n) throws IOException {
        long have = bufStart < 0 || off < bufStart ? -1 : bufStart + bufLen - off;
        if (have < n && (have < 0 || bufStart + bufLen < size)) {
            bufStart = off;
            ((Buffer) window).clear(); // as a Buffer: ByteBuffer.clear() is Java 9, not on Android 8
            channel.position(off);
            while (window.hasRemaining()) {
                if (channel.read(window) < 0) {
                    break;
                }
            }
            bufLen = window.position();
            have = bufLen;
        }
        return (int) Math.min(have, n);
    }

    /** Reads the page that starts exactly at {@code off}: {@link #OK}, {@link #END}, {@link #SHORT} or {@link #BAD}. */
    int readAt(long off) throws IOException {
        offset = -1;
        if (off >= size) {
            return END;
        }
        int have = ensure(off, HEADER);
        int p = (int) (off - bufStart);
        if (have < 4 || buf[p] != 'O' || buf[p + 1] != 'g' || buf[p + 2] != 'g' || buf[p + 3] != 'S') {
            return BAD;
        }
        if (have < HEADER) {
            return SHORT;
        }
        if (buf[p + 4] != 0) {
            return BAD;
        }
        int segs = buf[p + 26] & 0xFF;
        if (ensure(off, HEADER + segs) < HEADER + segs) {
            return SHORT;
        }
        p = (int) (off - bufStart);
        int body = 0;
        for (int i = 0; i < segs; i++) {
            body += buf[p + HEADER + i] & 0xFF;
        }
        int len = HEADER + segs + body;
        if (ensure(off, len) < len) {
            return SHORT;
        }
        p = (int) (off - bufStart);
        if (crc(buf, p, len) != getInt(p + 22)) {
            return BAD;
        }
        offset = off;
        at = p;
        segments = segs;
        length = len;
        flags = buf[p + 5] & 0xFF;
        granule = getInt(p + 6) & 0xFFFFFFFFL | (long) getInt(p + 10) << 32;
        serial = getInt(p + 14);
        sequence = getInt(p + 18);
        return OK;
    }

    /** The Ogg checksum of {@code len} bytes from {@code from}, with the CRC field taken as zero. */
    static int crc(byte[] b, int from, int len) {
        int c = 0;
        for (int i = from; i < from + 22; i++) {
            c = (c << 8) ^ CRC[((c >>> 24) ^ b[i]) & 0xFF];
        }
        for (int i = 0; i < 4; i++) {
            c = (c << 8) ^ CRC[(c >>> 24) & 0xFF];
        }
        for (int i = from + 26; i < from + len; i++) {
            c = (c << 8) ^ CRC[((c >>> 24) ^ b[i]) & 0xFF];
        }
        return c;
    }

    private int getInt(int i) {
        return buf[i] & 0xFF | (buf[i + 1] & 0xFF) << 8 | (buf[i + 2] & 0xFF) << 16 | buf[i + 3] << 24;
    }

    /**
     * The offset of the first valid page starting in {@code [from, limit)}, which becomes the current
     * page, or -1. Skips garbage and damaged pages.
     */
    long findForward(long from, long limit) throws IOException {
        long pos = Math.max(0, from);
        long stop = Math.min(limit, size);
        while (pos < stop) {
            int have = ensure(pos, MAX_PAGE);
            int i = (int) (pos - bufStart);
            int end = i + have - 3;
            while (i < end && (buf[i] != 'O' || buf[i + 1] != 'g' || buf[i + 2] != 'g' || buf[i + 3] != 'S')) {
                i++;
            }
            if (i >= end) {
                if (pos + have >= size) {
                    return -1;
                }
                pos = bufStart + Math.max(end, (int) (pos - bufStart) + 1);
                continue;
            }
            long candidate = bufStart + i;
            if (candidate >= stop) {
                return -1;
            }
            if (readAt(candidate) == OK) {
                return candidate;
            }
            pos = candidate + 1;
        }
        return -1;
    }

    /**
     * The offset of the last valid page that starts at or after {@code floor}, ends at or before
     * {@code end} and has a granule position (of stream {@code serial} unless {@code anySerial}),
     * searching backwards in steps; -1 if there is none. That page becomes the current page.
     */
    long findLastWithGranule(long floor, long end, int serial, boolean anySerial) throws IOException {
        long step = 1 << 16;
        long from = end;
        while (from > floor) {
            from = Math.max(floor, from - step);
            long best = -1;
            long p = findForward(from, end);
            while (p >= 0 && p + length <= end) {
                if (granule != -1 && (anySerial || this.serial == serial)) {
                    best = p;
                }
                p = findForward(p + length, end);
            }
            if (best >= 0) {
                readAt(best);
                return best;
            }
            step = Math.min(step * 2, 1 << 22);
        }
        return -1;
    }

    long offset() {
        return offset;
    }

    /** Total bytes of the current page, header included. */
    int length() {
        return length;
    }

    boolean continued() {
        return (flags & 1) != 0;
    }

    boolean bos() {
        return (flags & 2) != 0;
    }

    boolean eos() {
        return (flags & 4) != 0;
    }

    /** The granule position, -1 when no packet ends on this page. */
    long granule() {
        return granule;
    }

    int serial() {
        return serial;
    }

    int sequence() {
        return sequence;
    }

    int segments() {
        return segments;
    }

    int lacing(int i) {
        return buf[at + HEADER + i] & 0xFF;
    }

    /** The array holding the current page; its body starts at {@link #bodyStart()}. */
    byte[] data() {
        return buf;
    }

    int bodyStart() {
        return at + HEADER + segments;
    }

    int bodyLength() {
        return length - HEADER - segments;
    }
}
