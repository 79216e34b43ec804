package dev.segue.demo;

import dev.segue.Segue;
import dev.segue.CustomMusic;
import dev.segue.library.LibraryStore;
import dev.segue.library.LibraryTask;
import dev.segue.library.Progress;
import dev.segue.library.Song;
import dev.segue.library.SongAnalysis;
import dev.segue.library.Soundtrack;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The player's own songs in the game, through Segue's {@link CustomMusic}: it attaches to the music's
 * Segue as soon as a context is assigned a soundtrack (at start, from the saved choices, or when the
 * player assigns one), follows the music when it is rebuilt with new options, hands every change of
 * choices over ({@link #storeChanged}), and analyses the assigned songs' loudness and beats in the
 * background (one thread, {@link CustomMusic#analyzeInBackground}) so they play at the score's
 * loudness and change on their beats. A song heard before its analysis is done plays at its file's
 * level until it ends; the analysis is kept in the library's index, so a restart needs none. Call everything from the game thread, and
 * {@link #update()} once a frame.
 */
final class SoundtrackPlayback {
    private final Soundtracks model;
    private final Runnable restate;
    private Segue segue;
    private CustomMusic custom;
    private String problem;
    private LibraryTask<Map<String, SongAnalysis>> analysis;
    private volatile Progress analysisProgress;
    private String analysisNote;

    /** {@code restate} asks the music for the game's current state again (songs attached mid-state take over). */
    SoundtrackPlayback(Soundtracks model, Runnable restate) {
        this.model = model;
        this.restate = restate;
    }

    /**
     * Plays the player's songs on {@code s} (the music's Segue, at start or after a rebuild); null when
     * the music failed to load. The previous Segue is closed by its owner, with its songs.
     */
    void attach(Segue s) {
        segue = s;
        custom = null;
        problem = null;
        if (s != null && wantsSongs(model.store())) {
            start();
        }
        analyse();
    }

    /** Whether any context plays a soundtrack under {@code store}'s choices. */
    static boolean wantsSongs(LibraryStore store) {
        return assigned(store).stream().anyMatch(t -> !t.songs().isEmpty());
    }

    /** The soundtracks {@code store}'s choices play somewhere: the override, then each context's. */
    private static List<Soundtrack> assigned(LibraryStore store) {
        Set<String> names = new LinkedHashSet<>();
        if (store.assignments().override() != null) {
            names.add(store.assignments().override());
        }
        for (String n : store.assignments().contexts().values()) {
            if (n != null) {
                names.add(n);
            }
        }
        List<Soundtrack> out = new ArrayList<>();
        for (String n : names) {
            store.soundtrack(n).ifPresent(out::add);
        }
        return out;
    }

    private boolean start() {
        if (custom != null) {
            return true;
        }
        if (segue == null) {
            return false;
        }
        try {
            custom = CustomMusic.attach(segue, model.library(), model.store());
            problem = null;
            return true;
        } catch (RuntimeException e) {
            problem = "your songs cannot play: " + SegueDemo.rootMessage(e);
            return false;
        }
    }

    /** True when the player's songs can be heard (the music loaded and took the songs). */
    boolean available() {
        return segue != null && problem == null;
    }

    /** Why {@link #available()} is false, or null when it is true. */
    String why() {
        if (segue == null) {
            return "no music is playing (the score did not load), so your songs cannot play either";
        }
        return problem;
    }

    /** Plays {@code song} now over the game's transition rules; returns what happened, for the status line. */
    String preview(Song song) {
        if (!start()) {
            return "cannot preview " + song.file().getFileName() + ": " + why();
        }
        custom.preview(song);
        return "previewing " + label(song) + " (leave the screen to go back to the game's music)";
    }

    /** Moves on to the next song of the soundtrack playing; returns what happened, for the status line. */
    String skip() {
        if (custom == null || custom.nowPlaying().isEmpty()) {
            return "the score is playing: nothing to skip";
        }
        String was = label(custom.nowPlaying().get());
        return custom.skip() ? "skipping " + was + " (on its next beat)" : was + " is the soundtrack's last song";
    }

    /** What plays now from the player's songs ("title — artist"), or null for the score. */
    String nowPlaying() {
        return custom == null ? null : custom.nowPlaying().map(SoundtrackPlayback::label).orElse(null);
    }

    static String label(Song s) {
        String title = s.title().isEmpty() ? s.file().getFileName().toString() : s.title();
        return s.artist().isEmpty() ? title : title + " — " + s.artist();
    }

    /** The player's new choices (assignments, shuffle, crossfade): the songs follow from the next change on. */
    void storeChanged(LibraryStore store) {
        if (custom != null) {
            custom.setStore(store);
        } else if (wantsSongs(store) && start()) {
            restate.run();
        }
        analyse();
    }

    /** Whether songs are being analysed now. */
    boolean analysing() {
        return analysis != null;
    }

    /** The running analysis's progress, or null when none runs (or it has not reported yet). */
    Progress analysisProgress() {
        return analysis == null ? null : analysisProgress;
    }

    /** The last finished analysis's summary ("analysed 12 songs …"), or null. */
    String analysisNote() {
        return analysisNote;
    }

    /** Once a frame on the game thread: picks up a finished analysis for the screen's note. */
    void update() {
        if (analysis == null || !analysis.isDone()) {
            return;
        }
        LibraryTask<Map<String, SongAnalysis>> done = analysis;
        analysis = null;
        try {
            Map<String, SongAnalysis> got = done.await();
            analysisNote = String.format(Locale.ROOT, "analysed %d %s: loudness and beats", got.size(),
                    got.size() == 1 ? "song" : "songs");
        } catch (ExecutionException e) {
            analysisNote = "the analysis failed: " + SegueDemo.rootMessage(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.util.concurrent.CancellationException e) {
            analysisNote = "analysis cancelled";
        }
        analyse(); // choices made meanwhile may name more songs
    }

    /**
     * Starts analysing the assigned soundtracks' songs that have no analysis yet, one at a time
     * ({@link CustomMusic#analyzeInBackground}, which rebuilds the songs with their gains and beats when
     * it ends); nothing when none is missing.
     */
    private void analyse() {
        if (analysis != null || custom == null || unanalysed(model.store()).isEmpty()) {
            return;
        }
        analysisProgress = null;
        analysis = custom.analyzeInBackground(p -> analysisProgress = p);
    }

    /** The songs of every soundtrack a context plays that the library has not analysed. */
    List<Song> unanalysed(LibraryStore store) {
        Set<String> seen = new LinkedHashSet<>();
        List<Song> out = new ArrayList<>();
        for (Soundtrack t : assigned(store)) {
            for (String p : t.songs()) {
                if (seen.add(p)) {
                    model.library().song(p).filter(s -> model.library().analysis(s).isEmpty()).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** Stops the analysis (the game ends); what it finished stays in the index. */
    void close() {
        if (analysis != null) {
            analysis.cancel();
        }
    }
}
