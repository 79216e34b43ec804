package dev.segue.cue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Finds the transition rule for a (from, to) pair of cues in memory that grows with the cues and the
 * rules, not with their square (a dense table of 20,000 cues took 2.2 GB): the rules written for an
 * exact pair sit in a sorted array searched by binary search, those with one wildcard in an array per
 * cue, the catch-all beside them. Lookup allocates nothing and takes no lock (the mix loop calls it).
 *
 * <p>Precedence, as documented for sheets: (from, to), then (from, *), then (*, to), then (*, *), then
 * {@link CueSheet#DEFAULT_RULE}; among rules of the same kind, the first written wins. A rule naming a
 * cue the sheet does not have matches nothing.
 */
final class RuleIndex {
    private final long[] pairKeys;
    private final TransitionRule[] pairRules;
    /** Indexed by cue + 1 (0 is silence). */
    private final TransitionRule[] fromAny;
    private final TransitionRule[] anyTo;
    private final TransitionRule anyAny;
    private final int n;

    /** {@code cues} maps each cue name to its index; "silence" is -1, "*" any. */
    RuleIndex(List<TransitionRule> rules, Map<String, Cue> cues) {
        this.n = cues.size();
        this.fromAny = new TransitionRule[n + 1];
        this.anyTo = new TransitionRule[n + 1];
        long[] keys = new long[rules.size()];
        TransitionRule[] byKey = new TransitionRule[rules.size()];
        int pairs = 0;
        TransitionRule any = null;
        for (TransitionRule r : rules) {
            boolean fromStar = r.from().equals("*");
            boolean toStar = r.to().equals("*");
            int f = fromStar ? 0 : index(r.from(), cues);
            int t = toStar ? 0 : index(r.to(), cues);
            if (f < -1 || t < -1) {
                continue; // names a cue that is not in the sheet
            }
            if (fromStar && toStar) {
                any = any != null ? any : r;
            } else if (toStar) {
                fromAny[f + 1] = fromAny[f + 1] != null ? fromAny[f + 1] : r;
            } else if (fromStar) {
                anyTo[t + 1] = anyTo[t + 1] != null ? anyTo[t + 1] : r;
            } else {
                keys[pairs] = key(f, t);
                byKey[pairs++] = r;
            }
        }
        this.anyAny = any != null ? any : CueSheet.DEFAULT_RULE;
        // sort the pairs by key, keeping the first written of equal keys (a stable sort of indices)
        Integer[] order = new Integer[pairs];
        for (int i = 0; i < pairs; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> keys[a] != keys[b] ? Long.compare(keys[a], keys[b]) : Integer.compare(a, b));
        long[] k = new long[pairs];
        TransitionRule[] v = new TransitionRule[pairs];
        int m = 0;
        for (int i = 0; i < pairs; i++) {
            int o = order[i];
            if (m == 0 || k[m - 1] != keys[o]) {
                k[m] = keys[o];
                v[m++] = byKey[o];
            }
        }
        this.pairKeys = Arrays.copyOf(k, m);
        this.pairRules = Arrays.copyOf(v, m);
    }

    /** -1 for silence, the cue's index, or -2 for a name the sheet does not have. */
    private static int index(String name, Map<String, Cue> cues) {
        if (name.equals("silence")) {
            return -1;
        }
        Cue c = cues.get(name);
        return c == null ? -2 : c.index();
    }

    private long key(int from, int to) {
        return (long) (from + 1) * (n + 1) + (to + 1);
    }

    /** The rule for moving from cue {@code from} to cue {@code to}; -1 stands for silence. */
    TransitionRule rule(int from, int to) {
        int i = Arrays.binarySearch(pairKeys, key(from, to));
        if (i >= 0) {
            return pairRules[i];
        }
        TransitionRule r = fromAny[from + 1];
        if (r != null) {
            return r;
        }
        r = anyTo[to + 1];
        return r != null ? r : anyAny;
    }
}
