package dev.segue.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a cue sheet on the classpath into a {@link Path} Segue can read. A sheet in a folder is used
 * where it is; a sheet inside a jar is copied, with everything in its folder, into a cache folder
 * (once: files whose size already matches are kept), because Segue reads stems with random access.
 */
final class SheetFiles {
    private SheetFiles() {
    }

    /** The default cache folder: {@code ~/.cache/segue-demo}, or {@code $XDG_CACHE_HOME/segue-demo}. */
    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("segue-demo");
    }

    /**
     * The path of classpath resource {@code resource} (a cue sheet), extracting its folder from a
     * jar into {@code cache} when need be.
     *
     * @throws IOException naming the resource when it is missing or cannot be copied
     */
    static Path materialize(String resource, Path cache) throws IOException {
        return materialize(resource, cache, SheetFiles.class.getClassLoader());
    }

    /** {@link #materialize(String, Path)} looking the resource up in {@code loader}. */
    static Path materialize(String resource, Path cache, ClassLoader loader) throws IOException {
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IOException("cue sheet " + resource + " is not on the classpath (is segue-assets there?)");
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("cue sheet " + resource + " has an unreadable location " + url, e);
        }
        if (uri.getScheme().equals("file")) {
            return Path.of(uri);
        }
        if (!uri.getScheme().equals("jar")) {
            throw new IOException("cue sheet " + resource + " is at " + uri + ", neither a file nor in a jar");
        }
        FileSystem zip;
        boolean opened = false;
        try {
            zip = FileSystems.newFileSystem(uri, Map.of());
            opened = true;
        } catch (FileSystemAlreadyExistsException e) {
            zip = FileSystems.getFileSystem(uri);
        }
        try {
            Path inJar = zip.getPath(resource);
            Path folder = inJar.getParent();
            Path target = cache.resolve(folder.toString().replace('/', '_').replaceAll("^_+", ""));
            copyTree(folder, target);
            return target.resolve(inJar.getFileName().toString());
        } finally {
            if (opened) {
                zip.close();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        try {
            for (Path f : files) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isRegularFile(dest) && Files.size(dest) == Files.size(f)
                        && !dest.getFileName().toString().endsWith(".json")) {
                    continue;
                }
                Files.createDirectories(dest.getParent());
                Path tmp = dest.resolveSibling(dest.getFileName() + ".part");
                Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
