package dev.segue.library;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk cache of a scan: per file its size and modification time and what was found (a song or
 * a reason to skip it), plus its analysis (beats, loudness) once made. A rescan opens only files whose size or time changed.
 */
final class Index {
    static final int VERSION = 1;
    // loudness may be -Infinity (silence) or NaN (not measured)
    static final Gson GSON = new GsonBuilder().registerTypeAdapterFactory(JsonFiles.STRICT_ENUMS).disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

    /** One file's cached verdict. Exactly one of {@code song} and {@code skipped} is set. */
    record Entry(String path, long size, long modified, Song song, String skipped, SongAnalysis analysis) {
        Entry withAnalysis(SongAnalysis a) {
            return new Entry(path, size, modified, song, skipped, a);
        }
    }

    /** The file's shape. */
    record Stored(int version, List<Entry> entries) {
    }

    private Index() {
    }

    static JsonFiles.Loaded<Stored> load(Path file) {
        return JsonFiles.read(file, "the library index", GSON, Stored.class, VERSION,
                () -> new Stored(VERSION, List.of()), Index::check);
    }

    private static String check(Stored s) {
        if (s.entries() == null) {
            return "it has no \"entries\" list";
        }
        for (int i = 0; i < s.entries().size(); i++) {
            Entry e = s.entries().get(i);
            if (e == null || e.path() == null || (e.song() == null) == (e.skipped() == null)) {
                return "entry " + i + " has no path, or not exactly one of \"song\" and \"skipped\"";
            }
            String bad = e.song() == null ? null : badSong(e.song());
            if (bad != null) {
                return "entry " + i + " (" + e.path() + ") " + bad;
            }
        }
        return null;
    }

    /** What is impossible about a cached song (found by fuzzing: a song of 3 channels, or of none), or null. */
    private static String badSong(Song s) {
        if (s.path() == null || s.format() == null || s.title() == null || s.artist() == null || s.album() == null) {
            return "lacks its path, format, title, artist or album";
        }
        if (s.frames() < 0 || s.sampleRate() < 1000 || s.sampleRate() > 768_000 || s.channels() < 1 || s.channels() > 2
                || s.track() < 0 || s.size() < 0) {
            return "has an impossible length, rate, channel count, track or size";
        }
        return null;
    }

    static void save(Path file, List<Entry> entries) throws IOException {
        AtomicFiles.write(file, GSON.toJson(new Stored(VERSION, new ArrayList<>(entries))));
    }
}
