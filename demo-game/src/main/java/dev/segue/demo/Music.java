package dev.segue.demo;

import dev.segue.OutputStats;
import dev.segue.Segue;
import dev.segue.SegueEvent;
import dev.segue.demo.ScoreMap.Mood;
import dev.segue.demo.ScoreMap.Sting;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The game's side of the music: it turns game facts (mood, intensity, stings, dialogue, pause) into
 * Segue calls through the {@link ScoreMap}, and Segue's beats and bars into pulses the game draws.
 * With no Segue at all (the sheet failed to load) the game still runs: a 120 bpm clock drives the
 * pulses and {@link #status()} says why there is no music.
 */
final class Music implements AutoCloseable {
    /** Receives musical pulses on the game thread. */
    interface Pulse {
        /** A beat began; {@code downbeat} when it is the first of a bar. */
        void beat(boolean downbeat);
    }

    private Segue segue;
    private final ScoreMap map;
    private final String problem;
    private final List<Pulse> pulses = new ArrayList<>();
    private final List<Consumer<SegueEvent>> watchers = new ArrayList<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private final Set<String> noted = new HashSet<>();
    private final Set<String> ducks = new HashSet<>();
    private final Map<String, Float> held = new HashMap<>();
    private final Map<String, Float> sent = new HashMap<>();
    private Writer log;
    private Mood mood;
    private float intensity = -1;
    private float volume = 1;
    private boolean paused;
    private int errors;
    private double clock;
    private int fallbackBeat;
    private float beatGlow;
    private float barGlow;
    private String outputNote;
    private String reloadNotice;
    private int reloads;
    /** The player's song sounding now ("title — artist"), from Segue's SONG events; null for the score. */
    private String song;
    private String songCue;

    Music(Segue segue, ScoreMap map) {
        this(segue, map, null);
    }

    private Music(Segue segue, ScoreMap map, String problem) {
        this.segue = segue;
        this.map = map;
        this.problem = problem;
        if (segue != null) {
            segue.addListener(this::onEvent);
        }
    }

    /** Music that could not start: the game runs silent and shows {@code problem}. */
    static Music failed(ScoreMap map, String problem) {
        return new Music(null, map, problem);
    }

    /** The Segue, or null when the music failed to load. */
    Segue segue() {
        return segue;
    }

    ScoreMap map() {
        return map;
    }

    /**
     * One line for the screen: which output plays, or why nothing does. Whether the music is silent
     * comes from Segue's own output figures ({@code outputStats().silent()}), and why from its last
     * OUTPUT event ("no device, playing silently", "device lost, retrying" …).
     */
    String status() {
        if (segue == null) {
            return "no music: " + problem;
        }
        OutputStats o = segue.outputStats();
        if (o.device().equals("offline")) {
            return "music rendered offline";
        }
        if (o.silent()) {
            return "no sound device: music runs on Segue's silent output";
        }
        return "music on " + o.device();
    }

    /** The last OUTPUT event's sentence, or null when the output has not changed since the start. */
    String outputNote() {
        return outputNote;
    }

    /**
     * The problems of the last hot reload that failed, each {@code json.path: sentence} (the old sheet
     * keeps playing meanwhile); empty when the last reload was accepted or none happened.
     */
    List<String> reloadErrors() {
        return segue == null ? List.of() : segue.lastReloadErrors();
    }

    /** "reloaded at bar N" after the last accepted reload, or null before any. */
    String reloadNotice() {
        return reloadNotice;
    }

    /** How many reloads have taken over since this music started. */
    int reloads() {
        return reloads;
    }

    /** Also writes every event and game note to {@code w} (one line each). */
    void logTo(Writer w) {
        this.log = w;
    }

    void addPulse(Pulse p) {
        pulses.add(p);
    }

    void removePulse(Pulse p) {
        pulses.remove(p);
    }

    /** Sees every Segue event (the composer preview keeps a log with it). */
    void watch(Consumer<SegueEvent> w) {
        watchers.add(w);
    }

    void unwatch(Consumer<SegueEvent> w) {
        watchers.remove(w);
    }

    // ------------------------------------------------------------------ game → music

    /** The game's mood now; a change asks for the mapped state (nothing if the score lacks it). */
    void mood(Mood m) {
        if (m == mood) {
            return;
        }
        mood = m;
        note("mood " + m.name().toLowerCase(Locale.ROOT));
        String state = map.state(m);
        if (segue == null || state == null || missing("state", state, segue.states())) {
            return;
        }
        segue.setState(state);
    }

    Mood mood() {
        return mood;
    }

    /**
     * Asks for the current mood's state again: custom soundtracks attached mid-state take over from it,
     * and a song previewed on the soundtracks screen gives way to the game's music.
     */
    void restate() {
        String state = mood == null ? null : map.state(mood);
        if (segue != null && state != null && segue.states().contains(state)) {
            segue.setState(state);
        }
    }

    /** The player's song playing now ("title — artist"), or null while the score plays. */
    String song() {
        return song;
    }

    /** The game's danger, 0..1, from real facts; sent when it moved by more than a hair. */
    void intensity(float v) {
        float c = Math.max(0, Math.min(1, v));
        if (Math.abs(c - intensity) < 0.005f) {
            return;
        }
        intensity = c;
        param("intensity", c);
    }

    float intensity() {
        return Math.max(0, intensity);
    }

    void sting(Sting s) {
        note("sting " + s.name().toLowerCase(Locale.ROOT));
        String name = map.stinger(s);
        if (segue == null || name == null || missing("stinger", name, segue.stingers())) {
            return;
        }
        segue.playStinger(name);
    }

    /** A dialogue line is on screen (true) or gone (false): the music ducks under it. */
    void dialogue(boolean on) {
        duck("dialogue", on);
    }

    /** Pause filters the music (the {@code muffle} parameter) and ducks it. */
    void paused(boolean on) {
        if (on == paused) {
            return;
        }
        paused = on;
        param("muffle", on ? 1 : 0);
        duck("pause", on);
    }

    boolean isPaused() {
        return paused;
    }

    /** The names of the ducks held now. */
    Set<String> ducks() {
        return Set.copyOf(ducks);
    }

    /** Holds or releases duck {@code name}. */
    void duck(String name, boolean on) {
        if (on ? !ducks.add(name) : !ducks.remove(name)) {
            return;
        }
        note((on ? "duck " : "unduck ") + name);
        if (segue != null && !missing("duck", name, segue.ducks())) {
            RuntimeApi.duck(segue, name, on);
        }
    }

    /** Music volume 0..1, as the options screen sets it. */
    void volume(float v) {
        volume = Math.max(0, Math.min(1, v));
        if (segue != null) {
            RuntimeApi.volume(segue, volume);
        }
    }

    float volume() {
        return volume;
    }

    private void param(String name, float v) {
        sent.put(name, v);
        if (segue != null && !held.containsKey(name) && !missing("parameter", name, segue.parameters())) {
            segue.setParameter(name, v);
        }
    }

    /** The composer preview holds a parameter at {@code v}, over what the game says, until released. */
    void hold(String name, float v) {
        held.put(name, v);
        if (segue != null && segue.parameters().contains(name)) {
            segue.setParameter(name, v);
        }
    }

    /** Gives a held parameter back to the game. */
    void release(String name) {
        if (held.remove(name) != null) {
            Float v = sent.get(name);
            if (v != null) {
                param(name, v);
            }
        }
    }

    boolean held(String name) {
        return held.containsKey(name);
    }

    /** A parameter's value as last set by the preview or the game (0 if never). */
    float value(String name) {
        Float h = held.get(name);
        if (h != null) {
            return h;
        }
        Float v = sent.get(name);
        return v == null ? 0 : v;
    }

    private boolean missing(String kind, String name, List<String> has) {
        if (has.contains(name)) {
            return false;
        }
        if (noted.add(kind + ":" + name)) {
            note("the score has no " + kind + " '" + name + "'; skipped");
        }
        return true;
    }

    // ------------------------------------------------------------------ music → game

    /**
     * Delivers Segue's events (pulses, the log) on this thread; call once per frame. {@code dt} is the
     * game time that passed, used only by the stand-in clock when there is no music.
     */
    void update(float dt) {
        beatGlow = Math.max(0, beatGlow - dt * 4);
        barGlow = Math.max(0, barGlow - dt * 2);
        if (segue != null) {
            segue.update();
            return;
        }
        clock += dt;
        while (clock >= 0.5) {
            clock -= 0.5;
            fallbackBeat++;
            firePulse(fallbackBeat % 4 == 1);
        }
    }

    private void onEvent(SegueEvent e) {
        if (e.type() == SegueEvent.Type.BEAT) {
            firePulse(e.beat() == 1);
        }
        if (e.type() == SegueEvent.Type.ERROR) {
            errors++;
        }
        if (e.type() == SegueEvent.Type.OUTPUT) {
            outputNote = e.message();
        }
        if (e.type() == SegueEvent.Type.SONG_STARTED) {
            song = e.message();
            songCue = e.cue();
        }
        if (e.type() == SegueEvent.Type.SONG_ENDED && e.cue() != null && e.cue().equals(songCue)) {
            song = null; // the score took over (a song after it has started already and says so)
            songCue = null;
        }
        if (e.type() == SegueEvent.Type.RELOADED) {
            reloads++;
            reloadNotice = e.cue() == null ? String.format(Locale.ROOT, "reloaded at frame %d (silence)", e.frame())
                    : String.format(Locale.ROOT, "reloaded at bar %d of %s (frame %d)", e.bar(), e.cue(), e.frame());
        }
        if (e.type() != SegueEvent.Type.BEAT && e.type() != SegueEvent.Type.BAR) {
            remember(e.toString().trim());
        }
        write(e.toString());
        for (Consumer<SegueEvent> w : watchers) {
            w.accept(e);
        }
    }

    private void firePulse(boolean downbeat) {
        beatGlow = 1;
        if (downbeat) {
            barGlow = 1;
        }
        for (Pulse p : pulses) {
            p.beat(downbeat);
        }
    }

    /** 1 on a beat, fading to 0 within a quarter second. */
    float beatGlow() {
        return beatGlow;
    }

    /** 1 on a downbeat, fading to 0 within half a second. */
    float barGlow() {
        return barGlow;
    }

    /** ERROR events seen so far. */
    int errors() {
        return errors;
    }

    /** The last few events and notes, newest last. */
    List<String> recent() {
        return List.copyOf(recent);
    }

    /** Writes a game fact into the log at the current music frame. */
    void note(String text) {
        long frame = segue == null ? 0 : segue.frame();
        write(String.format(Locale.ROOT, "%10d %9s  game %s", frame, "", text));
        remember("game: " + text);
    }

    private void remember(String line) {
        recent.addLast(line);
        while (recent.size() > 12) {
            recent.removeFirst();
        }
    }

    private void write(String line) {
        if (log == null) {
            return;
        }
        try {
            log.write(line);
            log.write('\n');
        } catch (IOException e) {
            log = null;
            remember("event log stopped: " + e.getMessage());
        }
    }

    /** Replaces the Segue (new options or a reloaded sheet), carrying the game's musical facts over. */
    void replace(Segue next) {
        Segue old = segue;
        segue = next;
        outputNote = null;
        song = null;
        songCue = null;
        next.addListener(this::onEvent);
        Mood m = mood;
        mood = null;
        float i = intensity;
        intensity = -1;
        Set<String> held = Set.copyOf(ducks);
        ducks.clear();
        boolean p = paused;
        paused = false;
        if (m != null) {
            mood(m);
        }
        if (i >= 0) {
            intensity(i);
        }
        held.forEach(d -> duck(d, true));
        paused(p);
        volume(volume);
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void close() {
        if (segue != null) {
            segue.close();
        }
    }
}
