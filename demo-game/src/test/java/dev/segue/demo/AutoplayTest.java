package dev.segue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.segue.SegueEvent;
import dev.segue.SegueEvent.Type;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plays the demo headless with the scripted player, the music rendered offline in step, and checks
 * what a listener would: every mood reached its music, transitions landed on the beat grid, the music
 * ducked under dialogue, and Segue reported no error.
 */
class AutoplayTest {
    static Autoplay.Result run;
    static List<SegueEvent> events;
    static short[] pcm;

    @BeforeAll
    static void play() throws Exception {
        Path dir = Path.of(System.getProperty("segue.target.dir", "target"), "autoplay");
        run = Autoplay.run(dir);
        events = run.events();
        pcm = readWav(run.wav());
    }

    @Test
    void theRunFinishedAndWroteItsFiles() throws IOException {
        assertTrue(run.finished(), () -> "autoplay did not finish: " + run.problem());
        assertTrue(run.frames() > 60L * run.rate(), "a whole game is longer than a minute of music");
        assertEquals(run.frames() * 2, pcm.length, "the WAV holds every rendered frame");
        String log = Files.readString(run.log());
        assertTrue(log.contains("game mood boss") && log.contains("game dialogue 0"), log);
    }

    @Test
    void noErrorEvents() {
        List<SegueEvent> errors = events.stream().filter(e -> e.type() == Type.ERROR).toList();
        assertTrue(errors.isEmpty(), () -> "errors: " + errors);
    }

    @Test
    void everyMoodReachedItsState() {
        ScoreMap map = ScoreMap.find();
        Set<String> states = events.stream().filter(e -> e.type() == Type.STATE).map(SegueEvent::other)
                .collect(Collectors.toSet());
        for (ScoreMap.Mood m : ScoreMap.Mood.values()) {
            if (map.state(m) != null) {
                assertTrue(states.contains(map.state(m)), () -> m + " -> " + map.state(m) + " never set; " + states);
            }
        }
        for (ScoreMap.Sting s : ScoreMap.Sting.values()) {
            String name = map.stinger(s);
            if (name != null) {
                assertTrue(events.stream().anyMatch(e -> e.type() == Type.STINGER && name.equals(e.other())),
                        () -> "stinger " + name + " never played");
            }
        }
    }

    @Test
    void theExpectedCuesPlayed() {
        Set<String> started = events.stream().filter(e -> e.type() == Type.CUE_STARTED || e.type() == Type.STINGER)
                .map(SegueEvent::cue).collect(Collectors.toSet());
        Set<String> expected = ScoreMap.find() == ScoreMap.SAMPLE ? Set.of("calm", "action", "riser", "pickup")
                : Set.of("title", "explore", "combat", "boss_intro", "boss", "cutscene");
        assertTrue(started.containsAll(expected), () -> "started " + started + ", expected " + expected);
    }

    @Test
    void transitionsLandOnTheBeatGrid() {
        boolean sample = ScoreMap.find() == ScoreMap.SAMPLE;
        int checked = 0;
        for (int i = 0; i < events.size(); i++) {
            SegueEvent e = events.get(i);
            if (e.type() != Type.TRANSITION_SCHEDULED || e.cue() == null || e.at() >= run.frames()) {
                continue;
            }
            // the outgoing cue's grid: its last two bars (or beats) since it last started, before the request
            Type unit = sample ? Type.BAR : Type.BEAT; // every sample rule lands on the next bar
            long last = -1;
            long period = -1;
            for (int k = i; k >= 0 && period < 0; k--) {
                SegueEvent b = events.get(k);
                if (b.type() == Type.CUE_STARTED && e.cue().equals(b.cue()) && "bed".equals(b.other())) {
                    break;
                }
                if (b.type() == unit && e.cue().equals(b.cue())) {
                    if (last < 0) {
                        last = b.frame();
                    } else {
                        period = last - b.frame();
                    }
                }
            }
            if (period <= 0) {
                continue; // the cue had not played two bars yet
            }
            long offset = (e.at() - last) % period;
            long p = period;
            assertEquals(0, offset, () -> e + " landed " + offset + " frames off its " + unit + " grid of " + p);
            if (sample) { // the score's rules also wait for markers and outros
                assertTrue(e.at() > e.frame() && e.at() - e.frame() <= period,
                        () -> e + " did not land on the next " + unit);
            }
            checked++;
        }
        assertTrue(checked >= 5, "the game moved the music at least five times, saw " + checked);
    }

    @Test
    void withoutADialogueDuckTheGameSkipsItAndSaysSo() throws IOException {
        String log = Files.readString(run.log());
        String note = "the score has no duck 'dialogue'";
        int notes = log.split(java.util.regex.Pattern.quote(note), -1).length - 1;
        assertTrue(notes <= 1, "said once, not on every line: " + notes);
        assertTrue(events.stream().noneMatch(e -> e.type() == Type.ERROR && String.valueOf(e.message()).contains("duck")),
                "never sent to Segue");
        if (notes == 1) {
            System.out.println("AutoplayTest: the classpath score declares no 'dialogue' duck; ducking is measured"
                    + " on a copy of it that does");
        }
    }

    /**
     * A copy of the classpath score with the dialogue and pause ducks and the muffle low-pass
     * ({@code add}), or with them taken out.
     */
    static Path copyOfScore(Path dir, boolean add) throws IOException {
        Path original = TestFiles.classpathSheet(ScoreMap.find().resource, dir.resolve("cache"));
        Path sheet = TestFiles.copySheetFolder(original, dir.resolve("sheet"));
        JsonObject top = JsonParser.parseString(Files.readString(sheet)).getAsJsonObject();
        if (!add) {
            top.remove("ducks");
            top.remove("bus");
        } else {
            JsonObject params = top.getAsJsonObject("parameters");
            if (!params.has("muffle")) {
                params.add("muffle", json("{'min': 0, 'max': 1, 'default': 0, 'smoothing': '150 ms'}"));
            }
            if (!top.has("bus")) {
                top.add("bus", json("{'lowpass': {'parameter': 'muffle', 'points': [[0, 20000], [1, 500]]}}"));
            }
            JsonObject ducks = top.has("ducks") ? top.getAsJsonObject("ducks") : new JsonObject();
            top.add("ducks", ducks);
            if (!ducks.has("dialogue")) {
                ducks.add("dialogue", json("{'gainDb': -9, 'attack': '150 ms', 'release': '600 ms'}"));
            }
            if (!ducks.has("pause")) {
                ducks.add("pause", json("{'gainDb': -6, 'attack': '100 ms', 'release': '400 ms'}"));
            }
        }
        Files.writeString(sheet, top.toString());
        return sheet;
    }

    private static JsonObject json(String s) {
        return JsonParser.parseString(s.replace('\'', '"')).getAsJsonObject();
    }

    /**
     * The same game twice, the music with and without the ducks and the muffle low-pass: the classpath
     * score where it already is one of the two, a copy of it (with them added, or taken out) otherwise.
     * The game does not depend on the ducks, so both runs are the same game frame for frame and their
     * WAVs differ only where the ducks act.
     */
    static synchronized void duckRuns() throws Exception {
        if (with != null) {
            return;
        }
        String log = Files.readString(run.log());
        boolean hasDialogue = !log.contains("no duck 'dialogue'");
        boolean hasPause = !log.contains("no duck 'pause'");
        boolean hasMuffle = !log.contains("no parameter 'muffle'");
        Path target = Path.of(System.getProperty("segue.target.dir", "target"));
        if (hasDialogue && hasPause && hasMuffle) {
            with = run;
            withPcm = pcm;
        } else {
            Path dir = target.resolve("autoplay-ducks");
            with = Autoplay.run(dir, copyOfScore(dir, true));
            withPcm = readWav(with.wav());
        }
        if (!hasDialogue && !hasPause) {
            without = run;
            withoutPcm = pcm;
        } else {
            Path dir = target.resolve("autoplay-dry");
            without = Autoplay.run(dir, copyOfScore(dir, false));
            withoutPcm = readWav(without.wav());
        }
    }

    /** The game's side of a run's log (what it did and when), without the notes about what a sheet lacks. */
    static List<String> gameFacts(Autoplay.Result r) throws IOException {
        return Files.readAllLines(r.log()).stream().filter(l -> l.contains(" game ") && !l.contains("the score has no"))
                .toList();
    }

    static Autoplay.Result with;
    static Autoplay.Result without;
    static short[] withPcm;
    static short[] withoutPcm;

    @Test
    void theMusicDucksUnderDialogueAndOnlyThere() throws Exception {
        duckRuns();
        assertTrue(with.finished() && without.finished(), () -> with.problem() + " / " + without.problem());
        assertTrue(with.events().stream().noneMatch(e -> e.type() == Type.ERROR), () -> "errors: " + with.events());
        assertEquals(with.dialogue().size(), PlayScene.DIALOGUE.length, "every line was shown");
        assertEquals(gameFacts(without), gameFacts(with), "the same game, frame for frame, both times");
        int rate = with.rate();
        double sum = 0;
        for (long[] l : with.dialogue()) {
            double drop = rmsDb(withoutPcm, l[0] + rate * 4 / 10, l[1]) - rmsDb(withPcm, l[0] + rate * 4 / 10, l[1]);
            assertTrue(drop > 4, String.format("line at frame %d: the music only %.1f dB down", l[0], drop));
            sum += drop;
        }
        long first = with.dialogue().get(0)[0];
        double before = rmsDb(withoutPcm, first - rate * 3, first) - rmsDb(withPcm, first - rate * 3, first);
        System.out.printf("AutoplayTest: under dialogue the music is %.1f dB down on average; %.2f dB in the 3 s"
                + " before the first line%n", sum / with.dialogue().size(), before);
        assertTrue(Math.abs(before) < 0.5, "no duck before the dialogue: " + before + " dB");
    }

    @Test
    void pauseMufflesAndDucksTheMusicWithoutStoppingIt() throws Exception {
        duckRuns();
        assertFalse(with.pauses().isEmpty(), "the scripted player paused once");
        long[] p = with.pauses().get(0);
        int rate = with.rate();
        double dry = rmsDb(withoutPcm, p[0] + rate / 2, p[1]);
        double paused = rmsDb(withPcm, p[0] + rate / 2, p[1]);
        System.out.printf("AutoplayTest: paused, the music is %.1f dB, %.1f dB without the pause duck and muffle%n",
                paused, dry);
        assertTrue(dry - paused > 4, String.format("paused %.1f dB vs %.1f dB", paused, dry));
        assertTrue(paused > -60, "the paused music is muffled, not gone");
    }

    static double rmsDb(long from, long to) {
        return rmsDb(pcm, from, to);
    }

    static double rmsDb(short[] pcm, long from, long to) {
        double sum = 0;
        long n = 0;
        for (long f = Math.max(0, from); f < to && f * 2 + 1 < pcm.length; f++) {
            double l = pcm[(int) (f * 2)] / 32768.0;
            double r = pcm[(int) (f * 2 + 1)] / 32768.0;
            sum += l * l + r * r;
            n += 2;
        }
        return n == 0 ? -200 : 10 * Math.log10(sum / n + 1e-20);
    }

    static short[] readWav(Path wav) throws IOException {
        byte[] b = Files.readAllBytes(wav);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(b, 0, 4));
        assertEquals(16, buf.getShort(34), "16-bit PCM");
        int data = buf.getInt(40);
        short[] s = new short[data / 2];
        buf.position(44);
        buf.asShortBuffer().get(s);
        return s;
    }
}
