package dev.segue.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tools use the runtime only through what its module-info exports: the public API, or the
 * internal packages it exports to {@code dev.segue.tools} by name (a qualified export: no game can
 * read them). A tool that reaches into a package exported to no one fails here.
 */
class ExportedApiTest {
    private static final Path MODULE_INFO = Path.of("..", "runtime", "src", "main", "java", "module-info.java");
    private static final Pattern EXPORT = Pattern.compile("^\\s*exports\\s+([\\w.]+)(?:\\s+to\\s+([\\w.,\\s]+))?;",
            Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(dev\\.segue(?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);

    /** The runtime packages the tools may read: exported to everyone or to dev.segue.tools. */
    private static Set<String> readable() throws IOException {
        Set<String> out = new TreeSet<>();
        Matcher m = EXPORT.matcher(Files.readString(MODULE_INFO, StandardCharsets.UTF_8));
        while (m.find()) {
            if (m.group(2) == null || List.of(m.group(2).split("[,\\s]+")).contains("dev.segue.tools")) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void toolsImportOnlyWhatTheRuntimeExportsToThem() throws IOException {
        Set<String> allowed = readable();
        assertTrue(allowed.contains("dev.segue") && allowed.contains("dev.segue.engine"), allowed.toString());
        List<String> bad = new ArrayList<>();
        int imports = 0;
        try (Stream<Path> s = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = IMPORT.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String pkg = m.group(1);
                    if (pkg.startsWith("dev.segue.tools")) {
                        continue;
                    }
                    imports++;
                    if (!allowed.contains(pkg)) {
                        bad.add(f + " imports " + pkg);
                    }
                }
            }
        }
        assertTrue(imports > 20, "read the tools' imports: " + imports);
        assertEquals(List.of(), bad, "packages the runtime does not export to dev.segue.tools");
    }
}
