package dev.segue.cue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link CueSheet} in memory from the typed records, without JSON: what custom soundtracks
 * use to add the player's songs, as cues, to the score. Start {@link #from} a loaded sheet (its cues
 * keep their indices, so its stingers and bridges stay valid and its decoded audio is shared, never
 * decoded again), add cues, map states and append rules, then {@link #build()}.
 *
 * <p>{@link #build()} checks what the loader would refuse and the records alone cannot show: unique
 * cue names, states and rules that name cues the sheet has, parameter curves on parameters it has.
 */
public final class SheetBuilder {
    private final CueSheet base;
    private final List<Cue> cues;
    private final Map<String, Integer> states = new LinkedHashMap<>();
    private final List<TransitionRule> rules;

    private SheetBuilder(CueSheet base) {
        this.base = base;
        this.cues = new ArrayList<>(base.cues());
        for (int i = 0; i < base.states().size(); i++) {
            states.put(base.states().get(i), base.stateCue(i));
        }
        this.rules = new ArrayList<>(base.rules());
    }

    /** A builder holding everything of {@code base}: cues, states, rules, stingers, parameters, bus and ducks. */
    public static SheetBuilder from(CueSheet base) {
        return new SheetBuilder(base);
    }

    /**
     * Adds a cue after the others: {@code c} with its index set to its place in the sheet.
     *
     * @return the new cue's index
     */
    public int addCue(Cue c) {
        int index = cues.size();
        cues.add(new Cue(c.name(), index, c.tempo(), c.stems(), c.length(), c.loopStart(), c.loopEnd(), c.entry(),
                c.exitCues(), c.markers(), c.loopCrossfade()));
        return index;
    }

    /** Maps {@code state} to the cue named {@code cue} (null for silence); a state the sheet has keeps its place. */
    public SheetBuilder state(String state, String cue) {
        int index = -1;
        if (cue != null) {
            index = indexOf(cue);
            if (index < 0) {
                throw new IllegalArgumentException("state '" + state + "' names no cue '" + cue + "'");
            }
        }
        states.put(state, index);
        return this;
    }

    /** Appends a rule; among rules as specific as each other the first written wins, so the sheet's own come first. */
    public SheetBuilder rule(TransitionRule r) {
        rules.add(r);
        return this;
    }

    /**
     * The sheet.
     *
     * @throws IllegalArgumentException naming what is inconsistent
     */
    public CueSheet build() {
        Map<String, Cue> byName = new LinkedHashMap<>();
        int params = base.parameters().size();
        for (Cue c : cues) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("two cues are named '" + c.name() + "'");
            }
            if (c.name().equals("*") || c.name().equals("silence")) {
                throw new IllegalArgumentException("'" + c.name() + "' is reserved and cannot name a cue");
            }
            Set<String> stems = new HashSet<>();
            for (Stem s : c.stems()) {
                if (!stems.add(s.name())) {
                    throw new IllegalArgumentException("cue '" + c.name() + "' has two stems named '" + s.name() + "'");
                }
                if (s.curve() != null && (s.curve().parameter() < 0 || s.curve().parameter() >= params)) {
                    throw new IllegalArgumentException("stem '" + s.name() + "' of cue '" + c.name()
                            + "' follows parameter " + s.curve().parameter() + " of " + params);
                }
            }
        }
        for (TransitionRule r : rules) {
            for (String name : new String[] {r.from(), r.to()}) {
                if (!name.equals("*") && !name.equals("silence") && !byName.containsKey(name)) {
                    throw new IllegalArgumentException("rule " + r.path() + " names no cue '" + name + "'");
                }
            }
        }
        List<String> names = new ArrayList<>(states.keySet());
        int[] stateCues = states.values().stream().mapToInt(Integer::intValue).toArray();
        return new CueSheet(base.file(), base.sampleRate(), cues, byName, names, stateCues, rules, base.stingers(),
                base.parameters(), base.lowpass(), base.ducks());
    }

    private int indexOf(String cue) {
        for (Cue c : cues) {
            if (c.name().equals(cue)) {
                return c.index();
            }
        }
        return -1;
    }
}
