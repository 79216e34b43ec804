package dev.segue.engine;

import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.Curve;
import dev.segue.cue.Fade;
import dev.segue.cue.GainCurve;
import dev.segue.cue.Marker;
import dev.segue.cue.SheetBuilder;
import dev.segue.cue.SheetException;
import dev.segue.cue.Stem;
import dev.segue.cue.TransitionRule;
import dev.segue.cue.When;
import dev.segue.cue.Where;
import dev.segue.decode.AudioFiles;
import dev.segue.decode.AudioFormatException;
import dev.segue.decode.PcmSource;
import dev.segue.decode.StreamedPcm;
import dev.segue.library.BeatGrid;
import dev.segue.time.MusicalLength;
import dev.segue.time.TempoMap;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sheet custom soundtracks play: the score plus one cue per song the player may hear next, built
 * in memory through {@link SheetBuilder} from the typed records, never through JSON. A {@link Plan}
 * is made on the game thread (pure data: which songs, their tempo, gain and exit, the states and
 * rules); {@link Plan#build} then opens each song's file as a streamed stem (never decoded whole),
 * off the game thread, and reports each song that cannot be read as a
 * {@link SheetException.StemFailure}.
 */
final class SongSheet {
    /** The one stem of a song's cue. */
    static final String STEM = "song";

    private SongSheet() {
    }

    /** One song as a cue: its file, tempo map, exit frame (by the file's nominal length) and gain. */
    record SongCue(String cue, String path, TempoMap tempo, long exit, float gain, GainCurve curve) {
    }

    /** A derived sheet that was built, or the songs that could not be read (then no sheet). */
    record Built(CueSheet sheet, List<SheetException.StemFailure> failures) {
    }

    /**
     * Everything the derived sheet holds, decided on the game thread.
     *
     * @param score  the score it extends
     * @param songs  the song cues, in order
     * @param states state name → song cue, for states a soundtrack plays
     * @param rules  song → song rules (and a skip), appended after the score's
     */
    record Plan(CueSheet score, List<SongCue> songs, Map<String, String> states, List<TransitionRule> rules) {
        Set<String> cues() {
            Set<String> out = new java.util.LinkedHashSet<>();
            songs.forEach(s -> out.add(s.cue()));
            return out;
        }

        /**
         * Opens the songs and builds the sheet. Each file is opened again for each sheet, so one that
         * was deleted or damaged since is found here, before its turn. {@code headFrames} frames of
         * each song's start stay in memory, so it starts at once.
         */
        Built build(int headFrames) {
            List<SheetException.StemFailure> failures = new ArrayList<>();
            SheetBuilder b = SheetBuilder.from(score);
            for (SongCue s : songs) { // one cue per song: each file is opened once per sheet
                StreamedPcm pcm;
                try {
                    pcm = open(s.path(), score.sampleRate(), headFrames);
                } catch (AudioFormatException e) {
                    failures.add(new SheetException.StemFailure(s.cue(), STEM, s.path(), "cannot read '" + s.path() + "': " + e.reason()));
                    continue;
                } catch (IOException | RuntimeException e) {
                    failures.add(new SheetException.StemFailure(s.cue(), STEM, s.path(), "cannot read '" + s.path() + "': " + e));
                    continue;
                }
                Stem stem = new Stem(STEM, s.path(), null, pcm, s.gain(), s.curve());
                b.addCue(new Cue(s.cue(), -1, s.tempo(), new Stem[] {stem}, pcm.frames(), -1, -1, 0,
                        new long[] {Math.min(s.exit(), pcm.frames())}, new Marker[0], 0));
            }
            if (!failures.isEmpty()) {
                return new Built(null, failures);
            }
            for (var e : states.entrySet()) {
                b.state(e.getKey(), e.getValue());
            }
            rules.forEach(b::rule);
            enterSongsAtTheirStart(b, score.rules(), cues());
            return new Built(b.build(), List.of());
        }
    }

    /** A song's file as a streamed stem, with its start resident. */
    private static StreamedPcm open(String path, int rate, int headFrames) throws IOException {
        StreamedPcm st;
        try (PcmSource src = AudioFiles.open(Paths.get(path), rate)) { // resampled to the mixer rate if need be
            st = StreamedPcm.of(Paths.get(path), rate, src);
        }
        st.addJumpTarget(0);
        st.decodeHeads(headFrames / 2, headFrames);
        return st;
    }

    /**
     * A song always starts at its first frame: each score rule that would enter any cue ({@code to *})
     * elsewhere than at its entry (same position, same beat, last position) gets a copy per song that
     * enters at the start, with the same timing and fades. The copies are as specific as their
     * originals plus a named destination, so they win exactly where the originals would have.
     */
    private static void enterSongsAtTheirStart(SheetBuilder b, List<TransitionRule> scoreRules, Set<String> songs) {
        for (TransitionRule r : scoreRules) {
            if (!r.to().equals("*") || r.where() == Where.ENTRY) {
                continue;
            }
            for (String song : songs) {
                b.rule(new TransitionRule(r.from(), song, r.when(), r.bars(), r.marker(), Where.ENTRY, r.fadeOut(),
                        r.fadeIn(), r.bridge(), r.outro(), r.path() + " (entering '" + song + "' at its start)"));
            }
        }
    }

    /**
     * A song's tempo map from its beat grid: a pickup bar of one beat up to its first beat, then its
     * tempo in 4/4; free time (a bar of one beat every half second) when the grid is not to be trusted
     * or missing (120 bpm in 4/4 then).
     */
    static TempoMap tempo(BeatGrid g, int rate) {
        if (g != null && g.confidence() < SongPlayback.MIN_BEAT_CONFIDENCE) {
            // no beat to trust (pads, ambient): free time, every half second a "bar" of one beat, so
            // moves land within half a second and fades in beats or bars stay short, on no false grid
            return TempoMap.constant(rate, 120, 1, 4);
        }
        double bpm = g != null && g.bpm() >= 30 && g.bpm() <= 300 ? g.bpm() : 120;
        double period = rate * 60.0 / bpm;
        long pickup = 0;
        if (g != null && g.bpm() == bpm) {
            double first = g.firstBeat() * (double) rate / g.sampleRate();
            pickup = Math.round(first - Math.floor(first / period) * period);
        }
        if (pickup >= rate * 60.0 / 10_000 && pickup < period - 1) {
            return TempoMap.of(rate, List.of(new TempoMap.Change(0, rate * 60.0 / pickup, 1, 4),
                    new TempoMap.Change(1, bpm, 4, 4)));
        }
        return TempoMap.constant(rate, bpm, 4, 4);
    }

    /** The linear stem gain for {@code gainDb}. */
    static float gain(double gainDb) {
        return (float) Math.pow(10, gainDb / 20);
    }

    /** The intensity curve songs follow when the score has an {@code intensity} parameter, else null. */
    static GainCurve intensity(CueSheet score) {
        int p = score.parameterIndex("intensity");
        return p < 0 ? null : new GainCurve(p, new float[] {0, 1}, new float[] {0.8f, 1});
    }

    /** Song to song: at the exit cue, gapless or crossfaded; on the next beat with a short fade for a skip. */
    static TransitionRule rule(String from, String to, boolean skipping, double crossfadeSeconds) {
        if (skipping) {
            return new TransitionRule(from, to, When.NEXT_BEAT, 1, null, Where.ENTRY, fade(MusicalLength.beats(1)),
                    fade(MusicalLength.ZERO), -1, false, "songs: skip from '" + from + "' to '" + to + "'");
        }
        MusicalLength len = MusicalLength.ms(Math.round(crossfadeSeconds * 1000.0));
        return new TransitionRule(from, to, When.EXIT_CUE, 1, null, Where.ENTRY, fade(len), fade(len), -1, false,
                "songs: from '" + from + "' to '" + to + "'");
    }

    private static Fade fade(MusicalLength length) {
        return new Fade(length, MusicalLength.ZERO, Curve.EQUAL_POWER);
    }
}
