package dev.segue.decode;

import java.io.IOException;
import java.util.Arrays;

/**
 * A FLAC file's metadata, read and checked by Segue before any library sees it: STREAMINFO (every
 * field checked against the spec and against the file's real length) and the SEEKTABLE if there is
 * one. Other blocks (comments, pictures, padding) are skipped by their length without being read.
 */
final class FlacStreamInfo {
    /** The longest seek table kept; a longer one is ignored and seeking bisects instead. */
    private static final int MAX_SEEK_POINTS = 1 << 16;

    final int minBlock;
    final int maxBlock;
    final int maxFrameSize;
    final int sampleRate;
    final int channels;
    final int bits;
    /** Total samples per channel STREAMINFO claims, or 0 if it does not say. */
    final long totalSamples;
    /** Offset of the first audio frame, just after the metadata. */
    final long firstFrame;
    /** Seek points: sample numbers ascending and absolute byte offsets, placeholders dropped. */
    final long[] seekSamples;
    final long[] seekOffsets;
    private final byte[] streamInfo;

    private FlacStreamInfo(byte[] si, long firstFrame, long[] seekSamples, long[] seekOffsets) {
        this.streamInfo = si;
        this.minBlock = u(si, 0, 2);
        this.maxBlock = u(si, 2, 2);
        this.maxFrameSize = u(si, 7, 3);
        this.sampleRate = u(si, 10, 3) >>> 4;
        this.channels = ((si[12] >>> 1) & 7) + 1;
        this.bits = (((si[12] & 1) << 4) | ((si[13] & 0xFF) >>> 4)) + 1;
        this.totalSamples = ((long) (si[13] & 0x0F) << 32) | (u(si, 14, 4) & 0xFFFF_FFFFL);
        this.firstFrame = firstFrame;
        this.seekSamples = seekSamples;
        this.seekOffsets = seekOffsets;
    }

    /**
     * Reads the metadata of the FLAC file in {@code w}.
     *
     * @throws AudioFormatException naming the offset and the problem if it is not a FLAC file Segue
     *                              can play or a header value is impossible
     */
    static FlacStreamInfo read(FileWindow w, String name) throws IOException {
        long size = w.size();
        if (size == 0) {
            throw new AudioFormatException(name, 0, "the file is empty");
        }
        long start = Id3.skipId3v2(w, 0, name);
        if (w.int32(start) != 0x664C6143 /* fLaC */) {
            throw new AudioFormatException(name, start, "not a FLAC file (no fLaC marker)");
        }
        long pos = start + 4;
        byte[] si = null;
        long siAt = 0;
        long seekAt = -1;
        int seekLen = 0;
        boolean last = false;
        while (!last) {
            if (pos + 4 > size) {
                throw new AudioFormatException(name, pos, "the file ends inside the metadata");
            }
            int head = w.get(pos);
            last = (head & 0x80) != 0;
            int type = head & 0x7F;
            long len = ((long) w.get(pos + 1) << 16) | (w.get(pos + 2) << 8) | w.get(pos + 3);
            long body = pos + 4;
            if (type == 127) {
                throw new AudioFormatException(name, pos, "invalid metadata block type 127");
            }
            if (body + len > size) {
                throw new AudioFormatException(name, pos + 1, "metadata block of type " + type + " claims " + len
                        + " bytes but only " + (size - body) + " remain");
            }
            if (si == null) {
                if (type != 0) {
                    throw new AudioFormatException(name, pos, "the first metadata block is not STREAMINFO");
                }
                if (len != 34) {
                    throw new AudioFormatException(name, pos + 1, "STREAMINFO has length " + len + ", not 34");
                }
                si = new byte[34];
                for (int i = 0; i < 34; i++) {
                    si[i] = (byte) w.get(body + i);
                }
                siAt = body;
            } else if (type == 3 && seekAt < 0 && len % 18 == 0 && len / 18 <= MAX_SEEK_POINTS) {
                seekAt = body;
                seekLen = (int) len;
            }
            pos = body + len;
        }
        long firstFrame = pos;
        long[][] seek = seekTable(w, seekAt, seekLen, firstFrame);
        FlacStreamInfo info = new FlacStreamInfo(si, firstFrame, seek[0], seek[1]);
        info.check(name, siAt, size);
        return info;
    }

    private void check(String name, long at, long size) throws AudioFormatException {
        if (minBlock < 16) {
            throw new AudioFormatException(name, at, "STREAMINFO minimum block size " + minBlock + " is below 16");
        }
        if (maxBlock < minBlock) {
            throw new AudioFormatException(name, at + 2, "STREAMINFO maximum block size " + maxBlock
                    + " is below the minimum " + minBlock);
        }
        if (sampleRate < 1 || sampleRate > 655_350) {
            throw new AudioFormatException(name, at + 10, "STREAMINFO sample rate " + sampleRate + " Hz is impossible");
        }
        if (bits < 4) {
            throw new AudioFormatException(name, at + 12, "STREAMINFO says " + bits + " bits per sample; FLAC needs 4 to 32");
        }
        // the smallest possible frame: a 6-byte header, a one-byte constant subframe per channel, the CRC
        long smallestFrame = 6 + channels * (1 + (bits + 7) / 8) + 2;
        long most = ((size - firstFrame) / smallestFrame + 1) * maxBlock;
        if (totalSamples > most) {
            throw new AudioFormatException(name, at + 13, "STREAMINFO claims " + totalSamples
                    + " samples, more than " + (size - firstFrame) + " bytes of frames can hold");
        }
    }

    private static long[][] seekTable(FileWindow w, long at, int len, long firstFrame) throws IOException {
        if (at < 0) {
            return new long[][] {new long[0], new long[0]};
        }
        int n = len / 18;
        long[] samples = new long[n];
        long[] offsets = new long[n];
        int k = 0;
        long previous = -1;
        for (int i = 0; i < n; i++) {
            long p = at + 18L * i;
            long sample = ((long) w.int32(p) << 32) | (w.int32(p + 4) & 0xFFFF_FFFFL);
            long offset = ((long) w.int32(p + 8) << 32) | (w.int32(p + 12) & 0xFFFF_FFFFL);
            if (sample == -1 || sample <= previous || offset < 0 || offset >= w.size() - firstFrame) {
                continue; // a placeholder, out of order or pointing outside the file: not used
            }
            samples[k] = sample;
            offsets[k] = firstFrame + offset;
            previous = sample;
            k++;
        }
        return new long[][] {Arrays.copyOf(samples, k), Arrays.copyOf(offsets, k)};
    }

    /**
     * The 42 bytes a decoder needs to start at any frame: the fLaC marker and this STREAMINFO as the
     * only (last) metadata block, with the total length cleared so the decoder never stops by itself.
     */
    byte[] syntheticHeader() {
        byte[] h = new byte[42];
        h[0] = 'f';
        h[1] = 'L';
        h[2] = 'a';
        h[3] = 'C';
        h[4] = (byte) 0x80;
        h[7] = 34;
        System.arraycopy(streamInfo, 0, h, 8, 34);
        h[8 + 13] &= (byte) 0xF0;
        for (int i = 14; i < 18; i++) {
            h[8 + i] = 0;
        }
        return h;
    }

    private static int u(byte[] b, int off, int len) {
        int v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }
}
