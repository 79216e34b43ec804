package dev.segue.engine;

import dev.segue.control.Events;
import dev.segue.library.MusicLibrary;
import dev.segue.library.Playlist;
import dev.segue.library.Song;
import dev.segue.library.Soundtrack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which songs custom soundtracks play: per soundtrack the song playing (or to play) and the one after
 * it, drawn from its playlist past songs that cannot play; the cue name of each song; the songs found
 * broken. Game thread.
 */
final class SongPicks {
    /** Posts a note: (type, cue, other, message). */
    interface Poster {
        void post(int type, String cue, String other, String message);
    }

    /** Prefix of the cue names of songs in the derived sheet. */
    static final String CUE_PREFIX = "song ";

    private final MusicLibrary library;
    private final Poster skipped;
    final Map<String, String> cueOfPath = new HashMap<>();
    final Map<String, String> pathOfCue = new HashMap<>();
    final Map<String, Playlist> playlists = new HashMap<>();
    /** Per soundtrack name: the song playing (or to play) and the one after it; null when none. */
    final Map<String, String> current = new HashMap<>();
    final Map<String, String> next = new HashMap<>();
    /** Songs found broken: never offered again by this session. */
    final Set<String> broken = new HashSet<>();

    SongPicks(MusicLibrary library, Poster skipped) {
        this.library = library;
        this.skipped = skipped;
    }

    /** The soundtrack whose current or next song is {@code path}, preferring the state's own. */
    String soundtrackPlaying(String path, String own) {
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

    String cueFor(String path) {
        return cueOfPath.computeIfAbsent(path, p -> {
            String c = CUE_PREFIX + (cueOfPath.size() + 1);
            pathOfCue.put(c, p);
            return c;
        });
    }

    String title(String path) {
        return library.song(path).map(Song::title).orElse(Paths.get(path).getFileName().toString());
    }

    /** The next playable song of {@code t}, skipping broken or unknown ones (with an event each). */
    String draw(Soundtrack t, long seed) {
        Playlist pl = playlists.computeIfAbsent(t.name(), n -> new Playlist(t, seed));
        for (int tries = 0; tries <= t.songs().size(); tries++) {
            Optional<String> p = pl.next();
            if (!p.isPresent()) {
                return null;
            }
            String why = unplayable(p.get());
            if (why == null) {
                return p.get();
            }
            broken.add(p.get());
            skipped.post(Events.SONG_SKIPPED, null, title(p.get()), p.get() + ": " + why);
        }
        return null;
    }

    private String unplayable(String path) {
        if (broken.contains(path)) {
            return "it broke earlier";
        }
        if (!library.song(path).isPresent()) {
            return "it is not in the music library (rescan?)";
        }
        if (!Files.isReadable(Paths.get(path))) {
            return "the file is missing or unreadable";
        }
        return null;
    }
}
