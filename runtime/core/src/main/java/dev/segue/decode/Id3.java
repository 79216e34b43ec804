package dev.segue.decode;

import java.io.IOException;

/**
 * Finds where the audio of a tagged file starts and ends: ID3v2 tags at the front (several may be
 * chained), and ID3v1, APEv2 and Lyrics3v2 tags at the back. Tags are skipped, never parsed.
 */
final class Id3 {
    private Id3() {
    }

    /**
     * The offset just after any ID3v2 tags starting at {@code pos}, honouring each tag's size field and
     * its footer flag.
     *
     * @throws AudioFormatException if a tag claims more bytes than the file has
     */
    static long skipId3v2(FileWindow w, long pos, String name) throws IOException {
        while (pos + 10 <= w.size() && w.get(pos) == 'I' && w.get(pos + 1) == 'D' && w.get(pos + 2) == '3') {
            int major = w.get(pos + 3);
            int minor = w.get(pos + 4);
            int flags = w.get(pos + 5);
            long size = 0;
            for (int i = 0; i < 4; i++) {
                int b = w.get(pos + 6 + i);
                if ((b & 0x80) != 0) {
                    throw new AudioFormatException(name, pos + 6, "ID3v2 tag size is not a syncsafe integer");
                }
                size = (size << 7) | b;
            }
            if (major == 0xFF || minor == 0xFF) {
                throw new AudioFormatException(name, pos + 3, "ID3v2 tag has an impossible version " + major + "." + minor);
            }
            long total = 10 + size + ((flags & 0x10) != 0 ? 10 : 0);
            if (pos + total > w.size()) {
                throw new AudioFormatException(name, pos + 6, "ID3v2 tag claims " + total + " bytes but only "
                        + (w.size() - pos) + " remain in the file");
            }
            pos += total;
        }
        return pos;
    }

    /** The end of the audio: the file's end minus any ID3v1, APEv2 and Lyrics3v2 tags found there. */
    static long audioEnd(FileWindow w, long start) throws IOException {
        long end = w.size();
        for (boolean found = true; found;) {
            found = false;
            if (end - 128 >= start && matches(w, end - 128, "TAG")) {
                end -= 128;
                found = true;
            }
            if (end - 32 >= start && matches(w, end - 32, "APETAGEX")) {
                long tagSize = le32(w, end - 32 + 12);
                boolean header = (le32(w, end - 32 + 20) & 0x8000_0000L) != 0;
                long total = tagSize + (header ? 32 : 0);
                if (tagSize >= 32 && total <= end - start) {
                    end -= total;
                    found = true;
                }
            }
            if (end - 15 >= start && matches(w, end - 9, "LYRICS200")) {
                long size = 0;
                boolean digits = true;
                for (int i = 0; i < 6; i++) {
                    int c = w.get(end - 15 + i);
                    digits &= c >= '0' && c <= '9';
                    size = size * 10 + (c - '0');
                }
                long total = size + 15;
                if (digits && total <= end - start && matches(w, end - total, "LYRICSBEGIN")) {
                    end -= total;
                    found = true;
                }
            }
        }
        return end;
    }

    private static boolean matches(FileWindow w, long pos, String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            if (w.get(pos + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long le32(FileWindow w, long pos) throws IOException {
        return w.get(pos) | (w.get(pos + 1) << 8) | (w.get(pos + 2) << 16) | ((long) w.get(pos + 3) << 24);
    }
}
