package dev.segue.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The soundtrack store on disk, assignments per context, and playlists. */
class StoreTest {
    @TempDir
    Path dir;

    static LibraryStore sample() {
        Soundtrack road = new Soundtrack("Road trip ♫", List.of("/m/a.ogg", "/m/b.mp3", "/m/c.flac"),
                Soundtrack.Order.SHUFFLE, true);
        Soundtrack metal = new Soundtrack("Metal", List.of("/m/x.flac"), Soundtrack.Order.IN_ORDER, false);
        Assignments a = Assignments.SCORE_EVERYWHERE
                .withGroup(Assignments.EXPLORATION, List.of("explore", "village"))
                .withGroup(Assignments.CUTSCENE, List.of("intro_movie"))
                .with(Assignments.EXPLORATION, "Road trip ♫")
                .with("combat", "Metal");
        return LibraryStore.defaults().withFolders(List.of("/home/p/Müsik")).withSoundtrack(road).withSoundtrack(metal)
                .withAssignments(a).withCrossfadeSeconds(2.5);
    }

    @Test
    void roundTripsThroughItsFile() throws Exception {
        Path file = dir.resolve("cfg").resolve(LibraryStore.FILE);
        LibraryStore s = sample();
        s.save(file);
        LibraryStore.Loaded back = LibraryStore.load(file);
        assertNull(back.problem());
        assertEquals(s, back.store());
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"version\": 1"), json);
        assertTrue(json.contains("Road trip ♫"), "written as UTF-8 text, not escaped: " + json);
    }

    @Test
    void aMissingFileGivesTheDefaults() {
        LibraryStore.Loaded l = LibraryStore.load(dir.resolve("nothing-here.json"));
        assertNull(l.problem());
        assertEquals(LibraryStore.defaults(), l.store());
        assertEquals(List.of(LibraryPaths.musicDir().toString()), l.store().folders());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"version\": 1, \"soundtracks\": [ {\"name\": \"a\"",                      // cut short
        "[1, 2, 3]",                                                                 // not an object
        "{\"soundtracks\": []}",                                                     // no version
        "{\"version\": 7, \"soundtracks\": []}",                                     // from the future
        "{\"version\": 1, \"soundtracks\": [{\"name\": \"\"}]}",                     // a nameless soundtrack
        "{\"version\": 1, \"soundtracks\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}", // two of one name
        "{\"version\": 1, \"crossfadeSeconds\": -3}",                                // impossible value
        "{\"version\": 1, \"soundtracks\": {\"name\": \"a\"}}"                       // wrong shape
    })
    void aDamagedStoreIsKeptAsideReportedAndReplacedByDefaults(String content) throws Exception {
        Path file = dir.resolve(LibraryStore.FILE);
        Files.writeString(file, content);
        LibraryStore.Loaded l = LibraryStore.load(file);
        assertEquals(LibraryStore.defaults(), l.store());
        assertTrue(l.problem() != null && l.problem().contains(file.toString()), "names the file: " + l.problem());
        assertTrue(l.problem().contains("kept as " + l.backup()), l.problem());
        assertEquals(content, Files.readString(l.backup()), "the player's file survives byte for byte");
        assertTrue(Files.notExists(file));
        // saving the defaults now does not touch the backup
        l.store().save(file);
        assertEquals(content, Files.readString(l.backup()));
        assertNull(LibraryStore.load(file).problem());
    }

    /** A pipe where the store or the index should be is refused at once (reading one blocked for ever), and left alone. */
    @Test
    void aPipeInPlaceOfTheStoreOrTheIndexIsRefusedNotWaitedOn() throws Exception {
        Path store = dir.resolve(LibraryStore.FILE);
        Path index = dir.resolve("index.json");
        for (Path p : List.of(store, index)) {
            Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
            assertTrue(mk.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo (coreutils) made " + p);
        }
        LibraryStore.Loaded l = java.util.concurrent.CompletableFuture.supplyAsync(() -> LibraryStore.load(store))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(l.problem().contains(store + " is not a regular file"), l.problem());
        assertNull(l.backup(), "nothing moved aside");
        assertEquals(LibraryStore.defaults(), l.store());
        MusicLibrary lib = java.util.concurrent.CompletableFuture.supplyAsync(() -> MusicLibrary.open(index))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(lib.problems().stream().anyMatch(p -> p.contains(index + " is not a regular file")), lib.problems().toString());
        assertTrue(Files.exists(store) && !Files.isRegularFile(store), "the pipe is left as it is");
    }

    /** A save killed mid-write left its temporary file; the next save clears old ones and leaves a save in progress alone. */
    @Test
    void strayTemporaryFilesOfKilledSavesAreCleared() throws Exception {
        Path file = dir.resolve(LibraryStore.FILE);
        Path old = Files.writeString(dir.resolve("." + LibraryStore.FILE + ".4711.tmp"), "x".repeat(1000));
        Path fresh = Files.writeString(dir.resolve("." + LibraryStore.FILE + ".4712.tmp"), "y");
        Path other = Files.writeString(dir.resolve(".other.json.4713.tmp"), "z");
        java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(old, hourAgo);
        Files.setLastModifiedTime(other, hourAgo);
        LibraryStore.defaults().save(file);
        assertTrue(!Files.exists(old), "the killed save's file is gone");
        assertTrue(Files.exists(fresh), "a save that may be in progress is left alone");
        assertTrue(Files.exists(other), "another file's temporary files are not ours");
        assertNull(LibraryStore.load(file).problem());
    }

    /** An order this Segue does not know is a problem naming it, not read as in order. */
    @Test
    void anUnknownOrderIsAProblemNotInOrder() throws Exception {
        Path file = dir.resolve(LibraryStore.FILE);
        LibraryStore.defaults().withSoundtrack(new Soundtrack("mine", List.of("/a.ogg"), Soundtrack.Order.SHUFFLE, true)).save(file);
        Files.writeString(file, Files.readString(file).replace("\"SHUFFLE\"", "\"BACKWARDS\""));
        LibraryStore.Loaded l = LibraryStore.load(file);
        assertTrue(l.problem() != null && l.problem().contains("'BACKWARDS' at $.soundtracks[0].order is not one of [IN_ORDER, SHUFFLE]"),
                String.valueOf(l.problem()));
        assertTrue(Files.exists(l.backup()), "the player's file is kept aside, not lost");
    }

    /** A null written into the store by hand is named by its place, not as a NullPointerException. */
    @Test
    void aNullInTheStoreIsNamedByItsPlace() throws Exception {
        Path file = dir.resolve(LibraryStore.FILE);
        LibraryStore.defaults().withSoundtrack(new Soundtrack("mine", List.of("/a.ogg", "/b.ogg"), Soundtrack.Order.SHUFFLE, true))
                .save(file);
        Files.writeString(file, Files.readString(file).replace("\"/b.ogg\"", "null"));
        LibraryStore.Loaded l = LibraryStore.load(file);
        assertTrue(l.problem() != null && l.problem().contains("the value at $.soundtracks[0].songs[1] is null"),
                String.valueOf(l.problem()));
        assertTrue(!l.problem().contains("NullPointerException"), l.problem());
        assertTrue(Files.exists(l.backup()), "the player's file is kept aside, not lost");
    }

    /** A version that is not a whole number is not read as the one below it. */
    @Test
    void aFractionalVersionIsAProblem() throws Exception {
        Path file = dir.resolve(LibraryStore.FILE);
        Files.writeString(file, "{\"version\": 1.9, \"folders\": [], \"soundtracks\": []}");
        LibraryStore.Loaded l = LibraryStore.load(file);
        assertTrue(l.problem() != null && l.problem().contains("its version 1.9 is not a whole number"), String.valueOf(l.problem()));
    }

    @Test
    void bytesThatAreNotUtf8AreReported() throws Exception {
        Path file = dir.resolve(LibraryStore.FILE);
        Files.write(file, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        LibraryStore.Loaded l = LibraryStore.load(file);
        assertTrue(l.problem().contains("not UTF-8"), l.problem());
        assertTrue(Files.exists(l.backup()));
    }

    @Test
    void writesAtomicallyLeavingNoTemporaryFiles() throws Exception {
        Path file = dir.resolve(LibraryStore.FILE);
        for (int i = 0; i < 20; i++) {
            sample().withCrossfadeSeconds(i).save(file);
            assertEquals(i, LibraryStore.load(file).store().crossfadeSeconds());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file), s.collect(Collectors.toList()), "only the store itself remains");
        }
        // a reader racing a writer only ever sees a whole store
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    sample().withCrossfadeSeconds(i % 30).save(file);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        writer.start();
        while (writer.isAlive()) {
            LibraryStore.Loaded l = LibraryStore.load(file);
            assertNull(l.problem(), "a reader saw a partial file");
        }
        writer.join();
    }

    @Test
    void assignmentsResolvePerContext() {
        LibraryStore s = sample();
        assertEquals(Optional.of("Road trip ♫"), s.soundtrackFor("village").map(Soundtrack::name), "through its group");
        assertEquals(Optional.of("Metal"), s.soundtrackFor("combat").map(Soundtrack::name), "by its own name");
        assertEquals(Optional.empty(), s.soundtrackFor("menu"), "unassigned: the score");

        LibraryStore over = s.withAssignments(s.assignments().withOverride("Metal"));
        assertEquals(Optional.of("Metal"), over.soundtrackFor("village").map(Soundtrack::name));
        assertEquals(Optional.of("Metal"), over.soundtrackFor("menu").map(Soundtrack::name));
        assertEquals(Optional.empty(), over.soundtrackFor("intro_movie"), "cutscenes keep the score");
        assertEquals(Optional.empty(), over.soundtrackFor("cutscene"));
        LibraryStore all = over.withAssignments(over.assignments().withKeepScoreForCutscenes(false));
        assertEquals(Optional.of("Metal"), all.soundtrackFor("intro_movie").map(Soundtrack::name));

        LibraryStore gone = s.withoutSoundtrack("Metal");
        assertEquals(Optional.empty(), gone.soundtrackFor("combat"), "a deleted soundtrack falls back to the score");
        assertEquals(1, gone.problems().size(), gone.problems().toString());
        LibraryStore dangling = gone.withAssignments(gone.assignments().withOverride("Metal"));
        assertEquals(Optional.of("Road trip ♫"), dangling.soundtrackFor("explore").map(Soundtrack::name),
                "a dangling override is ignored");
    }

    @Test
    void shuffleNeverRepeatsASongBeforeAllHavePlayed() {
        List<String> songs = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            songs.add("/m/" + i + ".ogg");
        }
        Soundtrack t = new Soundtrack("All", songs, Soundtrack.Order.SHUFFLE, true);
        Playlist p = new Playlist(t, 42);
        List<String> played = new ArrayList<>();
        for (int round = 0; round < 30; round++) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < songs.size(); i++) {
                String s = p.next().orElseThrow();
                assertTrue(seen.add(s), "round " + round + " repeated " + s);
                if (!played.isEmpty()) {
                    assertNotEquals(played.get(played.size() - 1), s, "the same song twice in a row");
                }
                played.add(s);
            }
            assertEquals(new HashSet<>(songs), seen);
        }
        assertNotEquals(songs, played.subList(0, songs.size()), "shuffled");
        Playlist again = new Playlist(t, 42);
        for (int i = 0; i < 40; i++) {
            assertEquals(played.get(i), again.next().orElseThrow(), "the same seed, the same order");
        }
        assertNotEquals(played.subList(0, 17), take(new Playlist(t, 43), 17), "another seed, another order");
    }

    @Test
    void inOrderAndWithoutRepeatEnds() {
        Soundtrack t = new Soundtrack("A", List.of("1", "2", "3"), Soundtrack.Order.IN_ORDER, false);
        Playlist p = new Playlist(t, 0);
        assertEquals(List.of("1", "2", "3"), take(p, 3));
        assertEquals(Optional.empty(), p.next());
        assertEquals(List.of("1", "2", "3", "1", "2"), take(new Playlist(t.withRepeat(true), 0), 5));
        assertEquals(Optional.empty(), new Playlist(t.withSongs(List.of()).withRepeat(true), 0).next());
        assertThrows(IllegalArgumentException.class, () -> new Soundtrack(" ", List.of(), null, false));
    }

    @Test
    void fromAlbumKeepsTrackOrder() {
        Song a = new Song("/m/2.ogg", Song.Format.OGG_VORBIS, 1, 1, "B", "X", "Al", 2, 10, 44100, 2, false);
        Song b = new Song("/m/1.ogg", Song.Format.OGG_VORBIS, 1, 1, "A", "X", "Al", 1, 10, 44100, 2, false);
        assertEquals(List.of("/m/2.ogg", "/m/1.ogg"), Soundtrack.fromAlbum("Al", List.of(a, b)).songs());
    }

    @Test
    void configAndMusicFoldersFollowThePlatform() throws Exception {
        String home = "/home/p";
        assertEquals(Path.of("/x/segue"), LibraryPaths.configDir(Map.of("XDG_CONFIG_HOME", "/x"), "Linux", home, null));
        assertEquals(Path.of(home, ".config", "segue"), LibraryPaths.configDir(Map.of(), "Linux", home, null));
        assertEquals(Path.of("C:/Users/p/AppData/Roaming", "Segue"),
                LibraryPaths.configDir(Map.of("APPDATA", "C:/Users/p/AppData/Roaming"), "Windows 11", home, null));
        assertEquals(Path.of(home, "Library", "Application Support", "Segue"),
                LibraryPaths.configDir(Map.of(), "Mac OS X", home, null));
        assertEquals(Path.of("/tmp/t"), LibraryPaths.configDir(Map.of("SEGUE_CONFIG_DIR", "/tmp/t"), "Linux", home, null));
        assertEquals(Path.of("/tmp/p"), LibraryPaths.configDir(Map.of("SEGUE_CONFIG_DIR", "/tmp/t"), "Linux", home, "/tmp/p"));

        Path cfg = dir.resolve("xdg");
        Files.createDirectories(cfg);
        Files.writeString(cfg.resolve("user-dirs.dirs"), "# written by xdg-user-dirs-update\nXDG_MUSIC_DIR=\"$HOME/Mûsik\"\n");
        assertEquals(Path.of(home, "Mûsik"), LibraryPaths.musicDir(Map.of("XDG_CONFIG_HOME", cfg.toString()), "Linux", home));
        assertEquals(Path.of("/srv/music"), LibraryPaths.musicDir(Map.of("XDG_MUSIC_DIR", "/srv/music"), "Linux", home));
        assertEquals(Path.of(home, "Music"), LibraryPaths.musicDir(Map.of(), "Windows 10", home));
        assertEquals(Path.of(home, "Music"), LibraryPaths.musicDir(Map.of("XDG_CONFIG_HOME", "/nowhere"), "Linux", home));
    }

    private static List<String> take(Playlist p, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(p.next().orElseThrow());
        }
        return out;
    }
}
