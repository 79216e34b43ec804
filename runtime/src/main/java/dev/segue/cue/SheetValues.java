package dev.segue.cue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.segue.time.MusicalLength;
import dev.segue.time.TempoMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading values out of a cue sheet's JSON tree, collecting every problem as
 * {@code json.path: plain sentence} instead of stopping at the first: objects, arrays, strings,
 * numbers, positions ({@code "bar:beat"}, times, frames) and lengths, and unknown-field checks.
 */
abstract class SheetValues {
    private static final Pattern BAR_BEAT = Pattern.compile("(\\d+):(\\d+(?:\\.\\d+)?)");

    final List<String> errors;
    /** The JSON path of each of {@link #errors}, in the same order. */
    final List<String> errorPaths;

    SheetValues(List<String> errors, List<String> errorPaths) {
        this.errors = errors;
        this.errorPaths = errorPaths;
    }

    long position(JsonElement el, TempoMap tempo, String path, long length) {
        long f = -1;
        if (el.isJsonPrimitive() && el.getAsJsonPrimitive().isNumber()) {
            double d = el.getAsDouble();
            if (d != Math.floor(d) || d < 0) {
                error(path, "a frame position is a whole number >= 0");
                return -1;
            }
            f = (long) d;
        } else if (el.isJsonPrimitive() && el.getAsJsonPrimitive().isString()) {
            String s = el.getAsString().trim();
            Matcher m = BAR_BEAT.matcher(s);
            if (m.matches()) {
                long bar = Long.parseLong(m.group(1));
                double beat = Double.parseDouble(m.group(2));
                if (bar < 1 || beat < 1) {
                    error(path, "bars and beats count from 1: '" + s + "'");
                    return -1;
                }
                f = tempo.frameOf(bar - 1, beat - 1);
            } else {
                try {
                    MusicalLength l = MusicalLength.parse(s);
                    if (l.value() < 0) {
                        error(path, "a position cannot be negative");
                        return -1;
                    }
                    f = l.toFrames(tempo, 0);
                } catch (IllegalArgumentException e) {
                    error(path, "'" + s + "' is not a position: write \"bar:beat\" like \"5:1\", a time like \"2 s\", or frames");
                    return -1;
                }
            }
        } else {
            error(path, "a position is \"bar:beat\", a time, or a frame number");
            return -1;
        }
        if (length != Long.MAX_VALUE && f > length) {
            error(path, "position " + el.getAsString() + " (frame " + f + ") is past the cue's end (frame " + length + ")");
            return -1;
        }
        return f;
    }
    MusicalLength length(JsonElement el, String path) {
        if (el.isJsonPrimitive() && el.getAsJsonPrimitive().isNumber()) {
            return MusicalLength.ms(el.getAsDouble());
        }
        if (!el.isJsonPrimitive() || !el.getAsJsonPrimitive().isString()) {
            error(path, "a length is written like \"500 ms\", \"2 beats\" or \"1 bar\"");
            return null;
        }
        try {
            return MusicalLength.parse(el.getAsString());
        } catch (IllegalArgumentException e) {
            error(path, e.getMessage());
            return null;
        }
    }
    JsonObject object(JsonObject o, String key, String path, boolean required) {
        String p = join(path, key);
        if (!o.has(key)) {
            if (required) {
                error(p, "missing; it is required");
            }
            return null;
        }
        if (!o.get(key).isJsonObject()) {
            error(p, "must be a JSON object");
            return null;
        }
        return o.getAsJsonObject(key);
    }
    JsonArray array(JsonObject o, String key, String path, boolean required) {
        String p = join(path, key);
        if (!o.has(key)) {
            if (required) {
                error(p, "missing; it is required");
            }
            return null;
        }
        if (!o.get(key).isJsonArray()) {
            error(p, "must be a JSON array");
            return null;
        }
        return o.getAsJsonArray(key);
    }
    String string(JsonObject o, String key, String path, boolean required) {
        String p = join(path, key);
        if (!o.has(key) || o.get(key).isJsonNull()) {
            if (required) {
                error(p, "missing; it is required");
            }
            return null;
        }
        JsonElement el = o.get(key);
        if (!el.isJsonPrimitive() || !el.getAsJsonPrimitive().isString() || el.getAsString().isBlank()) {
            error(p, "must be a non-empty string");
            return null;
        }
        return el.getAsString();
    }
    double number(JsonObject o, String key, String path, double dflt) {
        if (!o.has(key)) {
            return dflt;
        }
        JsonElement el = o.get(key);
        if (!isNumber(el)) {
            error(join(path, key), "must be a number, not " + el);
            return dflt;
        }
        return el.getAsDouble();
    }
    boolean bool(JsonObject o, String key, String path) {
        JsonElement el = o.get(key);
        if (!el.isJsonPrimitive() || !el.getAsJsonPrimitive().isBoolean()) {
            error(join(path, key), "must be true or false");
            return false;
        }
        return el.getAsBoolean();
    }
    static boolean isNumber(JsonElement el) {
        return el.isJsonPrimitive() && ((JsonPrimitive) el).isNumber() && Double.isFinite(el.getAsDouble());
    }
    void unknownKeys(JsonObject o, Set<String> known, String path) {
        for (String k : o.keySet()) {
            if (!known.contains(k)) {
                String hint = "";
                for (String c : known) {
                    if (c.equalsIgnoreCase(k) || c.replace("_", "").equalsIgnoreCase(k.replace("_", ""))) {
                        hint = "; did you mean '" + c + "'?";
                    }
                }
                error(join(path, k), "unknown field" + hint);
            }
        }
    }
    static String suggest(String name, JsonObject cuesObj) {
        if (cuesObj == null) {
            return "";
        }
        for (String c : cuesObj.keySet()) {
            if (c.equalsIgnoreCase(name)) {
                return "; did you mean '" + c + "'?";
            }
        }
        return "";
    }
    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
    void error(String path, String sentence) {
        errors.add(path + ": " + sentence);
        errorPaths.add(path);
    }
}
