package dev.segue.decode;

import java.io.IOException;

/**
 * What the first frame of an MP3 says about the stream when it is a Xing/Info (or VBRI) tag frame:
 * the tag frame carries no audio, and a LAME extension in it gives the encoder delay and padding that
 * gapless playback removes. The LAME extension is trusted only when its CRC-16 matches.
 */
final class LameTag {
    /** Whether the first frame is a tag frame (Xing, Info or VBRI) rather than audio. */
    final boolean tagFrame;
    /** Audio frames the Xing header counts (the tag frame excluded), or -1 if it does not say. */
    final long frames;
    /** Whether a LAME extension with a valid CRC was found. */
    final boolean lame;
    /** Encoder delay in samples at the start (0 without a LAME extension). */
    final int delay;
    /** Encoder padding in samples at the end (0 without a LAME extension). */
    final int padding;

    private LameTag(boolean tagFrame, long frames, boolean lame, int delay, int padding) {
        this.tagFrame = tagFrame;
        this.frames = frames;
        this.lame = lame;
        this.delay = delay;
        this.padding = padding;
    }

    private static final LameTag NONE = new LameTag(false, -1, false, 0, 0);

    /** Reads the tag, if any, of the frame at {@code at} with header {@code h} and length {@code size}. */
    static LameTag read(FileWindow w, long at, int h, int size) throws IOException {
        if (size > 4 + 36 + 4 && matches(w, at + 36, "VBRI")) {
            return new LameTag(true, -1, false, 0, 0);
        }
        // the tag follows the side information; LAME puts it there as if there were no CRC even when
        // the frame has one, so both places are tried
        int xing = 4 + Mp3FrameHeader.sideInfoSize(h);
        if (!isXing(w, at + xing, size - xing) && !(Mp3FrameHeader.crc(h) && isXing(w, at + xing + 2, size - xing - 2))) {
            return NONE;
        }
        if (!isXing(w, at + xing, size - xing)) {
            xing += 2;
        }
        int flags = w.int32(at + xing + 4);
        int off = xing + 8;
        long frames = -1;
        if ((flags & 1) != 0) {
            if (off + 4 > size) {
                return new LameTag(true, -1, false, 0, 0);
            }
            frames = w.int32(at + off) & 0xFFFF_FFFFL;
            off += 4;
        }
        off += ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
        if (off + 36 > size || !crcMatches(w, at, off + 34)) {
            return new LameTag(true, frames, false, 0, 0);
        }
        int b0 = w.get(at + off + 21);
        int b1 = w.get(at + off + 22);
        int b2 = w.get(at + off + 23);
        int delay = (b0 << 4) | (b1 >>> 4);
        int padding = ((b1 & 0xF) << 8) | b2;
        return new LameTag(true, frames, true, delay, padding);
    }

    private static boolean isXing(FileWindow w, long at, int room) throws IOException {
        return room >= 8 && (matches(w, at, "Xing") || matches(w, at, "Info"));
    }

    /** The LAME tag ends with a CRC-16 (poly 0x8005, reflected) of every frame byte before it. */
    private static boolean crcMatches(FileWindow w, long at, int crcOffset) throws IOException {
        int crc = 0;
        for (int i = 0; i < crcOffset; i++) {
            crc ^= w.get(at + i);
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        int stored = (w.get(at + crcOffset) << 8) | w.get(at + crcOffset + 1);
        return crc == stored;
    }

    private static boolean matches(FileWindow w, long pos, String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            if (w.get(pos + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
