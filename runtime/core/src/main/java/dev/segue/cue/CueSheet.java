package dev.segue.cue;

import dev.segue.decode.PcmData;
import dev.segue.time.MusicalLength;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A loaded, validated cue sheet: immutable, shared by the game thread and the audio thread.
 * Cues, states, stingers and parameters are indexed so the mix loop works with ints, never strings.
 * Load one with {@link CueSheetLoader}.
 */
public final class CueSheet {
    /** Used when no rule matches: land on the next bar, cross-fade over one beat, equal power. */
    public static final TransitionRule DEFAULT_RULE = new TransitionRule("*", "*", When.NEXT_BAR, 1, null,
            Where.ENTRY, new Fade(MusicalLength.beats(1), MusicalLength.ZERO, Curve.EQUAL_POWER),
            new Fade(MusicalLength.ZERO, MusicalLength.ZERO, Curve.EQUAL_POWER), -1, false, "default rule");

    private final Path file;
    private final int sampleRate;
    private final List<Cue> cues;
    private final Map<String, Cue> cuesByName;
    private final List<String> states;
    private final int[] stateCues;
    private final List<TransitionRule> rules;
    private final RuleIndex ruleIndex;
    private final List<Stinger> stingers;
    private final List<Parameter> parameters;
    private final int maxStems;
    private final Lowpass lowpass;
    private final List<Duck> ducks;
    /** Per cue, the index of its first stem in a flat numbering of every cue's stems. */
    private final int[] stemBase;
    private final int totalStems;

    CueSheet(Path file, int sampleRate, List<Cue> cues, Map<String, Cue> cuesByName, List<String> states,
            int[] stateCues, List<TransitionRule> rules, List<Stinger> stingers, List<Parameter> parameters, Lowpass lowpass,
            List<Duck> ducks) {
        this.file = file;
        this.sampleRate = sampleRate;
        this.cues = List.copyOf(cues);
        this.cuesByName = Map.copyOf(cuesByName);
        this.states = List.copyOf(states);
        this.stateCues = stateCues.clone();
        this.rules = List.copyOf(rules);
        this.stingers = List.copyOf(stingers);
        this.parameters = List.copyOf(parameters);
        int n = cues.size();
        this.ruleIndex = new RuleIndex(this.rules, cuesByName);
        int max = 0;
        for (Cue c : cues) {
            max = Math.max(max, c.stems().length);
        }
        this.maxStems = max;
        this.lowpass = lowpass;
        this.ducks = List.copyOf(ducks);
        this.stemBase = new int[n];
        int total = 0;
        for (Cue c : cues) {
            stemBase[c.index()] = total;
            total += c.stems().length;
        }
        this.totalStems = total;
    }

    /** The sheet's file. */
    public Path file() {
        return file;
    }

    /** The mixer rate the sheet's positions were resolved at. */
    public int sampleRate() {
        return sampleRate;
    }

    public List<Cue> cues() {
        return cues;
    }

    /** The cue named {@code name}, or null. */
    public Cue cue(String name) {
        return cuesByName.get(name);
    }

    /** Game state names, in sheet order. */
    public List<String> states() {
        return states;
    }

    /** Index of {@code state} in {@link #states()}, or -1. */
    public int stateIndex(String state) {
        return states.indexOf(state);
    }

    /** The cue a state plays, or -1 for silence. */
    public int stateCue(int state) {
        return stateCues[state];
    }

    public List<TransitionRule> rules() {
        return rules;
    }

    /**
     * The rule for moving from cue {@code from} to cue {@code to}; -1 stands for silence. Most
     * specific first: (from, to), (from, *), (*, to), (*, *); among equals, the first written; else
     * {@link #DEFAULT_RULE}. Allocation-free (see {@link RuleIndex}).
     */
    public TransitionRule rule(int from, int to) {
        return ruleIndex.rule(from, to);
    }

    public List<Stinger> stingers() {
        return stingers;
    }

    /** Index of the stinger named {@code name}, or -1. */
    public int stingerIndex(String name) {
        for (Stinger s : stingers) {
            if (s.name().equals(name)) {
                return s.index();
            }
        }
        return -1;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** Index of the parameter named {@code name}, or -1. */
    public int parameterIndex(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p.index();
            }
        }
        return -1;
    }

    /** The most stems any cue has. */
    public int maxStems() {
        return maxStems;
    }

    /** The master bus low-pass, or null if the sheet has none. */
    public Lowpass lowpass() {
        return lowpass;
    }

    /** The named ducks the game can hold, in sheet order. */
    public List<Duck> ducks() {
        return ducks;
    }

    /** Index of the duck named {@code name}, or -1. */
    public int duckIndex(String name) {
        for (Duck d : ducks) {
            if (d.name().equals(name)) {
                return d.index();
            }
        }
        return -1;
    }

    /** The flat index of stem {@code stem} of cue {@code cue} among every cue's stems. */
    public int stemId(int cue, int stem) {
        return stemBase[cue] + stem;
    }

    /** How many stems all cues have together. */
    public int totalStems() {
        return totalStems;
    }

    /**
     * This sheet with other audio in its stems: {@code audio} says, for each cue and stem, what the stem
     * plays instead. Everything else (positions, rules, gains) stays. Offline tools use it to hear one
     * stem alone (the others silent) or to measure a stem's gain (a stem of constant 1.0).
     */
    public CueSheet withAudio(BiFunction<Cue, Stem, PcmData> audio) {
        List<Cue> copies = new ArrayList<>();
        Map<String, Cue> byName = new LinkedHashMap<>();
        for (Cue c : cues) {
            Stem[] stems = new Stem[c.stems().length];
            for (int i = 0; i < stems.length; i++) {
                Stem s = c.stems()[i];
                stems[i] = new Stem(s.name(), s.file(), audio.apply(c, s), null, s.gain(), s.curve());
            }
            Cue copy = new Cue(c.name(), c.index(), c.tempo(), stems, c.length(), c.loopStart(), c.loopEnd(), c.entry(),
                    c.exitCues(), c.markers(), c.loopCrossfade());
            copies.add(copy);
            byName.put(copy.name(), copy);
        }
        return new CueSheet(file, sampleRate, copies, byName, states, stateCues, rules, stingers, parameters, lowpass,
                ducks);
    }
}
