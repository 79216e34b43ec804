package dev.segue.library;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writing a file so that a crash never leaves it half written, and keeping a damaged file aside
 * instead of overwriting it.
 */
final class AtomicFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private AtomicFiles() {
    }

    /**
     * Replaces {@code file} with {@code text} (UTF-8): writes a temporary file beside it, forces it to
     * the disk, renames it over {@code file} in one atomic step, then forces the folder entry. A reader
     * sees the old content or the new, never a mixture; a crash leaves at most a stray temporary file.
     */
    static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // a file system without atomic rename (rare: some network mounts) still gets a whole file
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
        removeStale(dir, file.getFileName().toString());
    }

    /** How old a stray temporary file must be before a save removes it (a save in progress is younger). */
    static final long STALE_MILLIS = 10 * 60 * 1000;

    /**
     * Removes the temporary files earlier saves of {@code name} left behind when they were killed
     * mid-write ({@code .NAME.NNN.tmp}, each as large as the file); only those older than
     * {@link #STALE_MILLIS}, so another process's save in progress is left alone.
     */
    private static void removeStale(Path dir, String name) {
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + glob(name) + ".*.tmp")) {
            for (Path p : s) {
                try {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            && now - Files.getLastModifiedTime(p).toMillis() > STALE_MILLIS) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    // another process took it, or it cannot be removed: the next save tries again
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // the folder cannot be listed: nothing to clean
        }
    }

    /** {@code name} with the glob's special characters escaped. */
    private static String glob(String name) {
        return name.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }

    /** Makes a rename durable where the platform allows opening a folder (POSIX); elsewhere a no-op. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; its rename is already durable enough
        }
    }

    /**
     * Moves a damaged {@code file} aside as {@code NAME.broken-STAMP} (with a counter if that exists)
     * so nothing the user had is lost, and returns where it went.
     */
    static Path keepAside(Path file) throws IOException {
        String base = file.getFileName() + ".broken-" + LocalDateTime.now().format(STAMP);
        Path backup = file.resolveSibling(base);
        for (int i = 2; Files.exists(backup); i++) {
            backup = file.resolveSibling(base + "-" + i);
        }
        Files.move(file, backup);
        return backup;
    }
}
