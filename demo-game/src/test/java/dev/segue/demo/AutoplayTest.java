package dev.segue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            // the outgoing cue's grid, from its own last two bars (or beats) before the request
            Type unit = sample ? Type.BAR : Type.BEAT; // every sample rule lands on the next bar
            long last = -1;
            long period = -1;
            for (int k = i; k >= 0 && period < 0; k--) {
                SegueEvent b = events.get(k);
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
            assertTrue(e.at() > e.frame() && e.at() - e.frame() <= period,
                    () -> e + " did not land on the next " + unit);
            checked++;
        }
        assertTrue(checked >= 5, "the game moved the music at least five times, saw " + checked);
    }

    @Test
    void theMusicDucksUnderDialogue() {
        List<long[]> lines = run.dialogue();
        assertEquals(PlayScene.DIALOGUE.length, lines.size(), "every line was shown");
        long first = lines.get(0)[0];
        int rate = run.rate();
        double before = rmsDb(first - rate * 3 / 2, first - rate / 10);
        double under = 0;
        for (long[] l : lines) {
            under += rmsDb(l[0] + rate * 4 / 10, l[1]);
        }
        under /= lines.size();
        double drop = before - under;
        assertTrue(drop > 3, String.format("music under dialogue %.1f dB vs %.1f dB before: drop %.1f dB", under,
                before, drop));
    }

    @Test
    void theMusicNeverStopsDuringPlay() {
        assertFalse(run.pauses().isEmpty(), "the scripted player paused once");
        long[] p = run.pauses().get(0);
        assertTrue(rmsDb(p[0], p[1]) > -60, "the paused music is muffled, not gone");
    }

    static double rmsDb(long from, long to) {
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
