package dev.segue.demo;

import dev.segue.Segue;
import java.util.List;
import java.util.Map;

/**
 * Segue calls the demo makes beyond states, parameters and stingers, gathered in one place: ducks,
 * master volume, and the inspection the composer preview reads.
 */
final class RuntimeApi {
    private RuntimeApi() {
    }

    /** Holds or releases one of the sheet's named ducks. */
    static void duck(Segue segue, String name, boolean on) {
    }

    /** Sets the music's master volume (0..1). */
    static void volume(Segue segue, float volume) {
    }

    /** The output devices the player may choose; "default" lets Segue pick. */
    static List<String> outputs() {
        return List.of("default", "silent");
    }

    /** Points the builder at the chosen output device. */
    static void output(Segue.Builder b, String name) {
        if ("silent".equals(name)) {
            b.silentOutput();
        }
    }

    /** A cue's timeline, in frames from its start. */
    record Timeline(String name, long length, long loopStart, long loopEnd, long entry, List<String> stems,
            Map<String, Long> markers, long[] bars, long[] beats) {
    }

    /** One playing cue: where it is, how loud, each stem's peak and switches. */
    record Voice(String cue, String role, long position, float gain, float[] stemPeaksDb, boolean[] muted,
            boolean[] soloed) {
    }

    /** The transition waiting to land. */
    record Landing(String from, String to, long frame, int bar, int beat, long fadeOutStart, long fadeOutFrames,
            String fadeOutCurve, long fadeInStart, long fadeInFrames, String fadeInCurve, String bridge) {
    }

    /** The music at one moment. */
    record Now(long frame, String bed, int bar, int beat, List<Voice> voices, Landing pending) {
    }

    /** The timeline of {@code cue}, or null when the runtime cannot tell. */
    static Timeline timeline(Segue segue, String cue) {
        return null;
    }

    /** What plays now, or null when the runtime cannot tell. */
    static Now now(Segue segue) {
        return null;
    }

    /** Mutes or unmutes one stem of a cue. */
    static void mute(Segue segue, String cue, String stem, boolean on) {
    }

    /** Solos or unsolos one stem of a cue. */
    static void solo(Segue segue, String cue, String stem, boolean on) {
    }
}
