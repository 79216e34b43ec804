package dev.segue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segue.SegueEvent;
import dev.segue.SegueEvent.Type;
import dev.segue.library.Assignments;
import dev.segue.library.Song;
import dev.segue.library.SongAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole game played headless with the player's own soundtrack assigned to exploration: two songs
 * (a 1 kHz tone in Ogg, a 1.25 kHz tone in MP3, both mastered hot at -1 dBFS) that the game must play
 * in place of the score while the player explores, at the score's loudness, and leave for the score's
 * combat and boss music, with no error.
 */
class SongsAutoplayTest {
    static final double[] HZ = {1000, 1250};
    static Autoplay.Result run;
    static List<SegueEvent> events;
    static short[] pcm;
    static double[] expectedGainDb = new double[2];

    @BeforeAll
    static void play() throws Exception {
        for (String tool : List.of("sox", "oggenc", "lame")) {
            assumeTrue(WindowTest.onPath(tool), tool + " is not installed (.ci/run installs it)");
        }
        Path dir = Path.of(System.getProperty("segue.target.dir", "target"), "autoplay-songs");
        if (Files.exists(dir)) { // a fresh player each run: no index, choices or songs from the last one
            try (var old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Path work = Files.createDirectories(dir.resolve("work"));
        Path album = Files.createDirectories(dir.resolve("Player Music/Test Synth/Tones"));
        SoundtracksTest.run(work, "sox", "-n", "-r", "44100", "-c", "2", "-b", "16", "-e", "signed-integer", "a.wav",
                "synth", "14", "sine", "1000", "gain", "-1");
        SoundtracksTest.run(work, "sox", "-n", "-r", "44100", "-c", "2", "-b", "16", "-e", "signed-integer", "b.wav",
                "synth", "10", "sine", "1250", "gain", "-1");
        SoundtracksTest.run(work, "oggenc", "-Q", "-q", "4", "-t", "Thousand", "-a", "Test Synth", "-l", "Tones", "-N", "1",
                "-o", album.resolve("01 thousand.ogg").toString(), "a.wav");
        SoundtracksTest.run(work, "lame", "--quiet", "-b", "192", "--tt", "Twelve Fifty", "--ta", "Test Synth", "--tl",
                "Tones", "--tn", "2", "b.wav", album.resolve("02 twelve fifty.mp3").toString());

        Path config = dir.resolve("config");
        Soundtracks model = Soundtracks.open(config, ScoreMap.find());
        model.addFolder(album.getParent().getParent().toString());
        SoundtracksTest.scan(model);
        String name = model.fromAlbum("Test Synth — Tones");
        model.assign(Assignments.EXPLORATION, name);
        List<Song> songs = model.library().albums().get("Test Synth — Tones");
        var analysed = model.library().analyze(songs, null).await(); // as the game would have done on an earlier run
        for (int i = 0; i < 2; i++) {
            SongAnalysis a = analysed.get(songs.get(i).path());
            expectedGainDb[i] = a.gainDb(-16, -1);
        }
        run = Autoplay.run(dir, null, config);
        events = run.events();
        pcm = AutoplayTest.readWav(run.wav());
    }

    @Test
    void theRunFinishedWithNoErrorAndNoSkippedSong() {
        assertTrue(run.finished(), () -> "autoplay did not finish: " + run.problem());
        List<SegueEvent> bad = events.stream().filter(e -> e.type() == Type.ERROR || e.type() == Type.SONG_SKIPPED).toList();
        assertTrue(bad.isEmpty(), () -> "errors or skipped songs: " + bad);
    }

    @Test
    void explorationPlaysThePlayersSongAndTheOtherContextsTheScore() {
        int songs = 0;
        for (int i = 0; i < events.size(); i++) {
            SegueEvent e = events.get(i);
            if (e.type() != Type.SONG_STARTED) {
                continue;
            }
            songs++;
            assertEquals("Thousand — Test Synth", e.message(), "the soundtrack starts with its first song");
            SegueEvent state = lastBefore(i, Type.STATE);
            assertEquals(ScoreMap.find().state(ScoreMap.Mood.EXPLORE), state.other(), () -> e + " after " + state);
        }
        assertTrue(songs >= 2, "both visits to exploration played the song: " + songs);
        for (int i = 0; i < events.size(); i++) {
            SegueEvent e = events.get(i);
            if (e.type() == Type.CUE_STARTED && "bed".equals(e.other()) && !e.cue().startsWith("song ")) {
                SegueEvent state = lastBefore(i, Type.STATE);
                assertTrue(!state.other().equals(ScoreMap.find().state(ScoreMap.Mood.EXPLORE)),
                        () -> "the score's " + e.cue() + " started in exploration: " + state);
            }
        }
        assertTrue(events.stream().anyMatch(e -> e.type() == Type.CUE_STARTED && e.cue().equals("combat")),
                "combat left the song for the score");
    }

    /**
     * While the song plays (after it started, before the next state, outside stingers) its tone is in
     * the mix, never louder than the level that brings it from about -4 LUFS to the score's -16 (the
     * visits to exploration are short, so it is still fading in over the title's outro); where the score
     * plays, the tone is absent.
     */
    @Test
    void theSongIsHeardInExplorationAndNeverAboveTheScoresLoudness() {
        int checked = 0;
        for (int i = 0; i < events.size(); i++) {
            SegueEvent e = events.get(i);
            if (e.type() != Type.SONG_STARTED) {
                continue;
            }
            long from = e.frame() + run.rate() * 3L / 10;
            long to = nextAfter(i, Type.STATE);
            for (long[] st : stingers()) {
                if (st[0] < to && st[1] > from) { // keep the longer side of the stinger
                    if (st[0] - from > to - st[1]) {
                        to = st[0];
                    } else {
                        from = st[1];
                    }
                }
            }
            int n = (int) Math.min(to - from - run.rate() / 10, run.rate());
            n -= n % 48;
            if (n < run.rate() / 4) {
                continue;
            }
            double[] fit = tone(from, n, HZ[0]);
            long f0 = from;
            int len = n;
            assertTrue(fit[1] > 0.2, () -> String.format("at %d..%d the mix is only %.1f %% the song's 1 kHz", f0,
                    f0 + len, 100 * fit[1]));
            double gainDb = 20 * Math.log10(fit[0] / (Math.pow(10, -1 / 20.0) / Math.sqrt(2)));
            assertTrue(gainDb > expectedGainDb[0] - 12 && gainDb < expectedGainDb[0] + 0.5, () -> String.format(
                    "at %d..%d played %.2f dB against its file; its analysis asks %.2f dB", f0, f0 + len, gainDb,
                    expectedGainDb[0]));
            checked++;
        }
        assertTrue(checked >= 2, "both visits to exploration were measured: " + checked);
        for (SegueEvent e : events) {
            if (e.type() == Type.CUE_STARTED && e.cue().equals("boss")) {
                double[] fit = tone(e.frame() + run.rate(), run.rate() - run.rate() % 48, HZ[0]);
                assertTrue(fit[0] < 1e-3, "no song in the boss fight: tone rms " + fit[0]);
            }
        }
    }

    private SegueEvent lastBefore(int i, Type type) {
        for (int k = i; k >= 0; k--) {
            if (events.get(k).type() == type) {
                return events.get(k);
            }
        }
        throw new AssertionError("no " + type + " before " + events.get(i));
    }

    private long nextAfter(int i, Type type) {
        for (int k = i + 1; k < events.size(); k++) {
            if (events.get(k).type() == type) {
                return events.get(k).frame();
            }
        }
        return run.frames();
    }

    /** Each stinger's sounding frames. */
    private List<long[]> stingers() {
        List<long[]> out = new java.util.ArrayList<>();
        for (SegueEvent e : events) {
            if (e.type() == Type.STINGER) {
                out.add(new long[] {e.frame(), run.frames()});
            } else if (e.type() == Type.CUE_ENDED && "stinger".equals(e.other())) {
                for (long[] w : out) {
                    if (w[1] == run.frames() && w[0] <= e.frame()) {
                        w[1] = e.frame();
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The left channel's rms at {@code hz} over n frames from {@code from}, and its share of the whole power. */
    private static double[] tone(long from, int n, double hz) {
        double c = 0;
        double s = 0;
        double power = 0;
        for (int k = 0; k < n; k++) {
            double x = pcm[(int) (2 * (from + k))] / 32768.0;
            double ph = 2 * Math.PI * hz * (from + k) / run.rate();
            c += x * Math.cos(ph);
            s += x * Math.sin(ph);
            power += x * x;
        }
        double a = 2 * c / n;
        double b = 2 * s / n;
        double tonePower = (a * a + b * b) / 2;
        return new double[] {Math.sqrt(tonePower), tonePower / (power / n)};
    }
}
