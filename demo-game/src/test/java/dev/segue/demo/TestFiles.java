package dev.segue.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/** Test set-up: a cue sheet's folder copied where a test may change it. */
final class TestFiles {
    private TestFiles() {
    }

    /** Copies the folder of {@code sheet} into {@code to}; returns the copy of the sheet. */
    static Path copySheetFolder(Path sheet, Path to) throws IOException {
        Path from = sheet.getParent();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path d = to.resolve(from.relativize(f).toString());
                Files.createDirectories(d.getParent());
                Files.copy(f, d, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to.resolve(sheet.getFileName().toString());
    }

    /**
     * Copies the folder of the classpath cue sheet {@code resource} (in a folder or inside a jar) into
     * {@code to}; returns the copy of the sheet, a file a test may edit.
     */
    static Path classpathSheet(String resource, Path to) throws IOException {
        URL url = TestFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException("cue sheet " + resource + " is not on the classpath (is segue-assets there?)");
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException(resource + " at " + url, e);
        }
        if (uri.getScheme().equals("file")) {
            return copySheetFolder(Path.of(uri), to);
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
            Path from = inJar.getParent();
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path d = to.resolve(from.relativize(f).toString());
                    Files.createDirectories(d.getParent());
                    Files.copy(f, d, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return to.resolve(inJar.getFileName().toString());
        } finally {
            if (opened) {
                zip.close();
            }
        }
    }
}
