package dev.segue.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TempoMapTest {
    @Test
    void beatsAndBarsAreExactFramesWithoutDrift() {
        TempoMap m = TempoMap.constant(48_000, 97, 7, 8);
        double fpb = 48_000 * 60.0 / 97;
        for (long beat = 0; beat < 100_000; beat += 997) {
            assertEquals(Math.round(beat * fpb), m.frameOfBeat(beat));
        }
        assertEquals(Math.round(7 * 1000 * fpb), m.frameOfBar(1000), "bar 1001 after ~72 minutes, still exact");
    }

    @Test
    void viewsOfAFrame() {
        TempoMap m = TempoMap.constant(48_000, 120, 4, 4);
        assertEquals(0, m.barAt(95_999));
        assertEquals(1, m.barAt(96_000));
        assertEquals(3, m.beatInBarAt(95_999));
        assertEquals(0, m.beatInBarAt(96_000));
        assertEquals(96_000, m.nextBar(95_999));
        assertEquals(96_000, m.nextBar(96_000));
        assertEquals(192_000, m.nextBar(96_001));
        assertEquals(24_000, m.nextBeat(1));
        assertEquals(0, m.nextBeat(0));
    }

    @Test
    void lengthsFollowTempoChanges() {
        TempoMap m = TempoMap.of(48_000, List.of(new TempoMap.Change(0, 120, 4, 4), new TempoMap.Change(2, 60, 3, 4)));
        assertEquals(192_000, m.frameOfBar(2));
        assertEquals(192_000 + 3 * 48_000, m.frameOfBar(3));
        // two beats starting one beat before the change: one at 24000 frames, one at 48000
        assertEquals(24_000 + 48_000, m.beatsToFrames(192_000 - 24_000, 2));
        assertEquals(96_000 + 144_000, m.barsToFrames(96_000, 2), "a 4/4 bar at 120 then a 3/4 bar at 60");
        assertEquals(-24_000, MusicalLength.parse("-1 beat").toFrames(m, 96_000));
        assertEquals(24_000, MusicalLength.parse("500ms").toFrames(m, 0));
        assertEquals(72_000, MusicalLength.parse("1.5 s").toFrames(m, 0));
    }

    @Test
    void badLengthsSayWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MusicalLength.parse("2 parsecs"));
        assertEquals("'2 parsecs' has no unit I know: use ms, s, beats, bars or frames", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MusicalLength.parse("beats"));
    }
}
