package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's shape, read from its compiled classes: which package refers to which (every class
 * name in a class file's constant pool, so fields, signatures and code all count), with no cycle
 * between packages; the layers the architecture document draws; no file too long to read.
 */
class ArchitectureTest {
    private static final Path CLASSES = Path.of(System.getProperty("segue.classes", "target/classes"));
    private static final Path SOURCES = Path.of("src", "main", "java");
    /** A class name in a constant pool entry: its package and its simple name. */
    private static final Pattern NAME = Pattern.compile("(dev/segue(?:/[a-z][a-z0-9]*)*)/([A-Z][A-Za-z0-9_$]*)");

    /** Every class file's package → the other runtime packages it names. */
    private static Map<String, Set<String>> packageGraph() throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        for (Path f : classFiles()) {
            String own = CLASSES.relativize(f.getParent()).toString().replace('/', '.').replace('\\', '.');
            Set<String> out = g.computeIfAbsent(own, k -> new TreeSet<>());
            for (String name : names(f)) {
                String pkg = name.substring(0, name.lastIndexOf('/')).replace('/', '.');
                if (!pkg.equals(own)) {
                    out.add(pkg);
                }
            }
        }
        return g;
    }

    private static List<Path> classFiles() throws IOException {
        try (Stream<Path> s = Files.walk(CLASSES)) {
            return s.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().equals("module-info.class"))
                    .sorted().toList();
        }
    }

    /**
     * The runtime classes {@code f} names. Class names are stored in the constant pool as plain ASCII
     * (modified UTF-8), so a scan of the bytes finds every one: class references and descriptors.
     */
    private static Set<String> names(Path f) throws IOException {
        String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        Set<String> out = new TreeSet<>();
        Matcher m = NAME.matcher(raw);
        while (m.find()) {
            out.add(m.group(1) + "/" + m.group(2));
        }
        return out;
    }

    /**
     * The core is pure Java and runs wherever Java does (Android included): no class of it names
     * LWJGL, libGDX, AWT, Swing, Java Sound, ImageIO or a JDK-internal class, and no such library is
     * on its class path.
     */
    @Test
    void theCoreNamesNoNativeDesktopOrEngineLibrary() throws IOException {
        Pattern forbidden = Pattern.compile("L?(org/lwjgl|com/badlogic/gdx|java/awt|javax/swing|javax/sound|javax/imageio"
                + "|sun/|com/sun/|jdk/internal)/[A-Za-z0-9_$/]*");
        List<String> bad = new ArrayList<>();
        List<Path> files = classFiles();
        for (Path f : files) {
            Matcher m = forbidden.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            while (m.find()) {
                bad.add(CLASSES.relativize(f) + " names " + m.group());
            }
        }
        assertTrue(files.size() > 100, "read the core's classes: " + files.size());
        assertEquals(List.of(), bad, "the core must stay pure Java");
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            assertFalse(e.contains("/org/lwjgl/") || e.contains("/com/badlogicgames/gdx/") || e.contains("natives-"),
                    "the core's class path holds " + entry);
        }
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Set<String>> g = packageGraph();
        assertTrue(g.size() >= 8, "read the runtime's packages: " + g.keySet());
        for (String start : g.keySet()) {
            List<String> cycle = cycleFrom(start, g);
            assertTrue(cycle.isEmpty(), "package cycle: " + String.join(" -> ", cycle));
        }
    }

    /** A path from {@code start} back to itself, or empty. */
    private static List<String> cycleFrom(String start, Map<String, Set<String>> g) {
        Deque<List<String>> todo = new ArrayDeque<>();
        todo.add(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            List<String> path = todo.poll();
            for (String next : g.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (seen.add(next)) {
                    todo.add(longer);
                }
            }
        }
        return List.of();
    }

    @Test
    void theLayersPointDownOnly() throws IOException {
        Map<String, Set<String>> g = packageGraph();
        assertFalse(g.get("dev.segue.library").contains("dev.segue"), "the library imports the facade: " + g.get("dev.segue.library"));
        assertFalse(g.get("dev.segue.library").contains("dev.segue.control"), "the library imports control");
        assertFalse(g.get("dev.segue.library").contains("dev.segue.engine"), "the library imports the engine host");
        assertFalse(g.get("dev.segue.engine").contains("dev.segue"), "the engine host imports the facade");
        for (String lower : List.of("dev.segue.cue", "dev.segue.mix", "dev.segue.decode", "dev.segue.time", "dev.segue.control")) {
            assertFalse(g.get(lower).contains("dev.segue.engine"), lower + " imports the engine host");
            assertFalse(g.get(lower).contains("dev.segue"), lower + " imports the facade");
        }
    }

    @Test
    void songsPlayWithoutJsonAndWithoutABackDoor() throws IOException {
        for (Path f : classFiles()) {
            assertFalse(f.getFileName().toString().startsWith("SegueAccess"), "a back door is back: " + f);
        }
        List<String> songPath = List.of("dev/segue/CustomMusic", "dev/segue/engine/SongPlayback", "dev/segue/engine/SongSheet",
                "dev/segue/engine/Host", "dev/segue/engine/DerivedLoads", "dev/segue/cue/SheetBuilder");
        int read = 0;
        for (Path f : classFiles()) {
            String name = CLASSES.relativize(f).toString().replace('\\', '/').replaceAll("(\\$.*)?\\.class$", "");
            if (songPath.contains(name)) {
                read++;
                String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(raw.contains("com/google/gson"), name + " uses Gson: the songs' sheet must be built in memory");
                assertFalse(raw.contains("java/nio/file/Files") && name.endsWith("SongSheet"),
                        "the songs' sheet touches files beyond opening the songs: " + name);
            }
        }
        assertTrue(read >= songPath.size(), "found the song-playback classes: " + read);
    }

    @Test
    void noSourceFileOverFiveHundredLines() throws IOException {
        List<String> longer = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SOURCES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                long lines = Files.readAllLines(p, StandardCharsets.UTF_8).size();
                if (lines > 500) {
                    longer.add(p + " (" + lines + " lines)");
                }
            }
        }
        assertEquals(List.of(), longer, "split these: a file over 500 lines does more than one job");
    }
}
