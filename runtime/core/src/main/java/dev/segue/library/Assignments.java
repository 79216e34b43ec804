package dev.segue.library;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which music each game context gets: the game's own score or one of the player's soundtracks.
 * Immutable; the {@code with} methods return changed copies.
 *
 * <p>A context is a cue-sheet state ({@code "explore"}) or a group of states the game names
 * ({@code "exploration": ["explore", "village"]}). {@link #soundtrackFor(String)} resolves a state:
 *
 * <ol>
 *   <li>with {@code keepScoreForCutscenes}, a state named {@value #CUTSCENE} or in that group gets the score;</li>
 *   <li>an {@code override} soundtrack, if set, plays everywhere else;</li>
 *   <li>otherwise the state's own assignment, then its group's;</li>
 *   <li>otherwise the score.</li>
 * </ol>
 *
 * @param groups                 group name → the states in it
 * @param contexts               state or group name → soundtrack name; absent means the score
 * @param override               a soundtrack that replaces all music, or null
 * @param keepScoreForCutscenes  cutscenes keep the score even under an override
 */
public record Assignments(Map<String, List<String>> groups, Map<String, String> contexts, String override,
        boolean keepScoreForCutscenes) {
    /** The usual context groups a game offers its player. */
    public static final String MENUS = "menus";
    /** Exploring, travelling, calm play. */
    public static final String EXPLORATION = "exploration";
    /** Fights. */
    public static final String COMBAT = "combat";
    /** Boss fights. */
    public static final String BOSS = "boss";
    /** Cutscenes, which {@link #keepScoreForCutscenes} can keep on the score. */
    public static final String CUTSCENE = "cutscene";

    /** Every context uses the score; cutscenes keep it. */
    public static final Assignments SCORE_EVERYWHERE = new Assignments(Map.of(), Map.of(), null, true);

    /** Copies the maps (keeping their order); null maps are empty. */
    public Assignments {
        Map<String, List<String>> g = new LinkedHashMap<>();
        if (groups != null) {
            groups.forEach((k, v) -> g.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        groups = java.util.Collections.unmodifiableMap(g);
        contexts = contexts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contexts));
        override = override == null || override.trim().isEmpty() ? null : override;
    }

    /** The group {@code state} belongs to (the first that lists it), or the state itself. */
    public String groupOf(String state) {
        for (Map.Entry<String, List<String>> e : groups.entrySet()) {
            if (e.getValue().contains(state)) {
                return e.getKey();
            }
        }
        return state;
    }

    /** The soundtrack {@code state} plays, or empty for the score. */
    public Optional<String> soundtrackFor(String state) {
        String group = groupOf(state);
        if (keepScoreForCutscenes && (CUTSCENE.equals(state) || CUTSCENE.equals(group))) {
            return Optional.empty();
        }
        if (override != null) {
            return Optional.of(override);
        }
        String direct = contexts.get(state);
        return Optional.ofNullable(direct != null ? direct : contexts.get(group));
    }

    /** These assignments with {@code context} (a state or group) on {@code soundtrack}, or on the score if null. */
    public Assignments with(String context, String soundtrack) {
        Map<String, String> c = new LinkedHashMap<>(contexts);
        if (soundtrack == null) {
            c.remove(context);
        } else {
            c.put(context, soundtrack);
        }
        return new Assignments(groups, c, override, keepScoreForCutscenes);
    }

    /** These assignments with {@code group} holding {@code states}. */
    public Assignments withGroup(String group, List<String> states) {
        Map<String, List<String>> g = new LinkedHashMap<>(groups);
        g.put(group, states);
        return new Assignments(g, contexts, override, keepScoreForCutscenes);
    }

    /** These assignments with one soundtrack over all music, or none if null. */
    public Assignments withOverride(String soundtrack) {
        return new Assignments(groups, contexts, soundtrack, keepScoreForCutscenes);
    }

    /** These assignments with the cutscene switch set. */
    public Assignments withKeepScoreForCutscenes(boolean keep) {
        return new Assignments(groups, contexts, override, keep);
    }
}
