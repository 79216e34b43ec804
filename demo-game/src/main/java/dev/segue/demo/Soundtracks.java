package dev.segue.demo;

import dev.segue.demo.ScoreMap.Mood;
import dev.segue.library.Assignments;
import dev.segue.library.LibraryPaths;
import dev.segue.library.LibraryStore;
import dev.segue.library.LibraryTask;
import dev.segue.library.MusicLibrary;
import dev.segue.library.Progress;
import dev.segue.library.ScanReport;
import dev.segue.library.Song;
import dev.segue.library.Soundtrack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * The custom-soundtrack screen's model, with no drawing: the player's folders, the background scan
 * of them, albums, soundtracks, and which game context plays which, kept in {@code soundtracks.json}
 * (and the scan's index) under the config folder ({@code -Dsegue.config.dir} or
 * {@code SEGUE_CONFIG_DIR}, else the OS's). Every change is saved at once, atomically; a store that
 * cannot be read is kept aside by the library and {@link #notice()} says where.
 */
final class Soundtracks {
    /** The contexts the screen offers, in its order: the library's groups. */
    static final List<String> CONTEXTS = List.of(Assignments.MENUS, Assignments.EXPLORATION, Assignments.COMBAT,
            Assignments.BOSS, Assignments.CUTSCENE);
    /** The crossfades between songs the screen cycles through, in seconds (0 = gapless). */
    static final double[] CROSSFADES = {0, 2, 4, 8};

    private final Path storeFile;
    private final MusicLibrary library;
    private final Map<String, List<String>> groups;
    private LibraryStore store;
    private String notice;
    private String message = "";
    private LibraryTask<ScanReport> scan;
    private volatile Progress progress;
    private ScanReport report;
    private String scanProblem;

    private Soundtracks(Path configDir, ScoreMap map) {
        this.storeFile = configDir.resolve(LibraryStore.FILE);
        this.library = MusicLibrary.open(configDir.resolve(MusicLibrary.INDEX_FILE));
        this.groups = Map.of(Assignments.MENUS, List.of(map.state(Mood.TITLE)), Assignments.EXPLORATION,
                List.of(map.state(Mood.EXPLORE)), Assignments.COMBAT, List.of(map.state(Mood.COMBAT)), Assignments.BOSS,
                List.of(map.state(Mood.BOSS)), Assignments.CUTSCENE, List.of(map.state(Mood.CUTSCENE)));
        LibraryStore.Loaded loaded = LibraryStore.load(storeFile);
        this.store = withGroups(loaded.store());
        List<String> notes = new ArrayList<>();
        if (loaded.problem() != null) {
            notes.add(loaded.problem());
        }
        notes.addAll(library.problems());
        notes.addAll(store.problems());
        this.notice = notes.isEmpty() ? null : String.join("; ", notes);
    }

    /** The player's choices from the config folder ({@link LibraryPaths#configDir()}). */
    static Soundtracks open(ScoreMap map) {
        return open(LibraryPaths.configDir(), map);
    }

    /** The player's choices from {@code configDir}; the contexts map to {@code map}'s states. */
    static Soundtracks open(Path configDir, ScoreMap map) {
        return new Soundtracks(configDir, map);
    }

    /** The groups name the game's own states, whatever an older store said. */
    private LibraryStore withGroups(LibraryStore s) {
        Assignments a = s.assignments();
        for (String c : CONTEXTS) {
            a = a.withGroup(c, groups.get(c));
        }
        return s.withAssignments(a);
    }

    LibraryStore store() {
        return store;
    }

    MusicLibrary library() {
        return library;
    }

    Path storeFile() {
        return storeFile;
    }

    /**
     * What went wrong opening the choices (a damaged store kept aside as a backup, a damaged index, an
     * assignment to a soundtrack that is gone), or null.
     */
    String notice() {
        return notice;
    }

    /** The outcome of the last action, for the screen's status line. */
    String message() {
        return message;
    }

    // ------------------------------------------------------------------ folders and the scan

    /** Adds a folder typed by the player; false (and a message why) when it is not a readable folder. */
    boolean addFolder(String typed) {
        String t = typed == null ? "" : typed.strip();
        if (t.startsWith("~/") || t.equals("~")) {
            t = System.getProperty("user.home") + t.substring(1);
        }
        Path p;
        try {
            p = Path.of(t).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            message = "not a path: " + typed + " (" + e.getReason() + ")";
            return false;
        }
        if (t.isEmpty() || !Files.isDirectory(p)) {
            message = "no such folder: " + (t.isEmpty() ? "(empty)" : p);
            return false;
        }
        if (!Files.isReadable(p)) {
            message = "cannot read the folder " + p;
            return false;
        }
        if (store.folders().contains(p.toString())) {
            message = p + " is already in the list";
            return false;
        }
        List<String> f = new ArrayList<>(store.folders());
        f.add(p.toString());
        save(store.withFolders(f), "added " + p + ": scan to find its songs");
        return true;
    }

    /** Adds the OS music folder. */
    boolean addMusicFolder() {
        return addFolder(LibraryPaths.musicDir().toString());
    }

    /** Removes a folder and forgets its songs. */
    void removeFolder(String folder) {
        List<String> f = new ArrayList<>(store.folders());
        f.remove(folder);
        int gone = library.removeFolder(Path.of(folder));
        save(store.withFolders(f), "removed " + folder + " (" + gone + " songs forgotten)");
    }

    /** Starts scanning every folder in the background (one thread: the game keeps its cores). */
    void scan() {
        if (scanning()) {
            return;
        }
        List<Path> roots = new ArrayList<>();
        for (String f : store.folders()) {
            if (Files.isDirectory(Path.of(f))) {
                roots.add(Path.of(f));
            }
        }
        if (roots.isEmpty()) {
            message = "no folder to scan: add one first";
            return;
        }
        report = null;
        scanProblem = null;
        progress = null;
        scan = library.scan(roots, 1, p -> progress = p);
        message = "scanning " + roots.size() + (roots.size() == 1 ? " folder" : " folders");
    }

    /** Stops the scan; what it found so far stays in the library. */
    void cancelScan() {
        if (scanning()) {
            scan.cancel();
            message = "scan cancelled";
        }
    }

    boolean scanning() {
        return scan != null && !scan.isDone();
    }

    /** The running scan's progress, or null. */
    Progress progress() {
        return progress;
    }

    /** Call once a frame: picks up a finished scan's report. */
    void update() {
        if (scan == null || !scan.isDone()) {
            return;
        }
        try {
            report = scan.await();
            message = String.format(java.util.Locale.ROOT, "%s: %d songs, %d skipped, %d new, %d changed, %d gone in %.1f s",
                    report.cancelled() ? "scan cancelled" : "scan done", report.songs().size(), report.skipped().size(),
                    report.added(), report.changed(), report.removed(), report.seconds());
        } catch (ExecutionException e) {
            scanProblem = "the scan failed: " + SegueDemo.rootMessage(e);
            message = scanProblem;
        } catch (CancellationException e) {
            message = "scan cancelled";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scan = null;
    }

    /** The last finished scan's report, or null. */
    ScanReport report() {
        return report;
    }

    // ------------------------------------------------------------------ albums and soundtracks

    /** The library's albums ("artist — album" → songs in track order). */
    Map<String, List<Song>> albums() {
        return library.albums();
    }

    /** Makes a soundtrack of an album (named after it, with a number if the name is taken). */
    String fromAlbum(String album) {
        List<Song> songs = library.albums().get(album);
        if (songs == null || songs.isEmpty()) {
            message = "no album " + album;
            return null;
        }
        String name = album;
        for (int i = 2; store.soundtrack(name).isPresent(); i++) {
            name = album + " (" + i + ")";
        }
        save(store.withSoundtrack(Soundtrack.fromAlbum(name, songs)), "made the soundtrack " + name + " ("
                + songs.size() + " songs)");
        return name;
    }

    /** Deletes a soundtrack; contexts that played it play the score. */
    void delete(String soundtrack) {
        LibraryStore s = store.withoutSoundtrack(soundtrack);
        Assignments a = s.assignments();
        for (String c : CONTEXTS) {
            if (soundtrack.equals(a.contexts().get(c))) {
                a = a.with(c, null);
            }
        }
        if (soundtrack.equals(a.override())) {
            a = a.withOverride(null);
        }
        save(s.withAssignments(a), "deleted " + soundtrack);
    }

    /** Shuffle on or off for a soundtrack. */
    void toggleShuffle(String soundtrack) {
        store.soundtrack(soundtrack).ifPresent(t -> {
            Soundtrack.Order o = t.order() == Soundtrack.Order.SHUFFLE ? Soundtrack.Order.IN_ORDER : Soundtrack.Order.SHUFFLE;
            save(store.withSoundtrack(t.withOrder(o)), soundtrack + (o == Soundtrack.Order.SHUFFLE ? " shuffled" : " in order"));
        });
    }

    /** Repeat on or off for a soundtrack. */
    void toggleRepeat(String soundtrack) {
        store.soundtrack(soundtrack).ifPresent(t -> save(store.withSoundtrack(t.withRepeat(!t.repeat())),
                soundtrack + (t.repeat() ? " plays once" : " repeats")));
    }

    // ------------------------------------------------------------------ assignments

    /** What {@code context} plays: a soundtrack's name, or null for the score. */
    String assigned(String context) {
        return store.assignments().contexts().get(context);
    }

    /** Sets what {@code context} plays (null: the score). */
    void assign(String context, String soundtrack) {
        save(store.withAssignments(store.assignments().with(context, soundtrack)),
                context + ": " + (soundtrack == null ? "the score" : soundtrack));
    }

    /** The next choice for {@code context}: the score, then each soundtrack in turn. */
    void cycle(String context) {
        assign(context, next(assigned(context)));
    }

    /** One soundtrack over all music (null: none). */
    void override(String soundtrack) {
        save(store.withAssignments(store.assignments().withOverride(soundtrack)),
                soundtrack == null ? "no override" : soundtrack + " plays everywhere");
    }

    void cycleOverride() {
        override(next(store.assignments().override()));
    }

    void toggleKeepScoreForCutscenes() {
        boolean keep = !store.assignments().keepScoreForCutscenes();
        save(store.withAssignments(store.assignments().withKeepScoreForCutscenes(keep)),
                keep ? "cutscenes keep the score" : "cutscenes follow the assignments");
    }

    /** Gapless, then each crossfade length in turn. */
    void cycleCrossfade() {
        double now = store.crossfadeSeconds();
        double next = CROSSFADES[0];
        for (int i = 0; i < CROSSFADES.length; i++) {
            if (CROSSFADES[i] == now) {
                next = CROSSFADES[(i + 1) % CROSSFADES.length];
            }
        }
        save(store.withCrossfadeSeconds(next), next == 0 ? "songs follow gaplessly" : "songs crossfade over " + (int) next + " s");
    }

    /** The soundtrack a game state plays under these choices, or null for the score. */
    String playsIn(String state) {
        return store.soundtrackFor(state).map(Soundtrack::name).orElse(null);
    }

    private String next(String current) {
        List<Soundtrack> all = store.soundtracks();
        if (all.isEmpty()) {
            return null;
        }
        if (current == null) {
            return all.get(0).name();
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(current)) {
                return i + 1 < all.size() ? all.get(i + 1).name() : null;
            }
        }
        return null;
    }

    private void save(LibraryStore next, String done) {
        store = next;
        try {
            next.save(storeFile);
            message = done;
        } catch (IOException e) {
            message = done + ", but it could not be saved: " + storeFile + ": " + SegueDemo.rootMessage(e);
        }
    }
}
