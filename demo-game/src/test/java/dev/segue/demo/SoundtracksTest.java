package dev.segue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segue.Segue;
import dev.segue.SegueEvent;
import dev.segue.library.Assignments;
import dev.segue.library.LibraryStore;
import dev.segue.library.ScanReport;
import dev.segue.library.Song;
import dev.segue.library.Soundtrack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custom-soundtrack screen's model on real files: a folder of songs made by sox, oggenc, lame and
 * flac (and one broken file) is scanned, an album becomes a soundtrack, contexts are assigned, and a
 * restart (a new model over the same config folder) finds every choice again; a damaged store is kept
 * aside and reported.
 */
class SoundtracksTest {
    @TempDir
    Path tmp;

    /** Makes the player's music folder: two albums in three formats, a broken file, a text file. */
    static Path musicFolder(Path root) throws Exception {
        for (String tool : List.of("sox", "oggenc", "lame", "flac")) {
            assumeTrue(WindowTest.onPath(tool), tool + " is not installed (.ci/run installs it)");
        }
        Path music = Files.createDirectories(root.resolve("My Music"));
        Path a = Files.createDirectories(music.resolve("Test Artist/First Album"));
        Path b = Files.createDirectories(music.resolve("Other Band/Second"));
        run(root, "sox", "-n", "-r", "44100", "-c", "2", "-b", "16", "-e", "signed-integer", "tone1.wav", "synth", "3",
                "sine", "440", "gain", "-12");
        run(root, "sox", "-n", "-r", "44100", "-c", "2", "-b", "16", "-e", "signed-integer", "tone2.wav", "synth", "2",
                "sine", "330", "gain", "-12");
        run(root, "oggenc", "-Q", "-q", "2", "-t", "Opening", "-a", "Test Artist", "-l", "First Album", "-N", "1",
                "-o", a.resolve("01 opening.ogg").toString(), "tone1.wav");
        run(root, "lame", "--quiet", "-b", "96", "--tt", "Second Song", "--ta", "Test Artist", "--tl", "First Album",
                "--tn", "2", "tone2.wav", a.resolve("02 second.mp3").toString());
        run(root, "flac", "--silent", "-f", "-T", "TITLE=Ballad", "-T", "ARTIST=Other Band", "-T", "ALBUM=Second",
                "-T", "TRACKNUMBER=1", "-o", b.resolve("ballad.flac").toString(), "tone1.wav");
        Files.write(b.resolve("broken.ogg"), "OggS this is not really vorbis".getBytes());
        Files.writeString(music.resolve("notes.txt"), "not music");
        return music;
    }

    static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), () -> String.join(" ", cmd) + ": " + out);
    }

    static ScanReport scan(Soundtracks s) throws InterruptedException {
        s.scan();
        s.update(); // a warm rescan may be done already: its report is picked up on the game thread
        assertTrue(s.scanning() || s.report() != null, s.message());
        for (int i = 0; i < 1200 && s.report() == null; i++) {
            Thread.sleep(50);
            s.update();
        }
        assertNotNull(s.report(), "the scan finished within a minute: " + s.message());
        return s.report();
    }

    @Test
    void scanMakeAssignAndARestartKeepsEveryChoice() throws Exception {
        Path music = musicFolder(tmp);
        Path config = tmp.resolve("config");
        ScoreMap map = ScoreMap.find();
        Soundtracks s = Soundtracks.open(config, map);
        assertNull(s.notice(), "a first start has nothing to report");

        assertFalse(s.addFolder(tmp.resolve("no such folder").toString()));
        assertTrue(s.message().startsWith("no such folder: "), s.message());
        assertTrue(s.addFolder(music.toString()), s.message());
        assertTrue(s.store().folders().contains(music.toAbsolutePath().normalize().toString()));

        ScanReport r = scan(s);
        assertFalse(r.cancelled());
        assertEquals(3, r.songs().size(), () -> "songs: " + r.songs() + " skipped: " + r.skipped());
        assertTrue(r.skipped().stream().anyMatch(k -> k.path().endsWith("broken.ogg") && !k.reason().isBlank()),
                () -> "the broken file is skipped with a reason: " + r.skipped());
        assertTrue(s.message().startsWith("scan done: 3 songs"), s.message());

        Map<String, List<Song>> albums = s.albums();
        List<Song> first = albums.get("Test Artist — First Album");
        assertNotNull(first, "albums: " + albums.keySet());
        assertEquals(List.of("Opening", "Second Song"), first.stream().map(Song::title).toList(), "track order");

        String name = s.fromAlbum("Test Artist — First Album");
        assertEquals("Test Artist — First Album", name);
        String other = s.fromAlbum("Other Band — Second");
        assertEquals("Test Artist — First Album (2)", s.fromAlbum("Test Artist — First Album"), "names stay unique");
        s.delete("Test Artist — First Album (2)");
        s.toggleShuffle(name);
        s.assign("combat", name);
        s.cycle("boss"); // the score → the first soundtrack
        s.cycle("boss"); // → the second
        s.assign("cutscene", other);
        s.cycleCrossfade();
        assertEquals(name, s.playsIn(map.state(ScoreMap.Mood.COMBAT)));
        assertEquals(other, s.playsIn(map.state(ScoreMap.Mood.BOSS)));
        assertNull(s.playsIn(map.state(ScoreMap.Mood.EXPLORE)), "unassigned: the score");
        assertNull(s.playsIn(map.state(ScoreMap.Mood.CUTSCENE)), "cutscenes keep the score by default");
        s.toggleKeepScoreForCutscenes();
        assertEquals(other, s.playsIn(map.state(ScoreMap.Mood.CUTSCENE)));
        s.override(other);
        assertEquals(other, s.playsIn(map.state(ScoreMap.Mood.EXPLORE)), "the override plays everywhere");
        LibraryStore before = s.store();

        Soundtracks again = Soundtracks.open(config, map);
        assertNull(again.notice());
        assertEquals(before, again.store(), "a restart finds the same choices");
        assertEquals(Soundtrack.Order.SHUFFLE, again.store().soundtrack(name).orElseThrow().order());
        assertEquals(2.0, again.store().crossfadeSeconds());
        assertEquals(3, again.library().songs().size(), "the index remembers the songs without a new scan");
        assertEquals(other, again.playsIn(map.state(ScoreMap.Mood.EXPLORE)));

        ScanReport warm = scan(again);
        assertTrue(warm.reused() >= 3 && warm.added() == 0, () -> "a rescan reuses the unchanged files: " + warm);
    }

    @Test
    void aDamagedStoreIsKeptAsideAndReported() throws Exception {
        Path config = Files.createDirectories(tmp.resolve("config"));
        Path store = config.resolve(LibraryStore.FILE);
        String broken = "{\"version\": 1, \"folders\": [\"/music\"], \"soundtracks\": [ {\"name\": ";
        Files.writeString(store, broken);
        Soundtracks s = Soundtracks.open(config, ScoreMap.find());
        assertNotNull(s.notice(), "the damage is reported");
        assertTrue(s.notice().contains(LibraryStore.FILE), s.notice());
        List<Path> backups = new ArrayList<>();
        try (Stream<Path> files = Files.list(config)) {
            files.filter(f -> f.getFileName().toString().startsWith(LibraryStore.FILE + ".broken")).forEach(backups::add);
        }
        assertEquals(1, backups.size(), "kept aside once");
        assertEquals(broken, Files.readString(backups.get(0)), "the player's file is not lost");
        assertTrue(s.notice().contains(backups.get(0).getFileName().toString()), "the notice says where: " + s.notice());
        assertTrue(s.store().soundtracks().isEmpty(), "defaults in its place");
        s.cycleCrossfade();
        assertEquals(2.0, Soundtracks.open(config, ScoreMap.find()).store().crossfadeSeconds(),
                "the defaults are saved over it on the next change");
    }

    @Test
    void aPathTypedIntoTheScreensFieldAddsTheFolder() throws Exception {
        Path music = Files.createDirectories(tmp.resolve("Música con espacios"));
        Soundtracks model = Soundtracks.open(tmp.resolve("config"), ScoreMap.find());
        SoundtracksScene screen = new SoundtracksScene(null, null, model, new SoundtrackPlayback(model, () -> { }));
        assertFalse(screen.type('x'), "keys go to the field only once it is clicked");
        screen.typing = true;
        for (char c : (music + "/nope").toCharArray()) {
            assertTrue(screen.type(c));
        }
        for (int i = 0; i < "/nope".length(); i++) {
            screen.type('\b');
        }
        screen.type('\r');
        assertTrue(model.store().folders().contains(music.toAbsolutePath().normalize().toString()), model.message());
        assertFalse(model.store().folders().stream().anyMatch(f -> f.endsWith("nope")), "Backspace took it off");
        assertEquals(model.store(), Soundtracks.open(tmp.resolve("config"), ScoreMap.find()).store(), "saved");
    }

    @Test
    void theAssignedSoundtrackPlaysThroughTheScoresSegueAndItsChoicesFollow() throws Exception {
        Path music = musicFolder(tmp);
        ScoreMap map = ScoreMap.find();
        Soundtracks model = Soundtracks.open(tmp.resolve("config"), map);
        assertTrue(model.addFolder(music.toString()), model.message());
        scan(model);
        String album = model.fromAlbum("Test Artist — First Album");
        Path sheet = TestFiles.classpathSheet(map.resource, tmp.resolve("cache"));
        int[] restated = {0};
        SoundtrackPlayback p = new SoundtrackPlayback(model, () -> restated[0]++);
        try (Segue segue = Segue.builder().cueSheet(sheet).offline().streamVoices(SegueDemo.STREAM_VOICES)
                .build()) {
            List<SegueEvent> events = new ArrayList<>();
            segue.addListener(events::add);
            p.attach(segue);
            assertTrue(p.available(), () -> "the score's Segue takes songs: " + p.why());
            assertFalse(p.analysing(), "nothing is assigned yet: nothing to analyse");
            segue.setState(map.state(ScoreMap.Mood.EXPLORE));
            float[] buf = new float[2 * 4800];
            render(segue, buf, 2);
            assertNull(p.nowPlaying(), "the score plays where nothing is assigned");

            model.assign(Assignments.EXPLORATION, album);
            p.storeChanged(model.store());
            assertEquals(1, restated[0], "songs attached mid-state ask for the state again");
            segue.setState(map.state(ScoreMap.Mood.EXPLORE)); // what the game's restate does
            assertTrue(p.analysing(), "the assigned songs are analysed in the background");
            for (int i = 0; i < 600 && p.analysisNote() == null; i++) { // the analysis runs on its own thread
                Thread.sleep(20);
                p.update();
            }
            assertTrue(p.analysisNote() != null && p.analysisNote().startsWith("analysed 2 songs"), p.analysisNote());
            assertTrue(p.unanalysed(model.store()).isEmpty(), "kept in the index: a restart analyses nothing");
            double in = renderUntil(segue, buf, 10, () -> p.nowPlaying() != null);
            assertEquals("Opening — Test Artist", p.nowPlaying(), "the album's first song plays in exploration");
            assertTrue(in < 10, "it took over within " + in + " s");
            segue.update(); // the SONG_STARTED the song's start caused
            assertTrue(events.stream().anyMatch(e -> e.type() == SegueEvent.Type.SONG_STARTED
                    && e.message().equals("Opening — Test Artist")), () -> "a SONG_STARTED event: " + events);

            String skipped = p.skip();
            assertTrue(skipped.startsWith("skipping Opening"), skipped);
            double took = renderUntil(segue, buf, 5, () -> !"Opening — Test Artist".equals(p.nowPlaying()));
            assertEquals("Second Song — Test Artist", p.nowPlaying(), "skip moved on to the second song");
            assertTrue(took < 3.1, "a skip lands within a bar and a beat of the score's 100 bpm: " + took + " s");

            model.assign(Assignments.EXPLORATION, null);
            p.storeChanged(model.store());
            segue.setState(map.state(ScoreMap.Mood.COMBAT));
            render(segue, buf, 20);
            assertNull(p.nowPlaying(), "unassigned again: the score takes over at the next change");
            assertTrue(events.stream().noneMatch(e -> e.type() == SegueEvent.Type.ERROR), () -> "no errors: " + events);
        } finally {
            p.close();
        }
    }

    /** Renders 0.1 s blocks until {@code done} holds (at most {@code seconds}); returns the seconds rendered. */
    private static double renderUntil(Segue segue, float[] buf, double seconds, java.util.function.BooleanSupplier done) {
        int i = 0;
        for (; i < seconds * 10 && !done.getAsBoolean(); i++) {
            segue.render(buf, buf.length / 2);
            segue.update();
        }
        return i / 10.0;
    }

    /** Renders {@code seconds} of music in 0.1 s blocks, delivering events after each, as a game frame would. */
    private static void render(Segue segue, float[] buf, double seconds) {
        renderUntil(segue, buf, seconds, () -> false);
    }

    @Test
    void withNoMusicThePlaybackSaysWhyInsteadOfFakingIt() {
        Soundtracks model = Soundtracks.open(tmp.resolve("config"), ScoreMap.find());
        SoundtrackPlayback p = new SoundtrackPlayback(model, () -> { });
        p.attach(null);
        assertFalse(p.available());
        assertTrue(p.why().contains("did not load"), p.why());
        assertNull(p.nowPlaying(), "nothing of the player's plays");
        assertTrue(p.skip().contains("nothing to skip"));
        assertTrue(SoundtracksScene.wrap(p.why(), 52).stream().allMatch(l -> l.length() <= 52));
    }
}
