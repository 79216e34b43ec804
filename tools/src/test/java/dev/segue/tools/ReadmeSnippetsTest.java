package dev.segue.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of the README compiles against the runtime as it is: each block becomes
 * the body of a method, with the few names the README leaves to the game (a HUD, a log, the score's
 * path) declared around it. A snippet that names a method the API no longer has fails here.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path out;

    /** What a game around the README's snippets has: the names they use but do not declare. */
    private static final String PRELUDE = """
            import dev.segue.*;
            import dev.segue.library.*;
            import dev.segue.openal.*;
            import dev.segue.gdx.CueSheetLoader;
            import dev.segue.gdx.GdxSegue;
            import com.badlogic.gdx.ApplicationAdapter;
            import com.badlogic.gdx.assets.AssetManager;
            import java.nio.file.*;
            import java.util.*;

            abstract class Snippet%d {
                interface Hud { void toast(String message); }
                Hud hud;
                Path score;
                MusicLibrary lib;
                LibraryStore store;
                LibraryStore newChoices;
                Song song;
                abstract void pulseTheLights();
                abstract void showNotice(String notice);
                abstract void log(String line);

                void run() throws Exception {
            %s
                }
            }
            """;

    @Test
    void everyJavaBlockOfTheReadmeCompiles() throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
        List<JavaFileObject> sources = new ArrayList<>();
        while (m.find()) {
            int n = sources.size();
            String code = String.format(PRELUDE, n, m.group(1));
            sources.add(new SimpleJavaFileObject(URI.create("string:///Snippet" + n + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignore) {
                    return code;
                }
            });
        }
        assertTrue(sources.size() >= 3, "found the README's java blocks: " + sources.size());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        StringWriter log = new StringWriter();
        boolean ok = javac.getTask(log, null, problems, List.of("-classpath", System.getProperty("java.class.path"), "-d",
                out.toString(), "-proc:none"), null, sources).call();
        StringBuilder why = new StringBuilder(log.toString());
        problems.getDiagnostics().forEach(d -> why.append("\nREADME java block ").append(d.getSource().getName())
                .append(" line ").append(d.getLineNumber() - 18).append(": ").append(d.getMessage(null)));
        assertTrue(ok, why.toString());
    }
}
