package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.engine.SongPlayback;
import dev.segue.library.Assignments;
import dev.segue.library.BeatGrid;
import dev.segue.library.Fixtures;
import dev.segue.library.LibraryTask;
import dev.segue.library.LoudnessMeter;
import dev.segue.library.Playlist;
import dev.segue.library.Progress;
import dev.segue.library.TempoTest;
import dev.segue.library.LibraryStore;
import dev.segue.library.MusicLibrary;
import dev.segue.library.Song;
import dev.segue.library.SongAnalysis;
import dev.segue.library.Soundtrack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom-soundtrack playback: the player's songs (real files from the real encoders) play through the
 * real mixer in place of the score's cue, offline and deterministic.
 */
class CustomMusicTest {
    @TempDir
    Path dir;

    static final int RATE = 48_000;
    static final int BAR = 96_000; // the score: 120 bpm, 4/4
    /** Frames rendered after attaching, before the first state. */
    static final int START = 512;

    private static final String SHEET = """
            {"parameters": {"intensity": {"default": 1, "smoothing": "20 ms"}},
             "ducks": {"talk": {"gainDb": -12, "attack": "10 ms", "release": "10 ms"}},
             "stingers": {"hit": {"cue": "hit", "when": "nextBeat", "duck": {"gainDb": -6, "attack": "5 ms", "release": "5 ms"}}},
             "cues": {
               "explore": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "tone", "file": "explore.wav"}]},
               "hit": {"tempo": {"bpm": 120}, "stems": [{"name": "hit", "file": "hit.wav"}]},
               "combat": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "tone", "file": "combat.wav"}]}},
             "states": {"explore": "explore", "combat": "combat"},
             "transitions": [{"from": "*", "to": "*", "when": "nextBar", "fadeOut": "1 beat", "fadeIn": "1 beat"},
                             {"from": "combat", "to": "*", "when": "nextBar", "position": "samePosition", "fadeOut": "1 beat"},
                             {"from": "silence", "to": "*", "when": "immediate"}]}
            """;

    /** The score: two looping constant levels, so whose samples sound is plain. */
    private Path score() throws IOException {
        Path s = Files.createDirectories(dir.resolve("score"));
        Fixtures.wav16(s.resolve("explore.wav"), RATE, 1, level(2 * BAR, 0.1f));
        Fixtures.wav16(s.resolve("combat.wav"), RATE, 1, level(2 * BAR, 0.2f));
        Fixtures.wav16(s.resolve("hit.wav"), RATE, 1, level(4_800, 0.05f));
        Files.writeString(s.resolve("music.cues.json"), SHEET);
        return s.resolve("music.cues.json");
    }

    static float[] level(int frames, float v) {
        float[] a = new float[frames];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private record Rig(Segue segue, CustomMusic music, MusicLibrary library, List<SegueEvent> events) {
        float[] render(int frames) {
            float[] out = new float[frames * 2];
            float[] buf = new float[512 * 2];
            for (int f = 0; f < frames; f += 512) {
                int n = Math.min(512, frames - f);
                segue.render(buf, n);
                System.arraycopy(buf, 0, out, f * 2, n * 2);
                segue.update();
            }
            return out;
        }

        List<SegueEvent> of(SegueEvent.Type t) {
            return events.stream().filter(e -> e.type() == t).toList();
        }
    }

    /** A library of {@code songs}, scanned (and analysed if asked), and the soundtrack "mine" of them on explore. */
    private Rig rig(List<Path> songs, boolean analyse, double crossfade) throws Exception {
        return rig(songs, analyse, crossfade, () -> { });
    }

    interface Step {
        void run() throws Exception;
    }

    private Rig rig(List<Path> songs, boolean analyse, double crossfade, Step beforeAttach) throws Exception {
        MusicLibrary lib = MusicLibrary.open(dir.resolve("index.json"));
        lib.scan(List.of(dir.resolve("songs")), 1, null).await();
        if (analyse) {
            lib.analyze(lib.songs(), null).await();
        }
        List<String> paths = songs.stream().map(p -> p.toAbsolutePath().toString()).toList();
        assertEquals(songs.size(), lib.songs().size(), "every song scanned: " + lib.songs());
        for (Path p : songs) {
            assertTrue(lib.song(p.toAbsolutePath().toString()).isPresent(), p + " in " + lib.songs());
        }
        LibraryStore store = LibraryStore.defaults()
                .withSoundtrack(new Soundtrack("mine", paths, Soundtrack.Order.IN_ORDER, false))
                .withAssignments(Assignments.SCORE_EVERYWHERE.with("explore", "mine"))
                .withCrossfadeSeconds(crossfade);
        beforeAttach.run();
        Segue segue = Segue.builder().cueSheet(score()).offline().streamVoices(8).build();
        List<SegueEvent> events = new ArrayList<>();
        segue.addListener(events::add);
        CustomMusic m = CustomMusic.attach(segue, lib, store);
        Rig r = new Rig(segue, m, lib, events);
        r.render(START); // the game starts: the songs' sheet takes over in the silence before any state
        return r;
    }

    private Path song(String name, float[] mono) throws Exception {
        Path wav = Fixtures.wav16(dir.resolve("songs").resolve(name + ".wav"), RATE, 1, mono);
        return wav;
    }

    @Test
    void assignedContextPlaysTheSongsAndTheOthersTheScore() throws Exception {
        Path a = song("a", level(3 * RATE, 0.3f));
        Rig r = rig(List.of(a), false, 0);
        r.segue().setState("explore");
        float[] out = r.render(RATE);
        assertEquals(0.3f, out[2 * 1000], 1e-3, "explore plays the song, not the score's 0.1 level");
        assertEquals("a", r.music().nowPlaying().orElseThrow().title());
        assertEquals(1, r.of(SegueEvent.Type.SONG_STARTED).size(), r.events().toString());
        r.segue().setState("combat");
        out = r.render(2 * BAR);
        // leaving the song lands on the song's bar (120 bpm without analysis: bar 2 at 2 s, 96,000 frames in)
        assertEquals(0.3f, out[2 * (BAR - RATE - 10)], 1e-3, "the song alone until its bar");
        assertTrue(Math.abs(out[2 * (BAR - RATE + 2400)] - 0.3f) > 1e-2, "the cross-fade begins on the bar");
        assertEquals(START + BAR, r.of(SegueEvent.Type.TRANSITION_SCHEDULED).get(1).at(), "song -> combat on the song's bar 2");
        assertEquals(0.2f, out[2 * (BAR - RATE + 24_000 + 10)], 1e-3, "combat (score) alone after the beat's fade");
        assertTrue(r.music().nowPlaying().isEmpty());
    }

    @Test
    void aSongFollowingGaplesslyOrCrossfadedStartsAtItsFirstFrame() throws Exception {
        int n = 3 * RATE + 1_234;
        Path a = sided("a", n, 0);
        Path b = sided("b", 4 * RATE, 1);
        Rig r = rig(List.of(a, b), false, 0);
        r.segue().setState("explore");
        float[] out = r.render(5 * RATE);
        long at = started(r, "b") - START;
        assertEquals(started(r, "a") - START + n, at, "b right after a's last frame");
        assertStartsAtItsStart(out, (int) at, 1, 4 * RATE, "b after a, gapless");
        assertEquals(rampAt(n - 1, n), out[2 * (int) (at - 1)], 1e-4, "a's last frame just before");
    }

    @Test
    void aSongCrossfadedInStartsAtItsFirstFrame() throws Exception {
        int n = 3 * RATE;
        Path a = sided("a", n, 0);
        Path b = sided("b", 4 * RATE, 1);
        Rig r = rig(List.of(a, b), false, 0.5);
        r.segue().setState("explore");
        float[] out = r.render(5 * RATE);
        int fade = RATE / 2;
        long at = started(r, "b") - START;
        assertEquals(n - fade, at, "b begins where the crossfade does");
        for (int k : new int[] {fade, fade + 1, fade + 24_000}) {
            assertEquals(rampAt(k, 4 * RATE), out[2 * (int) (at + k) + 1], 1e-4, "b's frame " + k + " once faded in");
        }
        assertEquals(0f, out[2 * (int) (at - 1) + 1], 1e-6);
        assertTrue(Math.abs(out[2 * (int) (at + fade / 2) + 1]) < rampAt(fade / 2, 4 * RATE), "fading in from its start");
    }

    @Test
    void aSongEnteredFromTheScoreStartsAtItsStartEvenWhereTheScoreKeepsItsPosition() throws Exception {
        Path a = sided("a", 8 * RATE, 1);
        Rig r = rig(List.of(a), false, 0);
        r.segue().setState("combat");
        r.render(3 * RATE + 5_000);
        long from = r.segue().frame();
        r.segue().setState("explore"); // the score's rule from combat keeps the position: not for a song
        float[] out = r.render(3 * RATE);
        long at = started(r, "a");
        assertEquals(0, (at - START) % BAR, "on combat's bar");
        // the score's fade-in of the destination is 1 beat: after it, a plays its own frames from its start
        int beat = RATE / 2;
        assertEquals(rampAt(beat + 10, 8 * RATE), out[2 * (int) (at - from + beat + 10) + 1], 1e-4, "a from its first frame");
    }

    @Test
    void songsFollowGaplessly() throws Exception {
        int n = RATE + 12_345;
        Path a = song("a", level(n, 0.25f));
        Path b = song("b", level(2 * RATE, -0.25f));
        Rig r = rig(List.of(a, b), false, 0);
        r.segue().setState("explore");
        float[] out = r.render(2 * RATE);
        assertEquals(0.25f, out[2 * (n - 1)], 1e-3, "A's last frame");
        assertEquals(-0.25f, out[2 * n], 1e-3, "B's first frame follows at once");
        assertEquals("b", r.music().nowPlaying().orElseThrow().title());
        assertEquals(2, r.of(SegueEvent.Type.SONG_STARTED).size(), r.events().toString());
    }

    @Test
    void songsAreBroughtToTheScoresLoudness() throws Exception {
        Path quiet = song("quiet", noise(6 * RATE, 1, 0.035f));
        Path loud = song("loud", noise(6 * RATE, 2, 0.3f));
        Rig r = rig(List.of(quiet, loud), true, 0);
        for (var s : r.library().songs()) {
            double lufs = r.library().analysis(s).orElseThrow().integratedLufs();
            assertEquals(s.title().equals("quiet") ? -30.75 : -12.09, lufs, 0.5, "the songs differ by ~19 LU as analysed");
        }
        r.segue().setState("explore");
        float[] out = r.render(12 * RATE);
        for (int k = 0; k < 2; k++) {
            LoudnessMeter m = new LoudnessMeter(RATE, 2);
            float[] part = java.util.Arrays.copyOfRange(out, 2 * (k * 6 * RATE + RATE), 2 * (k * 6 * RATE + 5 * RATE));
            m.accept(part, 0, part.length / 2);
            assertEquals(CustomMusic.DEFAULT_TARGET_LUFS, m.integratedLufs(), 1.0, "song " + k);
        }
    }

    /**
     * Songs played before their analysis: at 0 dB; {@link CustomMusic#analyzeInBackground} measures the
     * assigned soundtracks' songs and rebuilds on the game thread when done: the song playing keeps its
     * level (no jump), the next one starts at the score's loudness, and the analyses are in the index.
     */
    @Test
    void analysisInTheBackgroundBringsTheNextSongsToTheTarget() throws Exception {
        Path quiet = song("quiet", noise(6 * RATE, 1, 0.035f));
        Path loud = song("loud", noise(6 * RATE, 2, 0.3f));
        Rig r = rig(List.of(quiet, loud), false, 0);
        r.segue().setState("explore");
        float[] before = r.render(2 * RATE);
        List<Progress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        LibraryTask<Map<String, SongAnalysis>> task = r.music().analyzeInBackground(seen::add);
        assertEquals(2, task.await().size(), "both songs analysed");
        float[] after = r.render(10 * RATE - START); // the rebuild runs in the first update()
        double raw = lufs(before, RATE / 2, 2 * RATE);
        double on = lufs(after, 0, 4 * RATE - START - 1_000);
        double next = lufs(after, 5 * RATE, 9 * RATE);
        System.out.printf(java.util.Locale.ROOT, "CustomMusicTest: before analysis %.2f LUFS, the same song after it %.2f,"
                + " the next song %.2f (target %.1f)%n", raw, on, next, CustomMusic.DEFAULT_TARGET_LUFS);
        assertEquals(-30.75 + SongPlayback.MONO_ON_STEREO_LU, raw, 0.5, "unanalysed: 0 dB (mono on both speakers)");
        assertEquals(raw, on, 0.3, "the song playing keeps its level: nothing jumps");
        assertEquals(CustomMusic.DEFAULT_TARGET_LUFS, next, 1.0, "the next song at the score's loudness");
        assertEquals("done", seen.get(seen.size() - 1).phase());
        MusicLibrary reopened = MusicLibrary.open(dir.resolve("index.json"));
        for (Song s : reopened.songs()) {
            assertTrue(reopened.analysis(s).isPresent(), "kept in the index: " + s.path());
        }
        LibraryTask<Map<String, SongAnalysis>> again = r.music().analyzeInBackground(null);
        assertEquals(0, again.await().size(), "nothing left to analyse");
    }

    /** Integrated loudness of frames [from, to) of a stereo render. */
    static double lufs(float[] out, int from, int to) {
        LoudnessMeter m = new LoudnessMeter(RATE, 2);
        float[] part = java.util.Arrays.copyOfRange(out, 2 * from, 2 * to);
        m.accept(part, 0, part.length / 2);
        return m.integratedLufs();
    }

    /**
     * The composer edits the score while a player's song plays: the reload is derived again with the
     * songs, so the song plays on without a break, and the edit (a deeper dialogue duck) is in effect.
     */
    @Test
    void aScoreReloadWhileASongPlaysKeepsTheSongAndTakesTheEdit() throws Exception {
        Path a = song("a", level(12 * RATE, 0.3f));
        Rig r = rig(List.of(a), false, 0);
        r.segue().setState("explore");
        r.render(2 * RATE);
        Path sheet = dir.resolve("score").resolve("music.cues.json");
        Files.writeString(sheet, SHEET.replace("\"gainDb\": -12", "\"gainDb\": -20"));
        assertEquals(List.of(), r.segue().reload());
        float[] out = r.render(2 * RATE);
        for (int i = 0; i < 2 * RATE; i++) {
            assertEquals(0.3f, out[2 * i], 1e-3, "the song plays on through the reload, frame " + i);
        }
        assertTrue(r.of(SegueEvent.Type.RELOADED).size() >= 2, r.events().toString());
        assertEquals(1, r.of(SegueEvent.Type.SONG_STARTED).size(), r.events().toString());
        r.segue().duck("talk", true);
        out = r.render(RATE);
        assertEquals(0.3f * (float) Math.pow(10, -20 / 20.0), out[2 * (RATE / 2)], 2e-3, "the edited duck, over the song");
    }

    @Test
    void aMissingSongIsSkippedAndTheMusicGoesOn() throws Exception {
        Path a = song("a", level(RATE, 0.25f));
        Path b = song("b", level(RATE, -0.25f));
        Path c = song("c", level(2 * RATE, 0.5f));
        Rig r = rig(List.of(a, b, c), false, 0, () -> Files.delete(b)); // after the scan: the library lists it
        r.segue().setState("explore");
        float[] out = r.render(3 * RATE);
        assertEquals(0.25f, out[2 * 100], 1e-3);
        assertEquals(0.5f, out[2 * (RATE + 100)], 1e-3, "c follows a: b was deleted");
        var skipped = r.of(SegueEvent.Type.SONG_SKIPPED);
        assertEquals(1, skipped.size(), r.events().toString());
        assertTrue(skipped.get(0).message().contains(b.toString()), skipped.get(0).message());
    }

    /**
     * Files that go away or go bad while the music plays: the song playing is deleted (it was open, so it
     * plays on to its end), the song queued after it is deleted too (its turn comes: skipped with an
     * event naming it), and the one after that starts at its first frame.
     */
    @Test
    void songsDeletedWhilePlayingAreSkippedAndTheNextStartsAtItsStart() throws Exception {
        Path a = song("a", level(3 * RATE, 0.25f));
        Path b = song("b", level(3 * RATE, -0.25f));
        Path c = sided("c", 4 * RATE, 1);
        Rig r = rig(List.of(a, b, c), false, 0);
        r.segue().setState("explore");
        float[] first = r.render(RATE);
        Files.delete(a);
        Files.delete(b);
        long from = r.segue().frame();
        float[] out = r.render(6 * RATE);
        assertEquals(0.25f, first[2 * (RATE / 2)], 1e-3);
        assertEquals(0.25f, out[2 * (RATE + RATE / 2)], 1e-3, "a plays on: it was open when it was deleted");
        var skipped = r.of(SegueEvent.Type.SONG_SKIPPED);
        assertEquals(1, skipped.size(), r.events().toString());
        assertTrue(skipped.get(0).message().contains(b.toString()), skipped.get(0).message());
        long at = started(r, "c");
        System.out.println("CustomMusicTest: b deleted, skipped at " + skipped.get(0).frame() + "; c started at " + at
                + " (a ended at " + (started(r, "a") + 3 * RATE) + ")");
        int k = (int) (at - from);
        for (int f : new int[] {240, 2_400, 24_000}) {
            assertEquals(rampAt(f, 4 * RATE), out[2 * (k + f) + 1], 1e-4, "c's frame " + f);
        }
        assertEquals("c", r.music().nowPlaying().orElseThrow().title());
    }

    /**
     * An Ogg song with bytes flipped two thirds in (a damaged page): its stream fails when the decoder
     * reaches them, the song is skipped with an event naming the file, and the next starts at its start.
     */
    @Test
    void aBitFlippedSongIsSkippedWhenItsDamageIsReached() throws Exception {
        Path wav = Fixtures.wav16(dir.resolve("src.wav"), RATE, 1, noise(30 * RATE, 5, 0.2f));
        Path a = Fixtures.encode(wav, dir.resolve("songs").resolve("a.ogg"), List.of());
        Path c = sided("c", 4 * RATE, 1);
        Rig r = rig(List.of(a, c), false, 0);
        r.segue().setState("explore");
        r.render(RATE); // a plays; its cue was loaded sound
        byte[] bytes = Files.readAllBytes(a);
        for (int i = bytes.length * 2 / 3; i < bytes.length * 2 / 3 + 64; i++) {
            bytes[i] ^= (byte) 0x5a;
        }
        try (var ch = java.nio.channels.FileChannel.open(a, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes)); // in place: the stream reading it sees the damage
        }
        float[] out = r.render(30 * RATE);
        var skipped = r.of(SegueEvent.Type.SONG_SKIPPED);
        assertEquals(1, skipped.size(), r.events().toString());
        assertTrue(skipped.get(0).message().contains(a.toString()) && skipped.get(0).message().contains("stopped streaming"),
                skipped.get(0).message());
        long at = started(r, "c");
        System.out.println("CustomMusicTest: bit-flipped a skipped at frame " + skipped.get(0).frame() + " ("
                + skipped.get(0).message() + "); c started at " + at);
        assertTrue(at - skipped.get(0).frame() <= RATE / 2 + 512, "c on a's next beat");
        int k = (int) (at - START - RATE);
        for (int f : new int[] {240, 2_400, 24_000}) {
            assertEquals(rampAt(f, 4 * RATE), out[2 * (k + f) + 1], 1e-4, "c's frame " + f);
        }
    }

    static float[] noise(int frames, long seed, float amp) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[frames];
        for (int i = 0; i < frames; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * amp);
        }
        return a;
    }

    @Test
    void songsCrossfadeWhenThePlayerAsks() throws Exception {
        int n = 2 * RATE;
        Path a = song("a", level(n, 0.25f));
        Path b = song("b", level(2 * RATE, -0.25f));
        Rig r = rig(List.of(a, b), false, 0.5);
        r.segue().setState("explore");
        float[] out = r.render(3 * RATE);
        int fade = RATE / 2;
        assertEquals(0.25f, out[2 * (n - fade - 10)], 1e-3, "A alone before the crossfade");
        float mid = out[2 * (n - fade / 2)];
        assertTrue(mid > -0.2f && mid < 0.2f, "both sound mid-fade: " + mid);
        assertEquals(-0.25f, out[2 * (n + 10)], 1e-3, "B alone once A has ended");
        assertEquals(-0.25f, out[2 * (n - fade + fade + 10)], 1e-3);
    }

    @Test
    void leavingAnAnalysedSongLandsOnItsBar() throws Exception {
        double bpm = 90;
        double first = 0.3;
        Path wav = Fixtures.wav16(dir.resolve("click.wav"), RATE, 1, Fixtures.clicks(RATE, 20, bpm, first));
        Path ogg = Fixtures.encode(wav, dir.resolve("songs").resolve("click.ogg"), List.of());
        Rig r = rig(List.of(ogg), true, 0);
        BeatGrid g = r.library().analysis(r.library().songs().get(0)).orElseThrow().beats();
        assertEquals(bpm, g.bpm(), bpm * 0.02, "tempo as analysed");
        r.segue().setState("explore");
        r.render(5 * RATE + 777);
        r.segue().setState("combat");
        r.render(6 * RATE);
        var moves = r.of(SegueEvent.Type.TRANSITION_SCHEDULED);
        long at = moves.get(moves.size() - 1).at() - START; // frames into the song
        double barSeconds = 4 * 60 / bpm;
        double k = Math.round((at / (double) RATE - first) / barSeconds);
        double bar = first + k * barSeconds;
        assertEquals(bar, at / (double) RATE, 0.020, "lands on a bar of the song (its accented clicks), within 20 ms");
        assertTrue(at >= 5 * RATE + 777 && at / (double) RATE - 5.016 < barSeconds, "the next bar after the change: " + at);
    }

    /**
     * A song of pads only (the demo score's explore pads and strings, as an Ogg file): the tracker
     * names some tempo but a low confidence, so the song plays in free time: leaving it lands within
     * half a second of the request, on its half-second grid from its start, not on the guessed bars.
     */
    @Test
    void aSongWithNoClearBeatIsNotQuantizedToAGuessedGrid() throws Exception {
        Path stems = Path.of("..", "..", "assets", "score", "explore");
        assertTrue(Files.isDirectory(stems), "the demo score beside the runtime module");
        float[] pads = TempoTest.mixOf(stems, List.of("pads", "strings"));
        Path wav = Fixtures.wav16(dir.resolve("pads.wav"), RATE, 1, java.util.Arrays.copyOf(pads, 12 * RATE));
        Path ogg = Fixtures.encode(wav, dir.resolve("songs").resolve("pads.ogg"), List.of());
        Rig r = rig(List.of(ogg), true, 0);
        BeatGrid g = r.library().analysis(r.library().songs().get(0)).orElseThrow().beats();
        assertTrue(g.confidence() < SongPlayback.MIN_BEAT_CONFIDENCE, "no clear beat: " + g);
        r.segue().setState("explore");
        r.render(4 * RATE + 7_777);
        long asked = r.segue().frame();
        r.segue().setState("combat");
        r.render(2 * RATE);
        var moves = r.of(SegueEvent.Type.TRANSITION_SCHEDULED);
        long at = moves.get(moves.size() - 1).at();
        long start = started(r, "pads");
        System.out.println("CustomMusicTest: pads (" + g + ") left " + (at - asked) * 1000 / RATE + " ms after the request");
        assertTrue(at >= asked && at - asked <= RATE / 2, "within half a second: " + (at - asked));
        assertEquals(0, (at - start) % (RATE / 2), "on the song's free-time grid from its start");
    }

    @Test
    void stingersAndDucksWorkOverASong() throws Exception {
        Path a = song("a", level(6 * RATE, 0.3f));
        Rig r = rig(List.of(a), false, 0);
        r.segue().setState("explore");
        r.render(RATE + 1000);
        r.segue().playStinger("hit");
        float[] out = r.render(RATE);
        var sting = r.of(SegueEvent.Type.STINGER);
        assertEquals(1, sting.size(), r.events().toString());
        long f = sting.get(0).frame() - START;
        assertEquals(0, f % (RATE / 2), "on the song's beat (120 bpm): " + f);
        int in = (int) (f - (RATE + 1000)) + 2400; // 50 ms into the stinger
        assertEquals(0.3f * (float) Math.pow(10, -6 / 20.0) + 0.05f, out[2 * in], 2e-3, "the song ducked under the stinger");
        r.segue().duck("talk", true);
        out = r.render(RATE);
        assertEquals(0.3f * (float) Math.pow(10, -12 / 20.0), out[2 * (RATE / 2)], 2e-3, "ducked under dialogue");
        r.segue().duck("talk", false);
        out = r.render(RATE / 2);
        assertEquals(0.3f, out[2 * (RATE / 4)], 2e-3, "back up");
    }

    @Test
    void aSongTruncatedWhilePlayingIsReportedAndSkipped() throws Exception {
        Path a = song("a", level(RATE, 0.25f));
        Path b = song("b", level(40 * RATE, -0.25f)); // longer than the file window: reads go to the disk
        Path c = sided("c", 4 * RATE, 1);
        Rig r = rig(List.of(a, b, c), false, 0);
        r.segue().setState("explore");
        r.render(RATE + RATE / 2); // b plays
        try (var ch = java.nio.channels.FileChannel.open(b, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(44 + 2L * 2 * RATE); // two seconds of b are left
        }
        long from = START + RATE + RATE / 2;
        float[] out = r.render(6 * RATE);
        var skipped = r.of(SegueEvent.Type.SONG_SKIPPED);
        assertEquals(1, skipped.size(), r.events().toString());
        assertTrue(skipped.get(0).message().contains(b.toString()), skipped.get(0).message());
        assertTrue(skipped.get(0).message().contains("ended early"), skipped.get(0).message());
        var errors = r.of(SegueEvent.Type.ERROR);
        assertFalse(errors.isEmpty());
        assertTrue(errors.get(0).message().contains(b.toString()), "the streamer's error names the file");
        assertEquals("c", r.music().nowPlaying().orElseThrow().title(), r.events().toString());
        long at = started(r, "c");
        long broke = skipped.get(0).frame();
        System.out.println("CustomMusicTest: b broke at frame " + broke + ", c started at " + at + " ("
                + (at - broke) * 1000 / RATE + " ms later)");
        assertTrue(at - broke <= RATE / 2 + 512, "c on b's next beat after the break was seen: " + (at - broke));
        // the swap crosses over 5 ms from the broken song (b, mono, still sounding on the right until then):
        // c's own frames from its first one once b is gone
        int k = (int) (at - from);
        for (int f : new int[] {240, 2_400, 24_000}) {
            assertEquals(rampAt(f, 4 * RATE), out[2 * (k + f) + 1], 1e-4, "c's frame " + f + ": it starts at its start");
        }
    }

    @Test
    void shuffleFollowsThePlaylist() throws Exception {
        List<Path> songs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            songs.add(song("s" + i, level(3 * RATE, 0.1f * (i + 1)))); // longer than a bar: the next sheet swaps in on one
        }
        MusicLibrary lib = MusicLibrary.open(dir.resolve("index.json"));
        lib.scan(List.of(dir.resolve("songs")), 1, null).await();
        Soundtrack t = new Soundtrack("mix", songs.stream().map(p -> p.toAbsolutePath().toString()).toList(),
                Soundtrack.Order.SHUFFLE, false);
        LibraryStore store = LibraryStore.defaults().withSoundtrack(t)
                .withAssignments(Assignments.SCORE_EVERYWHERE.with("explore", "mix"));
        Segue segue = Segue.builder().cueSheet(score()).offline().streamVoices(8).build();
        List<SegueEvent> events = new ArrayList<>();
        segue.addListener(events::add);
        CustomMusic m = CustomMusic.attach(segue, lib, store);
        Rig r = new Rig(segue, m, lib, events);
        r.render(START);
        segue.setState("explore");
        r.render(13 * RATE);
        Playlist want = new Playlist(t, 1);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            order.add(Path.of(want.next().orElseThrow()).getFileName().toString().replace(".wav", ""));
        }
        assertEquals(order, r.of(SegueEvent.Type.SONG_STARTED).stream().map(SegueEvent::other).toList());
    }

    @Test
    void skipLandsOnTheSongsNextBeatAndTheNextSongStartsAtItsStart() throws Exception {
        Path a = sided("a", 20 * RATE, 0);
        Path b = sided("b", 20 * RATE, 1);
        Rig r = rig(List.of(a, b), false, 0);
        r.segue().setState("explore");
        r.render(5 * RATE + 3_333 - START);
        long asked = r.segue().frame();
        assertTrue(r.music().skip());
        float[] out = r.render(2 * RATE);
        long songStart = started(r, "a");
        long landed = started(r, "b");
        long beat = RATE / 2; // no analysis: 120 bpm from the song's first frame
        long nextBeat = songStart + ((asked - songStart) / beat + 1) * beat;
        System.out.println("CustomMusicTest: skip asked at frame " + asked + ", landed at " + landed + " ("
                + (landed - asked) * 1000 / RATE + " ms later; the song's next beat is " + nextBeat + ")");
        assertEquals(nextBeat, landed, "the skip lands on the playing song's next beat");
        assertStartsAtItsStart(out, (int) (landed - asked), 1, 20 * RATE, "b after a skip");
        assertEquals("b", r.music().nowPlaying().orElseThrow().title());
        assertEquals(List.of("a", "b"), r.of(SegueEvent.Type.SONG_STARTED).stream().map(SegueEvent::other).toList());
        assertEquals(1, r.of(SegueEvent.Type.SONG_SKIPPED).size(), "the skip is told once: " + r.events());
    }

    /**
     * A song entered from the score's cue with a fade-in and its successor queued at its end: once the fade-in is over a skip still lands on the
     * song's next beat (the queued move does not hold the sheet's swap back until the song ends).
     */
    @Test
    void skipLandsOnTheNextBeatAfterASongFadedInFromTheScore() throws Exception {
        Path a = sided("a", 20 * RATE, 0);
        Path b = sided("b", 20 * RATE, 1);
        MusicLibrary lib = MusicLibrary.open(dir.resolve("index.json"));
        lib.scan(List.of(dir.resolve("songs")), 1, null).await();
        LibraryStore store = LibraryStore.defaults()
                .withSoundtrack(new Soundtrack("mine", List.of(a.toAbsolutePath().toString(), b.toAbsolutePath().toString()),
                        Soundtrack.Order.IN_ORDER, false))
                .withAssignments(Assignments.SCORE_EVERYWHERE.with("explore", "mine"));
        Path sheet = score(); // every move by the * -> * rule: on the bar, a beat's fade out and in
        Files.writeString(sheet, Files.readString(sheet).replaceAll("\\{\"from\": \"combat\"[^}]*},", ""));
        Segue segue = Segue.builder().cueSheet(sheet).offline().streamVoices(8).build();
        List<SegueEvent> events = new ArrayList<>();
        segue.addListener(events::add);
        CustomMusic m = CustomMusic.attach(segue, lib, store);
        Rig r = new Rig(segue, m, lib, events);
        segue.setState("combat"); // the score's combat first
        r.render(RATE);
        segue.setState("explore");
        r.render(4 * RATE + 3_333); // the song's fade-in is over; the skip comes between two beats
        long songStart = started(r, "a");
        assertTrue(r.of(SegueEvent.Type.TRANSITION_SCHEDULED).stream().anyMatch(e -> e.toString().contains("combat -> song")),
                "the song came in from the score's cue by its rule: " + r.events());
        long asked = segue.frame();
        assertTrue(m.skip());
        r.render(2 * RATE);
        long landed = started(r, "b");
        long beat = RATE / 2;
        long nextBeat = songStart + ((asked - songStart) / beat + 1) * beat;
        assertEquals(nextBeat, landed, "the skip lands on the song's next beat: " + r.events());
    }

    /**
     * The frame where the song titled {@code title} started as the bed: its one CUE_STARTED, or the
     * hand-over that made it the bed (a swap that moved on from a broken song).
     */
    static long started(Rig r, String title) {
        String cue = r.events().stream().filter(e -> e.type() == SegueEvent.Type.SONG_STARTED && e.other().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError(title + " never started: " + r.events())).cue();
        var starts = r.events().stream().filter(e -> cue.equals(e.cue()) && (e.type() == SegueEvent.Type.CUE_STARTED
                || e.type() == SegueEvent.Type.RELOADED)).toList();
        assertTrue(starts.stream().filter(e -> e.type() == SegueEvent.Type.CUE_STARTED).count() <= 1,
                "one start of " + cue + ": " + r.events());
        return starts.get(0).frame();
    }

    /**
     * A stereo song that sounds on one side only ({@code side} 0 left, 1 right), its level a ramp that
     * tells where in the song a sample is: 0.05 at its first frame, up to 0.95 at its last.
     */
    private Path sided(String name, int frames, int side) throws Exception {
        float[] x = new float[frames * 2];
        for (int i = 0; i < frames; i++) {
            x[2 * i + side] = rampAt(i, frames);
        }
        return Fixtures.wav16(dir.resolve("songs").resolve(name + ".wav"), RATE, 2, x);
    }

    static float rampAt(long i, int frames) {
        return (float) (0.05 + 0.9 * i / frames);
    }

    /** The song on {@code side} of {@code out} plays from its first frame at index {@code at} of {@code out}. */
    static void assertStartsAtItsStart(float[] out, int at, int side, int frames, String what) {
        for (int k : new int[] {0, 1, 100, 2_400, 24_000}) {
            assertEquals(rampAt(k, frames), out[2 * (at + k) + side], 1e-4,
                    what + ": frame " + k + " of the song at frame " + (at + k) + " of the render");
        }
        assertEquals(0f, out[2 * (at - 1) + side], 1e-4, what + ": silent on that side the frame before");
    }

    /**
     * Over a player's song, on the shipped demo score (its bus low-pass on {@code muffle}, its
     * {@code dialogue} and {@code pause} ducks, its stingers and {@code intensity}): a 10 kHz tone
     * drops by more than 30 dB with the filter closed, each duck takes its dB off the song, intensity
     * follows the song's gain curve and a stinger lands on the song's beat and ducks it.
     */
    @Test
    void theShippedScoresFilterDucksStingersAndIntensityWorkOverASong() throws Exception {
        Path score = Path.of("..", "..", "assets", "score", "score.cues.json").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(score), "the shipped score at " + score);
        Path a = song("tone", sine(30 * RATE, 10_000, 0.2f));
        MusicLibrary lib = MusicLibrary.open(dir.resolve("index.json"));
        lib.scan(List.of(dir.resolve("songs")), 1, null).await();
        LibraryStore store = LibraryStore.defaults()
                .withSoundtrack(new Soundtrack("mine", List.of(a.toAbsolutePath().toString()), Soundtrack.Order.IN_ORDER, false))
                .withAssignments(Assignments.SCORE_EVERYWHERE.with("explore", "mine"));
        Segue segue = Segue.builder().cueSheet(score).offline().streamVoices(16).build();
        List<SegueEvent> events = new ArrayList<>();
        segue.addListener(events::add);
        Rig r = new Rig(segue, CustomMusic.attach(segue, lib, store), lib, events);
        r.render(START);
        segue.setParameter("intensity", 1);
        segue.setState("explore");
        r.render(RATE); // intensity is smoothed over 400 ms
        double open = rms(r.render(RATE), 0, RATE);
        assertEquals(0.2 / Math.sqrt(2), open, 0.01, "the song at 0 dB (no analysis), intensity 1");
        segue.setParameter("muffle", 1);
        double shut = rms(r.render(RATE), RATE / 2, RATE);
        double filterDb = 20 * Math.log10(shut / open);
        segue.setParameter("muffle", 0);
        double reopened = rms(r.render(RATE), RATE / 2, RATE);
        segue.duck("pause", true);
        double paused = rms(r.render(RATE), RATE / 2, RATE);
        segue.duck("pause", false);
        r.render(RATE);
        segue.duck("dialogue", true);
        double talk = rms(r.render(RATE), RATE / 2, RATE);
        segue.duck("dialogue", false);
        r.render(2 * RATE);
        segue.setParameter("intensity", 0);
        double calm = rms(r.render(2 * RATE), RATE, 2 * RATE);
        segue.setParameter("intensity", 1);
        float[] plainOut = r.render(RATE);
        long before = segue.frame();
        segue.playStinger("pickup");
        float[] out = r.render(RATE);
        System.out.printf(java.util.Locale.ROOT, "CustomMusicTest (shipped score, 10 kHz song): muffle 1 %.1f dB, pause %.2f dB,"
                + " dialogue %.2f dB, intensity 0 %.2f dB%n", filterDb, db(paused, open), db(talk, open), db(calm, open));
        assertTrue(filterDb < -30, "the bus low-pass closed takes the song's 10 kHz down by more than 30 dB: " + filterDb);
        assertEquals(open, reopened, open * 0.01, "open again: the song as before");
        assertEquals(-8, db(paused, open), 0.3, "the pause duck");
        assertEquals(-9, db(talk, open), 0.3, "the dialogue duck");
        assertEquals(20 * Math.log10(0.8), db(calm, open), 0.3, "intensity 0: the song's gain curve, 0.8");
        var sting = events.stream().filter(e -> e.type() == SegueEvent.Type.STINGER).toList();
        assertEquals(1, sting.size(), events.toString());
        long songStart = started(r, "tone");
        long f = sting.get(0).frame();
        assertEquals(0, (f - songStart) % (RATE / 2), "the stinger on the song's beat (120 bpm unanalysed): " + f);
        assertTrue(f >= before && f - before <= RATE / 2, "on the next beat");
        // the pickup ducks the song by 4 dB (20 ms attack): the song's 10 kHz alone, read at its frequency
        int k = (int) (f - before);
        double ducked = tone(out, k + RATE / 10, k + RATE / 10 + 4_800, 10_000);
        double plain = tone(plainOut, RATE - 4_800, RATE, 10_000);
        System.out.printf(java.util.Locale.ROOT, "CustomMusicTest: under the pickup stinger the song is %.2f dB%n", db(ducked, plain));
        assertEquals(-4, db(ducked, plain), 0.5, "the stinger's duck over the song");
        segue.close();
    }

    /** Amplitude of the {@code hz} component of the left channel over frames [from, to) (a single-bin DFT). */
    static double tone(float[] out, int from, int to, double hz) {
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            double ph = 2 * Math.PI * hz * i / RATE;
            re += out[2 * i] * Math.cos(ph);
            im += out[2 * i] * Math.sin(ph);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    static float[] sine(int frames, double hz, float amp) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return x;
    }

    /** RMS of the left channel of {@code out} over frames [from, to). */
    static double rms(float[] out, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += out[2 * i] * (double) out[2 * i];
        }
        return Math.sqrt(sum / (to - from));
    }

    static double db(double x, double ref) {
        return 20 * Math.log10(x / ref);
    }
}
