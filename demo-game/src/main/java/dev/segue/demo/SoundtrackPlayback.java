package dev.segue.demo;

import dev.segue.library.LibraryStore;
import dev.segue.library.Song;

/**
 * The one place the demo would play the player's own songs through Segue's mixer: attach to the
 * music, preview a song, what is playing, skip, the crossfade, and a changed store. The runtime's
 * playback of custom songs ({@code dev.segue.library.CustomMusic}) is not part of this build, so this
 * build plays the score everywhere and says so: {@link #available()} is false, the screen greys out
 * "preview" and "now playing" and shows {@link #why()}. It never pretends to play.
 *
 * <p>Wiring it later: {@code attach} keeps {@code CustomMusic.attach(segue, library, store)}, and each
 * method below forwards to it ({@code preview(song)}, {@code nowPlaying()}, {@code skip()},
 * {@code setCrossfadeSeconds(s)}, {@code setStore(store)}).
 */
final class SoundtrackPlayback {
    /** Why nothing of the player's plays in this build. */
    static final String UNAVAILABLE = "playing your songs needs Segue's CustomMusic, which this build does not have"
            + " yet: the score plays in every context; your choices are saved for when it does";

    /** True when the player's songs can be heard (preview, now playing, the assignments in game). */
    boolean available() {
        return false;
    }

    /** Why {@link #available()} is false, or null when it is true. */
    String why() {
        return available() ? null : UNAVAILABLE;
    }

    /** Plays a few seconds of {@code song} over the music; returns what happened, for the status line. */
    String preview(Song song) {
        return "cannot preview " + song.file().getFileName() + ": " + UNAVAILABLE;
    }

    /** What plays now from the player's songs, or null for the score. */
    String nowPlaying() {
        return null;
    }

    /** Tells the player about new choices (assignments, shuffle, crossfade). */
    void storeChanged(LibraryStore store) {
        // with no custom playback in this build the score keeps playing; the store is already saved
    }
}
