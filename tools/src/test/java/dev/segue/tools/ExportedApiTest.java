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
 * The tools use the core only through what {@code runtime/core/api/EXPORTS} declares: the public
 * API, or the internal packages declared for the tools. A tool that reaches into a package declared
 * for no one fails here.
 */
class ExportedApiTest {
    private static final Path EXPORTS = Path.of("..", "runtime", "core", "api", "EXPORTS");
    private static final Pattern EXPORT = Pattern.compile("^(api|tools)\\s+([\\w.]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(dev\\.segue(?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);

    /** The runtime packages the tools may read: exported to everyone or to dev.segue.tools. */
    private static Set<String> readable() throws IOException {
        Set<String> out = new TreeSet<>();
        Matcher m = EXPORT.matcher(Files.readString(EXPORTS, StandardCharsets.UTF_8));
        while (m.find()) {
            out.add(m.group(2)); // every line: the API for everyone, the insides for the tools
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
                    if (pkg.startsWith("dev.segue.tools") || pkg.equals("dev.segue.openal")) { // ours, or the output's API
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
        assertEquals(List.of(), bad, "packages runtime/core/api/EXPORTS does not declare");
    }
}
