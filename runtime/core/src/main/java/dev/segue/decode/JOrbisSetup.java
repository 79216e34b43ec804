package dev.segue.decode;

import com.jcraft.jogg.Packet;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.Info;

/**
 * Hands a Vorbis setup header to JOrbis so that it reads it as the specification says, whatever the
 * channel count.
 *
 * <p>JOrbis 0.0.17 reads a coupling step's channel numbers with {@code floor(log2(channels))} bits
 * where Vorbis I (section 4.2.4) writes {@code ilog(channels - 1)}: the same for 1, 2, 4 and 8
 * channels, one bit short for 3, 5, 6 and 7 (5.1 among them), and from there on it reads every later
 * field of the header out of place. So for those counts JOrbis is told the next power of two while it
 * reads the setup header (which makes its coupling fields the right width) and given a copy of the
 * packet with four zero bits per extra channel after each channel-to-submap list (the only other
 * field whose size follows the channel count); the true count is put back before anything is
 * allocated by it. {@link VorbisHeaders#setup} has checked the real header already.
 */
final class JOrbisSetup {
    private JOrbisSetup() {
    }

    /** Passes the setup packet {@code op} to JOrbis for a stream of {@code channels}; 0 when it took it. */
    static int headerin(Info info, Comment comment, Packet op, int channels, long[] muxEnds) {
        int told = told(channels);
        if (told == channels) {
            return info.synthesis_headerin(comment, op);
        }
        byte[] base = op.packet_base;
        int start = op.packet;
        int bytes = op.bytes;
        byte[] mended = insertZeros(base, start, bytes, muxEnds, 4 * (told - channels));
        op.packet_base = mended;
        op.packet = 0;
        op.bytes = mended.length;
        info.channels = told;
        try {
            return info.synthesis_headerin(comment, op);
        } finally {
            info.channels = channels;
            op.packet_base = base;
            op.packet = start;
            op.bytes = bytes;
        }
    }

    /** The channel count whose {@code floor(log2)} equals Vorbis's {@code ilog(channels - 1)}. */
    static int told(int channels) {
        return channels <= 1 ? channels : Integer.highestOneBit(channels - 1) << 1;
    }

    /**
     * A copy of {@code n} bytes of {@code p} from {@code from}, read least significant bit first, with
     * {@code zeros} zero bits inserted before each bit offset in {@code at} (ascending).
     */
    static byte[] insertZeros(byte[] p, int from, int n, long[] at, int zeros) {
        long inBits = 8L * n;
        long outBits = inBits + (long) zeros * at.length;
        byte[] out = new byte[(int) ((outBits + 7) >>> 3)];
        long o = 0;
        int next = 0;
        for (long i = 0; i < inBits; i++) {
            while (next < at.length && at[next] == i) {
                o += zeros;
                next++;
            }
            if ((p[from + (int) (i >>> 3)] >>> (i & 7) & 1) != 0) {
                out[(int) (o >>> 3)] |= (byte) (1 << (o & 7));
            }
            o++;
        }
        return out;
    }
}
