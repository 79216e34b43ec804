package dev.segue.cue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * How much a cue sheet may hold: far more than any game's score (the demo's has 6 cues, 40 stems and
 * 14 rules; big productions have hundreds of cues), far less than what makes loading take minutes or
 * gigabytes. A sheet over a limit is refused with the count and the limit at its place, before any of
 * it is built (hot reload then keeps the playing sheet).
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

    private SheetLimits() {
    }

    /** Reports each count over its limit to {@code error} (a path and a sentence); returns how many. */
    static int check(JsonObject top, BiConsumer<String, String> error) {
        List<String[]> over = new ArrayList<>();
        count(top, "cues", MAX_CUES, "cues", over);
        count(top, "states", MAX_STATES, "states", over);
        count(top, "stingers", MAX_STINGERS, "stingers", over);
        count(top, "transitions", MAX_RULES, "transition rules", over);
        count(top, "parameters", MAX_PARAMETERS, "parameters", over);
        count(top, "ducks", MAX_DUCKS, "ducks", over);
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

    private static void count(JsonObject o, String key, int max, String what, List<String[]> over) {
        count(o, key, max, what, over, "");
    }

    private static void count(JsonObject o, String key, int max, String what, List<String[]> over, String at) {
        JsonElement e = o.get(key);
        int n = e == null ? 0 : e.isJsonObject() ? e.getAsJsonObject().size() : e.isJsonArray() ? e.getAsJsonArray().size() : 0;
        if (n > max) {
            over.add(new String[] {at.isEmpty() ? key : at + "." + key, n + " " + what + " is more than a cue sheet may hold ("
                    + max + "); a sheet this large takes minutes and gigabytes to load: split it, or is it the right file?"});
        }
    }
}
