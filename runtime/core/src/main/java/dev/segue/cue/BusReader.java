package dev.segue.cue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.segue.time.MusicalLength;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a sheet's {@code bus} (the master low-pass) and {@code ducks} (named ducks the game holds). */
final class BusReader extends SheetValues {

    BusReader(List<String> errors, List<String> errorPaths) {
        super(errors, errorPaths);
    }

    /** The bus low-pass, or null when the sheet has none. */
    Lowpass lowpass(JsonObject top, Map<String, Integer> params) {
        JsonObject bus = object(top, "bus", "", false);
        if (bus == null) {
            return null;
        }
        unknownKeys(bus, Set.of("lowpass"), "bus");
        if (object(bus, "lowpass", "bus", false) == null) {
            return null;
        }
        Points c = parameterCurve(bus.get("lowpass"), "bus.lowpass", params, "the low-pass",
                "{\"parameter\": \"muffle\", \"points\": [[0, 20000], [1, 600]]}", "[parameter value, cutoff in Hz], e.g. [1, 600]",
                20, 24_000, "cutoff %s Hz is outside 20..24000 Hz");
        return c == null ? null : new Lowpass(c.parameter(), c.xs(), c.ys());
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
