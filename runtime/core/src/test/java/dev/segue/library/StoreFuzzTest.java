package dev.segue.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The player's saved settings ({@code soundtracks.json}) and the scan index on hostile bytes. Seeds
 * are stores and indexes as Segue writes them.
 *
 * <p>Whatever the file holds, loading never throws; a file that is refused is kept byte for byte
 * under its backup name and the message names it; what loads is whole (every value the game and the
 * screens read is there) and survives a save and a load unchanged.
 */
class StoreFuzzTest {
    @TempDir
    static Path dir;

    private static void empty() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void store(byte[] data) throws IOException {
        empty();
        Path file = Files.write(dir.resolve(LibraryStore.FILE), data);
        LibraryStore.Loaded l = LibraryStore.load(file);
        assertNotNull(l.store());
        if (l.problem() != null) {
            assertTrue(l.problem().contains(file.toString()), "the message names the file: " + l.problem());
            assertNotNull(l.backup(), l.problem());
            assertArrayEquals(data, Files.readAllBytes(l.backup()), "the refused file is kept as it was");
            return;
        }
        LibraryStore s = l.store();
        assertNotNull(s.problems());
        for (Soundtrack t : s.soundtracks()) {
            assertNotNull(t.name());
            s.soundtrack(t.name());
        }
        for (String state : new String[] {"menu", "explore", "boss", ""}) {
            s.soundtrackFor(state);
        }
        Path again = dir.resolve("again.json");
        s.save(again);
        LibraryStore.Loaded back = LibraryStore.load(again);
        assertNull(back.problem(), "what loaded saves and loads again");
        assertEquals(s, back.store());
    }

    @FuzzTest(maxDuration = "10m")
    void index(byte[] data) throws IOException {
        empty();
        Path file = Files.write(dir.resolve(MusicLibrary.INDEX_FILE), data);
        JsonFiles.Loaded<Index.Stored> l = Index.load(file);
        assertNotNull(l.value());
        if (l.problem() != null) {
            assertTrue(l.problem().contains(file.toString()), "the message names the file: " + l.problem());
            return;
        }
        for (Index.Entry e : l.value().entries()) {
            Song s = e.song();
            if (s != null) {
                assertTrue(s.format() != null && s.title() != null && s.artist() != null && s.album() != null,
                        "a song the screens can show: " + s);
                assertTrue(s.frames() >= 0 && s.sampleRate() > 0 && (s.channels() == 1 || s.channels() == 2)
                        && Double.isFinite(s.seconds()), "a song that can play: " + s);
            }
        }
        Path again = dir.resolve("again.json");
        Index.save(again, l.value().entries());
        JsonFiles.Loaded<Index.Stored> back = Index.load(again);
        assertNull(back.problem(), "what loaded saves and loads again");
        assertEquals(l.value().entries(), back.value().entries());
    }
}
