package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A next-bar transition starts the destination on exactly the bar's frame, at several tempos and
 * meters and across a tempo change. The destination is an impulse at its first frame; the source is
 * silent, so the first non-zero output frame is where the destination started.
 */
class QuantizedTransitionTest {
    @TempDir
    Path dir;

    /** The frame on which 0-based bar {@code bar} starts, computed independently of the engine. */
    static long barFrame(double bpm, int beatsPerBar, long bar) {
        return Math.round(bar * beatsPerBar * 60.0 * Audio.RATE / bpm);
    }

    @ParameterizedTest(name = "{0} bpm {1}/{2}, request at frame {3}")
    @CsvSource({
        "120, 4, 4, 30000",
        "120, 4, 4, 96000",   // exactly on a bar line: lands at once
        "97, 7, 8, 250001",
        "174, 4, 4, 1000003",
        "60.5, 3, 4, 123457",
        "133.33, 5, 4, 777777",
    })
    void nextBarLandsOnTheBarFrame(double bpm, int num, int den, long requestAt) {
        long expected = barFrame(bpm, num, (long) Math.ceil(requestAt / (num * 60.0 * Audio.RATE / bpm) - 1e-9));
        // guard the independent formula: the bar at or after the request
        assertTrue(expected >= requestAt && expected - requestAt < num * 60.0 * Audio.RATE / bpm + 1);
        String tempo = "{\"bpm\": " + bpm + ", \"meter\": \"" + num + "/" + den + "\"}";
        Path sheet = sheet(tempo, 3_000_000);
        Audio.Session s = new Audio.Session(Audio.offline(sheet));
        s.at(0, g -> g.setState("a")).at(requestAt, g -> g.setState("b"));
        float[] out = s.render((int) expected + 48_000);
        assertEquals(expected, Audio.firstAbove(out, 0, 0.5f), "destination's first frame");
        assertEquals(1.0f, Audio.left(out, expected), 0f, "no fade on a start at the file's first frame");
        List<SegueEvent> sched = s.events(SegueEvent.Type.TRANSITION_SCHEDULED);
        assertEquals(expected, sched.get(sched.size() - 1).at());
        SegueEvent started = s.events(SegueEvent.Type.CUE_STARTED).stream().filter(e -> e.cue().equals("b")).findFirst()
                .orElseThrow();
        assertEquals(expected, started.frame());
        assertEquals(1, started.beat());
    }

    @ParameterizedTest(name = "request at {0}")
    @CsvSource({"10, 96000", "200000, 288000", "288000, 288000", "288001, 408000"})
    void nextBarFollowsATempoAndMeterChange(long requestAt, long expected) {
        // bars 1-2: 120 BPM 4/4 (96000 frames a bar); from bar 3: 90 BPM 3/4 (96000 frames a bar as 3 x 32000)
        // then from bar 4 on, 144 BPM 6/8 (6 x 20000 = 120000 a bar): bars start 0, 96000, 192000, 288000, 408000, 528000
        String tempo = "{\"bpm\": 120, \"meter\": \"4/4\", \"changes\": [{\"bar\": 3, \"bpm\": 90, \"meter\": \"3/4\"},"
                + " {\"bar\": 4, \"bpm\": 144, \"meter\": \"6/8\"}]}";
        Path sheet = sheet(tempo, 2_000_000);
        Audio.Session s = new Audio.Session(Audio.offline(sheet));
        s.at(0, g -> g.setState("a")).at(requestAt, g -> g.setState("b"));
        float[] out = s.render((int) expected + 1000);
        assertEquals(expected, Audio.firstAbove(out, 0, 0.5f));
    }

    @ParameterizedTest(name = "tempo change: bar {0} starts at {1}")
    @CsvSource({"4, 288000", "5, 408000", "6, 528000"})
    void barEventsFollowTheTempoMap(int bar, long frame) {
        String tempo = "{\"bpm\": 120, \"meter\": \"4/4\", \"changes\": [{\"bar\": 3, \"bpm\": 90, \"meter\": \"3/4\"},"
                + " {\"bar\": 4, \"bpm\": 144, \"meter\": \"6/8\"}]}";
        Audio.Session s = new Audio.Session(Audio.offline(sheet(tempo, 2_000_000)));
        s.at(0, g -> g.setState("a"));
        s.render((int) frame + 10);
        SegueEvent e = s.events(SegueEvent.Type.BAR).stream().filter(b -> b.bar() == bar).findFirst().orElseThrow();
        assertEquals(frame, e.frame());
        assertEquals(1, e.beat());
    }

    private Path sheet(String tempo, int frames) {
        Audio.writeFloatWav(dir.resolve("silent.wav"), 1, new float[frames]);
        Audio.writeFloatWav(dir.resolve("click.wav"), 1, Audio.impulseAt(frames, 0, 1f));
        String json = """
            {
              "cues": {
                "a": { "tempo": %s, "loop": {"start": 0}, "stems": [ {"name": "s", "file": "silent.wav"} ] },
                "b": { "tempo": %s, "loop": {"start": 0}, "stems": [ {"name": "c", "file": "click.wav"} ] }
              },
              "states": { "a": "a", "b": "b" },
              "transitions": [ {"from": "*", "to": "*", "when": "nextBar", "fadeOut": "0 ms", "fadeIn": "0 ms"} ]
            }
            """.formatted(tempo, tempo);
        return Audio.writeText(dir.resolve("sheet.cues.json"), json);
    }
}
