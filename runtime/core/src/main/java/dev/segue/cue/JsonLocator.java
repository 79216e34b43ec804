package dev.segue.cue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each value of a JSON text sits: maps a path in the loader's notation ({@code cues.boss.stems[2].file},
 * {@code $} for the whole document) to the 1-based line and column where the value begins; for an object
 * member the key's position is kept too ({@link #keyOf}). Paths that do not exist are answered with their
 * nearest existing ancestor, so an error about a missing field points at the object that lacks it.
 *
 * <p>It reads the text with a small scanner of its own, tolerant of broken input: on a syntax error it
 * keeps what it found so far.
 */
public final class JsonLocator {
    /** A 1-based line and column in the text. */
    public record Location(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    private final String text;
    private final Map<String, Location> values = new HashMap<>();
    private final Map<String, Location> keys = new HashMap<>();
    private final List<String> duplicates = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    private JsonLocator(String text) {
        this.text = text;
    }

    /** Scans {@code text} (a JSON document, possibly broken). */
    public static JsonLocator of(String text) {
        JsonLocator l = new JsonLocator(text);
        try {
            l.value("$");
        } catch (IllegalStateException | IndexOutOfBoundsException | NumberFormatException e) {
            // broken JSON: keep the locations found before the break
        }
        return l;
    }

    /**
     * The paths of members written twice in the same object, in the order the second ones appear
     * (a JSON parser keeps only the last one, silently); {@link #locate} points at the last.
     */
    public List<String> duplicateKeys() {
        return List.copyOf(duplicates);
    }

    /**
     * Where the value at {@code path} begins, or that of its nearest existing ancestor; line 1, column 1
     * for a path with no known ancestor.
     */
    public Location locate(String path) {
        String p = path;
        while (true) {
            Location at = values.get(p);
            if (at != null) {
                return at;
            }
            String parent = parent(p);
            if (parent == null) {
                return new Location(1, 1);
            }
            p = parent;
        }
    }

    /** Where the key of the member at {@code path} is written, or {@link #locate} if it is not a member. */
    public Location keyOf(String path) {
        Location k = keys.get(path);
        return k != null ? k : locate(path);
    }

    /** Whether {@code path} names a value present in the text. */
    public boolean has(String path) {
        return values.containsKey(path);
    }

    /** {@code a.b[2]} → {@code a.b}; {@code a.b} → {@code a}; {@code a} → {@code $}; {@code $} → null. */
    static String parent(String path) {
        if (path.equals("$")) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "$" : path.substring(0, cut);
    }

    private static String child(String path, String key) {
        return path.equals("$") ? key : path + "." + key;
    }

    private Location here() {
        return new Location(line, pos - lineStart + 1);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        skipSpace();
        if (pos >= text.length()) {
            throw new IllegalStateException("end of text");
        }
        return text.charAt(pos);
    }

    private void value(String path) {
        char c = peek();
        values.put(path, here());
        switch (c) {
            case '{' -> object(path);
            case '[' -> array(path);
            case '"' -> string();
            default -> scalar();
        }
    }

    private void object(String path) {
        pos++; // {
        if (peek() == '}') {
            pos++;
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (true) {
            if (peek() != '"') {
                throw new IllegalStateException("key expected");
            }
            Location keyAt = here();
            String key = string();
            if (peek() != ':') {
                throw new IllegalStateException("':' expected");
            }
            pos++;
            String p = child(path, key);
            keys.put(p, keyAt);
            if (!seen.add(key)) {
                duplicates.add(p);
            }
            value(p);
            char c = peek();
            pos++;
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw new IllegalStateException("',' expected");
            }
        }
    }

    private void array(String path) {
        pos++; // [
        if (peek() == ']') {
            pos++;
            return;
        }
        for (int i = 0; ; i++) {
            value(path + "[" + i + "]");
            char c = peek();
            pos++;
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw new IllegalStateException("',' expected");
            }
        }
    }

    /** Reads a string literal at {@code pos} and returns its value. */
    private String string() {
        StringBuilder b = new StringBuilder();
        pos++; // opening quote
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            } else if (c == '\n') {
                throw new IllegalStateException("unterminated string");
            } else {
                b.append(c);
            }
        }
    }

    private void scalar() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ',' || c == '}' || c == ']' || Character.isWhitespace(c)) {
                return;
            }
            pos++;
        }
    }
}
