package dev.segue.decode;

/**
 * MPEG audio layer III frame headers, as the 32-bit big-endian word that starts every frame. Only
 * layer III is accepted (MPEG-1, MPEG-2 and MPEG-2.5); free-format bitrates and reserved values are
 * rejected, so everything this class calls valid is something JLayer decodes.
 */
final class Mp3FrameHeader {
    /** Version field values. */
    static final int MPEG25 = 0;
    static final int MPEG2 = 2;
    static final int MPEG1 = 3;

    private static final int[] KBPS_V1 = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0};
    private static final int[] KBPS_V2 = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0};
    private static final int[] RATES_V1 = {44_100, 48_000, 32_000};

    /** Sync, version, layer and sample-rate bits: what must not change from frame to frame. */
    private static final int STREAM_MASK = 0xFFFE_0C00;

    private Mp3FrameHeader() {
    }

    /** Whether {@code h} is a layer III header with a usable bitrate, sample rate and emphasis. */
    static boolean valid(int h) {
        return (h >>> 21) == 0x7FF
                && version(h) != 1
                && ((h >>> 17) & 3) == 1
                && bitrateIndex(h) != 0 && bitrateIndex(h) != 15
                && ((h >>> 10) & 3) != 3
                && (h & 3) != 2;
    }

    /** Whether two valid headers can belong to one stream (same version, layer, rate, mono-ness). */
    static boolean compatible(int a, int b) {
        return (a & STREAM_MASK) == (b & STREAM_MASK) && (channels(a) == channels(b));
    }

    static int version(int h) {
        return (h >>> 19) & 3;
    }

    static boolean crc(int h) {
        return ((h >>> 16) & 1) == 0;
    }

    private static int bitrateIndex(int h) {
        return (h >>> 12) & 15;
    }

    /** Bits per second. */
    static int bitrate(int h) {
        return 1000 * (version(h) == MPEG1 ? KBPS_V1 : KBPS_V2)[bitrateIndex(h)];
    }

    static int sampleRate(int h) {
        int r = RATES_V1[(h >>> 10) & 3];
        return switch (version(h)) {
            case MPEG1 -> r;
            case MPEG2 -> r / 2;
            default -> r / 4;
        };
    }

    static int channels(int h) {
        return ((h >>> 6) & 3) == 3 ? 1 : 2;
    }

    /** Samples per channel in one frame: 1152 for MPEG-1, 576 for MPEG-2 and 2.5. */
    static int samplesPerFrame(int h) {
        return version(h) == MPEG1 ? 1152 : 576;
    }

    /** Whole frame length in bytes, header included. */
    static int frameSize(int h) {
        int coefficient = version(h) == MPEG1 ? 144 : 72;
        return coefficient * bitrate(h) / sampleRate(h) + ((h >>> 9) & 1);
    }

    /** Length of the side information that follows the header (and its CRC, if any). */
    static int sideInfoSize(int h) {
        boolean mono = channels(h) == 1;
        if (version(h) == MPEG1) {
            return mono ? 17 : 32;
        }
        return mono ? 9 : 17;
    }

    /** Bytes of main data this frame adds to the bit reservoir. */
    static int mainDataBytes(int h) {
        return frameSize(h) - 4 - (crc(h) ? 2 : 0) - sideInfoSize(h);
    }

    /** Offset inside the frame where the side information starts. */
    static int sideInfoOffset(int h) {
        return 4 + (crc(h) ? 2 : 0);
    }
}
