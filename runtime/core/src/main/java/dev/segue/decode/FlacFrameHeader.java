package dev.segue.decode;

import java.io.IOException;

/**
 * Finds and reads FLAC frame headers without decoding, for seeking and for finding where the audio
 * ends. A header counts only if its sync, every field, its CRC-8 and its agreement with STREAMINFO
 * (channels, bits, sample rate, block size, position) all check out, which makes a false sync inside
 * compressed data very unlikely. The sample number follows jFLAC's rule, so the two always agree.
 */
final class FlacFrameHeader {
    private static final int[] RATES = {0, 88_200, 176_400, 192_000, 8_000, 16_000, 22_050, 24_000, 32_000,
        44_100, 48_000, 96_000};
    private static final int[] BITS = {0, 8, 12, -1, 16, 20, 24, 32};

    private final FileWindow w;
    private final FlacStreamInfo info;
    /** First sample of the last header read. */
    long sampleNumber;
    /** Samples per channel in the last header read. */
    int blockSize;

    FlacFrameHeader(FileWindow w, FlacStreamInfo info) {
        this.w = w;
        this.info = info;
    }

    /** The offset of the first valid header in {@code [from, to)}, read into this object, or -1. */
    long find(long from, long to) throws IOException {
        for (long p = from; p < to; p++) {
            if (w.get(p) == 0xFF && read(p)) {
                return p;
            }
        }
        return -1;
    }

    /** Whether a valid header starts at {@code p}; if so its fields are now in this object. */
    boolean read(long p) throws IOException {
        int b1 = w.get(p + 1);
        if (w.get(p) != 0xFF || (b1 & 0xFE) != 0xF8) {
            return false;
        }
        int b2 = w.get(p + 2);
        int b3 = w.get(p + 3);
        if (b2 < 0 || b3 < 0) {
            return false;
        }
        int sizeCode = b2 >>> 4;
        int rateCode = b2 & 15;
        int assignment = b3 >>> 4;
        int bitsCode = (b3 >>> 1) & 7;
        if (sizeCode == 0 || rateCode == 15 || assignment > 10 || bitsCode == 3 || (b3 & 1) != 0) {
            return false;
        }
        // the UTF-8 style coded frame or sample number
        long q = p + 4;
        int c = w.get(q++);
        if (c < 0 || c == 0xFF || (c & 0xC0) == 0x80) {
            return false;
        }
        int extra = c < 0x80 ? 0 : Integer.numberOfLeadingZeros(~(c << 24)) - 1;
        long number = c & (extra == 0 ? 0x7F : 0x7F >>> (extra + 1));
        for (int i = 0; i < extra; i++) {
            int d = w.get(q++);
            if (d < 0 || (d & 0xC0) != 0x80) {
                return false;
            }
            number = (number << 6) | (d & 0x3F);
        }
        int size;
        if (sizeCode == 1) {
            size = 192;
        } else if (sizeCode <= 5) {
            size = 576 << (sizeCode - 2);
        } else if (sizeCode == 6) {
            size = w.get(q++) + 1;
        } else if (sizeCode == 7) {
            size = ((w.get(q) << 8) | w.get(q + 1)) + 1;
            q += 2;
        } else {
            size = 256 << (sizeCode - 8);
        }
        int rate;
        if (rateCode == 0) {
            rate = info.sampleRate;
        } else if (rateCode <= 11) {
            rate = RATES[rateCode];
        } else if (rateCode == 12) {
            rate = w.get(q++) * 1000;
        } else {
            rate = ((w.get(q) << 8) | w.get(q + 1)) * (rateCode == 14 ? 10 : 1);
            q += 2;
        }
        int crc = 0;
        for (long i = p; i < q; i++) {
            crc = crc8(crc, w.get(i));
        }
        if (w.get(q) != crc) {
            return false;
        }
        int channels = assignment < 8 ? assignment + 1 : 2;
        int bits = bitsCode == 0 ? info.bits : BITS[bitsCode];
        if (channels != info.channels || bits != info.bits || rate != info.sampleRate || size > info.maxBlock) {
            return false;
        }
        boolean variable = (b1 & 1) != 0 || info.minBlock != info.maxBlock;
        long sample = variable ? number : number * info.minBlock;
        if (info.totalSamples > 0 && sample >= info.totalSamples) {
            return false;
        }
        sampleNumber = sample;
        blockSize = size;
        return true;
    }

    private static int crc8(int crc, int b) {
        crc ^= b;
        for (int k = 0; k < 8; k++) {
            crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
        }
        return crc;
    }
}
