package dev.segue.library;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.segue.CueSheetException;
import dev.segue.Segue;
import dev.segue.SegueEvent;
import dev.segue.SegueListener;
import dev.segue.control.SegueAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Plays the player's own songs in place of the score, through Segue's mixer, so the music stays
 * adaptive: the game keeps calling {@link Segue#setState(String)}, and a state whose context is
 * assigned a soundtrack ({@link LibraryStore#soundtrackFor(String)}) plays that soundtrack's songs
 * instead of the score's cue; unassigned states play the score.
 *
 * <pre>{@code
 * Segue music = Segue.builder().cueSheet(score).streamVoices(16).build();
 * CustomMusic songs = CustomMusic.attach(music, MusicLibrary.open(MusicLibrary.defaultIndexFile()),
 *         LibraryStore.load(LibraryStore.defaultFile()).store());
 * music.setState("explore");            // the player's exploration soundtrack, or the score
 * songs.nowPlaying().ifPresent(s -> hud.show(s.title() + " — " + s.artist()));
 * }</pre>
 *
 * <p>A song is a cue. Off the audio thread this class derives a cue sheet: the score's sheet
 * plus one cue per song the player may hear next (for each soundtrack in use, its current song and
 * the one after), each with one streamed stem (the song's file, never decoded whole), a tempo map
 * from its {@link BeatGrid} (a pickup bar up to its first beat, then its tempo in 4/4; free time, a
 * bar of one beat every half second, when the grid's confidence is too low to trust), no loop, the
 * gain that brings it to the score's loudness target ({@link SongAnalysis#gainDb}; 0 dB until it is
 * analysed, and the song playing keeps the gain it started with) and, if the sheet has an
 * {@code intensity} parameter, a gentle gain curve on it. The derived sheet is swapped in by the
 * hot-reload path at the playing cue's next beat, ahead of need, so a context change never waits for
 * a load; the song playing goes on seamlessly across it. Every song starts at its first frame, even
 * where the score's rules keep the position.
 * Moves between score and songs follow the score's own transition rules (its {@code *} rules), so
 * they land on the score's bar when leaving the score and on the song's beats and bars when leaving a
 * song; songs follow each other gaplessly (an exit cue at the song's last frame) or with a crossfade
 * of {@link #setCrossfadeSeconds(double)}. Stingers, ducks, the bus low-pass and parameters work over
 * songs because songs are cues.
 *
 * <p>A song whose file is missing or broken when its cue is built, or whose stream fails while it
 * plays, is skipped with a {@link SegueEvent.Type#SONG_SKIPPED} event and the next song plays.
 * Events {@link SegueEvent.Type#SONG_STARTED} and {@link SegueEvent.Type#SONG_ENDED} tell the game
 * what is on; the song after a broken one starts on its next beat. The decisions run on the thread
 * that calls {@link Segue#update()} (the game thread); call this class's methods from that thread
 * too. On a real-time Segue each new sheet after the first is written and loaded by the Segue's
 * worker thread ({@code segue-songs}) and swapped in by a later {@code update()}, so a song's start
 * or a skip costs the game thread about a millisecond, not the tens a load takes; only the newest
 * sheet asked for is swapped in. {@link #attach} loads the first sheet at once, and an offline
 * Segue loads every sheet at once, so its renders stay deterministic.
 * {@link #analyzeInBackground} measures the songs and rebuilds when it is done.
 *
 * <p>The Segue must be able to stream: build it with {@link Segue.Builder#streamVoices(int)} (or a
 * score that already streams). A {@link Segue#reload()} of the score (or a watched edit) that passes
 * is derived again, with the songs, and taken up at the next beat: the song playing goes on.
 */
public final class CustomMusic {
    /** The score's loudness target: the demo score masters every cue to it. */
    public static final double DEFAULT_TARGET_LUFS = -16;
    /** The true-peak ceiling a song's gain respects. */
    public static final double PEAK_CEILING_DBTP = -1;
    /** How much louder a mono song measures once it plays on both channels: 10 log10(2). */
    static final double MONO_ON_STEREO_LU = 3.0103;
    /**
     * Below this {@link BeatGrid#confidence} a song's tempo is a guess: it plays in free time (a bar
     * of one beat every half second) instead of on a grid that may be wrong.
     */
    static final double MIN_BEAT_CONFIDENCE = 0.15;
    /** Derived sheets tried per rebuild, each without the songs the one before found broken. */
    private static final int MAX_ATTEMPTS = 8;
    /** Prefix of the cue names of songs in the derived sheet. */
    static final String CUE_PREFIX = "song ";
    /** Writes the derived sheet; nulls kept: a state of silence is {@code "quiet": null}. */
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private final Segue segue;
    private final MusicLibrary library;
    private final SegueAccess access;
    private JsonObject score;
    private final Path folder;
    private final Path sheetFile;
    private LibraryStore store;
    private double crossfade;
    private double targetLufs = DEFAULT_TARGET_LUFS;
    private long seed = 1;

    private final Map<String, String> cueOfPath = new HashMap<>();
    private final Map<String, String> pathOfCue = new HashMap<>();
    private final Map<String, Playlist> playlists = new HashMap<>();
    /** Per soundtrack name: the song playing (or to play) and the one after it; null when none. */
    private final Map<String, String> current = new HashMap<>();
    private final Map<String, String> next = new HashMap<>();
    /** Per song: the gain its cue was last built with. */
    private final Map<String, Double> lastGain = new HashMap<>();
    /** Songs found broken: never offered again by this session. */
    private final Set<String> broken = new HashSet<>();
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
    /** {@link #generation} for the worker: it skips writing a sheet a newer one replaces. */
    private volatile int requested;
    /** Tests: the thread that wrote (and loaded) the last derived sheet, and its rebuild's generation. */
    volatile String loadedOn;
    volatile int written;
    /** Tests: derived sheets queued to take over (superseded ones never are). */
    int swaps;
    private boolean attached = true;
    private final SegueListener listener = this::onEvent;

    private CustomMusic(Segue segue, MusicLibrary library, LibraryStore store) {
        this.segue = segue;
        this.library = library;
        this.store = store;
        this.crossfade = store.crossfadeSeconds();
        this.access = SegueAccess.get();
        if (!access.streams(segue)) {
            throw new IllegalStateException("songs stream: build the Segue with streamVoices(n), e.g. 16, for custom soundtracks");
        }
        sheetFile = access.sheetFile(segue);
        try {
            score = readScore(sheetFile);
            folder = Files.createTempDirectory("segue-songs");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the score " + sheetFile + " for custom soundtracks: " + e.getMessage(), e);
        }
        folder.toFile().deleteOnExit();
    }

    /** The score's sheet as JSON, its stems made absolute. */
    private static JsonObject readScore(Path sheet) throws IOException {
        JsonObject s = JsonParser.parseString(Files.readString(sheet, StandardCharsets.UTF_8)).getAsJsonObject();
        absolute(s, sheet.getParent());
        return s;
    }

    /** The score's stems by absolute path: the derived sheet lives elsewhere (the score loaded, so they lie beside it). */
    private static void absolute(JsonObject sheet, Path dir) {
        if (!(sheet.get("cues") instanceof JsonObject cues)) {
            return;
        }
        for (var c : cues.entrySet()) {
            if (c.getValue() instanceof JsonObject cue && cue.get("stems") instanceof JsonArray stems) {
                for (JsonElement st : stems) {
                    if (st instanceof JsonObject o && o.get("file") instanceof JsonPrimitive f && f.isString()) {
                        Path p = dir.resolve(f.getAsString()).normalize();
                        if (p.startsWith(dir)) {
                            o.addProperty("file", p.toString());
                        }
                    }
                }
            }
        }
    }

    /**
     * Attaches custom-soundtrack playback to {@code segue}: from now on states assigned a soundtrack in
     * {@code store} play its songs (taking over at the next bar if one is playing now).
     *
     * @throws IllegalStateException if the Segue cannot stream (see the class comment)
     */
    public static CustomMusic attach(Segue segue, MusicLibrary library, LibraryStore store) {
        CustomMusic m = new CustomMusic(Objects.requireNonNull(segue), Objects.requireNonNull(library),
                Objects.requireNonNull(store));
        segue.addListener(m.listener);
        m.access.onScoreReload(segue, m::scoreReloaded);
        m.rebuild(0, true); // the first sheet at once, while the game sets up: a state set next plays its song
        return m;
    }

    /** Stops playing songs: the score alone from the next bar, and this object is done. */
    public void detach() {
        attached = false;
        segue.removeListener(listener);
        access.onScoreReload(segue, null);
        store = store.withAssignments(Assignments.SCORE_EVERYWHERE);
        preview = null;
        rebuild();
        if (bed != null && pathOfCue.containsKey(bed) && state != null) {
            segue.setState(state);
        }
    }

    /** The player's song sounding now, or empty while the score plays (or silence). */
    public Optional<Song> nowPlaying() {
        String p = bed == null ? null : pathOfCue.get(bed);
        return p == null ? Optional.empty() : library.song(p);
    }

    /**
     * Moves on to the next song of the soundtrack playing, on the playing song's next beat (it fades
     * out over that beat; the next song starts at its first frame), with a
     * {@link SegueEvent.Type#SONG_SKIPPED} event.
     *
     * @return false while the score plays or when the soundtrack has no song after this one
     */
    public boolean skip() {
        return skip("skipped by the player");
    }

    private boolean skip(String why) {
        String p = bed == null ? null : pathOfCue.get(bed);
        String t = p == null ? null : soundtrackPlaying(p);
        if (p == null) {
            return false;
        }
        post(SegueEvent.Type.SONG_SKIPPED, bed, title(p), p + ": " + why);
        if (t == null || next.get(t) == null) {
            return false;
        }
        skipTo = cueFor(next.get(t));
        current.put(t, next.get(t)); // the next song is the soundtrack's own from now on
        next.put(t, null);
        rebuild();
        return true;
    }

    /** Seconds of crossfade between songs; 0 plays them gaplessly. Applies from the next song on. */
    public void setCrossfadeSeconds(double seconds) {
        if (!(seconds >= 0 && seconds <= 30)) {
            throw new IllegalArgumentException("crossfade seconds must be 0..30, got " + seconds);
        }
        crossfade = seconds;
        rebuild();
    }

    /** The loudness songs are brought to, in LUFS (default {@value #DEFAULT_TARGET_LUFS}, the score's). */
    public void setLoudnessTarget(double lufs) {
        if (!(lufs >= -60 && lufs <= 0)) {
            throw new IllegalArgumentException("a loudness target is -60..0 LUFS, got " + lufs);
        }
        targetLufs = lufs;
        rebuild();
    }

    /** Seeds shuffled soundtracks from now on (tests and replays). */
    public void setShuffleSeed(long s) {
        seed = s;
        playlists.clear();
    }

    /**
     * Applies the player's new choices (soundtracks, assignments, crossfade): songs already chosen
     * keep playing, and the next context change follows the new assignments.
     */
    public void setStore(LibraryStore s) {
        store = Objects.requireNonNull(s);
        crossfade = s.crossfadeSeconds();
        playlists.keySet().removeIf(name -> s.soundtrack(name).isEmpty());
        rebuild();
    }

    /**
     * Auditions {@code song} on a soundtrack screen: it plays now (through the usual transition from
     * what is playing) until the game sets a state again or previews another song.
     */
    public void preview(Song song) {
        preview = song.path();
        skipTo = cueFor(song.path());
        rebuild();
    }

    /**
     * Analyses, in the background, the songs of every soundtrack the store assigns that have no
     * analysis yet (tempo, beats, loudness; see {@link MusicLibrary#analyze}), and when the task ends
     * (done or cancelled) rebuilds the songs' sheet on the game thread, in the next
     * {@link Segue#update()}: from then on each song starts at the score's loudness and on its beats.
     * The song playing meanwhile keeps the level it started with (0 dB if it was not analysed), so
     * nothing jumps; the results are kept in the library's index, so the next start needs none.
     *
     * @param listener hears every progress update on the task's thread, or null
     * @return the task: poll its {@link LibraryTask#progress()} for a progress bar, or cancel it
     */
    public LibraryTask<Map<String, SongAnalysis>> analyzeInBackground(Consumer<Progress> listener) {
        Set<String> paths = new LinkedHashSet<>();
        for (String st : states()) {
            store.soundtrackFor(st).ifPresent(t -> paths.addAll(t.songs()));
        }
        List<Song> todo = new ArrayList<>();
        for (String p : paths) {
            library.song(p).filter(s -> library.analysis(s).isEmpty()).ifPresent(todo::add);
        }
        LibraryTask<Map<String, SongAnalysis>> task = library.analyze(todo, listener);
        task.future().whenComplete((r, e) -> access.runOnUpdate(segue, () -> {
            if (attached) {
                rebuild();
            }
        }));
        return task;
    }

    /** The score's state names. */
    private Set<String> states() {
        return score.has("states") && score.get("states").isJsonObject() ? score.getAsJsonObject("states").keySet() : Set.of();
    }

    // ------------------------------------------------------------------ events (game thread)

    private void onEvent(SegueEvent e) {
        switch (e.type()) {
            case STATE -> {
                state = e.other();
                preview = null;
            }
            case CUE_STARTED -> {
                if ("bed".equals(e.other())) {
                    started(e.cue());
                }
            }
            case CUE_ENDED -> {
                if (pathOfCue.containsKey(e.cue())) {
                    if (e.cue().equals(announced)) {
                        announced = null;
                    }
                    post(SegueEvent.Type.SONG_ENDED, e.cue(), title(pathOfCue.get(e.cue())), pathOfCue.get(e.cue()));
                }
            }
            case RELOADED -> {
                String was = bed;
                bed = e.cue();
                if (!access.playsDerived(segue)) {
                    scoreReloaded();
                    return;
                }
                if (bed != null && !bed.equals(was) && pathOfCue.containsKey(bed)) {
                    started(bed); // the swap itself moved on (the song that played is gone from the sheet)
                }
                afterSwap();
            }
            case ERROR -> {
                if (e.cue() != null && pathOfCue.containsKey(e.cue()) && e.message() != null
                        && e.message().contains("stopped streaming")) {
                    if (broken.add(pathOfCue.get(e.cue())) && e.cue().equals(bed)) { // once per song
                        skip("the file broke while it played (" + e.message() + ")");
                    }
                }
            }
            default -> {
            }
        }
    }

    private void started(String cue) {
        bed = cue;
        String sp = pathOfCue.get(cue);
        if (sp != null && !sp.equals(heldPath)) {
            heldPath = sp; // the level it was built with in the sheet playing now
            heldGain = lastGain.getOrDefault(sp, 0.0);
        }
        if (cue.equals(announced)) {
            return; // told twice (a start and the swap's hand-over)
        }
        announced = cue;
        String p = pathOfCue.get(cue);
        if (p == null) {
            return;
        }
        String artist = library.song(p).map(Song::artist).orElse("");
        post(SegueEvent.Type.SONG_STARTED, cue, title(p), artist.isEmpty() ? title(p) : title(p) + " — " + artist);
        String t = soundtrackPlaying(p);
        if (t == null) {
            return;
        }
        if (cue.equals(skipTo)) {
            skipTo = null;
        }
        if (p.equals(next.get(t))) { // the next song took over: it is current now, and one more is needed
            current.put(t, p);
            next.put(t, null);
            rebuild();
        } else {
            queueNext(t);
        }
    }

    /**
     * The score was reloaded (its file was edited, {@link Segue#reload()}) and passed its checks: read
     * it again and swap in the songs' sheet derived from it, at the next beat; the song playing goes on.
     */
    private void scoreReloaded() {
        if (!attached) {
            return;
        }
        try {
            score = readScore(sheetFile);
        } catch (IOException | RuntimeException e) {
            post(SegueEvent.Type.ERROR, null, null, "custom soundtracks: cannot read the reloaded score " + sheetFile
                    + " (" + e.getMessage() + "); the songs follow the score as it was");
        }
        rebuild();
    }

    /** A derived sheet took over: make sure the state's song plays and the next one is queued. */
    private void afterSwap() {
        if (skipTo != null) {
            return; // the swap itself moves on to it (on the beat), and its start is announced
        }
        if (preview != null) {
            return;
        }
        String t = state == null ? null : soundtrackOf(state);
        if (t == null || current.get(t) == null) {
            return;
        }
        String want = cueFor(current.get(t));
        if (want.equals(bed)) {
            queueNext(t);
        } else if (bed == null || !pathOfCue.containsKey(bed) || !t.equals(soundtrackPlaying(pathOfCue.get(bed)))) {
            segue.trigger(want); // the state was set before its song was in the sheet
        }
    }

    /** Schedules the next song at the playing song's exit cue (its end, or the crossfade's start). */
    private void queueNext(String t) {
        String n = next.get(t);
        if (n != null && cueFor(current.get(t)).equals(bed)) {
            segue.trigger(cueFor(n));
        }
    }

    // ------------------------------------------------------------------ the derived sheet

    private String soundtrackOf(String st) {
        return store.soundtrackFor(st).map(Soundtrack::name).orElse(null);
    }

    /** The soundtrack whose current or next song is {@code path}, preferring the state's own. */
    private String soundtrackPlaying(String path) {
        String own = state == null ? null : soundtrackOf(state);
        if (own != null && (path.equals(current.get(own)) || path.equals(next.get(own)))) {
            return own;
        }
        for (var e : current.entrySet()) {
            if (path.equals(e.getValue()) || path.equals(next.get(e.getKey()))) {
                return e.getKey();
            }
        }
        return null;
    }

    private String cueFor(String path) {
        return cueOfPath.computeIfAbsent(path, p -> {
            String c = CUE_PREFIX + (cueOfPath.size() + 1);
            pathOfCue.put(c, p);
            return c;
        });
    }

    private String title(String path) {
        return library.song(path).map(Song::title).orElse(Path.of(path).getFileName().toString());
    }

    /** The next playable song of {@code t}, skipping broken or unknown ones (with an event each). */
    private String draw(Soundtrack t) {
        Playlist pl = playlists.computeIfAbsent(t.name(), n -> new Playlist(t, seed));
        for (int tries = 0; tries <= t.songs().size(); tries++) {
            Optional<String> p = pl.next();
            if (p.isEmpty()) {
                return null;
            }
            String why = unplayable(p.get());
            if (why == null) {
                return p.get();
            }
            broken.add(p.get());
            post(SegueEvent.Type.SONG_SKIPPED, null, title(p.get()), p.get() + ": " + why);
        }
        return null;
    }

    private String unplayable(String path) {
        if (broken.contains(path)) {
            return "it broke earlier";
        }
        if (library.song(path).isEmpty()) {
            return "it is not in the music library (rescan?)";
        }
        if (!Files.isReadable(Path.of(path))) {
            return "the file is missing or unreadable";
        }
        return null;
    }

    /** Chooses songs as needed and has the derived sheet loaded and swapped in; a song that fails is skipped. */
    private void rebuild() {
        rebuild(0, false);
    }

    /**
     * Chooses the songs and derives the sheet here, on the game thread (all of this class's state is
     * the game thread's); Segue's {@code segue-songs} worker writes and loads it (a real-time Segue;
     * an offline one does it at once), and {@link #landed} swaps it in when it is back, in a later
     * {@code update()}. Only the newest sheet asked for lands: an older one still loading is dropped,
     * and one still waiting for the worker is never written. With {@code now} (attaching) it all runs
     * here, before this returns, as on an offline Segue.
     */
    private void rebuild(int attempt, boolean now) {
        Map<String, JsonObject> songs = new LinkedHashMap<>();
        JsonObject sheet = derive(songs); // a fresh tree no one else touches: the worker may serialize it
        int gen = ++generation;
        requested = gen;
        Path file = folder.resolve("songs-" + gen + ".cues.json");
        Set<String> cues = Set.copyOf(songs.keySet());
        access.loadDerived(segue, () -> {
            if (gen != requested) {
                return null; // a newer sheet is on its way
            }
            loadedOn = Thread.currentThread().getName();
            written = gen;
            Files.writeString(file, GSON.toJson(sheet), StandardCharsets.UTF_8);
            return file;
        }, now, loaded -> landed(gen, attempt, now, cues, file, loaded));
    }

    /** The sheet of rebuild {@code gen} loaded (or failed): swap it in unless a newer one was asked for. Game thread. */
    private void landed(int gen, int attempt, boolean now, Set<String> cues, Path file, SegueAccess.Loaded loaded) {
        if (gen != generation) {
            return; // superseded: the newest rebuild lands instead, with everything this one knew
        }
        try {
            // on the bed's next beat: the playing song goes on seamlessly, a skip lands within a beat
            loaded.swapIn(true, skipTo != null && cues.contains(skipTo) ? skipTo : null);
            swaps++;
        } catch (CueSheetException e) {
            if (!dropFailed(e)) {
                post(SegueEvent.Type.ERROR, null, null, "custom soundtracks: " + e.getMessage());
            } else if (attempt + 1 < MAX_ATTEMPTS) {
                rebuild(attempt + 1, now);
            }
        } catch (IOException e) {
            post(SegueEvent.Type.ERROR, null, null, "custom soundtracks: cannot write the songs' cue sheet " + file
                    + ": " + e.getMessage() + "; the music goes on as it was");
        } catch (RuntimeException e) {
            post(SegueEvent.Type.ERROR, null, null, "custom soundtracks: the songs' cue sheet " + file
                    + " did not take over: " + e + "; the music goes on as it was");
        }
    }

    /** Marks each song an error names as broken (with an event) and forgets it; false if none was named. */
    private boolean dropFailed(CueSheetException e) {
        boolean any = false;
        for (String err : e.errors()) {
            for (var en : Map.copyOf(pathOfCue).entrySet()) {
                String quoted = "\"" + en.getKey() + "\"";
                if (err.contains(quoted) || err.contains(en.getValue())) {
                    String p = en.getValue();
                    if (broken.add(p)) {
                        post(SegueEvent.Type.SONG_SKIPPED, en.getKey(), title(p), p + ": " + err);
                    }
                    current.replaceAll((k, v) -> p.equals(v) ? null : v);
                    next.replaceAll((k, v) -> p.equals(v) ? null : v);
                    if (p.equals(preview)) {
                        preview = null;
                    }
                    if (en.getKey().equals(skipTo)) {
                        skipTo = null;
                    }
                    any = true;
                }
            }
        }
        return any;
    }

    private JsonObject derive(Map<String, JsonObject> songs) {
        JsonObject sheet = score.deepCopy();
        sheet.remove("$schema");
        JsonObject cues = sheet.getAsJsonObject("cues");
        JsonObject states = sheet.has("states") ? sheet.getAsJsonObject("states") : new JsonObject();
        JsonArray rules = sheet.has("transitions") ? sheet.getAsJsonArray("transitions") : new JsonArray();
        boolean intensity = sheet.has("parameters") && sheet.getAsJsonObject("parameters").has("intensity");
        for (String st : states.keySet()) {
            String name = soundtrackOf(st);
            if (name == null) {
                continue; // the score's own cue (the store already keeps cutscenes on the score if asked)
            }
            Soundtrack t = store.soundtrack(name).orElse(null);
            if (t == null) {
                continue;
            }
            if (current.get(name) == null || broken.contains(current.get(name))) {
                String n = next.get(name);
                boolean queued = n != null && !broken.contains(n);
                current.put(name, queued ? n : draw(t)); // the song queued after a broken one moves up
                if (queued) {
                    next.put(name, null);
                }
            }
            if (current.get(name) == null) {
                continue; // nothing playable: the score keeps the state
            }
            if (next.get(name) == null || broken.contains(next.get(name))) {
                next.put(name, draw(t));
            }
            states.add(st, new JsonPrimitive(cueFor(current.get(name))));
        }
        for (String name : current.keySet()) {
            add(songs, current.get(name), intensity);
            add(songs, next.get(name), intensity);
        }
        if (preview != null) {
            add(songs, preview, intensity);
        }
        if (bed != null && pathOfCue.containsKey(bed) && !broken.contains(pathOfCue.get(bed))) {
            add(songs, pathOfCue.get(bed), intensity); // keep the song sounding until it is left
        } // a broken one is left out: the swap moves on to the state's song at once, on the bar
        for (var en : songs.entrySet()) {
            cues.add(en.getKey(), en.getValue());
        }
        for (String name : current.keySet()) {
            String a = current.get(name);
            String b = next.get(name);
            if (a != null && b != null) {
                rules.add(songRule(cueFor(a), cueFor(b), false));
            }
        }
        if (skipTo != null && bed != null && pathOfCue.containsKey(bed) && !bed.equals(skipTo)
                && !broken.contains(pathOfCue.get(bed))) {
            rules.add(songRule(bed, skipTo, true)); // a skip: on the song's next beat
        }
        enterSongsAtTheirStart(rules, songs.keySet());
        sheet.add("transitions", rules);
        return sheet;
    }

    /**
     * A song always starts at its first frame: each score rule that would enter any cue ({@code "to":
     * "*"}) elsewhere than at its entry (same position, same beat, last position) gets a copy per song
     * that enters at the start, with the same timing and fades. The copies are as specific as their
     * originals plus a named destination, so they win exactly where the originals would have.
     */
    private static void enterSongsAtTheirStart(JsonArray rules, Set<String> songCues) {
        JsonArray copies = new JsonArray();
        for (JsonElement el : rules) {
            if (!(el instanceof JsonObject r) || !(r.get("position") instanceof JsonPrimitive pos)
                    || !"*".equals(r.has("to") ? r.get("to").getAsString() : null)) {
                continue;
            }
            String where = pos.getAsString().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
            if (where.equals("entry") || where.equals("entrycue") || where.equals("start")) {
                continue;
            }
            for (String song : songCues) {
                JsonObject c = r.deepCopy();
                c.addProperty("to", song);
                c.remove("position");
                copies.add(c);
            }
        }
        rules.addAll(copies);
    }

    private void add(Map<String, JsonObject> songs, String path, boolean intensity) {
        if (path == null || songs.containsKey(cueFor(path))) {
            return;
        }
        Song s = library.song(path).orElse(null);
        if (s == null) {
            return;
        }
        songs.put(cueFor(path), songCue(s, library.analysis(s).orElse(null), intensity));
    }

    /** One song as a cue: its file streamed, its tempo and first beat, its loudness gain, its exit. */
    private JsonObject songCue(Song s, SongAnalysis a, boolean intensity) {
        int rate = segue.sampleRate();
        long length = Math.round(s.frames() * (double) rate / s.sampleRate());
        JsonObject tempo = new JsonObject();
        BeatGrid g = a == null ? null : a.beats();
        if (g != null && g.confidence() < MIN_BEAT_CONFIDENCE) {
            // no beat to trust (pads, ambient): free time, every half second a "bar" of one beat, so
            // moves land within half a second and fades in beats or bars stay short, on no false grid
            tempo.addProperty("bpm", 120);
            tempo.addProperty("meter", "1/4");
            g = null;
        }
        double bpm = g != null && g.bpm() >= 30 && g.bpm() <= 300 ? g.bpm() : 120;
        double period = rate * 60.0 / bpm;
        long pickup = 0;
        if (g != null && g.bpm() == bpm) {
            double first = g.firstBeat() * (double) rate / g.sampleRate();
            pickup = Math.round(first - Math.floor(first / period) * period);
        }
        if (tempo.has("meter")) {
            // free time, set above
        } else if (pickup >= rate * 60.0 / 10_000 && pickup < period - 1) { // a pickup bar of one beat up to the first beat
            tempo.addProperty("bpm", rate * 60.0 / pickup);
            tempo.addProperty("meter", "1/4");
            JsonArray changes = new JsonArray();
            JsonObject c = new JsonObject();
            c.addProperty("bar", 2);
            c.addProperty("bpm", bpm);
            c.addProperty("meter", "4/4");
            changes.add(c);
            tempo.add("changes", changes);
        } else {
            tempo.addProperty("bpm", bpm);
            tempo.addProperty("meter", "4/4");
        }
        JsonObject cue = new JsonObject();
        cue.add("tempo", tempo);
        JsonArray exits = new JsonArray();
        long fade = Math.round(crossfade * rate);
        exits.add(Math.max(0, length - Math.min(fade, length / 2)));
        cue.add("exits", exits);
        JsonObject stem = new JsonObject();
        stem.addProperty("name", "song");
        stem.addProperty("file", Path.of(s.path()).toAbsolutePath().toString());
        stem.addProperty("stream", true); // however short: never decoded whole, nor again at each sheet
        stem.addProperty("gainDb", gainDb(s, a));
        if (intensity) {
            JsonObject curve = new JsonObject();
            curve.addProperty("parameter", "intensity");
            curve.add("points", GSON.fromJson("[[0, 0.8], [1, 1]]", JsonElement.class));
            stem.add("gainCurve", curve);
        }
        JsonArray stems = new JsonArray();
        stems.add(stem);
        cue.add("stems", stems);
        return cue;
    }

    /**
     * The stem gain that brings {@code s} to the loudness target: 0 dB until it is analysed. The song
     * sounding now keeps the gain it started with, so an analysis or a target that changes while it
     * plays applies from its next playing on, never as a jump in its level.
     */
    private double gainDb(Song s, SongAnalysis a) {
        String playing = bed == null ? null : pathOfCue.get(bed);
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

    /** Song to song: at the exit cue, gapless or crossfaded; on the next beat with a short fade for a skip. */
    private JsonObject songRule(String from, String to, boolean skipping) {
        JsonObject r = new JsonObject();
        r.addProperty("from", from);
        r.addProperty("to", to);
        if (skipping) {
            r.addProperty("when", "nextBeat");
            r.add("fadeOut", fade("1 beat"));
            r.add("fadeIn", fade("0 ms"));
        } else {
            r.addProperty("when", "exitCue");
            String len = crossfade > 0 ? String.format(Locale.ROOT, "%.3f s", crossfade) : "0 ms";
            r.add("fadeOut", fade(len));
            r.add("fadeIn", fade(len));
        }
        return r;
    }

    private static JsonObject fade(String length) {
        JsonObject f = new JsonObject();
        f.addProperty("length", length);
        f.addProperty("curve", "equalPower");
        return f;
    }

    private void post(SegueEvent.Type type, String cue, String other, String message) {
        long f = segue.frame();
        access.post(segue, new SegueEvent(type, f, f / (double) segue.sampleRate(), 0, 0, cue, other, 0, message));
    }
}
