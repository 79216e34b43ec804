package dev.segue.cue;

import dev.segue.decode.PcmData;
import dev.segue.decode.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
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
 * <p>A stem that is not a file (a jar entry, a classpath resource, a game's stream) is keyed by its
 * name and stamped by its length and the CRC-32 of its bytes (it has no modification time): read
 * through its {@link Source}, which for one that cannot seek is the copy the load reads anyway.
 *
 * <p>Only in-memory stems are kept (streamed ones keep per-sheet heads). After each successful load
 * the cache keeps exactly that sheet's files, so it holds nothing the playing sheet does not already
 * hold. Thread-safe: hot reload loads on the watcher thread, custom soundtracks on the game thread.
 */
public final class DecodedStems {
    /** A file's path, or a {@link Source}'s name. */
    private record Key(String name, int sampleRate) {
    }

    /** What a file was when it was read: its size, modification time (-1: not a file) and the CRC-32 of its bytes. */
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

    /** {@code src} (not a file) as it is now: its length and CRC-32, or null if it cannot be read (decoding it then says why). */
    static Stamp stamp(Source src) {
        CRC32 c = new CRC32();
        long size = 0;
        try (SeekableByteChannel ch = src.open()) {
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            for (int n; (n = ch.read(b)) >= 0;) {
                c.update(b.array(), 0, n);
                size += n;
                ((java.nio.Buffer) b).clear();
            }
        } catch (IOException e) {
            return null;
        }
        return new Stamp(size, -1, c.getValue());
    }

    /** The decoded stem {@code name} (a file's path or a source's name) at {@code sampleRate} if kept from the same bytes, else null. */
    synchronized PcmData get(String name, int sampleRate, Stamp now) {
        Key k = new Key(name, sampleRate);
        Entry e = entries.get(k);
        if (e != null && e.stamp().equals(now)) {
            return e.pcm();
        }
        entries.remove(k);
        return null;
    }

    /** Keeps {@code pcm} as the decoding of {@code name} read as {@code then} (stamped before it was decoded). */
    synchronized void put(String name, int sampleRate, Stamp then, PcmData pcm) {
        if (then != null) {
            entries.put(new Key(name, sampleRate), new Entry(then, pcm));
        }
    }

    /** Forgets every stem but {@code names} (the sheet just loaded's, as {@link #get} is keyed). */
    synchronized void retain(Set<String> names) {
        entries.keySet().removeIf(k -> !names.contains(k.name()));
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
