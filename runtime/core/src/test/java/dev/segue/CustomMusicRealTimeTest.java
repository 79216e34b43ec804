package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segue.engine.SongPlayback;
import dev.segue.library.Assignments;
import dev.segue.library.BeatGrid;
import dev.segue.library.Fixtures;
import dev.segue.library.LibraryStore;
import dev.segue.library.MusicLibrary;
import dev.segue.library.Song;
import dev.segue.library.SongAnalysis;
import dev.segue.library.Soundtrack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom soundtracks on a real-time Segue (the silent output, so its own audio thread plays): the
 * derived sheets after the first are written and loaded on the Segue's {@code segue-songs} worker, not
 * on the game thread, the songs still start with their events delivered through {@code update()}, a newer sheet
 * supersedes one still loading, and {@code close()} stops the worker. Real Ogg files from oggenc.
 */
class CustomMusicRealTimeTest {
    @TempDir
    Path dir;

    private static final int RATE = 48_000;
    /** Bounds the waits for the audio thread (a hung test fails instead of hanging); no timing is asserted. */
    private static final long PATIENCE_MS = 30_000;

    private static final String SHEET = """
            {"cues": {"explore": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "tone", "file": "explore.wav"}]}},
             "states": {"explore": "explore"},
             "transitions": [{"from": "*", "to": "*", "when": "nextBar", "fadeOut": "1 beat", "fadeIn": "1 beat"},
                             {"from": "silence", "to": "*", "when": "immediate"}]}
            """;

    private record Rig(Segue segue, CustomMusic music, MusicLibrary library, List<SegueEvent> events, List<String> eventThreads) {
        List<String> started() {
            return events.stream().filter(e -> e.type() == SegueEvent.Type.SONG_STARTED).map(SegueEvent::other).toList();
        }

        long count(SegueEvent.Type t) {
            return events.stream().filter(e -> e.type() == t).count();
        }

        /** Calls update() as a game loop would until {@code done}. */
        void updateUntil(String what, BooleanSupplier done) throws InterruptedException {
            long end = System.currentTimeMillis() + PATIENCE_MS;
            while (!done.getAsBoolean()) {
                assertTrue(System.currentTimeMillis() < end, "waited for " + what + "; events: " + events);
                segue.update();
                Thread.sleep(5);
            }
        }
    }

    private Rig rig(String... songs) throws Exception {
        assumeTrue(Fixtures.onPath("oggenc"), "oggenc is needed");
        Path s = Files.createDirectories(dir.resolve("score"));
        Fixtures.wav16(s.resolve("explore.wav"), RATE, 1, CustomMusicTest.level(4 * RATE, 0.1f));
        Files.writeString(s.resolve("music.cues.json"), SHEET);
        List<String> paths = new java.util.ArrayList<>();
        for (int i = 0; i < songs.length; i++) {
            Path wav = Fixtures.wav16(dir.resolve("wav").resolve(songs[i] + ".wav"), RATE, 1,
                    CustomMusicTest.sine(10 * RATE, 220 + 110 * i, 0.3f));
            paths.add(Fixtures.encode(wav, dir.resolve("songs").resolve(songs[i] + ".ogg"), List.of()).toString());
        }
        MusicLibrary lib = MusicLibrary.open(dir.resolve("index.json"));
        lib.scan(List.of(dir.resolve("songs")), 1, null).await();
        assertEquals(songs.length, lib.songs().size(), "every song scanned: " + lib.songs());
        LibraryStore store = LibraryStore.defaults()
                .withSoundtrack(new Soundtrack("mine", paths, Soundtrack.Order.IN_ORDER, false))
                .withAssignments(Assignments.SCORE_EVERYWHERE.with("explore", "mine"));
        Segue segue = Segue.builder().cueSheet(s.resolve("music.cues.json")).silentOutput().streamVoices(8).build();
        List<SegueEvent> events = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        segue.addListener(e -> {
            events.add(e);
            threads.add(Thread.currentThread().getName());
        });
        return new Rig(segue, CustomMusic.attach(segue, lib, store), lib, events, threads);
    }

    private static boolean worker() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("segue-songs") && t.isAlive());
    }

    @Test
    void theSongsSheetLoadsOffTheGameThreadAndTheSongStillPlays() throws Exception {
        Rig r = rig("a", "b");
        String game = Thread.currentThread().getName();
        try {
            assertEquals(game, r.music().playback().loadedOn(), "attach() loads the first sheet at once, while the game sets up");
            r.segue().setState("explore");
            r.updateUntil("song a", () -> r.started().contains("a"));
            assertEquals("a", r.music().nowPlaying().orElseThrow().title());
            int before = r.music().playback().built();

            assertTrue(r.music().skip(), "b follows a");
            r.updateUntil("song b after the skip", () -> r.started().contains("b"));
            assertTrue(r.music().playback().built() > before, "the skip's sheet was loaded");
            assertEquals("segue-songs", r.music().playback().loadedOn(), "the skip's sheet is written and loaded by the worker");
            assertNotEquals(game, r.music().playback().loadedOn());
            assertTrue(worker(), "the worker runs while the Segue plays");
            assertEquals("b", r.music().nowPlaying().orElseThrow().title());
            assertEquals(List.of("a", "b"), r.started());
            assertEquals(0, r.count(SegueEvent.Type.ERROR), r.events().toString());
            assertTrue(r.eventThreads().stream().allMatch(game::equals), "every event on the game thread: " + r.eventThreads());
        } finally {
            r.segue().close();
        }
        assertTrue(!worker(), "close() stops segue-songs");
    }

    @Test
    void aNewerSheetSupersedesOneStillLoading() throws Exception {
        Rig r = rig("a", "b", "c");
        try {
            r.updateUntil("the songs' sheet", () -> r.count(SegueEvent.Type.RELOADED) > 0); // in silence: no state yet
            int swaps = r.music().playback().swaps();
            long reloads = r.count(SegueEvent.Type.RELOADED);
            Song b = r.library().songs().stream().filter(s -> s.title().equals("b")).findFirst().orElseThrow();
            Song c = r.library().songs().stream().filter(s -> s.title().equals("c")).findFirst().orElseThrow();

            int w = r.music().playback().built();
            r.music().preview(b);
            long end = System.currentTimeMillis() + PATIENCE_MS;
            while (r.music().playback().built() == w) { // the worker has taken b's sheet: it will be loaded and handed back
                assertTrue(System.currentTimeMillis() < end, "the worker never took b's sheet");
                Thread.sleep(1);
            }
            r.music().preview(c); // before any update(): b's sheet, loaded or loading, is stale now
            r.updateUntil("song c", () -> r.started().contains("c"));
            long seen = System.currentTimeMillis() + 1500; // three of the song's beats: a stale swap would show by now
            r.updateUntil("a moment more", () -> System.currentTimeMillis() > seen);

            assertEquals(List.of("c"), r.started(),
                    () -> "b's sheet never took over (" + (r.music().playback().swaps() - swaps) + " swaps): " + r.events());
            assertEquals(swaps + 1, r.music().playback().swaps(), "one sheet swapped in for the two previews");
            assertEquals(reloads + 1, r.count(SegueEvent.Type.RELOADED), r.events().toString());
            assertEquals("c", r.music().nowPlaying().orElseThrow().title());
        } finally {
            r.segue().close();
        }
    }
}
