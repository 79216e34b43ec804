package dev.segue.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
}
