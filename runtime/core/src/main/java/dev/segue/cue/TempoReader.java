package dev.segue.cue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.segue.time.TempoMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a cue's {@code tempo}: its bpm and meter, and the changes bar by bar, into a {@link TempoMap}. */
final class TempoReader extends SheetValues {
    private static final Pattern METER = Pattern.compile("(\\d{1,3})/(\\d{1,3})");
    private final int sampleRate;

    TempoReader(List<String> errors, List<String> errorPaths, int sampleRate) {
        super(errors, errorPaths);
        this.sampleRate = sampleRate;
    }

    TempoMap tempo(JsonObject cue, String path) {
        JsonObject t = object(cue, "tempo", path, true);
        if (t == null) {
            return null;
        }
        String tp = path + ".tempo";
        unknownKeys(t, Set.of("bpm", "meter", "changes"), tp);
        List<TempoMap.Change> changes = new ArrayList<>();
        TempoMap.Change first = tempoChange(t, tp, 0, null);
        if (first == null) {
            return null;
        }
        changes.add(first);
        JsonArray ch = array(t, "changes", tp, false);
        if (ch != null) {
            for (int i = 0; i < ch.size(); i++) {
                String cp = tp + ".changes[" + i + "]";
                if (!ch.get(i).isJsonObject()) {
                    error(cp, "a tempo change is an object like {\"bar\": 9, \"bpm\": 140}");
                    return null;
                }
                JsonObject c = ch.get(i).getAsJsonObject();
                unknownKeys(c, Set.of("bar", "bpm", "meter"), cp);
                double bar = number(c, "bar", cp, Double.NaN);
                if (Double.isNaN(bar)) {
                    error(cp + ".bar", "a tempo change needs the bar (1-based) where it starts");
                    return null;
                }
                TempoMap.Change prev = changes.get(changes.size() - 1);
                if (bar != Math.floor(bar) || bar - 1 <= prev.bar()) {
                    error(cp + ".bar", "bar " + bar + " must be a whole bar after bar " + (prev.bar() + 1));
                    return null;
                }
                TempoMap.Change next = tempoChange(c, cp, (long) bar - 1, prev);
                if (next == null) {
                    return null;
                }
                changes.add(next);
            }
        }
        return TempoMap.of(sampleRate, changes);
    }

    private TempoMap.Change tempoChange(JsonObject t, String path, long bar, TempoMap.Change prev) {
        double bpm = number(t, "bpm", path, prev != null ? prev.bpm() : Double.NaN);
        if (Double.isNaN(bpm)) {
            error(path + ".bpm", "the tempo needs a bpm");
            return null;
        }
        if (!(bpm >= 1 && bpm <= 1000)) {
            error(path + ".bpm", "bpm " + bpm + " is outside 1..1000");
            return null;
        }
        int num = prev != null ? prev.beatsPerBar() : 4;
        int den = prev != null ? prev.beatUnit() : 4;
        if (t.has("meter")) {
            Matcher m = t.get("meter").isJsonPrimitive() ? METER.matcher(t.get("meter").getAsString()) : null;
            // at most three digits each (so no number overflows an int: found by fuzzing), then 1..64
            if (m == null || !m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 64
                    || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 64) {
                error(path + ".meter", "meter is written like \"4/4\" or \"7/8\"");
                return null;
            }
            num = Integer.parseInt(m.group(1));
            den = Integer.parseInt(m.group(2));
        }
        return new TempoMap.Change(bar, bpm, num, den);
    }
}
