package dev.segue.tools.validate;

import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.Marker;
import dev.segue.cue.Stem;
import dev.segue.cue.Stinger;
import dev.segue.cue.TransitionRule;
import dev.segue.cue.When;
import dev.segue.cue.Where;
import dev.segue.decode.PcmData;
import dev.segue.time.TempoMap;
import dev.segue.tools.signal.Clicks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The warnings of a sheet that loads: places where the sheet and its audio disagree (a loop longer
 * than a stem, stems of different lengths, a loop that wraps with a click, a loop that is not whole
 * bars, a marker off the beat), parts that never sound (unused cues, rules no move ever picks, silent
 * stems) and moves that will not do what they say (a {@code nextMarker} rule from a cue without that
 * marker, {@code samePosition} between cues of different tempo, a state whose cue does not loop).
 */
public final class SheetAudit {
    /** A misalignment up to this is taken as rounding: 1 ms. */
    private final long tolerance;
    private final CueSheet sheet;
    private final int rate;
    private final List<String[]> warnings = new ArrayList<>();

    private SheetAudit(CueSheet sheet) {
        this.sheet = sheet;
        this.rate = sheet.sampleRate();
        this.tolerance = Math.max(1, rate / 1000);
    }

    /** Every warning for {@code sheet}, each {@code {path, sentence}}, cue by cue, then the rules. */
    public static List<String[]> of(CueSheet sheet) {
        SheetAudit a = new SheetAudit(sheet);
        for (Cue c : sheet.cues()) {
            a.cue(c);
        }
        a.usage();
        a.rules();
        a.states();
        return a.warnings;
    }

    private void warn(String path, String sentence) {
        warnings.add(new String[] {path, sentence});
    }

    // ---------------------------------------------------------------- one cue

    private void cue(Cue c) {
        String path = "cues." + c.name();
        Stem[] stems = c.stems();
        long longest = 0;
        long shortest = Long.MAX_VALUE;
        for (Stem s : stems) {
            longest = Math.max(longest, s.audio().frames());
            shortest = Math.min(shortest, s.audio().frames());
        }
        if (longest - shortest > tolerance) {
            StringBuilder b = new StringBuilder();
            for (Stem s : stems) {
                b.append(b.length() == 0 ? "" : ", ").append(s.name()).append(' ').append(seconds(s.audio().frames()));
            }
            warn(path + ".stems", "the stems have different lengths (" + b + "); stems exported from one session "
                    + "should share one length, or one of them ends early");
        }
        for (int i = 0; i < stems.length; i++) {
            stem(c, stems[i], path + ".stems[" + i + "]");
        }
        if (c.loops()) {
            loop(c, path);
        }
        TempoMap t = c.tempo();
        for (Marker m : c.markers()) {
            offBeat(c, m.frame(), path + ".markers." + m.name(), "marker '" + m.name() + "'",
                    "a nextMarker transition lands off the beat");
        }
        for (int i = 0; i < c.exitCues().length; i++) {
            offBeat(c, c.exitCues()[i], path + ".exits", "exit " + position(c, c.exitCues()[i]),
                    "an exitCue transition lands off the beat");
        }
        if (c.entry() > 0) {
            offBeat(c, c.entry(), path + ".entry", "the entry", "the cue starts off its own beat");
        }
        if (!c.loops() && c.length() > 0 && t.nextBar(c.length()) != c.length() && isBed(c)) {
            warn(path + ".length", "the cue is " + bars(c, 0, c.length()) + " bars long, not a whole number: "
                    + "what follows it starts off the bar");
        }
    }

    private void stem(Cue c, Stem s, String path) {
        PcmData a = s.audio();
        float peak = 0;
        for (float v : a.samples()) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak == 0) {
            warn(path + ".file", "'" + s.file() + "' is digital silence: the stem is never heard");
            return;
        }
        boolean audible = s.gain() > 1e-5f;
        if (s.curve() != null) {
            float max = 0;
            for (float g : s.curve().gains()) {
                max = Math.max(max, g);
            }
            audible &= max > 0;
        }
        if (!audible) {
            warn(path, "stem '" + s.name() + "' has no gain anywhere (gainDb and gainCurve): it is never heard");
        }
        long frames = a.frames();
        if (c.loops() && frames + tolerance < c.loopEnd()) {
            warn(path + ".file", "'" + s.file() + "' ends at " + position(c, frames) + " but the loop runs to "
                    + position(c, c.loopEnd()) + ": the stem is silent for the last " + seconds(c.loopEnd() - frames)
                    + " of every pass");
        } else if (frames + tolerance < c.length()) {
            warn(path + ".file", "'" + s.file() + "' is " + seconds(frames) + " long but the cue runs "
                    + seconds(c.length()) + ": the stem falls silent " + seconds(c.length() - frames) + " before the end");
        } else if (frames > c.length() + tolerance) {
            warn(path + ".file", "'" + s.file() + "' runs " + seconds(frames - c.length())
                    + " past the cue's length (" + position(c, c.length()) + "): that tail is never heard");
        }
    }

    private void loop(Cue c, String path) {
        TempoMap t = c.tempo();
        boolean startOnBar = t.nextBar(c.loopStart()) == c.loopStart();
        boolean endOnBar = t.nextBar(c.loopEnd()) == c.loopEnd();
        if (!startOnBar || !endOnBar) {
            warn(path + ".loop", "the loop (" + position(c, c.loopStart()) + " to " + position(c, c.loopEnd()) + ") is "
                    + bars(c, c.loopStart(), c.loopEnd()) + " bars; a loop that does not start and end on bar lines "
                    + "pulls the music off its bar grid on every pass");
        }
        for (Stem s : c.stems()) {
            PcmData a = s.audio();
            if (a.frames() < c.loopEnd()) {
                continue; // already reported: the stem ends inside the loop
            }
            if (c.loopCrossfade() > 0) {
                crossfadeMatches(c, s, a, path);
                continue; // the wrap plays on from the audio before the loop start: no splice to click
            }
            Clicks.Click k = Clicks.atSplice(a.samples(), a.channels(), rate, (int) c.loopEnd(), (int) c.loopStart());
            if (k != null) {
                warn(path + ".loop.end", String.format(Locale.ROOT, "stem '%s' jumps by %.1f dBFS where the loop wraps "
                        + "(%s back to %s), %.0f times its local variation: it clicks on every pass; make the audio at "
                        + "the loop end run on into the audio at the loop start", s.name(), db(k.jump()),
                        position(c, c.loopEnd()), position(c, c.loopStart()), k.ratio()));
            }
        }
    }

    /**
     * A loop crossfade blends the loop's last stretch into the audio before the loop start; they should
     * be the same music (the intro's end leading into the loop as the loop's end does), or the blend
     * smears two passages on every pass.
     */
    private void crossfadeMatches(Cue c, Stem s, PcmData a, String path) {
        int ch = a.channels();
        float[] x = a.samples();
        long n = c.loopCrossfade();
        long span = c.loopEnd() - c.loopStart();
        double power = 0;
        double diff = 0;
        for (long f = c.loopEnd() - n; f < c.loopEnd(); f++) {
            for (int k = 0; k < ch; k++) {
                double end = x[(int) (f * ch + k)];
                double before = x[(int) ((f - span) * ch + k)];
                power += end * end;
                diff += (end - before) * (end - before);
            }
        }
        if (power > 1e-8 * n * ch && diff > 0.25 * power) {
            warn(path + ".loop.crossfade", String.format(Locale.ROOT, "stem '%s': the %s before the loop start differ "
                    + "from the loop's last %s by %.1f dB of its level, so the crossfade blends two different passages "
                    + "on every pass; make the intro's end lead into the loop start as the loop's end does",
                    s.name(), seconds(n), seconds(n), 10 * Math.log10(diff / power)));
        }
    }

    private void offBeat(Cue c, long frame, String path, String what, String consequence) {
        TempoMap t = c.tempo();
        long next = t.nextBeat(frame);
        long prev = t.frameOfBeat(t.beatIndexAt(frame));
        long off = Math.min(Math.abs(next - frame), Math.abs(frame - prev));
        if (off > tolerance) {
            warn(path, what + " at " + position(c, frame) + " is " + seconds(off) + " off the beat grid: " + consequence);
        }
    }

    // ---------------------------------------------------------------- the sheet as a whole

    private boolean isBed(Cue c) {
        for (int s = 0; s < sheet.states().size(); s++) {
            if (sheet.stateCue(s) == c.index()) {
                return true;
            }
        }
        for (TransitionRule r : sheet.rules()) {
            if (r.to().equals(c.name())) {
                return true;
            }
        }
        return false;
    }

    private void usage() {
        Set<Integer> used = new HashSet<>();
        for (int s = 0; s < sheet.states().size(); s++) {
            used.add(sheet.stateCue(s));
        }
        for (TransitionRule r : sheet.rules()) {
            used.add(r.bridge());
            Cue from = sheet.cue(r.from());
            Cue to = sheet.cue(r.to());
            used.add(from == null ? -1 : from.index());
            used.add(to == null ? -1 : to.index());
        }
        for (Stinger st : sheet.stingers()) {
            used.add(st.cue());
        }
        for (Cue c : sheet.cues()) {
            if (!used.contains(c.index())) {
                warn("cues." + c.name(), "cue '" + c.name() + "' is never played by a state, rule, bridge or stinger "
                        + "(only Segue.trigger(\"" + c.name() + "\") can play it)");
            }
        }
    }

    /** Examples a warning lists before "and N more". */
    private static final int EXAMPLES = 5;

    private void rules() {
        RuleCoverage cover = new RuleCoverage(sheet);
        for (TransitionRule r : sheet.rules()) {
            if (!cover.chosen(sheet, r)) {
                warn(r.path(), "this rule is never chosen: every move it matches has a more specific rule "
                        + "(rules are picked (from,to), then (from,*), then (*,to), then (*,*); among equals the first)");
                continue;
            }
            if (r.when() == When.NEXT_MARKER) {
                RuleCoverage.Found<Integer> bare = cover.fromCues(sheet, r, c -> !hasMarker(c, r.marker()), EXAMPLES);
                if (bare.count() > 0) {
                    warn(r.path() + ".when", "nextMarker from " + list(bare.count(), names(bare.examples()))
                            + ", which " + (bare.count() == 1 ? "has" : "have") + " no marker"
                            + (r.marker() == null ? "" : " named '" + r.marker() + "'")
                            + ": the move lands on the next bar instead");
                }
            }
            if (r.where() == Where.SAME_POSITION) {
                RuleCoverage.Found<int[]> off = cover.offGrid(sheet, r, EXAMPLES);
                if (off.count() > 0) {
                    List<String> moves = new ArrayList<>();
                    for (int[] m : off.examples()) {
                        Cue from = sheet.cues().get(m[0]);
                        Cue to = sheet.cues().get(m[1]);
                        moves.add("'" + from.name() + "' (" + tempo(from) + ") to '" + to.name() + "' (" + tempo(to) + ")");
                    }
                    warn(r.path() + ".position", "samePosition from " + list(off.count(), moves)
                            + ": the cues do not share a grid, so the destination starts off its beat; use sameBeat or entry");
                }
            }
        }
    }

    private List<String> names(List<Integer> cues) {
        List<String> s = new ArrayList<>();
        for (int c : cues) {
            s.add(sheet.cues().get(c).name());
        }
        return s;
    }

    /** {@code a, b, c} or {@code a, b, c and 19997 more}. */
    private static String list(long count, List<String> examples) {
        String shown = String.join(", ", examples);
        return count > examples.size() ? shown + " and " + (count - examples.size()) + " more" : shown;
    }

    private void states() {
        for (int s = 0; s < sheet.states().size(); s++) {
            int cue = sheet.stateCue(s);
            if (cue >= 0 && !sheet.cues().get(cue).loops()) {
                Cue c = sheet.cues().get(cue);
                warn("states." + sheet.states().get(s), "state '" + sheet.states().get(s) + "' plays '" + c.name()
                        + "', which does not loop: the music stops after " + seconds(c.length() - c.entry())
                        + " and stays silent until the next state");
            }
        }
    }

    private static boolean hasMarker(Cue c, String name) {
        for (Marker m : c.markers()) {
            if (name == null || m.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- wording

    private String seconds(long frames) {
        double s = frames / (double) rate;
        return s < 1 ? String.format(Locale.ROOT, "%.0f ms", s * 1000) : String.format(Locale.ROOT, "%.3f s", s);
    }

    /** {@code 5:1 (8.000 s)}, or {@code 5:2.5 (…)} off the beat. */
    static String position(Cue c, long frame) {
        TempoMap t = c.tempo();
        long bar = t.barAt(frame);
        double beat = t.beatAt(frame) - t.beatOfBar(bar) + 1;
        String b = Math.abs(beat - Math.rint(beat)) < 1e-3 ? String.valueOf(Math.round(beat))
                : String.format(Locale.ROOT, "%.2f", beat);
        return (bar + 1) + ":" + b + String.format(Locale.ROOT, " (%.3f s)", frame / (double) t.sampleRate());
    }

    private static String bars(Cue c, long from, long to) {
        TempoMap t = c.tempo();
        double a = t.barAt(from) + (t.beatAt(from) - t.beatOfBar(t.barAt(from))) / t.beatsPerBarAt(from);
        double b = t.barAt(to) + (t.beatAt(to) - t.beatOfBar(t.barAt(to))) / t.beatsPerBarAt(Math.max(0, to - 1));
        return String.format(Locale.ROOT, "%.2f", b - a);
    }

    private static String tempo(Cue c) {
        var s = c.tempo().segments().get(0);
        return String.format(Locale.ROOT, "%s bpm %d/%d%s", trim(s.bpm()), s.beatsPerBar(), s.beatUnit(),
                c.tempo().segments().size() > 1 ? " with changes" : "");
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    static double db(double linear) {
        return 20 * Math.log10(Math.max(linear, 1e-10));
    }
}
