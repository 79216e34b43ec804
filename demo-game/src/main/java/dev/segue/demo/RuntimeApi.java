package dev.segue.demo;

import dev.segue.CueInfo;
import dev.segue.Segue;
import dev.segue.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Segue calls the demo makes beyond states, parameters and stingers, gathered in one place: ducks,
 * master volume, output devices, and the inspection the composer preview reads (turned into small
 * records of the demo's own, so the preview does not follow every change of the runtime's).
 */
final class RuntimeApi {
    private RuntimeApi() {
    }

    /** Holds or releases one of the sheet's named ducks. */
    static void duck(Segue segue, String name, boolean on) {
        segue.duck(name, on);
    }

    /** Sets the music's master volume (0..1), followed smoothly. */
    static void volume(Segue segue, float volume) {
        segue.setVolume(volume);
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

    /** The timeline of {@code cue}, or null if the sheet has no such cue. */
    static Timeline timeline(Segue segue, String cue) {
        CueInfo i = segue.cueInfo(cue);
        return i == null ? null : new Timeline(i.name(), i.length(), i.loopStart(), i.loopEnd(), i.entry(), i.stems(),
                i.markers(), i.bars(), i.beats());
    }

    /** What plays now. */
    static Now now(Segue segue) {
        Snapshot s = segue.snapshot();
        List<Voice> voices = new ArrayList<>(s.voices().size());
        for (Snapshot.Voice v : s.voices()) {
            voices.add(new Voice(v.cue(), v.role(), v.position(), v.gain(), v.stemPeaksDb(), v.muted(), v.soloed()));
        }
        Snapshot.Pending p = s.pending();
        Landing l = p == null ? null : new Landing(p.from(), p.to(), p.landingFrame(), p.landingBar(),
                p.landingBeat(), p.fadeOutStart(), p.fadeOutFrames(), p.fadeOutCurve(), p.fadeInStart(),
                p.fadeInFrames(), p.fadeInCurve(), p.bridge());
        return new Now(s.frame(), s.bed(), s.bar(), s.beat(), voices, l);
    }

    /** Mutes or unmutes one stem of a cue. */
    static void mute(Segue segue, String cue, String stem, boolean on) {
        segue.setStemMute(cue, stem, on);
    }

    /** Solos or unsolos one stem of a cue. */
    static void solo(Segue segue, String cue, String stem, boolean on) {
        segue.setStemSolo(cue, stem, on);
    }
}
