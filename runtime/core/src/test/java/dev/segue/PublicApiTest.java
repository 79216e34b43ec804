package dev.segue;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API, checked in: {@code runtime/api/<package>.api} lists every public type of each
 * exported package and every public or protected member, as reflection prints it (in the style of
 * Okio's {@code .api} files). A change to the API changes this dump, and the test fails until the
 * files are updated on purpose, so every change is reviewed in the diff:
 * {@code mvn -pl runtime/core test -Dtest=PublicApiTest -Dsegue.api.update=true}.
 */
class PublicApiTest {
    private static final Path API = Path.of("api");
    private static final Path CLASSES = Path.of(System.getProperty("segue.classes", "target/classes"));
    private static final Pattern EXPORT = Pattern.compile("^api\\s+([\\w.]+)\\s*$", Pattern.MULTILINE);

    /** The packages {@code api/EXPORTS} declares public API (its {@code tools} lines are internals). */
    static List<String> exported() throws IOException {
        String info = new String(Files.readAllBytes(API.resolve("EXPORTS")), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        Matcher m = EXPORT.matcher(info);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyExportedPackageMatchesItsSignatureFile() throws Exception {
        List<String> packages = exported();
        assertTrue(packages.contains("dev.segue") && packages.contains("dev.segue.library"), packages.toString());
        boolean update = Boolean.getBoolean("segue.api.update");
        List<String> changed = new ArrayList<>();
        for (String p : packages) {
            String now = dump(p);
            Path file = API.resolve(p + ".api");
            String was = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (update) {
                Files.createDirectories(API);
                Files.writeString(file, now, StandardCharsets.UTF_8);
            } else if (!now.equals(was)) {
                changed.add(file + ":\n" + diff(was, now));
            }
        }
        if (!changed.isEmpty()) {
            fail("the public API changed; review the change, then update the signature files with\n"
                    + "  mvn -pl runtime/core test -Dtest=PublicApiTest -Dsegue.api.update=true\n" + String.join("\n", changed));
        }
    }

    /** Every public type of {@code pkg}, nested ones too, with its public and protected members, sorted. */
    static String dump(String pkg) throws IOException, ClassNotFoundException {
        Path dir = CLASSES.resolve(pkg.replace('.', '/'));
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.equals("module-info.class"))
                    .map(n -> n.substring(0, n.length() - 6)).sorted().toList();
        }
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            Class<?> c = Class.forName(pkg + "." + n, false, PublicApiTest.class.getClassLoader());
            if (!visible(c)) {
                continue;
            }
            b.append(c.toGenericString()).append(supertypes(c)).append(" {\n");
            TreeSet<String> members = new TreeSet<>();
            for (Field f : c.getDeclaredFields()) {
                if (shown(f.getModifiers()) && !f.isSynthetic()) {
                    members.add(f.toGenericString());
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (shown(k.getModifiers()) && !k.isSynthetic()) {
                    members.add(k.toGenericString());
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (shown(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    members.add(m.toGenericString());
                }
            }
            members.forEach(m -> b.append("    ").append(m).append('\n'));
            b.append("}\n\n");
        }
        return b.toString();
    }

    /** A public type whose enclosing types are public too (reachable by a game). */
    private static boolean visible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean shown(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String supertypes(Class<?> c) {
        StringBuilder b = new StringBuilder();
        if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
            b.append(" extends ").append(c.getGenericSuperclass().getTypeName());
        }
        if (c.getGenericInterfaces().length > 0) {
            b.append(c.isInterface() ? " extends " : " implements ")
                    .append(String.join(", ", Arrays.stream(c.getGenericInterfaces()).map(t -> t.getTypeName()).toList()));
        }
        return b.toString();
    }

    /** The lines only one side has, marked {@code -} (was) and {@code +} (now). */
    private static String diff(String was, String now) {
        List<String> a = was.lines().toList();
        List<String> b = now.lines().toList();
        StringBuilder out = new StringBuilder();
        a.stream().filter(l -> !b.contains(l)).forEach(l -> out.append("  - ").append(l).append('\n'));
        b.stream().filter(l -> !a.contains(l)).forEach(l -> out.append("  + ").append(l).append('\n'));
        return out.length() == 0 ? "  (the same lines in another order)\n" : out.toString();
    }
}
