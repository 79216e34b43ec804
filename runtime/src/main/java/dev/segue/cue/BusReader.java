package dev.segue.cue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.segue.time.MusicalLength;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a sheet's {@code bus} (the master low-pass) and {@code ducks} (named ducks the game holds). */
final class BusReader extends SheetValues {

    BusReader(List<String> errors) {
        super(errors);
    }

    /** The bus low-pass, or null when the sheet has none. */
    Lowpass lowpass(JsonObject top, Map<String, Integer> params) {
        JsonObject bus = object(top, "bus", "", false);
        if (bus == null) {
            return null;
        }
        unknownKeys(bus, Set.of("lowpass"), "bus");
        JsonObject lp = object(bus, "lowpass", "bus", false);
        if (lp == null) {
            return null;
        }
        String path = "bus.lowpass";
        unknownKeys(lp, Set.of("parameter", "points"), path);
        String p = string(lp, "parameter", path, true);
        JsonArray pts = array(lp, "points", path, true);
        if (p == null || pts == null) {
            return null;
        }
        Integer idx = params.get(p);
        if (idx == null) {
            error(path + ".parameter", "no parameter named '" + p + "' (declare it under \"parameters\")");
            return null;
        }
        if (pts.isEmpty()) {
            error(path + ".points", "the low-pass needs at least one point");
            return null;
        }
        float[] xs = new float[pts.size()];
        float[] hz = new float[pts.size()];
        int before = errors.size();
        for (int i = 0; i < pts.size(); i++) {
            String pp = path + ".points[" + i + "]";
            JsonElement pt = pts.get(i);
            if (!pt.isJsonArray() || pt.getAsJsonArray().size() != 2 || !isNumber(pt.getAsJsonArray().get(0))
                    || !isNumber(pt.getAsJsonArray().get(1))) {
                error(pp, "a point is [parameter value, cutoff in Hz], e.g. [1, 600]");
                return null;
            }
            xs[i] = pt.getAsJsonArray().get(0).getAsFloat();
            hz[i] = pt.getAsJsonArray().get(1).getAsFloat();
            if (!(hz[i] >= 20 && hz[i] <= 24_000)) {
                error(pp, "cutoff " + hz[i] + " Hz is outside 20..24000 Hz");
            }
            if (i > 0 && xs[i] < xs[i - 1]) {
                error(pp, "points must be in increasing parameter order");
            }
        }
        return errors.size() == before ? new Lowpass(idx, xs, hz) : null;
    }

    /** The named ducks, in sheet order. */
    List<Duck> ducks(JsonObject top) {
        List<Duck> out = new ArrayList<>();
        JsonObject obj = object(top, "ducks", "", false);
        if (obj == null) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : obj.entrySet()) {
            String path = "ducks." + e.getKey();
            if (!e.getValue().isJsonObject()) {
                error(path, "a duck is an object like {\"gainDb\": -9, \"attack\": \"150 ms\", \"release\": \"600 ms\"}");
                continue;
            }
            JsonObject d = e.getValue().getAsJsonObject();
            int before = errors.size();
            unknownKeys(d, Set.of("gainDb", "attack", "release"), path);
            double db = number(d, "gainDb", path, -9);
            if (db > 0 || db < -96) {
                error(path + ".gainDb", "ducking is a cut between 0 and -96 dB");
            }
            MusicalLength attack = d.has("attack") ? length(d.get("attack"), path + ".attack") : MusicalLength.ms(150);
            MusicalLength release = d.has("release") ? length(d.get("release"), path + ".release") : MusicalLength.ms(600);
            if (errors.size() == before && attack != null && release != null) {
                out.add(new Duck(e.getKey(), out.size(), (float) Math.pow(10, db / 20), attack, release));
            }
        }
        return out;
    }
}
