package dev.segue.cue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * How much a cue sheet may hold: far more than any game's score (the demo's has 6 cues, 40 stems and
 * 14 rules; big productions have hundreds of cues), far less than what makes loading take minutes or
 * gigabytes. A sheet over a limit is refused with the count and the limit at its place, before any of
 * it is built (hot reload then keeps the playing sheet): the top-level counts by a streaming pass that
 * builds nothing ({@link #precount}), the rest on the parsed tree ({@link #check}).
 */
final class SheetLimits {
    static final int MAX_CUES = 50_000;
    static final int MAX_STATES = 50_000;
    static final int MAX_STINGERS = 50_000;
    static final int MAX_RULES = 200_000;
    static final int MAX_PARAMETERS = 1_000;
    static final int MAX_DUCKS = 1_000;
    static final int MAX_STEMS_PER_CUE = 256;
    /** Markers, exits, tempo changes or curve points in one list. */
    static final int MAX_LIST = 10_000;

    private static final String[] TOP = {"cues", "states", "stingers", "transitions", "parameters", "ducks"};
    private static final int[] TOP_MAX = {MAX_CUES, MAX_STATES, MAX_STINGERS, MAX_RULES, MAX_PARAMETERS, MAX_DUCKS};
    private static final String[] TOP_WHAT = {"cues", "states", "stingers", "transition rules", "parameters", "ducks"};

    private SheetLimits() {
    }

    /**
     * The top-level sections over their limits, counted by streaming through {@code text} without
     * building a tree (a 22 MB sheet of 200,000 cues took 1.6 GB to parse before it was refused).
     * Text that is not JSON gives none: the parser then says what is wrong, and where.
     */
    static List<SheetException.Problem> precount(String text) {
        List<SheetException.Problem> over = new ArrayList<>();
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setStrictness(Strictness.STRICT);
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                return over;
            }
            r.beginObject();
            while (r.hasNext()) {
                String key = r.nextName();
                int i = java.util.Arrays.asList(TOP).indexOf(key);
                JsonToken t = r.peek();
                if (i < 0 || t != JsonToken.BEGIN_OBJECT && t != JsonToken.BEGIN_ARRAY) {
                    r.skipValue();
                    continue;
                }
                int[] at = SheetText.location(r.toString()); // the reader says where it is
                long n = 0;
                if (t == JsonToken.BEGIN_OBJECT) {
                    r.beginObject();
                    while (r.hasNext()) {
                        r.nextName();
                        r.skipValue();
                        n++;
                    }
                    r.endObject();
                } else {
                    r.beginArray();
                    while (r.hasNext()) {
                        r.skipValue();
                        n++;
                    }
                    r.endArray();
                }
                if (n > TOP_MAX[i]) {
                    over.add(new SheetException.Problem(key, at != null ? at[0] : 1, at != null ? at[1] : 1, message(n, TOP_WHAT[i], TOP_MAX[i])));
                }
            }
        } catch (IOException | RuntimeException e) {
            return over; // not JSON: the full parse reports it
        }
        return over;
    }

    private static String message(long n, String what, int max) {
        return n + " " + what + " is more than a cue sheet may hold (" + max
                + "); a sheet this large takes minutes and gigabytes to load: split it, or is it the right file?";
    }

    /** Reports each count inside a cue over its limit to {@code error} (a path and a sentence); returns how many. */
    static int check(JsonObject top, BiConsumer<String, String> error) {
        List<String[]> over = new ArrayList<>();
        JsonElement cues = top.get("cues");
        if (cues != null && cues.isJsonObject() && cues.getAsJsonObject().size() <= MAX_CUES) {
            for (Map.Entry<String, JsonElement> c : cues.getAsJsonObject().entrySet()) {
                if (c.getValue().isJsonObject()) {
                    JsonObject cue = c.getValue().getAsJsonObject();
                    String at = "cues." + c.getKey();
                    count(cue, "stems", MAX_STEMS_PER_CUE, "stems", over, at);
                    count(cue, "markers", MAX_LIST, "markers", over, at);
                    count(cue, "exits", MAX_LIST, "exits", over, at);
                    JsonElement tempo = cue.get("tempo");
                    if (tempo != null && tempo.isJsonObject()) {
                        count(tempo.getAsJsonObject(), "changes", MAX_LIST, "tempo changes", over, at + ".tempo");
                    }
                    JsonElement stems = cue.get("stems");
                    if (stems != null && stems.isJsonArray() && stems.getAsJsonArray().size() <= MAX_STEMS_PER_CUE) {
                        for (int i = 0; i < stems.getAsJsonArray().size(); i++) {
                            JsonElement s = stems.getAsJsonArray().get(i);
                            JsonElement curve = s.isJsonObject() ? s.getAsJsonObject().get("gainCurve") : null;
                            if (curve != null && curve.isJsonObject()) {
                                count(curve.getAsJsonObject(), "points", MAX_LIST, "curve points", over,
                                        at + ".stems[" + i + "].gainCurve");
                            }
                        }
                    }
                }
            }
        }
        for (String[] o : over) {
            error.accept(o[0], o[1]);
        }
        return over.size();
    }

    private static void count(JsonObject o, String key, int max, String what, List<String[]> over, String at) {
        JsonElement e = o.get(key);
        int n = e == null ? 0 : e.isJsonObject() ? e.getAsJsonObject().size() : e.isJsonArray() ? e.getAsJsonArray().size() : 0;
        if (n > max) {
            over.add(new String[] {at + "." + key, message(n, what, max)});
        }
    }
}
