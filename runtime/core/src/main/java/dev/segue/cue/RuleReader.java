package dev.segue.cue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.segue.time.MusicalLength;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a sheet's {@code transitions} and {@code stingers}, once its cues are known. */
final class RuleReader extends SheetValues {
    private static final Set<String> RULE = Set.of("from", "to", "when", "bars", "marker", "position", "fadeOut",
            "fadeIn", "bridge", "outro", "description");
    private static final Set<String> STINGER = Set.of("cue", "when", "cooldown", "duck", "gainDb");

    RuleReader(List<String> errors, List<String> errorPaths) {
        super(errors, errorPaths);
    }

    List<TransitionRule> rules(JsonObject top, Map<String, Cue> cues, JsonObject cuesObj) {
        List<TransitionRule> out = new ArrayList<>();
        JsonArray arr = array(top, "transitions", "", false);
        if (arr == null) {
            return out;
        }
        for (int i = 0; i < arr.size(); i++) {
            String path = "transitions[" + i + "]";
            if (!arr.get(i).isJsonObject()) {
                error(path, "a transition is an object like {\"from\": \"*\", \"to\": \"combat\", \"when\": \"nextBar\"}");
                continue;
            }
            JsonObject r = arr.get(i).getAsJsonObject();
            int before = errors.size();
            unknownKeys(r, RULE, path);
            String from = cueRef(r, "from", path, cues, cuesObj, true);
            String to = cueRef(r, "to", path, cues, cuesObj, true);
            When when = When.NEXT_BAR;
            if (r.has("when")) {
                try {
                    when = When.parse(r.get("when").getAsString());
                } catch (IllegalArgumentException | UnsupportedOperationException e) {
                    error(path + ".when", e.getMessage() == null ? "when is a string" : e.getMessage());
                }
            }
            int bars = 1;
            if (r.has("bars")) {
                double b = number(r, "bars", path, 1);
                if (b < 1 || b != Math.floor(b) || b > 1000) {
                    error(path + ".bars", "bars is a whole number from 1 to 1000");
                }
                bars = (int) b;
            }
            String marker = r.has("marker") ? string(r, "marker", path, false) : null;
            if (marker != null && from != null && !from.equals("*") && cues.containsKey(from)) {
                boolean found = false;
                for (Marker m : cues.get(from).markers()) {
                    found |= m.name().equals(marker);
                }
                if (!found) {
                    error(path + ".marker", "cue '" + from + "' has no marker named '" + marker + "'");
                }
            }
            Where where = Where.ENTRY;
            if (r.has("position")) {
                try {
                    where = Where.parse(r.get("position").getAsString());
                } catch (IllegalArgumentException | UnsupportedOperationException e) {
                    error(path + ".position", e.getMessage() == null ? "position is a string" : e.getMessage());
                }
            }
            Fade fadeOut = fade(r, "fadeOut", path, CueSheet.DEFAULT_RULE.fadeOut());
            Fade in = fade(r, "fadeIn", path, Fade.NONE);
            int bridge = -1;
            if (r.has("bridge")) {
                String b = cueRef(r, "bridge", path, cues, cuesObj, false);
                if (b != null && cues.containsKey(b)) {
                    bridge = cues.get(b).index();
                    if (cues.get(b).loops()) {
                        error(path + ".bridge", "bridge cue '" + b + "' loops; a bridge must play once and end");
                    }
                }
            }
            boolean outro = r.has("outro") && bool(r, "outro", path);
            if (errors.size() == before) {
                out.add(new TransitionRule(from, to, when, bars, marker, where, fadeOut, in, bridge, outro, path));
            }
        }
        return out;
    }
    private Fade fade(JsonObject r, String key, String path, Fade dflt) {
        if (!r.has(key)) {
            return dflt;
        }
        String fp = path + "." + key;
        JsonElement el = r.get(key);
        if (el.isJsonPrimitive()) { // shorthand: "fadeOut": "2 beats"
            MusicalLength l = length(el, fp);
            return l == null ? dflt : new Fade(nonNegative(l, fp), MusicalLength.ZERO, dflt.curve());
        }
        if (!el.isJsonObject()) {
            error(fp, "a fade is \"2 beats\" or an object like {\"length\": \"1 bar\", \"curve\": \"equalPower\"}");
            return dflt;
        }
        JsonObject o = el.getAsJsonObject();
        unknownKeys(o, Set.of("length", "offset", "curve"), fp);
        MusicalLength len = o.has("length") ? length(o.get("length"), fp + ".length") : MusicalLength.ZERO;
        MusicalLength off = o.has("offset") ? length(o.get("offset"), fp + ".offset") : MusicalLength.ZERO;
        Curve curve = dflt.curve();
        if (o.has("curve")) {
            try {
                curve = Curve.parse(o.get("curve").getAsString());
            } catch (IllegalArgumentException e) {
                error(fp + ".curve", e.getMessage());
            } catch (UnsupportedOperationException | IllegalStateException e) {
                error(fp + ".curve", o.get("curve") + " is not a curve: use linear, equalPower, sCurve or exponential");
            }
        }
        return new Fade(len == null ? MusicalLength.ZERO : nonNegative(len, fp + ".length"),
                off == null ? MusicalLength.ZERO : off, curve);
    }
    private MusicalLength nonNegative(MusicalLength l, String path) {
        if (l.value() < 0) {
            error(path, "a fade length cannot be negative");
            return MusicalLength.ZERO;
        }
        return l;
    }
    List<Stinger> stingers(JsonObject top, Map<String, Cue> cues, JsonObject cuesObj) {
        List<Stinger> out = new ArrayList<>();
        JsonObject obj = object(top, "stingers", "", false);
        if (obj == null) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : obj.entrySet()) {
            String path = "stingers." + e.getKey();
            if (!e.getValue().isJsonObject()) {
                error(path, "a stinger is an object like {\"cue\": \"pickup\", \"when\": \"nextBeat\"}");
                continue;
            }
            JsonObject s = e.getValue().getAsJsonObject();
            int before = errors.size();
            unknownKeys(s, STINGER, path);
            String cue = cueRef(s, "cue", path, cues, cuesObj, false);
            When when = When.NEXT_BEAT;
            if (s.has("when")) {
                try {
                    when = When.parse(s.get("when").getAsString());
                    if (when != When.IMMEDIATE && when != When.NEXT_BEAT && when != When.NEXT_BAR) {
                        error(path + ".when", "a stinger lands immediate, nextBeat or nextBar");
                    }
                } catch (IllegalArgumentException | UnsupportedOperationException e2) {
                    error(path + ".when", String.valueOf(e2.getMessage()));
                }
            }
            MusicalLength cooldown = s.has("cooldown") ? length(s.get("cooldown"), path + ".cooldown") : MusicalLength.ZERO;
            float duck = 1;
            MusicalLength attack = MusicalLength.ms(50);
            MusicalLength release = MusicalLength.ms(400);
            if (s.has("duck")) {
                JsonObject d = object(s, "duck", path, true);
                if (d != null) {
                    unknownKeys(d, Set.of("gainDb", "attack", "release"), path + ".duck");
                    double db = number(d, "gainDb", path + ".duck", -6);
                    if (db > 0 || db < -96) {
                        error(path + ".duck.gainDb", "ducking is a cut between 0 and -96 dB");
                    }
                    duck = (float) Math.pow(10, db / 20);
                    if (d.has("attack")) {
                        attack = length(d.get("attack"), path + ".duck.attack");
                    }
                    if (d.has("release")) {
                        release = length(d.get("release"), path + ".duck.release");
                    }
                }
            }
            float gain = (float) Math.pow(10, number(s, "gainDb", path, 0, CueSheetLoader.MIN_DB, CueSheetLoader.MAX_DB, "dB") / 20);
            if (cue != null && cues.containsKey(cue) && cues.get(cue).loops()) {
                error(path + ".cue", "stinger cue '" + cue + "' loops; a stinger must play once and end");
            }
            if (errors.size() == before && cue != null && cues.containsKey(cue)) {
                out.add(new Stinger(e.getKey(), out.size(), cues.get(cue).index(), when, cooldown, duck, attack, release, gain));
            }
        }
        return out;
    }
    private String cueRef(JsonObject o, String key, String path, Map<String, Cue> cues, JsonObject cuesObj,
            boolean wildcards) {
        String v = string(o, key, path, true);
        if (v == null) {
            return null;
        }
        if (wildcards && (v.equals("*") || v.equals("silence"))) {
            return v;
        }
        if (!cues.containsKey(v)) {
            if (cuesObj == null || !cuesObj.has(v)) { // a cue with its own errors is already reported
                error(path + "." + key, "no cue named '" + v + "'" + suggest(v, cuesObj));
            }
            return null;
        }
        return v;
    }
}
