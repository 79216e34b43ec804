package dev.segue;

import dev.segue.engine.SongPlayback;
import dev.segue.library.BeatGrid;
import dev.segue.library.LibraryStore;
import dev.segue.library.LibraryTask;
import dev.segue.library.MusicLibrary;
import dev.segue.library.Progress;
import dev.segue.library.Song;
import dev.segue.library.SongAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 * <p>A song is a cue. This class derives a cue sheet in memory: the score's sheet
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
 * too. On a real-time Segue each new sheet after the first is built (the songs' files opened) by the Segue's
 * worker thread ({@code segue-songs}) and swapped in by a later {@code update()}, so a song's start
 * or a skip costs the game thread about a millisecond, not the tens a load takes; only the newest
 * sheet asked for is swapped in. {@link #attach} loads the first sheet at once, and an offline
 * Segue loads every sheet at once, so its renders stay deterministic.
 * {@link #analyzeInBackground} measures the songs and rebuilds when it is done.
 *
 * <p>The Segue must be able to stream: build it with {@link SegueBuilder#streamVoices(int)} (or a
 * score that already streams). A {@link Segue#reload()} of the score (or a watched edit) that passes
 * is derived again, with the songs, and taken up at the next beat: the song playing goes on.
 */
public final class CustomMusic {
    /** The score's loudness target: the demo score masters every cue to it. */
    public static final double DEFAULT_TARGET_LUFS = SongPlayback.DEFAULT_TARGET_LUFS;
    /** The true-peak ceiling a song's gain respects. */
    public static final double PEAK_CEILING_DBTP = SongPlayback.PEAK_CEILING_DBTP;

    private final SongPlayback playback;
    private final MusicLibrary library;

    private CustomMusic(SongPlayback playback, MusicLibrary library) {
        this.playback = playback;
        this.library = library;
    }

    /**
     * Attaches custom-soundtrack playback to {@code segue}: from now on states assigned a soundtrack in
     * {@code store} play its songs (taking over at the next bar if one is playing now).
     *
     * @throws IllegalStateException if the Segue cannot stream (see the class comment)
     */
    public static CustomMusic attach(Segue segue, MusicLibrary library, LibraryStore store) {
        return new CustomMusic(SongPlayback.attach(segue.host(), Objects.requireNonNull(library), store), library);
    }

    /** Stops playing songs: the score alone from the next bar, and this object is done. */
    public void detach() {
        playback.detach();
    }

    /** The player's song sounding now, or empty while the score plays (or silence). */
    public Optional<Song> nowPlaying() {
        return playback.nowPlaying();
    }

    /**
     * Moves on to the next song of the soundtrack playing, on the playing song's next beat (it fades
     * out over that beat; the next song starts at its first frame), with a
     * {@link SegueEvent.Type#SONG_SKIPPED} event.
     *
     * @return false while the score plays or when the soundtrack has no song after this one
     */
    public boolean skip() {
        return playback.skip();
    }

    /** Seconds of crossfade between songs; 0 plays them gaplessly. Applies from the next song on. */
    public void setCrossfadeSeconds(double seconds) {
        if (!(seconds >= 0 && seconds <= 30)) {
            throw new IllegalArgumentException("crossfade seconds must be 0..30, got " + seconds);
        }
        playback.setCrossfadeSeconds(seconds);
    }

    /** The loudness songs are brought to, in LUFS (default {@value #DEFAULT_TARGET_LUFS}, the score's). */
    public void setLoudnessTarget(double lufs) {
        if (!(lufs >= -60 && lufs <= 0)) {
            throw new IllegalArgumentException("a loudness target is -60..0 LUFS, got " + lufs);
        }
        playback.setLoudnessTarget(lufs);
    }

    /** Seeds shuffled soundtracks from now on (tests and replays). */
    public void setShuffleSeed(long s) {
        playback.setShuffleSeed(s);
    }

    /**
     * Applies the player's new choices (soundtracks, assignments, crossfade): songs already chosen
     * keep playing, and the next context change follows the new assignments.
     */
    public void setStore(LibraryStore s) {
        playback.setStore(s);
    }

    /**
     * Auditions {@code song} on a soundtrack screen: it plays now (through the usual transition from
     * what is playing) until the game sets a state again or previews another song.
     */
    public void preview(Song song) {
        playback.preview(song);
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
        for (String st : playback.states()) {
            playback.store().soundtrackFor(st).ifPresent(t -> paths.addAll(t.songs()));
        }
        List<Song> todo = new ArrayList<>();
        for (String p : paths) {
            library.song(p).filter(s -> !library.analysis(s).isPresent()).ifPresent(todo::add);
        }
        LibraryTask<Map<String, SongAnalysis>> task = library.analyze(todo, listener);
        task.future().whenComplete((r, e) -> playback.rebuildSoon());
        return task;
    }

    /** Tests: the playback behind this face. */
    SongPlayback playback() {
        return playback;
    }
}
