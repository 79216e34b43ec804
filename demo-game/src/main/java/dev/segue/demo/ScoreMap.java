package dev.segue.demo;

import java.util.EnumMap;
import java.util.Map;

/**
 * The one place where the game's musical vocabulary meets a cue sheet's names. The game speaks of
 * {@link Mood}s and {@link Sting}s; a score names states and stingers. Anything a sheet lacks maps to
 * null, and {@link Music} skips it (once noted in the log) instead of asking Segue for it.
 *
 * <p>To play another score, add its mapping here and list it in {@link #SHEETS}: the first sheet
 * found on the classpath wins.
 */
final class ScoreMap {
    /** What the game is doing, musically. */
    enum Mood { TITLE, EXPLORE, COMBAT, BOSS, CUTSCENE, SILENCE }

    /** One-shot musical punctuation. */
    enum Sting { PICKUP, DISCOVERY, VICTORY, GAME_OVER }

    /** The demo score written for this game: every mood and sting has its own music. */
    static final ScoreMap SCORE = new ScoreMap("segue/score/score.cues.json",
            Map.of(Mood.TITLE, "title", Mood.EXPLORE, "explore", Mood.COMBAT, "combat", Mood.BOSS, "boss",
                    Mood.CUTSCENE, "cutscene", Mood.SILENCE, "silence"),
            Map.of(Sting.PICKUP, "pickup", Sting.DISCOVERY, "discovery", Sting.VICTORY, "victory",
                    Sting.GAME_OVER, "game_over"));

    /** Segue's built-in sample: calm and action cues, one stinger. */
    static final ScoreMap SAMPLE = new ScoreMap("segue/sample/sample.cues.json",
            Map.of(Mood.TITLE, "menu", Mood.EXPLORE, "explore", Mood.COMBAT, "combat", Mood.BOSS, "combat",
                    Mood.CUTSCENE, "explore", Mood.SILENCE, "silence"),
            Map.of(Sting.PICKUP, "pickup"));

    /** The sheets the demo looks for, best first. */
    static final ScoreMap[] SHEETS = {SCORE, SAMPLE};

    /** Classpath resource of the sheet. */
    final String resource;
    private final Map<Mood, String> states;
    private final Map<Sting, String> stingers;

    private ScoreMap(String resource, Map<Mood, String> states, Map<Sting, String> stingers) {
        this.resource = resource;
        this.states = new EnumMap<>(Mood.class);
        this.states.putAll(states);
        this.stingers = new EnumMap<>(Sting.class);
        this.stingers.putAll(stingers);
    }

    /** The sheet's state for a mood, or null if it has none. */
    String state(Mood mood) {
        return states.get(mood);
    }

    /** The sheet's stinger for a sting, or null if it has none. */
    String stinger(Sting sting) {
        return stingers.get(sting);
    }

    /** The first mapping whose sheet is on the classpath (the sample is always there). */
    static ScoreMap find() {
        ClassLoader cl = ScoreMap.class.getClassLoader();
        for (ScoreMap m : SHEETS) {
            if (cl.getResource(m.resource) != null) {
                return m;
            }
        }
        return SAMPLE;
    }

    /**
     * The mapping for a sheet given by the player as a file, once loaded: the known mapping that finds
     * the most of its state names in {@code states} (the demo score's on a tie).
     */
    static ScoreMap bestFor(String path, java.util.List<String> states) {
        ScoreMap best = SCORE;
        long most = -1;
        for (ScoreMap m : SHEETS) {
            long n = m.states.values().stream().distinct().filter(states::contains).count();
            if (n > most) {
                most = n;
                best = m;
            }
        }
        return new ScoreMap(path, best.states, best.stingers);
    }
}
