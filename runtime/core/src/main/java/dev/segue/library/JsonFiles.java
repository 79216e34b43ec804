package dev.segue.library;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads a versioned JSON file the library owns. A file that cannot be read or makes no sense is moved
 * aside (see {@link AtomicFiles#keepAside}), described in a message that names it and what is wrong,
 * and replaced by defaults: nothing is silently lost.
 */
final class JsonFiles {
    /** A value read, or the defaults and what went wrong. */
    record Loaded<T>(T value, String problem, Path backup) {
    }

    /**
     * Reads enums strictly: a constant this code does not know ({@code "order": "BACKWARDS"}) is an
     * error naming it and the ones it could be, where Gson alone would read it as null (and a default
     * would silently stand in for it).
     */
    static final com.google.gson.TypeAdapterFactory STRICT_ENUMS = new com.google.gson.TypeAdapterFactory() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <T> com.google.gson.TypeAdapter<T> create(Gson gson, com.google.gson.reflect.TypeToken<T> type) {
            Class<? super T> raw = type.getRawType();
            if (!Enum.class.isAssignableFrom(raw) || raw == Enum.class) {
                return null;
            }
            Class<? extends Enum> e = raw.isEnum() ? (Class<? extends Enum>) raw : (Class<? extends Enum>) raw.getSuperclass();
            return (com.google.gson.TypeAdapter<T>) new com.google.gson.TypeAdapter<Enum>() {
                @Override
                public void write(com.google.gson.stream.JsonWriter out, Enum value) throws java.io.IOException {
                    if (value == null) {
                        out.nullValue();
                    } else {
                        out.value(value.name());
                    }
                }

                @Override
                public Enum read(com.google.gson.stream.JsonReader in) throws java.io.IOException {
                    if (in.peek() == com.google.gson.stream.JsonToken.NULL) {
                        in.nextNull();
                        return null;
                    }
                    String name = in.nextString();
                    for (Enum c : e.getEnumConstants()) {
                        if (c.name().equals(name)) {
                            return c;
                        }
                    }
                    throw new JsonParseException("'" + name + "' at " + in.getPreviousPath() + " is not one of "
                            + java.util.Arrays.stream(e.getEnumConstants()).map(Enum::name).collect(Collectors.toList()));
                }
            };
        }
    };

    private JsonFiles() {
    }

    /**
     * @param what     what the file is, for messages ("the soundtrack store")
     * @param version  the newest {@code version} this code reads
     * @param check    validates the bound value: returns a sentence saying what is wrong, or null
     */
    static <T> Loaded<T> read(Path file, String what, Gson gson, Class<T> type, int version, Supplier<T> defaults,
            Function<T, String> check) {
        String text;
        if (Files.exists(file) && !Files.isRegularFile(file)) { // a pipe would block the read for ever
            return new Loaded<>(defaults.get(), what + " " + file + " is not a regular file (a folder, pipe, socket or"
                    + " device): it was left as it is, and " + what + " starts from defaults", null);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            return new Loaded<>(defaults.get(), null, null);
        } catch (CharacterCodingException e) {
            return broken(file, what, "it is not UTF-8 text", defaults);
        } catch (IOException e) {
            return broken(file, what, "it cannot be read (" + e + ")", defaults);
        }
        String problem;
        JsonElement tree = null;
        try {
            tree = JsonParser.parseString(text);
            if (!tree.isJsonObject()) {
                problem = "it is not a JSON object";
            } else {
                JsonObject o = tree.getAsJsonObject();
                JsonElement v = o.get("version");
                if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                    problem = "it has no numeric \"version\" field";
                } else if (v.getAsDouble() != Math.rint(v.getAsDouble())) {
                    problem = "its version " + v.getAsString() + " is not a whole number";
                } else if (v.getAsInt() > version || v.getAsInt() < 1) {
                    problem = "its version is " + v.getAsString() + " but this Segue reads versions 1.." + version
                            + (v.getAsInt() > version ? " (written by a newer Segue?)" : "");
                } else {
                    T value = gson.fromJson(o, type);
                    problem = value == null ? "it is empty" : check.apply(value);
                    if (problem == null) {
                        return new Loaded<>(value, null, null);
                    }
                }
            }
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            problem = "it is not valid JSON for this file (" + rootMessage(e) + ")";
        } catch (RuntimeException e) {
            // a record constructor refusing a value arrives wrapped by Gson's reflection; a null is the
            // usual one (a hand edit), so say where it is
            String where = tree == null ? null : firstNull(tree, "$");
            problem = where != null ? "the value at " + where + " is null, where a value is needed"
                    : "a value in it is wrong (" + rootMessage(e) + ")";
        }
        return broken(file, what, problem, defaults);
    }

    /** The JSON path of the first explicit {@code null} in {@code e}, or null when there is none. */
    static String firstNull(JsonElement e, String path) {
        if (e.isJsonNull()) {
            return path;
        }
        if (e.isJsonObject()) {
            for (java.util.Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                String found = firstNull(m.getValue(), path + "." + m.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (e.isJsonArray()) {
            for (int i = 0; i < e.getAsJsonArray().size(); i++) {
                String found = firstNull(e.getAsJsonArray().get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static <T> Loaded<T> broken(Path file, String what, String problem, Supplier<T> defaults) {
        Path backup = null;
        String kept;
        try {
            backup = AtomicFiles.keepAside(file);
            kept = "it was kept as " + backup;
        } catch (IOException e) {
            kept = "it could not be moved aside (" + e + ")";
        }
        String message = what + " " + file + " was not usable: " + problem + "; " + kept + ", and "
                + what + " starts again from defaults";
        return new Loaded<>(defaults.get(), message, backup);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
