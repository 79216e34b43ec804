package dev.segue.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scanning a library of real files made by oggenc, lame and flac, with tags their own flags wrote,
 * under Unicode folder names with spaces, beside non-audio files, broken audio and a link loop.
 */
class ScanTest {
    static final int RATE = 44_100;

    @TempDir
    Path tmp;
    Path music;
    Path index;

    @BeforeEach
    void library() throws Exception {
        for (String tool : List.of("oggenc", "lame", "flac")) {
            assumeTrue(Fixtures.onPath(tool), tool + " is not installed");
        }
        music = tmp.resolve("Mûsic Library");
        index = tmp.resolve("config").resolve(MusicLibrary.INDEX_FILE);
        Path album = music.resolve("Sigur Rós — Ágætis byrjun");
        Path wav = Fixtures.wav16(tmp.resolve("src.wav"), RATE, 1, Fixtures.clicks(RATE, 3, 120, 0.1));
        Fixtures.encode(wav, album.resolve("01 Svefn-g-englar.ogg"),
                List.of("-t", "Svefn-g-englar", "-a", "Sigur Rós", "-l", "Ágætis byrjun", "-N", "1"));
        Fixtures.encode(wav, album.resolve("02 Starálfur.mp3"),
                List.of("--tt", "Starálfur", "--ta", "Sigur Rós", "--tl", "Ágætis byrjun", "--tn", "2", "--id3v2-only"));
        Fixtures.encode(wav, album.resolve("03 Flugufrelsarinn.flac"),
                List.of("-T", "TITLE=Flugufrelsarinn", "-T", "ARTIST=Sigur Rós", "-T", "ALBUM=Ágætis byrjun",
                        "-T", "TRACKNUMBER=3/10"));
        Fixtures.wav16(music.resolve("loose files/untagged take 7.wav"), RATE, 1, Fixtures.clicks(RATE, 2, 90, 0));
        Files.writeString(music.resolve("loose files/notes.txt"), "setlist: 1, 2, 3\n");
        // a file named like audio that is text, a truncated Ogg, and a FLAC header with nothing after it
        Files.writeString(music.resolve("loose files/fake.mp3"), "not really an mp3 at all, just text\n");
        byte[] ogg = Files.readAllBytes(album.resolve("01 Svefn-g-englar.ogg"));
        Files.write(music.resolve("loose files/broken.ogg"), java.util.Arrays.copyOf(ogg, 60));
        Files.write(music.resolve("loose files/broken.flac"), new byte[] {'f', 'L', 'a', 'C', 0, 0, 0, 5, 1, 2});
        // a link back to the library's root: following it would never end
        Files.createSymbolicLink(music.resolve("loose files/back to the top"), music);
    }

    private static ScanReport scan(MusicLibrary lib, Path root) throws Exception {
        return lib.scan(List.of(root), 2, null).await();
    }

    private static Map<String, Song> byTitle(ScanReport r) {
        return r.songs().stream().collect(Collectors.toMap(Song::title, Function.identity()));
    }

    /**
     * A folder full of damaged files (bit flips, zeroed and 0xFF runs, cuts, of every format): the scan
     * finishes, every file is a song or named with a plain reason, and nothing throws.
     */
    @Test
    void aFolderOfMutatedFilesIsScannedToTheEndNamingEachBadFile() throws Exception {
        Path album = music.resolve("Sigur Rós — Ágætis byrjun");
        Path bad = tmp.resolve("mutants");
        Files.createDirectories(bad);
        java.util.Random rnd = new java.util.Random(16);
        int made = 0;
        try (var files = Files.list(album)) {
            for (Path f : files.toList()) {
                byte[] base = Files.readAllBytes(f);
                String ext = f.getFileName().toString().substring(f.getFileName().toString().lastIndexOf('.'));
                for (int m = 0; m < 40; m++) {
                    byte[] b = base.clone();
                    int at = rnd.nextInt(Math.min(b.length, 8192));
                    switch (m % 4) {
                        case 0 -> {
                            for (int k = 0; k < 1 + rnd.nextInt(16); k++) {
                                b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                            }
                        }
                        case 1 -> java.util.Arrays.fill(b, at, Math.min(b.length, at + 1 + rnd.nextInt(64)), (byte) 0xFF);
                        case 2 -> java.util.Arrays.fill(b, at, Math.min(b.length, at + 1 + rnd.nextInt(64)), (byte) 0);
                        default -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
                    }
                    Files.write(bad.resolve("mutant " + m + ext), b);
                    made++;
                }
            }
        }
        ScanReport r = scan(MusicLibrary.open(index), bad);
        assertEquals(made, r.songs().size() + r.skipped().size(), "every file is accounted for");
        for (Skipped s : r.skipped()) {
            assertTrue(s.path().startsWith(bad.toString()) && !s.reason().isEmpty()
                    && !s.reason().contains("Exception") && !s.reason().contains("\tat "), s.path() + ": " + s.reason());
        }
        assertTrue(r.skipped().size() > 10 && r.songs().size() > 10, r.songs().size() + " songs, " + r.skipped().size() + " skipped");
    }

    /**
     * Each of the four formats, encoded whole and then cut at 70 %: the cut copies are songs (they
     * play up to the cut) marked truncated, the whole ones are not, and the index keeps the mark.
     */
    @Test
    void truncatedFilesPlayAndAreReportedAsTruncated() throws Exception {
        Path album = music.resolve("Sigur Rós — Ágætis byrjun");
        Path cut = tmp.resolve("cut");
        Files.createDirectories(cut);
        Fixtures.wav16(album.resolve("04 Ný batterí.wav"), RATE, 1, Fixtures.clicks(RATE, 3, 120, 0.1));
        try (var files = Files.list(album)) {
            for (Path f : files.toList()) {
                byte[] b = Files.readAllBytes(f);
                Files.write(cut.resolve("cut " + f.getFileName()), java.util.Arrays.copyOf(b, b.length * 7 / 10));
            }
        }
        MusicLibrary lib = MusicLibrary.open(index);
        for (int pass = 0; pass < 2; pass++) { // the second pass reads the index
            ScanReport r = lib.scan(List.of(album, cut), 2, null).await();
            assertEquals(8, r.songs().size(), () -> "a cut file is still a song; skipped: " + r.skipped());
            for (Song s : r.songs()) {
                boolean isCut = s.path().startsWith(cut.toString());
                assertEquals(isCut, s.truncated(), s.path() + (isCut ? " was cut at 70 %" : " is whole"));
                if (isCut) {
                    assertTrue(s.seconds() > 1.5 && s.seconds() < 2.5, s.path() + " plays " + s.seconds() + " s of 3");
                }
            }
            assertEquals(pass == 0 ? 0 : 8, r.reused());
        }
    }

    @Test
    void readsFormatsTagsAndExactLengths() throws Exception {
        MusicLibrary lib = MusicLibrary.open(index);
        ScanReport r = scan(lib, music);
        Map<String, Song> songs = byTitle(r);
        assertEquals(4, songs.size(), "songs: " + songs.keySet() + "\nskipped: " + r.skipped());

        Song ogg = songs.get("Svefn-g-englar");
        assertEquals(Song.Format.OGG_VORBIS, ogg.format());
        assertEquals("Sigur Rós", ogg.artist());
        assertEquals("Ágætis byrjun", ogg.album());
        assertEquals(1, ogg.track());
        assertEquals(3 * RATE, ogg.frames(), "Ogg length exact from the granule position");

        Song mp3 = songs.get("Starálfur");
        assertEquals(Song.Format.MP3, mp3.format());
        assertEquals("Sigur Rós", mp3.artist());
        assertEquals(2, mp3.track());
        assertEquals(3 * RATE, mp3.frames(), "MP3 length exact from the LAME tag");

        Song flac = songs.get("Flugufrelsarinn");
        assertEquals(Song.Format.FLAC, flac.format());
        assertEquals("Ágætis byrjun", flac.album());
        assertEquals(3, flac.track(), "\"3/10\" is track 3");
        assertEquals(3 * RATE, flac.frames());

        Song wav = songs.get("untagged take 7");
        assertNotNull(wav, "an untagged file is titled by its name");
        assertEquals(Song.Format.WAV, wav.format());
        assertEquals("", wav.artist());
        assertEquals(2 * RATE, wav.frames());
        assertTrue(Files.exists(Path.of(ogg.path())), "the path survives Unicode and spaces: " + ogg.path());

        Map<String, List<Song>> albums = lib.albums();
        List<Song> album = albums.get("Sigur Rós — Ágætis byrjun");
        assertEquals(List.of(1, 2, 3), album.stream().map(Song::track).collect(Collectors.toList()), "track order");
    }

    @Test
    void skipsWhatIsNotPlayableWithAReasonEach() throws Exception {
        ScanReport r = scan(MusicLibrary.open(index), music);
        Map<String, String> why = new java.util.HashMap<>();
        for (Skipped s : r.skipped()) {
            why.put(Path.of(s.path()).getFileName().toString(), s.reason());
        }
        assertTrue(why.get("notes.txt").startsWith("not audio"), why.toString());
        assertTrue(why.get("fake.mp3").startsWith("not audio"), "judged by content, not name: " + why);
        assertTrue(why.get("broken.ogg").startsWith("broken Ogg Vorbis: "), why.toString());
        assertTrue(why.get("broken.flac").startsWith("broken FLAC: "), why.toString());
        assertTrue(why.get("back to the top").contains("link loop") || why.get("back to the top").contains("same folder"),
                why.toString());
        assertEquals(5, r.skipped().size(), r.skipped().toString());
        assertEquals(4, r.songs().size());
    }

    @Test
    void anUnreadableFolderIsSkippedWithItsReason() throws Exception {
        Path locked = music.resolve("locked");
        Fixtures.wav16(locked.resolve("secret.wav"), RATE, 1, new float[RATE]);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "running as root: a mode-000 folder is still readable, "
                    + "so there is no unreadable folder to test (covered when the tests run as a normal user)");
            ScanReport r = scan(MusicLibrary.open(index), music);
            assertTrue(r.skipped().stream().anyMatch(s -> s.path().equals(locked.toString())
                    && s.reason().contains("permission denied")), r.skipped().toString());
            assertEquals(4, r.songs().size());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void rescansOnlyWhatChangedAndSeesAddedChangedAndRemovedFiles() throws Exception {
        MusicLibrary first = MusicLibrary.open(index);
        ScanReport cold = scan(first, music);
        assertEquals(4, cold.added());
        assertTrue(Files.exists(index));

        // a new process: the index on disk is all it knows
        MusicLibrary lib = MusicLibrary.open(index);
        assertEquals(List.of(), lib.problems());
        assertEquals(4, lib.songs().size(), "the index remembers the songs");
        ScanReport warm = scan(lib, music);
        assertEquals(0, warm.added() + warm.changed() + warm.removed());
        assertEquals(8, warm.reused(), "every file (4 songs, 4 skipped) reused without opening it");
        assertEquals(cold.songs(), warm.songs());
        assertEquals(cold.skipped().size(), warm.skipped().size());

        Path loose = music.resolve("loose files");
        Fixtures.wav16(loose.resolve("new song.wav"), RATE, 2, new float[RATE * 2]);
        Fixtures.wav16(loose.resolve("untagged take 7.wav"), RATE, 1, Fixtures.clicks(RATE, 5, 90, 0));
        Files.delete(music.resolve("Sigur Rós — Ágætis byrjun/02 Starálfur.mp3"));
        ScanReport after = scan(lib, music);
        assertEquals(1, after.added(), "new song.wav");
        assertEquals(1, after.changed(), "untagged take 7.wav");
        assertEquals(1, after.removed(), "Starálfur");
        Map<String, Song> songs = byTitle(after);
        assertEquals(5L * RATE, songs.get("untagged take 7").frames(), "the changed file was read again");
        assertFalse(songs.containsKey("Starálfur"));
        assertEquals(songs.keySet(), byTitle(new ScanReport(MusicLibrary.open(index).songs(), List.of(), 0, 0, 0, 0,
                false, 0)).keySet(), "the index on disk holds the new state");
    }

    @Test
    void foldersScannedApartStayUntilRemoved() throws Exception {
        Path other = tmp.resolve("other folder");
        Fixtures.wav16(other.resolve("elsewhere.wav"), RATE, 1, new float[RATE]);
        MusicLibrary lib = MusicLibrary.open(index);
        scan(lib, music);
        scan(lib, other);
        assertEquals(5, lib.songs().size(), "scanning one folder keeps the other's songs");
        assertEquals(4, lib.removeFolder(music));
        assertEquals(List.of("elsewhere"), MusicLibrary.open(index).songs().stream().map(Song::title)
                .collect(Collectors.toList()));
    }

    @Test
    void reportsProgressAndCanBeCancelled() throws Exception {
        Path many = tmp.resolve("many");
        Path one = Fixtures.wav16(many.resolve("song 0.wav"), RATE, 1, new float[RATE / 10]);
        for (int i = 1; i < 200; i++) {
            Files.copy(one, many.resolve("song " + i + ".wav"));
        }
        List<Progress> seen = new CopyOnWriteArrayList<>();
        ScanReport all = MusicLibrary.open(tmp.resolve("a.json")).scan(List.of(many), 1, seen::add).await();
        assertEquals(200, all.songs().size());
        Progress last = seen.get(seen.size() - 1);
        assertEquals("done", last.phase());
        assertEquals(200, last.done());
        assertEquals(200, last.total());
        assertTrue(seen.stream().anyMatch(p -> p.phase().equals("reading") && p.perSecond() > 0 && p.etaSeconds() >= 0),
                "reading reports a rate and an ETA");

        List<LibraryTask<ScanReport>> holder = new ArrayList<>();
        MusicLibrary lib = MusicLibrary.open(tmp.resolve("b.json"));
        Object lock = new Object();
        LibraryTask<ScanReport> task;
        synchronized (lock) {
            task = lib.scan(List.of(many), 1, p -> {
                if (p.phase().equals("reading") && p.done() >= 10) {
                    synchronized (lock) {
                        holder.get(0).cancel();
                    }
                }
            });
            holder.add(task);
        }
        ScanReport cut = task.await();
        assertTrue(cut.cancelled());
        assertTrue(cut.songs().size() < 200 && cut.songs().size() >= 10, "stopped early: " + cut.songs().size());
        ScanReport resumed = lib.scan(List.of(many), 1, null).await();
        assertEquals(200, resumed.songs().size());
        assertEquals(cut.songs().size(), resumed.reused(), "what the cancelled scan read is kept");
    }

    @Test
    void aDamagedIndexIsKeptAsideAndRebuilt() throws Exception {
        Files.createDirectories(index.getParent());
        Files.writeString(index, "{\"version\": 1, \"entries\": [ {\"path\": ");
        MusicLibrary lib = MusicLibrary.open(index);
        assertEquals(1, lib.problems().size());
        String p = lib.problems().get(0);
        assertTrue(p.contains(index.toString()) && p.contains("not valid JSON") && p.contains("kept as"), p);
        try (var s = Files.list(index.getParent())) {
            assertTrue(s.anyMatch(f -> f.getFileName().toString().startsWith(MusicLibrary.INDEX_FILE + ".broken-")));
        }
        assertEquals(4, scan(lib, music).songs().size());
        assertEquals(List.of(), MusicLibrary.open(index).problems());
    }
}
