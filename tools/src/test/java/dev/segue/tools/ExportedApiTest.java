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
    /** A fully qualified name of a core class in code (not an import): {@code dev.segue.output.OutputDriver}. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(dev\\.segue(?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*)");

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

    /**
     * The output modules (segue-openal, segue-gdx) are libraries a game depends on: they may use only
     * the core's public API ({@code api} lines), never the insides the tools may read, so the core can
     * change its insides without breaking a game's build that pins an older output module.
     */
    @Test
    void outputModulesImportOnlyTheCoresApi() throws IOException {
        Set<String> api = new TreeSet<>();
        Matcher e = EXPORT.matcher(Files.readString(EXPORTS, StandardCharsets.UTF_8));
        while (e.find()) {
            if (e.group(1).equals("api")) {
                api.add(e.group(2));
            }
        }
        api.add("dev.segue.openal"); // the output modules' own APIs, which they may name (in Javadoc, say)
        api.add("dev.segue.gdx");
        List<String> bad = new ArrayList<>();
        int imports = 0;
        for (String module : List.of("openal", "gdx")) {
            Path src = Path.of("..", "runtime", module, "src", "main", "java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(src)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    Matcher m = IMPORT.matcher(text);
                    while (m.find()) {
                        String pkg = m.group(1);
                        if (pkg.equals("dev.segue." + module)) {
                            continue;
                        }
                        imports++;
                        if (!api.contains(pkg)) {
                            bad.add(f + " imports " + pkg);
                        }
                    }
                    Matcher q = QUALIFIED.matcher(text);
                    while (q.find()) {
                        if (!api.contains(q.group(1)) && !q.group(1).equals("dev.segue." + module)) {
                            bad.add(f + " names " + q.group(1) + "." + q.group(2));
                        }
                    }
                }
            }
        }
        assertTrue(imports >= 3, "read the output modules' imports: " + imports);
        assertEquals(List.of(), bad, "an output module uses the core's insides");
    }
}
