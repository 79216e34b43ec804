package dev.segue.demo;

import dev.segue.CueInfo;
import dev.segue.OutputStats;
import dev.segue.Segue;
import dev.segue.SegueBuilder;
import dev.segue.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** The output choice that lets Segue open the system's default device. */
    static final String DEFAULT_OUTPUT = "default";
    /** The output choice that plays on no device (the clock and events still run). */
    static final String SILENT_OUTPUT = "silent";

    /**
     * The outputs the player may choose: {@value #DEFAULT_OUTPUT} (Segue opens the system default),
     * every device OpenAL lists here by name, and {@value #SILENT_OUTPUT}.
     */
    static List<String> outputs() {
        List<String> all = new ArrayList<>();
        all.add(DEFAULT_OUTPUT);
        for (String d : Segue.outputDevices()) {
            if (!all.contains(d) && !SILENT_OUTPUT.equals(d)) {
                all.add(d);
            }
        }
        all.add(SILENT_OUTPUT);
        return all;
    }

    /**
     * Points the builder at the chosen output: the default device, the silent output, or a named
     * device (if that cannot be opened, Segue plays silently and says so with an OUTPUT event).
     */
    static void output(SegueBuilder b, String name) {
        if (SILENT_OUTPUT.equals(name)) {
            b.silentOutput();
        } else if (name != null && !DEFAULT_OUTPUT.equals(name)) {
            b.outputDevice(name);
        }
    }

    /**
     * One line of output figures for a debug line: device and its mixing period, the measured latency
     * of the game's calls (to OpenAL and to the ear, {@link Segue#commandLatency()}), load, underruns.
     */
    static String outputLine(Segue segue) {
        OutputStats o = segue.outputStats();
        if ("offline".equals(o.device())) {
            return "output: offline render";
        }
        dev.segue.CommandLatency c = segue.commandLatency();
        String heard = c.commands() == 0 ? "no call measured yet" : String.format(Locale.ROOT,
                "a call reaches OpenAL in %.1f ms (p99 %.1f), the ear in %.1f", c.millis(c.toOutput().p50()),
                c.millis(c.toOutput().p99()), c.millis(c.toEar().p50()));
        String period = o.devicePeriodFrames() == 0 ? "" : String.format(Locale.ROOT, " (OpenAL mixes every %.1f ms)",
                o.devicePeriodMillis());
        return String.format(Locale.ROOT, "output: %s%s%s  ·  %s  ·  load %.0f %%  ·  underruns %d", o.device(), period,
                o.silent() && !o.device().contains("silent") ? " (silent)" : "", heard, o.load() * 100, o.underruns());
    }

    /** True when the music plays on no device: none could be opened, it was lost, or silent was chosen. */
    static boolean silent(Segue segue) {
        return segue.outputStats().silent();
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
