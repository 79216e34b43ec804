package dev.segue.engine;

import dev.segue.control.EventRing;
import dev.segue.control.Events;
import dev.segue.cue.CueSheet;
import dev.segue.cue.GainCurve;
import dev.segue.cue.SheetException;
import dev.segue.cue.TransitionRule;
import dev.segue.library.Assignments;
import dev.segue.library.LibraryStore;
import dev.segue.library.MusicLibrary;
import dev.segue.library.Song;
import dev.segue.library.SongAnalysis;
import dev.segue.library.Soundtrack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Custom soundtracks' playback on a {@link Host}: which song each soundtrack plays now and next, the
 * derived sheet ({@link SongSheet}) that holds them as cues, and the decisions when songs start, end,
 * fail or are skipped. The public face is {@code dev.segue.CustomMusic}, whose class comment says how
 * it behaves. Everything here runs on the game thread (the thread that calls {@code update()}), but
 * for opening the songs' files, which the host's worker does.
 */
public final class SongPlayback implements Observer {
    /** The score's loudness target: the demo score masters every cue to it. */
    public static final double DEFAULT_TARGET_LUFS = -16;
    /** The true-peak ceiling a song's gain respects. */
    public static final double PEAK_CEILING_DBTP = -1;
    /** How much louder a mono song measures once it plays on both channels: 10 log10(2). */
    public static final double MONO_ON_STEREO_LU = 3.0103;
    /**
     * Below this beat-grid confidence a song's tempo is a guess: it plays in free time (a bar of one
     * beat every half second) instead of on a grid that may be wrong.
     */
    public static final double MIN_BEAT_CONFIDENCE = 0.15;
    /** Derived sheets tried per rebuild, each without the songs the one before found broken. */
    private static final int MAX_ATTEMPTS = 8;
    /** The role the mixer gives the playback that holds the music (see {@code Events.CUE_STARTED}). */
    private static final int BED = 0;

    private final Host host;
    private final MusicLibrary library;
    private final SongPicks picks;
    private CueSheet score;
    private LibraryStore store;
    private double crossfade;
    private double targetLufs = DEFAULT_TARGET_LUFS;
    private long seed = 1;

    /** Per song: the gain its cue was last built with. */
    private final Map<String, Double> lastGain = new HashMap<>();
    private String state;
    private String bed;
    /** The song cue whose start was last announced (until it ends). */
    private String announced;
    private String preview;
    /** A song the next swap should move to at once (skip), or null. */
    private String skipTo;
    /** The playing song and the stem gain (dB) it started with: kept while it sounds, so a rebuild never steps its level. */
    private String heldPath;
    private double heldGain;
    /** The newest rebuild asked for (game thread). */
    private int generation;
    /** {@link #generation} for the worker: it skips building a sheet a newer one replaces. */
    private volatile int requested;
    /** Tests: the thread that built the last derived sheet, and its rebuild's generation. */
    private volatile String loadedOn;
    private volatile int built;
    /** Tests: derived sheets queued to take over (superseded ones never are). */
    private int swaps;
    private boolean attached = true;

    private SongPlayback(Host host, MusicLibrary library, LibraryStore store) {
        this.host = host;
        this.library = library;
        this.picks = new SongPicks(library, this::post);
        this.store = store;
        this.crossfade = store.crossfadeSeconds();
        this.score = host.score();
        if (host.streamVoices() == 0) {
            throw new IllegalStateException("songs stream: build the Segue with streamVoices(n), e.g. 16, for custom soundtracks");
        }
    }

    /** Starts playing {@code store}'s soundtracks on {@code host}; the first sheet is built before this returns. */
    public static SongPlayback attach(Host host, MusicLibrary library, LibraryStore store) {
        SongPlayback m = new SongPlayback(Objects.requireNonNull(host), Objects.requireNonNull(library),
                Objects.requireNonNull(store));
        host.addObserver(m);
        host.onScoreReload(m::scoreReloaded);
        m.rebuild(0, true); // the first sheet at once, while the game sets up: a state set next plays its song
        return m;
    }

    /** The score alone from the next bar; this object is done. */
    public void detach() {
        attached = false;
        host.removeObserver(this);
        host.onScoreReload(null);
        store = store.withAssignments(Assignments.SCORE_EVERYWHERE);
        preview = null;
        rebuild();
        if (bed != null && picks.pathOfCue.containsKey(bed) && state != null) {
            host.commands().setState(state);
        }
    }

    /** The player's song sounding now, or empty while the score plays (or silence). */
    public Optional<Song> nowPlaying() {
        String p = bed == null ? null : picks.pathOfCue.get(bed);
        return p == null ? Optional.empty() : library.song(p);
    }

    /** Moves on to the next song of the soundtrack playing; false while the score plays or at the last song. */
    public boolean skip() {
        return skip("skipped by the player");
    }

    private boolean skip(String why) {
        String p = bed == null ? null : picks.pathOfCue.get(bed);
        String t = p == null ? null : picks.soundtrackPlaying(p, own());
        if (p == null) {
            return false;
        }
        post(Events.SONG_SKIPPED, bed, picks.title(p), p + ": " + why);
        if (t == null || picks.next.get(t) == null) {
            return false;
        }
        skipTo = picks.cueFor(picks.next.get(t));
        picks.current.put(t, picks.next.get(t)); // the next song is the soundtrack's own from now on
        picks.next.put(t, null);
        rebuild();
        return true;
    }

    /** Seconds of crossfade between songs, 0..30 (checked by the facade). */
    public void setCrossfadeSeconds(double seconds) {
        crossfade = seconds;
        rebuild();
    }

    /** The loudness songs are brought to, in LUFS. */
    public void setLoudnessTarget(double lufs) {
        targetLufs = lufs;
        rebuild();
    }

    /** Seeds shuffled soundtracks from now on. */
    public void setShuffleSeed(long s) {
        seed = s;
        picks.playlists.clear();
    }

    /** The player's new choices: songs already chosen keep playing. */
    public void setStore(LibraryStore s) {
        store = Objects.requireNonNull(s);
        crossfade = s.crossfadeSeconds();
        picks.playlists.keySet().removeIf(name -> !s.soundtrack(name).isPresent());
        rebuild();
    }

    /** Auditions {@code song} until the game sets a state again or previews another song. */
    public void preview(Song song) {
        preview = song.path();
        skipTo = picks.cueFor(song.path());
        rebuild();
    }

    /** The store in use. */
    public LibraryStore store() {
        return store;
    }

    /** The score's state names. */
    public List<String> states() {
        return score.states();
    }

    /** Rebuilds on the game thread in the next {@code update()}, if still attached (an analysis ended). Any thread. */
    public void rebuildSoon() {
        host.runOnUpdate(() -> {
            if (attached) {
                rebuild();
            }
        });
    }

    /** Tests: the thread that built the last derived sheet. */
    public String loadedOn() {
        return loadedOn;
    }

    /** Tests: the generation of the last derived sheet built, and how many derived sheets were queued. */
    public int built() {
        return built;
    }

    public int swaps() {
        return swaps;
    }

    // ------------------------------------------------------------------ events (game thread)

    @Override
    public void event(Engine e, EventRing.Slot s) {
        CueSheet sheet = e.sheet();
        String cue = s.cue >= 0 && s.cue < sheet.cues().size() ? sheet.cues().get(s.cue).name() : null;
        switch (s.type) {
            case Events.STATE -> {
                state = sheet.states().get(s.other);
                preview = null;
            }
            case Events.CUE_STARTED -> {
                if (s.other == BED) {
                    started(cue);
                }
            }
            case Events.CUE_ENDED -> {
                if (picks.pathOfCue.containsKey(cue)) {
                    if (cue.equals(announced)) {
                        announced = null;
                    }
                    post(Events.SONG_ENDED, cue, picks.title(picks.pathOfCue.get(cue)), picks.pathOfCue.get(cue));
                }
            }
            case Events.RELOADED -> {
                String was = bed;
                bed = cue;
                if (!e.derived()) {
                    scoreReloaded(host.score());
                    return;
                }
                if (bed != null && !bed.equals(was) && picks.pathOfCue.containsKey(bed)) {
                    started(bed); // the swap itself moved on (the song that played is gone from the sheet)
                }
                afterSwap();
            }
            default -> {
            }
        }
    }

    @Override
    public void note(Note n) {
        StreamFailure f = n.failure();
        if (f != null && picks.pathOfCue.containsKey(f.cue()) && picks.broken.add(picks.pathOfCue.get(f.cue())) && f.cue().equals(bed)) {
            skip("the file broke while it played (" + n.message() + ")"); // once per song
        }
    }

    private void started(String cue) {
        bed = cue;
        String sp = picks.pathOfCue.get(cue);
        if (sp != null && !sp.equals(heldPath)) {
            heldPath = sp; // the level it was built with in the sheet playing now
            heldGain = lastGain.getOrDefault(sp, 0.0);
        }
        if (cue.equals(announced)) {
            return; // told twice (a start and the swap's hand-over)
        }
        announced = cue;
        if (sp == null) {
            return;
        }
        String artist = library.song(sp).map(Song::artist).orElse("");
        post(Events.SONG_STARTED, cue, picks.title(sp), artist.isEmpty() ? picks.title(sp) : picks.title(sp) + " — " + artist);
        String t = picks.soundtrackPlaying(sp, own());
        if (t == null) {
            return;
        }
        if (cue.equals(skipTo)) {
            skipTo = null;
        }
        if (sp.equals(picks.next.get(t))) { // the next song took over: it is current now, and one more is needed
            picks.current.put(t, sp);
            picks.next.put(t, null);
            rebuild();
        } else {
            queueNext(t);
        }
    }

    /** The score was reloaded and passed its checks: derive the songs' sheet from it again; the song playing goes on. */
    private void scoreReloaded(CueSheet reloaded) {
        if (!attached) {
            return;
        }
        score = reloaded;
        rebuild();
    }

    /** A derived sheet took over: make sure the state's song plays and the next one is queued. */
    private void afterSwap() {
        if (skipTo != null || preview != null) {
            return; // a skip: the swap itself moves on to it (on the beat), and its start is announced
        }
        String t = state == null ? null : soundtrackOf(state);
        if (t == null || picks.current.get(t) == null) {
            return;
        }
        String want = picks.cueFor(picks.current.get(t));
        if (want.equals(bed)) {
            queueNext(t);
        } else if (bed == null || !picks.pathOfCue.containsKey(bed) || !t.equals(picks.soundtrackPlaying(picks.pathOfCue.get(bed), own()))) {
            host.commands().trigger(want); // the state was set before its song was in the sheet
        }
    }

    /** Schedules the next song at the playing song's exit cue (its end, or the crossfade's start). */
    private void queueNext(String t) {
        String n = picks.next.get(t);
        if (n != null && picks.cueFor(picks.current.get(t)).equals(bed)) {
            host.commands().trigger(picks.cueFor(n));
        }
    }

    // ------------------------------------------------------------------ choosing songs

    /** The soundtrack of the state the game is in, or null. */
    private String own() {
        return state == null ? null : soundtrackOf(state);
    }

    private String soundtrackOf(String st) {
        return store.soundtrackFor(st).map(Soundtrack::name).orElse(null);
    }

    // ------------------------------------------------------------------ the derived sheet

    private void rebuild() {
        rebuild(0, false);
    }

    /**
     * Chooses the songs and plans the sheet here, on the game thread; the host's worker opens the
     * songs and builds it (at once on an offline host, or with {@code now}), and {@link #landed} swaps
     * it in when it is back, in a later {@code update()}. Only the newest sheet asked for lands.
     */
    private void rebuild(int attempt, boolean now) {
        SongSheet.Plan plan = plan();
        int gen = ++generation;
        requested = gen;
        int heads = host.settings().streamRing() / 2;
        host.load(() -> {
            if (gen != requested) {
                return null; // a newer sheet is on its way
            }
            loadedOn = Thread.currentThread().getName();
            built = gen;
            return plan.build(heads);
        }, now, (b, error) -> landed(gen, attempt, now, plan, b, error));
    }

    /** The sheet of rebuild {@code gen} was built (or failed): swap it in unless a newer one was asked for. */
    private void landed(int gen, int attempt, boolean now, SongSheet.Plan plan, SongSheet.Built b, Exception error) {
        if (gen != generation) {
            return; // superseded: the newest rebuild lands instead, with everything this one knew
        }
        if (error != null) {
            post(Events.ERROR, null, null, "custom soundtracks: the songs' cue sheet could not be built: " + error
                    + "; the music goes on as it was");
            return;
        }
        if (!b.failures().isEmpty()) {
            dropFailed(b.failures());
            if (attempt + 1 < MAX_ATTEMPTS) {
                rebuild(attempt + 1, now);
            }
            return;
        }
        try {
            // on the bed's next beat: the playing song goes on seamlessly, a skip lands within a beat
            host.swapIn(b.sheet(), true, true, skipTo != null && plan.cues().contains(skipTo) ? skipTo : null);
            swaps++;
        } catch (RuntimeException e) {
            post(Events.ERROR, null, null, "custom soundtracks: the songs' cue sheet did not take over: " + e
                    + "; the music goes on as it was");
        }
    }

    /** Marks each failed song broken (with an event) and forgets it. */
    private void dropFailed(List<SheetException.StemFailure> failures) {
        for (SheetException.StemFailure f : failures) {
            String p = picks.pathOfCue.get(f.cue());
            if (p == null) {
                continue;
            }
            if (picks.broken.add(p)) {
                post(Events.SONG_SKIPPED, f.cue(), picks.title(p), p + ": " + f.reason());
            }
            picks.current.replaceAll((k, v) -> p.equals(v) ? null : v);
            picks.next.replaceAll((k, v) -> p.equals(v) ? null : v);
            if (p.equals(preview)) {
                preview = null;
            }
            if (f.cue().equals(skipTo)) {
                skipTo = null;
            }
        }
    }

    /** What the derived sheet holds now: the songs each soundtrack in use needs, the states they play and their rules. */
    private SongSheet.Plan plan() {
        Map<String, String> states = new LinkedHashMap<>();
        for (String st : score.states()) {
            String name = soundtrackOf(st);
            Soundtrack t = name == null ? null : store.soundtrack(name).orElse(null);
            if (t == null) {
                continue; // the score's own cue (the store already keeps cutscenes on the score if asked)
            }
            if (picks.current.get(name) == null || picks.broken.contains(picks.current.get(name))) {
                String n = picks.next.get(name);
                boolean queued = n != null && !picks.broken.contains(n);
                picks.current.put(name, queued ? n : picks.draw(t, seed)); // the song queued after a broken one moves up
                if (queued) {
                    picks.next.put(name, null);
                }
            }
            if (picks.current.get(name) == null) {
                continue; // nothing playable: the score keeps the state
            }
            if (picks.next.get(name) == null || picks.broken.contains(picks.next.get(name))) {
                picks.next.put(name, picks.draw(t, seed));
            }
            states.put(st, picks.cueFor(picks.current.get(name)));
        }
        Map<String, SongSheet.SongCue> songs = new LinkedHashMap<>();
        GainCurve intensity = SongSheet.intensity(score);
        for (String name : picks.current.keySet()) {
            add(songs, picks.current.get(name), intensity);
            add(songs, picks.next.get(name), intensity);
        }
        add(songs, preview, intensity);
        if (bed != null && picks.pathOfCue.containsKey(bed) && !picks.broken.contains(picks.pathOfCue.get(bed))) {
            add(songs, picks.pathOfCue.get(bed), intensity); // keep the song sounding until it is left
        } // a broken one is left out: the swap moves on to the state's song at once, on the bar
        List<TransitionRule> rules = new ArrayList<>();
        for (String name : picks.current.keySet()) {
            String a = picks.current.get(name);
            String b = picks.next.get(name);
            if (a != null && b != null) {
                rules.add(SongSheet.rule(picks.cueFor(a), picks.cueFor(b), false, crossfade));
            }
        }
        if (skipTo != null && bed != null && picks.pathOfCue.containsKey(bed) && !bed.equals(skipTo)
                && !picks.broken.contains(picks.pathOfCue.get(bed))) {
            rules.add(SongSheet.rule(bed, skipTo, true, crossfade)); // a skip: on the song's next beat
        }
        states.keySet().removeIf(st -> !songs.containsKey(states.get(st)));
        return new SongSheet.Plan(score, List.copyOf(songs.values()), states, rules);
    }

    private void add(Map<String, SongSheet.SongCue> songs, String path, GainCurve intensity) {
        if (path == null || songs.containsKey(picks.cueFor(path))) {
            return;
        }
        Song s = library.song(path).orElse(null);
        if (s == null) {
            return;
        }
        SongAnalysis a = library.analysis(s).orElse(null);
        int rate = score.sampleRate();
        long length = Math.round(s.frames() * (double) rate / s.sampleRate());
        long fade = Math.round(crossfade * rate);
        songs.put(picks.cueFor(path), new SongSheet.SongCue(picks.cueFor(path), java.nio.file.Paths.get(s.path()).toAbsolutePath().toString(),
                SongSheet.tempo(a == null ? null : a.beats(), rate), Math.max(0, length - Math.min(fade, length / 2)),
                SongSheet.gain(gainDb(s, a)), intensity));
    }

    /**
     * The stem gain that brings {@code s} to the loudness target: 0 dB until it is analysed. The song
     * sounding now keeps the gain it started with, so an analysis or a target that changes while it
     * plays applies from its next playing on, never as a jump in its level.
     */
    private double gainDb(Song s, SongAnalysis a) {
        String playing = bed == null ? null : picks.pathOfCue.get(bed);
        if (s.path().equals(playing) && s.path().equals(heldPath)) {
            return heldGain;
        }
        double gain = a == null || Double.isNaN(a.integratedLufs()) ? 0 : a.gainDb(targetLufs, PEAK_CEILING_DBTP);
        if (s.channels() == 1 && a != null && !Double.isNaN(a.integratedLufs())) {
            // a mono song plays on both speakers: 3 LU louder than its mono measurement (BS.1770 sums channels)
            gain = Math.min(gain, a.gainDb(targetLufs - MONO_ON_STEREO_LU, PEAK_CEILING_DBTP));
        }
        gain = Math.max(-40, Math.min(20, gain));
        lastGain.put(s.path(), gain);
        return gain;
    }

    private void post(int type, String cue, String other, String message) {
        host.post(new Note(type, host.engine().frame(), cue, other, message));
    }
}
