package dev.segue.tools.validate;

import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.TransitionRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which moves each transition rule is chosen for, answered without visiting every (from, to) pair:
 * a sheet of 20,000 cues has 400 million, and the audit asked the sheet about each of them for every
 * rule. The moves a rule wins follow from the precedence alone (exact pair, then (from, *), then
 * (*, to), then (*, *); the first written of a kind), so each question is a count over the cues and
 * the rules, and examples come from a scan that stops at the first few.
 *
 * <p>"Moves" are pairs of different cues, either of which may be silence (index -1). Cues are grouped
 * by grid (one tempo segment: bpm and meter; a cue with tempo changes is a group of its own) for the
 * {@code samePosition} check.
 */
final class RuleCoverage {
    /** How many of something, and the first few. */
    record Found<T>(long count, List<T> examples) {
    }

    private enum Kind { PAIR, FROM_ANY, ANY_TO, ANY_ANY, NONE }

    private final int n;
    private final Map<Long, TransitionRule> firstPair = new HashMap<>();
    private final TransitionRule[] firstFromAny;
    private final TransitionRule[] firstAnyTo;
    private TransitionRule firstAnyAny;
    private final boolean[] hasFromAny;
    private final boolean[] hasAnyTo;
    private final Map<Integer, Set<Integer>> pairTargets = new HashMap<>();
    private final Map<Integer, Set<Integer>> pairSources = new HashMap<>();
    private final int[] group;
    private final int[] groupSize;
    private final int[] groupNoAnyTo;
    private final int[] groupFromAny;
    private int fromAnyTotal;
    private int noAnyToTotal;
    private int noAnyToCues;
    private int fromAnyCues;

    RuleCoverage(CueSheet sheet) {
        List<Cue> cues = sheet.cues();
        n = cues.size();
        firstFromAny = new TransitionRule[n + 1];
        firstAnyTo = new TransitionRule[n + 1];
        hasFromAny = new boolean[n + 1];
        hasAnyTo = new boolean[n + 1];
        for (TransitionRule r : sheet.rules()) {
            int f = from(sheet, r);
            int t = to(sheet, r);
            switch (kind(sheet, r)) {
                case PAIR -> {
                    if (f != t) {
                        firstPair.putIfAbsent(key(f, t), r);
                        pairTargets.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(t);
                        pairSources.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(f);
                    }
                }
                case FROM_ANY -> {
                    firstFromAny[f + 1] = firstFromAny[f + 1] != null ? firstFromAny[f + 1] : r;
                    hasFromAny[f + 1] = true;
                }
                case ANY_TO -> {
                    firstAnyTo[t + 1] = firstAnyTo[t + 1] != null ? firstAnyTo[t + 1] : r;
                    hasAnyTo[t + 1] = true;
                }
                case ANY_ANY -> firstAnyAny = firstAnyAny != null ? firstAnyAny : r;
                default -> { } // names a cue the sheet does not have: the loader reported it
            }
        }
        Map<String, Integer> groups = new HashMap<>();
        group = new int[n];
        for (Cue c : cues) {
            var segments = c.tempo().segments();
            var s = segments.get(0);
            String grid = segments.size() == 1 ? s.bpm() + " " + s.beatsPerBar() + "/" + s.beatUnit() : "changes " + c.index();
            group[c.index()] = groups.computeIfAbsent(grid, g -> groups.size());
        }
        groupSize = new int[groups.size()];
        groupNoAnyTo = new int[groups.size()];
        groupFromAny = new int[groups.size()];
        for (int c = -1; c < n; c++) {
            fromAnyTotal += hasFromAny[c + 1] ? 1 : 0;
            noAnyToTotal += hasAnyTo[c + 1] ? 0 : 1;
            if (c >= 0) {
                groupSize[group[c]]++;
                groupNoAnyTo[group[c]] += hasAnyTo[c + 1] ? 0 : 1;
                groupFromAny[group[c]] += hasFromAny[c + 1] ? 1 : 0;
                noAnyToCues += hasAnyTo[c + 1] ? 0 : 1;
                fromAnyCues += hasFromAny[c + 1] ? 1 : 0;
            }
        }
    }

    private static int index(CueSheet sheet, String name) {
        if (name.equals("silence")) {
            return -1;
        }
        Cue c = sheet.cue(name);
        return c == null ? -2 : c.index();
    }

    private static int from(CueSheet sheet, TransitionRule r) {
        return r.from().equals("*") ? -3 : index(sheet, r.from());
    }

    private static int to(CueSheet sheet, TransitionRule r) {
        return r.to().equals("*") ? -3 : index(sheet, r.to());
    }

    private static Kind kind(CueSheet sheet, TransitionRule r) {
        int f = from(sheet, r);
        int t = to(sheet, r);
        if (f == -2 || t == -2) {
            return Kind.NONE;
        }
        return f == -3 ? (t == -3 ? Kind.ANY_ANY : Kind.ANY_TO) : (t == -3 ? Kind.FROM_ANY : Kind.PAIR);
    }

    private long key(int f, int t) {
        return (long) (f + 1) * (n + 1) + (t + 1);
    }

    private Set<Integer> targets(int f) {
        return pairTargets.getOrDefault(f, Set.of());
    }

    private Set<Integer> sources(int t) {
        return pairSources.getOrDefault(t, Set.of());
    }

    /** Moves out of {@code f} that fall to the (*, *) rule: no (f, *), no (*, t), no exact pair. */
    private long anyAnyMovesFrom(int f) {
        if (hasFromAny[f + 1]) {
            return 0;
        }
        long m = noAnyToTotal - (hasAnyTo[f + 1] ? 0 : 1);
        for (int t : targets(f)) {
            m -= hasAnyTo[t + 1] ? 0 : 1;
        }
        return m;
    }

    /** Moves into {@code t} that fall to the (*, t) rule: from cues with no (f, *) and no exact pair. */
    private long anyToMovesInto(int t) {
        long m = n - (fromAnyTotal - (hasFromAny[t + 1] ? 1 : 0));
        for (int f : sources(t)) {
            m -= hasFromAny[f + 1] ? 0 : 1;
        }
        return m;
    }

    /** Whether some move picks {@code r}. */
    boolean chosen(CueSheet sheet, TransitionRule r) {
        int f = from(sheet, r);
        int t = to(sheet, r);
        return switch (kind(sheet, r)) {
            case PAIR -> f != t && firstPair.get(key(f, t)) == r;
            case FROM_ANY -> firstFromAny[f + 1] == r && n - targets(f).size() > 0;
            case ANY_TO -> firstAnyTo[t + 1] == r && anyToMovesInto(t) > 0;
            case ANY_ANY -> {
                if (firstAnyAny != r) {
                    yield false;
                }
                for (int c = -1; c < n; c++) {
                    if (anyAnyMovesFrom(c) > 0) {
                        yield true;
                    }
                }
                yield false;
            }
            case NONE -> false;
        };
    }

    /** The cues (not silence) some move out of which picks {@code r}, among those {@code which} accepts. */
    Found<Integer> fromCues(CueSheet sheet, TransitionRule r, Predicate<Cue> which, int examples) {
        List<Integer> found = new ArrayList<>();
        long count = 0;
        if (!chosen(sheet, r)) {
            return new Found<>(0, found);
        }
        int f0 = from(sheet, r);
        int t0 = to(sheet, r);
        Kind k = kind(sheet, r);
        for (int f = 0; f < n; f++) {
            boolean picks = switch (k) {
                case PAIR, FROM_ANY -> f == f0;
                case ANY_TO -> f != t0 && !hasFromAny[f + 1] && !sources(t0).contains(f);
                case ANY_ANY -> anyAnyMovesFrom(f) > 0;
                case NONE -> false;
            };
            if (picks && which.test(sheet.cues().get(f))) {
                count++;
                if (found.size() < examples) {
                    found.add(f);
                }
            }
        }
        return new Found<>(count, found);
    }

    /** Moves between two cues (not silence) of different grids that pick {@code r}: how many, and the first few. */
    Found<int[]> offGrid(CueSheet sheet, TransitionRule r, int examples) {
        List<int[]> found = new ArrayList<>();
        if (!chosen(sheet, r)) {
            return new Found<>(0, found);
        }
        int f0 = from(sheet, r);
        int t0 = to(sheet, r);
        long count = 0;
        switch (kind(sheet, r)) {
            case PAIR -> {
                if (f0 >= 0 && t0 >= 0 && group[f0] != group[t0]) {
                    count = 1;
                    found.add(new int[] {f0, t0});
                }
            }
            case FROM_ANY -> {
                if (f0 >= 0) {
                    count = n - groupSize[group[f0]];
                    for (int t : targets(f0)) {
                        count -= t >= 0 && group[t] != group[f0] ? 1 : 0;
                    }
                    for (int t = 0; t < n && found.size() < examples && count > 0; t++) {
                        if (group[t] != group[f0] && !targets(f0).contains(t)) {
                            found.add(new int[] {f0, t});
                        }
                    }
                }
            }
            case ANY_TO -> {
                if (t0 >= 0) {
                    count = (n - groupSize[group[t0]]) - (fromAnyCues - groupFromAny[group[t0]]);
                    for (int f : sources(t0)) {
                        count -= f >= 0 && !hasFromAny[f + 1] && group[f] != group[t0] ? 1 : 0;
                    }
                    for (int f = 0; f < n && found.size() < examples && count > 0; f++) {
                        if (group[f] != group[t0] && !hasFromAny[f + 1] && !sources(t0).contains(f)) {
                            found.add(new int[] {f, t0});
                        }
                    }
                }
            }
            case ANY_ANY -> {
                for (int f = 0; f < n; f++) {
                    if (hasFromAny[f + 1]) {
                        continue;
                    }
                    long m = noAnyToCues - groupNoAnyTo[group[f]];
                    for (int t : targets(f)) {
                        m -= t >= 0 && !hasAnyTo[t + 1] && group[t] != group[f] ? 1 : 0;
                    }
                    count += m;
                    for (int t = 0; t < n && found.size() < examples && m > 0; t++) {
                        if (group[t] != group[f] && !hasAnyTo[t + 1] && !targets(f).contains(t)) {
                            found.add(new int[] {f, t});
                        }
                    }
                }
            }
            default -> { }
        }
        return new Found<>(count, found);
    }
}
