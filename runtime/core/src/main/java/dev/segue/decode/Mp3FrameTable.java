package dev.segue.decode;

import java.io.IOException;
import java.util.Arrays;

/**
 * Every frame of an MP3 stream, found by walking the headers once when the file is opened: offset,
 * length, how much main data it adds to the bit reservoir and how far back into the reservoir its own
 * main data begins. The walk trusts a sync only when the headers that follow it chain up (three for
 * the first frame, two after a loss of sync), so stray 0xFFF bytes in tags or garbage are not frames.
 */
final class Mp3FrameTable {
    /** The first frame's header: every other frame is compatible with it. */
    final int header;
    private long[] offset = new long[1024];
    private int[] size = new int[1024];
    private short[] mainBytes = new short[1024];
    private short[] mainDataBegin = new short[1024];
    private int count;
    /** Whether the last frame's header promises more bytes than the stream has left. */
    boolean cut;

    private Mp3FrameTable(int header) {
        this.header = header;
    }

    /**
     * Walks the frames of {@code [start, end)}.
     *
     * @return the table, or null if no run of valid frames exists there
     */
    static Mp3FrameTable scan(FileWindow w, long start, long end) throws IOException {
        long p = findSync(w, start, end, 0, 3);
        if (p < 0) {
            return null;
        }
        Mp3FrameTable t = new Mp3FrameTable(w.int32(p));
        while (p + 4 <= end) {
            int h = w.int32(p);
            if (Mp3FrameHeader.valid(h) && Mp3FrameHeader.compatible(h, t.header)) {
                int len = Mp3FrameHeader.frameSize(h);
                if (p + len > end) {
                    t.cut = true; // the last frame is cut short: the file was truncated
                    break;
                }
                t.add(p, len, Mp3FrameHeader.mainDataBytes(h), mainDataBegin(w, p, h));
                p += len;
                continue;
            }
            long q = findSync(w, p + 1, end, t.header, 2);
            if (q < 0) {
                break;
            }
            p = q;
        }
        return t;
    }

    /**
     * The first offset at or after {@code from} where {@code chain} consecutive valid headers follow
     * one another (compatible with {@code ref} unless it is 0), or where fewer do and the last one ends
     * exactly at {@code end}.
     */
    private static long findSync(FileWindow w, long from, long end, int ref, int chain) throws IOException {
        for (long q = from; q + 4 <= end; q++) {
            if (w.get(q) != 0xFF) {
                continue;
            }
            int h = w.int32(q);
            if (!Mp3FrameHeader.valid(h) || (ref != 0 && !Mp3FrameHeader.compatible(h, ref))) {
                continue;
            }
            if (chains(w, q, h, end, chain)) {
                return q;
            }
        }
        return -1;
    }

    private static boolean chains(FileWindow w, long q, int h, long end, int chain) throws IOException {
        long r = q;
        int cur = h;
        for (int k = 1; k < chain; k++) {
            r += Mp3FrameHeader.frameSize(cur);
            if (r == end) {
                return true;
            }
            if (r + 4 > end) {
                return false;
            }
            int next = w.int32(r);
            if (!Mp3FrameHeader.valid(next) || !Mp3FrameHeader.compatible(next, h)) {
                return false;
            }
            cur = next;
        }
        return true;
    }

    private static int mainDataBegin(FileWindow w, long p, int h) throws IOException {
        long s = p + Mp3FrameHeader.sideInfoOffset(h);
        int b0 = w.get(s);
        if (Mp3FrameHeader.version(h) == Mp3FrameHeader.MPEG1) {
            return (b0 << 1) | (w.get(s + 1) >>> 7);
        }
        return b0;
    }

    private void add(long at, int len, int main, int mdb) {
        if (count == offset.length) {
            int n = count * 2;
            offset = Arrays.copyOf(offset, n);
            size = Arrays.copyOf(size, n);
            mainBytes = Arrays.copyOf(mainBytes, n);
            mainDataBegin = Arrays.copyOf(mainDataBegin, n);
        }
        offset[count] = at;
        size[count] = len;
        mainBytes[count] = (short) main;
        mainDataBegin[count] = (short) mdb;
        count++;
    }

    int count() {
        return count;
    }

    long offset(int i) {
        return offset[i];
    }

    int size(int i) {
        return size[i];
    }

    /**
     * The earliest frame at or after {@code first} from which decoding must start so that frame
     * {@code target} and the two before it find all their main data in the bit reservoir: then the
     * overlap-add and synthesis history going into {@code target} are exactly those of a decode from
     * the beginning. Never later than {@code target - 2}.
     */
    int warmUpStart(int target, int first) {
        int s = Math.max(first, target - 2);
        while (s > first && !reservoirFilled(s, target)) {
            s--;
        }
        return s;
    }

    private boolean reservoirFilled(int s, int target) {
        for (int k = Math.max(s, target - 2); k <= target; k++) {
            long available = 0;
            for (int i = s; i < k; i++) {
                available += mainBytes[i];
            }
            if (mainDataBegin[k] > available) {
                return false;
            }
        }
        return true;
    }
}
