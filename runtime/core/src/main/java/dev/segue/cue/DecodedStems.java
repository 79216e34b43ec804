package dev.segue.cue;

import dev.segue.decode.PcmData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Stems decoded by one Segue's earlier loads, so a later load of a sheet naming the same files (a hot
 * reload after an edit to one stem, or a custom-soundtrack sheet derived from the score) decodes only
 * what changed instead of the whole score again. A file counts as unchanged when its size, its
 * modification time and the CRC-32 of its bytes all match: reading a file is tens of times cheaper
 * than decoding it, and a rewrite within one timestamp tick is still seen.
 *
 * <p>Only in-memory stems are kept (streamed ones keep per-sheet heads). After each successful load
 * the cache keeps exactly that sheet's files, so it holds nothing the playing sheet does not already
 * hold. Thread-safe: hot reload loads on the watcher thread, custom soundtracks on the game thread.
 */
public final class DecodedStems {
    private record Key(Path file, int sampleRate) {
    }

    /** What a file was when it was read: its size, modification time and the CRC-32 of its bytes. */
    record Stamp(long size, long modified, long crc) {
    }

    private record Entry(Stamp stamp, PcmData pcm) {
    }

    private final Map<Key, Entry> entries = new HashMap<>();

    /** {@code file} as it is now, or null if it cannot be read (decoding it then says why). */
    static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime().toMillis(), crc(file));
        } catch (IOException e) {
            return null;
        }
    }

    /** The decoded stem of {@code file} at {@code sampleRate} if it was kept from the same bytes, else null. */
    synchronized PcmData get(Path file, int sampleRate, Stamp now) {
        Key k = new Key(file, sampleRate);
        Entry e = entries.get(k);
        if (e != null && e.stamp().equals(now)) {
            return e.pcm();
        }
        entries.remove(k);
        return null;
    }

    /** Keeps {@code pcm} as the decoding of {@code file} read as {@code then} (stamped before it was decoded). */
    synchronized void put(Path file, int sampleRate, Stamp then, PcmData pcm) {
        if (then != null) {
            entries.put(new Key(file, sampleRate), new Entry(then, pcm));
        }
    }

    /** Forgets every file but {@code files} (the sheet just loaded). */
    synchronized void retain(Set<Path> files) {
        entries.keySet().removeIf(k -> !files.contains(k.file()));
    }

    /** How many decoded stems are kept. */
    synchronized int size() {
        return entries.size();
    }

    private static long crc(Path file) throws IOException {
        CRC32 c = new CRC32();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                c.update(buf, 0, n);
            }
        }
        return c.getValue();
    }
}
