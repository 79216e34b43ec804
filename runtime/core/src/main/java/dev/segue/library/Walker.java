package dev.segue.library;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Lists the regular files under some folders, following symbolic links but never round a loop, and
 * never the same file twice (two links to one file, or overlapping folders, give it once). What it
 * cannot enter is recorded with a reason.
 */
final class Walker {
    /** A file found, with what the index compares: size and modification time. */
    record Found(Path path, long size, long modified) {
    }

    final List<Found> files = new ArrayList<>();
    final List<Skipped> skipped = new ArrayList<>();
    private final Map<Object, Path> seen = new HashMap<>();

    /** Walks {@code roots}; {@code cancelled} is polled between entries, {@code onFile} after each file. */
    void walk(List<Path> roots, BooleanSupplier cancelled, Runnable onFile) {
        for (Path root : roots) {
            Path r = root.toAbsolutePath().normalize();
            if (!Files.isDirectory(r)) {
                skipped.add(new Skipped(r.toString(), Files.exists(r) ? "not a folder" : "no such folder"));
                continue;
            }
            try {
                Files.walkFileTree(r, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                        new Visitor(cancelled, onFile));
            } catch (IOException e) {
                skipped.add(new Skipped(r.toString(), "cannot list the folder: " + e.getMessage()));
            }
            if (cancelled.getAsBoolean()) {
                return;
            }
        }
    }

    private final class Visitor extends SimpleFileVisitor<Path> {
        private final BooleanSupplier cancelled;
        private final Runnable onFile;

        Visitor(BooleanSupplier cancelled, Runnable onFile) {
            this.cancelled = cancelled;
            this.onFile = onFile;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (cancelled.getAsBoolean()) {
                return FileVisitResult.TERMINATE;
            }
            Object key = attrs.fileKey();
            if (key != null) {
                Path first = seen.putIfAbsent(key, dir);
                if (first != null) {
                    skipped.add(new Skipped(dir.toString(), "the same folder as " + first + " (reached again through a link)"));
                    return FileVisitResult.SKIP_SUBTREE;
                }
            }
            if (!Files.isReadable(dir)) {
                skipped.add(new Skipped(dir.toString(), "cannot read the folder: permission denied"));
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (cancelled.getAsBoolean()) {
                return FileVisitResult.TERMINATE;
            }
            if (!attrs.isRegularFile()) {
                skipped.add(new Skipped(file.toString(), "not a regular file"));
                return FileVisitResult.CONTINUE;
            }
            Object key = attrs.fileKey();
            Path first = key == null ? null : seen.putIfAbsent(key, file);
            if (first != null) {
                skipped.add(new Skipped(file.toString(), "the same file as " + first + " (reached again through a link)"));
                return FileVisitResult.CONTINUE;
            }
            files.add(new Found(file, attrs.size(), attrs.lastModifiedTime().toMillis()));
            onFile.run();
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            skipped.add(new Skipped(file.toString(), reason(e)));
            return cancelled.getAsBoolean() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
                skipped.add(new Skipped(dir.toString(), "the folder could not be listed to the end: " + reason(e)));
            }
            return FileVisitResult.CONTINUE;
        }
    }

    static String reason(IOException e) {
        if (e instanceof FileSystemLoopException) {
            return "a symbolic link loop: it leads back into a folder above it";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot read it: permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "vanished while scanning, or a broken symbolic link";
        }
        return "cannot read it: " + e;
    }
}
