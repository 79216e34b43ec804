package dev.segue.tools.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.CueSheetLoader;
import dev.segue.cue.TransitionRule;
import dev.segue.tools.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RuleCoverage} counts what the audit asked the sheet about every pair for, without the
 * pairs: on random sheets (cues at three tempos, some with markers, random rules of every kind) its
 * answers equal those of visiting every (from, to) pair and asking {@link CueSheet#rule}.
 */
class RuleCoverageTest {
    @TempDir
    Path dir;

    @Test
    void countsEqualThoseOfVisitingEveryPair() throws Exception {
        WavWriter.write16(dir.resolve("x.wav"), new double[48_000], 1, 48_000);
        String[] ends = {"a", "b", "c", "d", "e", "f", "silence", "*", "*"};
        int[] bpm = {120, 120, 90, 120, 90, 100};
        Random rnd = new Random(20);
        int loaded = 0;
        for (int round = 0; round < 30; round++) {
            StringBuilder cues = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                cues.append(i == 0 ? "" : ",").append('"').append(ends[i]).append("\": {\"tempo\": {\"bpm\": ").append(bpm[i])
                        .append("}, ").append(i % 2 == 0 ? "\"markers\": {\"m\": \"1:1\"}, " : "")
                        .append("\"stems\": [{\"name\": \"x\", \"file\": \"x.wav\"}]}");
            }
            StringBuilder rules = new StringBuilder();
            int count = 1 + rnd.nextInt(14);
            for (int i = 0; i < count; i++) {
                String from = ends[rnd.nextInt(ends.length)];
                boolean bareCue = from.length() == 1 && "bdf".contains(from); // the loader refuses nextMarker from these
                String when = rnd.nextBoolean() && !bareCue ? "\"nextMarker\", \"marker\": \"m\"" : "\"nextBar\"";
                String where = rnd.nextBoolean() ? ", \"position\": \"samePosition\"" : "";
                rules.append(i == 0 ? "" : ",").append("{\"from\": \"").append(from)
                        .append("\", \"to\": \"").append(ends[rnd.nextInt(ends.length)]).append("\", \"when\": ").append(when)
                        .append(where).append("}");
            }
            Path file = Files.writeString(dir.resolve("r.cues.json"), "{\"cues\": {" + cues + "}, \"transitions\": [" + rules + "]}");
            CueSheet s;
            try {
                s = CueSheetLoader.load(file, 48_000);
            } catch (dev.segue.cue.SheetException e) {
                continue; // a random rule the loader refuses
            }
            loaded++;
            RuleCoverage cover = new RuleCoverage(s);
            int n = s.cues().size();
            for (TransitionRule r : s.rules()) {
                boolean chosen = false;
                List<Integer> bare = new ArrayList<>();
                long offGrid = 0;
                for (int f = -1; f < n; f++) {
                    boolean fromBare = false;
                    for (int t = -1; t < n; t++) {
                        if (f == t || s.rule(f, t) != r) {
                            continue;
                        }
                        chosen = true;
                        fromBare |= f >= 0 && s.cues().get(f).markers().length == 0;
                        if (f >= 0 && t >= 0 && !sameGrid(s.cues().get(f), s.cues().get(t))) {
                            offGrid++;
                        }
                    }
                    if (fromBare) {
                        bare.add(f);
                    }
                }
                String what = "round " + round + ", " + r.path() + " " + r.from() + " -> " + r.to();
                assertEquals(chosen, cover.chosen(s, r), what);
                RuleCoverage.Found<Integer> found = cover.fromCues(s, r, c -> c.markers().length == 0, 3);
                assertEquals(bare.size(), found.count(), what + ": cues without markers it is chosen from");
                assertEquals(bare.subList(0, Math.min(3, bare.size())), found.examples(), what);
                RuleCoverage.Found<int[]> off = cover.offGrid(s, r, 3);
                assertEquals(offGrid, off.count(), what + ": moves between grids");
                assertEquals(Math.min(3, offGrid), off.examples().size(), what);
                for (int[] m : off.examples()) {
                    assertTrue(s.rule(m[0], m[1]) == r && !sameGrid(s.cues().get(m[0]), s.cues().get(m[1])), what);
                }
            }
        }
        assertTrue(loaded >= 20, "only " + loaded + " of 30 random sheets loaded");
    }

    private static boolean sameGrid(Cue a, Cue b) {
        var x = a.tempo().segments();
        var y = b.tempo().segments();
        return x.size() == 1 && y.size() == 1 && x.get(0).bpm() == y.get(0).bpm()
                && x.get(0).beatsPerBar() == y.get(0).beatsPerBar() && x.get(0).beatUnit() == y.get(0).beatUnit();
    }
}
