package dev.segue.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where an entry's local header is in a zip, read from the zip's central directory: what
 * {@link java.util.zip.ZipFile} knows but does not tell, and what reading a stored entry in place
 * needs. Zip64 archives are not read here (their entries are then read through {@code ZipFile}).
 */
final class ZipDirectory {
    private static final int EOCD = 0x06054b50;
    private static final int CENTRAL = 0x02014b50;

    private ZipDirectory() {
    }

    /** The offset of {@code entry}'s local header in {@code zip}. */
    static long localHeader(Path zip, String entry) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, 22 + 0xFFFF);
            ByteBuffer t = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(t, size - tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (t.getInt(i) == EOCD) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new IOException(zip + " has no zip directory");
            }
            long dirSize = t.getInt(eocd + 12) & 0xFFFF_FFFFL;
            long dirStart = t.getInt(eocd + 16) & 0xFFFF_FFFFL;
            if (dirStart == 0xFFFF_FFFFL || dirStart + dirSize > size || dirSize > Integer.MAX_VALUE) {
                throw new IOException(zip + ": a zip64 or damaged directory");
            }
            ByteBuffer d = ByteBuffer.allocate((int) dirSize).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(d, dirStart);
            byte[] want = entry.getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at + 46 <= dirSize && d.getInt(at) == CENTRAL;) {
                int nameLen = d.getShort(at + 28) & 0xFFFF;
                int extra = d.getShort(at + 30) & 0xFFFF;
                int comment = d.getShort(at + 32) & 0xFFFF;
                if (nameLen == want.length && at + 46 + nameLen <= dirSize && same(d, at + 46, want)) {
                    long local = d.getInt(at + 42) & 0xFFFF_FFFFL;
                    if (local == 0xFFFF_FFFFL) {
                        throw new IOException(zip + ": a zip64 entry");
                    }
                    return local;
                }
                at += 46 + nameLen + extra + comment;
            }
            throw new IOException(entry + " is not in the directory of " + zip);
        }
    }

    private static boolean same(ByteBuffer b, int at, byte[] want) {
        for (int i = 0; i < want.length; i++) {
            if (b.get(at + i) != want[i]) {
                return false;
            }
        }
        return true;
    }
}
