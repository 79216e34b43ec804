package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StingerTest {
    @TempDir
    Path dir;

    private Path sheet(String stingerExtra) {
        return sheet(stingerExtra, 0);
    }

    private Path sheet(String stingerExtra, int clickAt) {
        Audio.writeFloatWav(dir.resolve("bed.wav"), 1, Audio.constant(192_000, 0.5f));
        Audio.writeFloatWav(dir.resolve("hit.wav"), 1, Audio.impulseAt(24_000, clickAt, 1f)); // 0.5 s
        return Audio.writeText(dir.resolve("s.cues.json"), """
            {"cues": {
               "bed": {"tempo": {"bpm": 120}, "loop": {"start": 0}, "stems": [{"name": "dc", "file": "bed.wav"}]},
               "hit": {"tempo": {"bpm": 120}, %s "stems": [{"name": "hit", "file": "hit.wav"}]}},
             "states": {"play": "bed"},
             "stingers": {"hit": {"cue": "hit", "when": "nextBeat", "cooldown": "2 beats",
                                  "duck": {"gainDb": -6, "attack": "10 ms", "release": "50 ms"}}}}
            """.formatted(stingerExtra));
    }

    @Test
    void landsOnTheNextBeatAndDucksTheBed() {
        Audio.Session s = new Audio.Session(Audio.offline(sheet("")));
        s.at(0, g -> g.setState("play")).at(30_000, g -> g.playStinger("hit"));
        float[] out = s.render(120_000);
        // beats at 120 BPM fall every 24000 frames: the request at 30000 lands at 48000
        assertEquals(0.5f, Audio.left(out, 47_999), 0f, "bed untouched before the stinger");
        assertEquals(1.5f, Audio.left(out, 48_000), 1e-6f, "the stinger's click on the beat, over the bed");
        double duck = Math.pow(10, -6 / 20.0);
        assertEquals(0.5 * duck, Audio.left(out, 48_000 + 12_000), 1e-4, "bed ducked by 6 dB mid-stinger");
        assertEquals(0.5, Audio.left(out, 48_000 + 24_000 + 2_400 + 10), 1e-6, "bed back after the release");
        List<SegueEvent> st = s.events(SegueEvent.Type.STINGER);
        assertEquals(1, st.size());
        assertEquals(48_000, st.get(0).frame());
        assertEquals("hit", st.get(0).other());
        assertEquals(3, st.get(0).beat());
        // the duck moves smoothly: no step larger than the attack's steepest slope allows
        for (int f = 48_001; f < 48_000 + 480; f++) {
            assertTrue(Math.abs(Audio.left(out, f + 1) - Audio.left(out, f)) < 0.002, "step at " + f);
        }
    }

    @Test
    void cooldownSkipsARepeatAndSaysSo() {
        Audio.Session s = new Audio.Session(Audio.offline(sheet("")));
        s.at(0, g -> g.setState("play")).at(30_000, g -> g.playStinger("hit")).at(50_000, g -> g.playStinger("hit"))
                .at(100_000, g -> g.playStinger("hit"));
        s.render(150_000);
        assertEquals(List.of(48_000L, 120_000L), s.events(SegueEvent.Type.STINGER).stream().map(SegueEvent::frame).toList());
        List<SegueEvent> skipped = s.events(SegueEvent.Type.STINGER_SKIPPED);
        assertEquals(1, skipped.size());
        assertEquals(50_000, skipped.get(0).frame());
        assertTrue(skipped.get(0).message().contains("cooling down"));
    }

    @Test
    void aPickupStartsBeforeTheBeatSoItsSyncPointLandsOnIt() {
        // the stinger's entry (sync point) is 2400 frames in: it must start 2400 frames before the beat
        Audio.Session s = new Audio.Session(Audio.offline(sheet("\"entry\": 2400,", 2_400)));
        s.at(0, g -> g.setState("play")).at(30_000, g -> g.playStinger("hit"));
        float[] out = s.render(100_000);
        double ducked = 0.5 * Math.pow(10, -6 / 20.0); // the duck started with the stinger, 2400 frames earlier
        assertEquals(1 + ducked, Audio.left(out, 48_000), 1e-4, "the sync point sounds on the beat");
        assertEquals(ducked, Audio.left(out, 47_999), 1e-4);
        assertEquals(45_600, s.events(SegueEvent.Type.STINGER).get(0).frame());
    }

    @Test
    void overSilenceACooldownInBeatsFollowsTheStingersOwnTempo() {
        // no music playing: "2 beats" is two beats of the stinger cue's 120 BPM, 48000 frames, not 2 ms
        Audio.Session s = new Audio.Session(Audio.offline(sheet("")));
        s.at(1_000, g -> g.playStinger("hit")).at(31_000, g -> g.playStinger("hit")).at(50_000, g -> g.playStinger("hit"));
        s.render(80_000);
        assertEquals(List.of(1_000L, 50_000L), s.events(SegueEvent.Type.STINGER).stream().map(SegueEvent::frame).toList());
        assertEquals(31_000, s.events(SegueEvent.Type.STINGER_SKIPPED).get(0).frame());
    }
}
