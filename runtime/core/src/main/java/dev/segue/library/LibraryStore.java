package dev.segue.library;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The player's custom-soundtrack choices: the folders to scan, their soundtracks, which context plays
 * which, and how songs follow each other. Saved as JSON ({@code "version": 1}) in
 * {@code configDir()/soundtracks.json}, written atomically; see {@link #load(Path)} for what happens
 * to a damaged file. Immutable: the {@code with} methods return changed copies, {@link #save(Path)}
 * writes one.
 *
 * @param version          the file format's version ({@value #VERSION})
 * @param folders          the folders to scan (default: the OS music folder)
 * @param soundtracks      the player's soundtracks, names unique
 * @param assignments      which context plays which soundtrack
 * @param crossfadeSeconds between songs: 0 for gapless, otherwise a crossfade of this length
 */
public record LibraryStore(int version, List<String> folders, List<Soundtrack> soundtracks, Assignments assignments,
        double crossfadeSeconds) {
    /** The store format this code writes. */
    public static final int VERSION = 1;
    /** The store's file name inside {@link LibraryPaths#configDir()}. */
    public static final String FILE = "soundtracks.json";

    private static final Gson GSON = new GsonBuilder().registerTypeAdapterFactory(JsonFiles.STRICT_ENUMS).setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    /** Copies lists; missing parts get their defaults. */
    public LibraryStore {
        version = VERSION;
        folders = folders == null ? List.of() : List.copyOf(folders);
        soundtracks = soundtracks == null ? List.of() : List.copyOf(soundtracks);
        assignments = assignments == null ? Assignments.SCORE_EVERYWHERE : assignments;
        if (!(crossfadeSeconds >= 0 && crossfadeSeconds <= 30)) {
            throw new IllegalArgumentException("crossfadeSeconds must be 0..30, not " + crossfadeSeconds);
        }
    }

    /** The defaults: the OS music folder, no soundtracks, the score everywhere, gapless. */
    public static LibraryStore defaults() {
        return new LibraryStore(VERSION, List.of(LibraryPaths.musicDir().toString()), List.of(),
                Assignments.SCORE_EVERYWHERE, 0);
    }

    /** {@code configDir()/soundtracks.json}. */
    public static Path defaultFile() {
        return LibraryPaths.configDir().resolve(FILE);
    }

    /**
     * What {@link #load(Path)} read.
     *
     * @param store   the store, or the defaults if the file was missing or damaged
     * @param problem null, or a message naming the file, what is wrong with it and where it was kept
     * @param backup  where a damaged file was moved, or null
     */
    public record Loaded(LibraryStore store, String problem, Path backup) {
    }

    /**
     * Reads the store from {@code file}. A missing file gives the defaults. A file that cannot be
     * read, is not JSON, has no or a newer {@code version}, or holds impossible values (a soundtrack
     * without a name, two soundtracks of one name, a negative crossfade) is moved aside as
     * {@code soundtracks.json.broken-STAMP}, described in {@link Loaded#problem()}, and replaced by the
     * defaults: the player's file is never overwritten or silently lost. Assignments naming a
     * soundtrack that does not exist resolve to the score and are reported in {@link #problems()}.
     */
    public static Loaded load(Path file) {
        JsonFiles.Loaded<LibraryStore> l = JsonFiles.read(file, "the soundtrack store", GSON, LibraryStore.class,
                VERSION, LibraryStore::defaults, LibraryStore::check);
        return new Loaded(l.value(), l.problem(), l.backup());
    }

    private static String check(LibraryStore s) {
        Set<String> names = new HashSet<>();
        for (Soundtrack t : s.soundtracks()) {
            if (t == null) {
                return "a soundtrack is null";
            }
            if (!names.add(t.name())) {
                return "two soundtracks are named \"" + t.name() + "\"";
            }
        }
        return null;
    }

    /** Writes this store to {@code file} atomically (temporary file, fsync, rename). */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, GSON.toJson(this) + "\n");
    }

    /**
     * Soft problems that do not stop the store from working: assignments naming missing soundtracks
     * (those contexts play the score).
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        assignments.contexts().forEach((ctx, name) -> {
            if (!soundtrack(name).isPresent()) {
                out.add("context \"" + ctx + "\" is assigned the soundtrack \"" + name
                        + "\", which does not exist; it plays the score");
            }
        });
        if (assignments.override() != null && !soundtrack(assignments.override()).isPresent()) {
            out.add("the override soundtrack \"" + assignments.override() + "\" does not exist; it is ignored");
        }
        return out;
    }

    /** The soundtrack named {@code name}. */
    public Optional<Soundtrack> soundtrack(String name) {
        return soundtracks.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * The soundtrack {@code state} plays, or empty for the score (also when the assigned soundtrack
     * no longer exists).
     */
    public Optional<Soundtrack> soundtrackFor(String state) {
        Optional<String> name = assignments.soundtrackFor(state);
        if (name.isPresent() && name.get().equals(assignments.override()) && !soundtrack(name.get()).isPresent()) {
            // a dangling override is ignored rather than silencing the game
            return new LibraryStore(version, folders, soundtracks, assignments.withOverride(null), crossfadeSeconds)
                    .soundtrackFor(state);
        }
        return name.flatMap(this::soundtrack);
    }

    /** This store with {@code t} added, or replacing the soundtrack of the same name. */
    public LibraryStore withSoundtrack(Soundtrack t) {
        List<Soundtrack> list = new ArrayList<>();
        boolean replaced = false;
        for (Soundtrack s : soundtracks) {
            if (s.name().equals(t.name())) {
                list.add(t);
                replaced = true;
            } else {
                list.add(s);
            }
        }
        if (!replaced) {
            list.add(t);
        }
        return new LibraryStore(version, folders, list, assignments, crossfadeSeconds);
    }

    /** This store without the soundtrack named {@code name} (assignments to it fall back to the score). */
    public LibraryStore withoutSoundtrack(String name) {
        List<Soundtrack> list = new ArrayList<>(soundtracks);
        list.removeIf(s -> s.name().equals(name));
        return new LibraryStore(version, folders, list, assignments, crossfadeSeconds);
    }

    /** This store with other assignments. */
    public LibraryStore withAssignments(Assignments a) {
        return new LibraryStore(version, folders, soundtracks, a, crossfadeSeconds);
    }

    /** This store scanning other folders. */
    public LibraryStore withFolders(List<String> f) {
        return new LibraryStore(version, f, soundtracks, assignments, crossfadeSeconds);
    }

    /** This store with another crossfade between songs (0 = gapless). */
    public LibraryStore withCrossfadeSeconds(double seconds) {
        return new LibraryStore(version, folders, soundtracks, assignments, seconds);
    }
}
