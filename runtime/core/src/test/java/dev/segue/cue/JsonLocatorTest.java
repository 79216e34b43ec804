package dev.segue.cue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonLocatorTest {
    private static final String TEXT = String.join("\n",
            "{",
            "  \"cues\": {",
            "    \"a.b\": { \"stems\": [ {\"file\": \"x\\\"y.wav\"}, {\"name\": \"n\"} ] }",
            "  },",
            "\t\"states\": {\"s\": null}",
            "}");

    @Test
    void mapsPathsToTheLineAndColumnOfTheirValue() {
        JsonLocator l = JsonLocator.of(TEXT);
        assertEquals("1:1", l.locate("$").toString());
        assertEquals("2:11", l.locate("cues").toString());
        assertEquals("3:12", l.locate("cues.a.b").toString(), "keys with dots are taken whole");
        assertEquals("3:34", l.locate("cues.a.b.stems[0].file").toString());
        assertEquals("3:47", l.locate("cues.a.b.stems[1]").toString(), "an escaped quote does not end the string");
        assertEquals("5:18", l.locate("states.s").toString(), "a tab is one column");
        assertEquals("5:2", l.keyOf("states").toString());
    }

    @Test
    void aMissingPathFallsBackToItsNearestAncestor() {
        JsonLocator l = JsonLocator.of(TEXT);
        assertFalse(l.has("cues.a.b.tempo"));
        assertEquals(l.locate("cues.a.b"), l.locate("cues.a.b.tempo.bpm"));
        assertEquals(l.locate("cues.a.b.stems[1]"), l.locate("cues.a.b.stems[1].file"));
        assertEquals("1:1", l.locate("nothing.here").toString());
    }

    @Test
    void brokenTextKeepsWhatCameBeforeTheBreak() {
        JsonLocator l = JsonLocator.of("{\n  \"cues\": {\"a\": 1,,\n  \"b\": 2}");
        assertTrue(l.has("cues.a"));
        assertEquals("2:17", l.locate("cues.a").toString());
        assertFalse(l.has("cues.b"));
    }
}
