package dev.segue.library;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks every length field of a file's tag structures before jaudiotagger reads them: jaudiotagger
 * allocates whatever a length says, so a FLAC picture whose MIME length reads 0x3FFFFFFF, a Vorbis
 * comment vendor length of a gigabyte or a WAV {@code INAM} of 1 GB ends a whole scan in an
 * {@code OutOfMemoryError}, although the audio is fine ({@code flac -t} passes, sox plays it). A
 * length that runs past its container (the block, the chunk, the tag, the file) or past
 * {@link #MAX_TAG_BYTES} makes the file's tags unreadable: the song keeps its file name as title and
 * still plays.
 *
 * <p>Walks FLAC metadata blocks (and the fields of {@code VORBIS_COMMENT} and {@code PICTURE}), RIFF
 * chunks (and the sub-chunks of {@code LIST}, and the ID3v2 tag of an {@code id3 } chunk) and an
 * MP3's leading ID3v2 tag (frame by frame). Reads only headers, never a payload.
 */
final class TagBounds {
    /** More than any real tag block: covers large cover art. */
    static final long MAX_TAG_BYTES = 64L << 20;
    private static final int MAX_ITEMS = 1 << 16;

    private TagBounds() {
    }

    /** Null when every length in the file's tags fits, else what does not (for the scan report). */
    static String check(Path file, Song.Format format) {
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
            Reader r = new Reader(ch);
            switch (format) {
                case FLAC:
                    return flac(r);
                case WAV:
                    return riff(r);
                case MP3:
                    return id3(r, 0, r.size, "the ID3v2 tag");
                default:
                    return null; // Ogg Vorbis comments are read by our own Ogg reader, bounded by its pages
            }
        } catch (IOException e) {
            return "its tags could not be read (" + e.getMessage() + ")";
        }
    }

    private static String flac(Reader r) throws IOException {
        long at = r.find4("fLaC");
        if (at < 0) {
            return null; // not where the tags would be: jaudiotagger will say so itself
        }
        at += 4;
        for (int n = 0; n < MAX_ITEMS; n++) {
            if (at + 4 > r.size) {
                return "its FLAC metadata runs past the end of the file";
            }
            int h = r.intBe(at);
            boolean last = (h & 0x8000_0000) != 0;
            int type = (h >>> 24) & 0x7F;
            long len = h & 0xFF_FFFFL;
            long body = at + 4;
            if (body + len > r.size) {
                return "FLAC metadata block " + n + " (type " + type + ") says " + len + " bytes, past the end of the file";
            }
            String bad = type == 4 ? vorbisComment(r, body, body + len) : type == 6 ? picture(r, body, body + len) : null;
            if (bad != null) {
                return bad;
            }
            if (last) {
                return null;
            }
            at = body + len;
        }
        return "more than " + MAX_ITEMS + " FLAC metadata blocks";
    }

    /** A Vorbis comment block (little-endian lengths, no framing bit in FLAC). */
    private static String vorbisComment(Reader r, long at, long end) throws IOException {
        long vendor = r.uintLe(at, end);
        if (vendor < 0 || at + 4 + vendor > end) {
            return "its Vorbis comment vendor length (" + r.last + " bytes) runs past the comment block";
        }
        at += 4 + vendor;
        long count = r.uintLe(at, end);
        if (count < 0 || count > (end - at) / 4) {
            return "its Vorbis comment count (" + r.last + ") does not fit the comment block";
        }
        at += 4;
        for (long i = 0; i < count; i++) {
            long len = r.uintLe(at, end);
            if (len < 0 || at + 4 + len > end) {
                return "Vorbis comment " + i + " says " + r.last + " bytes, past the comment block";
            }
            at += 4 + len;
        }
        return null;
    }

    /** A FLAC picture block: type, MIME, description, four numbers, the data (big-endian lengths). */
    private static String picture(Reader r, long at, long end) throws IOException {
        at += 4; // picture type
        for (String field : new String[] {"MIME type", "description"}) {
            if (at + 4 > end) {
                return "its FLAC picture block ends inside the " + field + " length";
            }
            long len = r.intBe(at) & 0xFFFF_FFFFL;
            if (at + 4 + len > end) {
                return "its FLAC picture's " + field + " length (" + len + " bytes) runs past the picture block";
            }
            at += 4 + len;
        }
        at += 16; // width, height, depth, colours
        if (at + 4 > end) {
            return "its FLAC picture block ends before the picture's length";
        }
        long data = r.intBe(at) & 0xFFFF_FFFFL;
        if (at + 4 + data > end) {
            return "its FLAC picture's data length (" + data + " bytes) runs past the picture block";
        }
        return null;
    }

    private static String riff(Reader r) throws IOException {
        if (r.size < 12 || !r.tag4(0).equals("RIFF") && !r.tag4(0).equals("RF64")) {
            return null;
        }
        return chunks(r, 12, r.size, "the file", 0);
    }

    private static String chunks(Reader r, long at, long end, String where, int depth) throws IOException {
        for (int n = 0; at + 8 <= end; n++) {
            if (n >= MAX_ITEMS) {
                return "more than " + MAX_ITEMS + " chunks in " + where;
            }
            String id = r.tag4(at);
            long len = r.intLe(at + 4) & 0xFFFF_FFFFL;
            long body = at + 8;
            boolean big = id.equals("data") || id.equals("ds64");
            if (!big && (body + len > end || len > MAX_TAG_BYTES)) {
                return "its '" + id.trim() + "' chunk says " + len + " bytes, past the end of " + where;
            }
            if (id.equals("LIST") && len >= 4 && depth == 0) {
                String bad = chunks(r, body + 4, body + len, "its LIST chunk", 1);
                if (bad != null) {
                    return bad;
                }
            } else if ((id.equals("id3 ") || id.equals("ID3 ")) && depth == 0) {
                String bad = id3(r, body, body + len, "its id3 chunk");
                if (bad != null) {
                    return bad;
                }
            }
            at = body + len + (len & 1); // chunks are padded to even sizes
        }
        return null;
    }

    /** An ID3v2 tag at {@code at} (if there is one), frame by frame, inside {@code end}. */
    private static String id3(Reader r, long at, long end, String where) throws IOException {
        if (at + 10 > end || !r.tag3(at).equals("ID3")) {
            return null;
        }
        int version = r.u8(at + 3);
        int flags = r.u8(at + 5);
        long size = syncsafe(r.intBe(at + 6));
        if (size < 0 || at + 10 + size > end) {
            return "its ID3v2 tag says " + Math.max(size, 0) + " bytes, past the end of " + where;
        }
        if ((flags & 0x80) != 0 || version < 2 || version > 4) {
            return null; // unsynchronised or unknown: frame sizes are not plain here; jaudiotagger bounds the tag
        }
        long p = at + 10;
        long tagEnd = at + 10 + size;
        if ((flags & 0x40) != 0 && version >= 3) { // extended header
            long ext = version == 4 ? syncsafe(r.intBe(p)) : (r.intBe(p) & 0xFFFF_FFFFL) + 4;
            if (ext < 0 || p + ext > tagEnd) {
                return "its ID3v2 extended header runs past the tag";
            }
            p += ext;
        }
        int header = version == 2 ? 6 : 10;
        for (int n = 0; p + header <= tagEnd && n < MAX_ITEMS; n++) {
            if (r.u8(p) == 0) {
                return null; // padding
            }
            long len = version == 2 ? (r.intBe(p + 2) >>> 8) & 0xFF_FFFFL
                    : version == 4 ? syncsafe(r.intBe(p + 4)) : r.intBe(p + 4) & 0xFFFF_FFFFL;
            if (len < 0 || p + header + len > tagEnd) {
                return "ID3v2 frame " + (version == 2 ? r.tag3(p) : r.tag4(p)) + " says " + Math.max(len, 0)
                        + " bytes, past the end of the tag";
            }
            String inflated = inflatedSize(r, p, len, version);
            if (inflated != null) {
                return inflated;
            }
            p += header + len;
        }
        return null;
    }

    /**
     * A compressed ID3v2 frame names the size it inflates to (v2.3: a 32-bit count after the header;
     * v2.4: the data length indicator), and jaudiotagger allocates that at once: a 361-byte file whose
     * frame said 250 MB took 234 MB (found by fuzzing). zlib inflates at most 1032:1, so anything more
     * than that of the frame (or than {@link #MAX_TAG_BYTES}) is a lie; null when the frame is plain or honest.
     */
    private static String inflatedSize(Reader r, long p, long len, int version) throws IOException {
        if (version < 3 || len < 4) {
            return null;
        }
        int format = r.u8(p + 9);
        long inflated;
        if (version == 3 && (format & 0x80) != 0) {
            inflated = r.intBe(p + 10) & 0xFFFF_FFFFL;
        } else if (version == 4 && (format & 0x01) != 0) {
            inflated = syncsafe(r.intBe(p + 10));
        } else {
            return null;
        }
        if (inflated < 0 || inflated > Math.min(MAX_TAG_BYTES, 1032 * len + 1024)) {
            return "ID3v2 frame " + r.tag4(p) + " says it inflates to " + Math.max(inflated, 0) + " bytes from " + len;
        }
        return null;
    }

    /** A 28-bit syncsafe integer, or -1 when a byte has its top bit set. */
    private static long syncsafe(int v) {
        if ((v & 0x8080_8080) != 0) {
            return -1;
        }
        return ((v >>> 24) & 0x7F) << 21 | ((v >>> 16) & 0x7F) << 14 | ((v >>> 8) & 0x7F) << 7 | (v & 0x7F);
    }

    /** Small reads at absolute positions, bounded by the file. */
    private static final class Reader {
        private final SeekableByteChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(4);
        final long size;
        long last;

        Reader(SeekableByteChannel ch) throws IOException {
            this.ch = ch;
            this.size = ch.size();
        }

        private ByteBuffer read(long at, int n) throws IOException {
            ((java.nio.Buffer) buf).clear();
            ((java.nio.Buffer) buf).limit(n);
            ch.position(at);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    throw new IOException("the file ends at byte " + size + " inside a tag header");
                }
            }
            ((java.nio.Buffer) buf).flip();
            return buf;
        }

        int u8(long at) throws IOException {
            return read(at, 1).get() & 0xFF;
        }

        int intBe(long at) throws IOException {
            return read(at, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        }

        int intLe(long at) throws IOException {
            return read(at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }

        /** An unsigned little-endian length at {@code at}, or -1 when it does not fit before {@code end}. */
        long uintLe(long at, long end) throws IOException {
            if (at + 4 > end) {
                last = 0;
                return -1;
            }
            last = intLe(at) & 0xFFFF_FFFFL;
            return last;
        }

        String tag4(long at) throws IOException {
            ByteBuffer b = read(at, 4);
            return new String(new char[] {(char) b.get(0), (char) b.get(1), (char) b.get(2), (char) b.get(3)});
        }

        String tag3(long at) throws IOException {
            ByteBuffer b = read(at, 3);
            return new String(new char[] {(char) b.get(0), (char) b.get(1), (char) b.get(2)});
        }

        /** Where {@code magic} starts: at 0, or just after a leading ID3v2 tag (FLAC may follow one); -1 if not there. */
        long find4(String magic) throws IOException {
            if (size >= 10 && tag3(0).equals("ID3")) {
                long s = syncsafe(intBe(6));
                if (s >= 0 && 10 + s + 4 <= size) {
                    return tag4(10 + s).equals(magic) ? 10 + s : -1;
                }
            }
            return size >= 4 && tag4(0).equals(magic) ? 0 : -1;
        }
    }
}
