package dev.segue.cue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.segue.time.MusicalLength;
import dev.segue.time.TempoMap;
import java.util.List;
import java.util.Map;
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
                if (m.group(1).length() > 9 || m.group(2).length() > 12) {
                    error(path, "'" + s + "' is beyond any cue: bars count up to 999999999"); // Long.parseLong would overflow
                    return -1;
                }
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
        if (!el.isJsonPrimitive() || !el.getAsJsonPrimitive().isString() || el.getAsString().trim().isEmpty()) {
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
    /**
     * As {@link #number(JsonObject, String, String, double)}, and within {@code lo..hi}: a value
     * outside is an error naming the range ({@code gainDb 1e308 is outside -144..24 dB}) and reads as
     * {@code dflt}, so nothing out of range ever reaches the mixer.
     */
    double number(JsonObject o, String key, String path, double dflt, double lo, double hi, String unit) {
        double v = number(o, key, path, dflt);
        if (v < lo || v > hi) {
            error(join(path, key), key + " " + o.get(key) + " is outside " + fmt(lo) + ".." + fmt(hi)
                    + (unit.isEmpty() ? "" : " " + unit));
            return dflt;
        }
        return v;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
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

    /** A parameter-driven curve read by {@link #parameterCurve}: the parameter's index and its points. */
    record Points(int parameter, float[] xs, float[] ys) {
    }

    /**
     * Reads {@code {"parameter": NAME, "points": [[x, y], ...]}}: a declared parameter and at least one
     * point, x ascending, each y in {@code yMin..yMax}.
     *
     * @param what     what the curve is, for messages ("a gain curve")
     * @param example  an object like it, for the message when {@code el} is not one
     * @param pointIs  what a point is, for messages ("[parameter value, gain], e.g. [0.5, 1]")
     * @param yIs      why a y is out of range ("gain %s is outside 0..4 (linear gain; 1 = unchanged)")
     * @return the points, or null after an error
     */
    Points parameterCurve(JsonElement el, String path, Map<String, Integer> params, String what, String example,
            String pointIs, float yMin, float yMax, String yIs) {
        if (!el.isJsonObject()) {
            error(path, what + " is an object like " + example);
            return null;
        }
        JsonObject o = el.getAsJsonObject();
        unknownKeys(o, Set.of("parameter", "points"), path);
        String p = string(o, "parameter", path, true);
        JsonArray pts = array(o, "points", path, true);
        if (p == null || pts == null) {
            return null;
        }
        Integer idx = params.get(p);
        if (idx == null) {
            error(path + ".parameter", "no parameter named '" + p + "' (declare it under \"parameters\")");
            return null;
        }
        if (pts.isEmpty()) {
            error(path + ".points", what + " needs at least one point");
            return null;
        }
        int before = errors.size();
        float[] xs = new float[pts.size()];
        float[] ys = new float[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            String pp = path + ".points[" + i + "]";
            JsonElement pt = pts.get(i);
            if (!pt.isJsonArray() || pt.getAsJsonArray().size() != 2 || !isNumber(pt.getAsJsonArray().get(0))
                    || !isNumber(pt.getAsJsonArray().get(1))) {
                error(pp, "a point is " + pointIs);
                return null;
            }
            xs[i] = pt.getAsJsonArray().get(0).getAsFloat();
            ys[i] = pt.getAsJsonArray().get(1).getAsFloat();
            if (!(ys[i] >= yMin && ys[i] <= yMax)) {
                error(pp, String.format(java.util.Locale.ROOT, yIs, ys[i]));
            }
            if (i > 0 && xs[i] < xs[i - 1]) {
                error(pp, "points must be in increasing parameter order");
            }
        }
        return errors.size() == before ? new Points(idx, xs, ys) : null;
    }
}
