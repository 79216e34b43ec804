package dev.segue.tools.compose;

import static dev.segue.tools.Synth.frames;
import static dev.segue.tools.compose.Harmony.A;
import static dev.segue.tools.compose.Harmony.ASUS;
import static dev.segue.tools.compose.Harmony.DM;
import static dev.segue.tools.compose.Harmony.DMAJ;

import dev.segue.tools.Synth;
import dev.segue.tools.compose.Harmony.Chord;
import dev.segue.tools.compose.Harmony.Note;
import dev.segue.tools.compose.Instruments.BassTone;
import dev.segue.tools.compose.Instruments.LeadTone;
import dev.segue.tools.compose.Instruments.PadTone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The demo score, cue by cue: what each stem plays in its intro, loop and outro. Every cue is in D
 * minor and draws its chords from {@link Harmony}; explore and combat share tempo (100 BPM), form
 * (1-bar intro, 8-bar loop, 2-bar outro) and chords, so one can take over from the other at the same
 * position.
 */
final class Score {
    /** A rendered cue: its stems by name, in sheet order, each {@code {left, right}}. */
    record Cue(String name, Form form, Map<String, double[][]> stems) {
    }

    private static final long SEED = 0x5E6_0E_D3L;
    static final int TAIL = frames(4);

    private Score() {
    }

    /** Every cue the sheet names, in the order they are written; each renders when asked. */
    static Map<String, Supplier<Cue>> cues() {
        Map<String, Supplier<Cue>> m = new LinkedHashMap<>();
        m.put("title", Score::title);
        m.put("explore", Score::explore);
        m.put("combat", Score::combat);
        m.put("boss_intro", Score::bossIntro);
        m.put("boss", Score::boss);
        m.put("cutscene", Score::cutscene);
        m.put("victory", Score::victory);
        m.put("game_over", Score::gameOver);
        m.put("pickup", Score::pickup);
        m.put("discovery", Score::discovery);
        return m;
    }

    // ------------------------------------------------------------------ helpers

    private static final class Builder {
        final String cue;
        final Form form;
        final Map<String, double[][]> stems = new LinkedHashMap<>();
        int crossfade;

        Builder(String cue, Form form) {
            this.cue = cue;
            this.form = form;
            this.crossfade = form.beat() / 2;
        }

        /** Renders a stem, reverberates it ({@code wet} 0 for dry) and keeps the file. */
        Builder stem(String name, double wet, Stem.Part part) {
            Stem s = new Stem(cue + "/" + name, form, SEED ^ (cue + "/" + name).hashCode(), TAIL).write(part);
            if (wet > 0) {
                new Synth.Reverb(0.72, 0.45).process(s.left, s.right, 1, wet);
            }
            stems.put(name, s.assemble(crossfade));
            return this;
        }

        Cue build() {
            return new Cue(cue, form, stems);
        }
    }

    /** Frames of {@code beats} beats in {@code f}. */
    private static int beats(Form f, double beats) {
        return (int) StrictMath.round(beats * f.beat());
    }

    /** Plays each chord of {@code plan} for {@code barsEach} bars on a pad. */
    private static void padLoop(Stem s, Chord[] plan, int barsEach, PadTone tone, double attack, double release) {
        Form f = s.form;
        for (int b = 0; b < plan.length; b += barsEach) {
            int at = f.at(b, 0);
            s.add(at, Instruments.pad(plan[b].voicing(), barsEach * f.bar(), frames(attack), frames(release), tone, s.seed(at, b)), 1);
        }
    }

    private static void line(Stem s, List<Note> notes, LeadTone tone, double legato, double pan, double gain) {
        for (Note n : notes) {
            int at = beats(s.form, n.beat());
            s.add(at, Instruments.lead(n.midi(), beats(s.form, n.beats() * legato), tone, s.seed(at, n.midi())), gain * n.velocity(), pan);
        }
    }

    /** A broken-chord figure on plucked strings: {@code pattern} indexes the chord's tones from {@code low}. */
    private static void arp(Stem s, Chord[] plan, double step, int[] pattern, int low, double ring, double bright, double gain) {
        Form f = s.form;
        int perBar = (int) Math.round(f.beatsPerBar() / step);
        for (int b = 0; b < plan.length; b++) {
            int[] tones = plan[b].tones(low, low + 24);
            for (int k = 0; k < perBar; k++) {
                int at = f.at(b, k * step);
                int midi = tones[pattern[k % pattern.length] % tones.length];
                double accent = k % 4 == 0 ? 1 : k % 2 == 0 ? 0.8 : 0.65;
                s.add(at, Instruments.pluck(midi, ring, bright, s.seed(at, midi)), gain * accent, k % 2 == 0 ? -0.35 : 0.35);
            }
        }
    }

    private static int[] pitches(Chord c, int transpose) {
        int[] v = c.voicing().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += transpose;
        }
        return v;
    }

    private static final double[][] WALK = {{1, 1, 2}, {1.5, 0.5, 1, 1}, {2, 1, 0.5, 0.5}, {3, 1}, {1, 0.5, 0.5, 2}, {4}};

    // ------------------------------------------------------------------ title: calm menu, 80 BPM, 3 stems

    private static Cue title() {
        Form f = new Form(80, 4, 1, 8, 2);
        Chord[] plan = Harmony.TITLE;
        PadTone warm = new PadTone(3, 7, 950, 0.3, 0.75, 0.4);
        List<Note> tune = Harmony.melody(plan, 4, WALK, new int[] {0, 3, 1, 5, 0, 2, 4, 5}, 72, 86, SEED + 11);
        return new Builder("title", f)
                .stem("pads", 0.4, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> s.add(0, Instruments.pad(ASUS.voicing(), f.bar(), frames(2.2), frames(1.5), warm, s.seed(0, 1)), 1);
                        case LOOP -> padLoop(s, plan, 1, warm, 1.0, 1.8);
                        case OUTRO -> s.add(0, Instruments.pad(DM.voicing(), f.bar(), frames(0.8), f.bar() - frames(0.3), warm, s.seed(0, 2)), 1);
                    }
                })
                .stem("bells", 0.45, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> {
                            int[] up = {69, 74, 76, 81};
                            for (int k = 0; k < 4; k++) {
                                int at = f.at(0, 2 + k * 0.5);
                                s.add(at, Instruments.bell(up[k], 2.4, 1.2, s.seed(at, up[k])), 0.45 + 0.1 * k, 0.2);
                            }
                        }
                        case LOOP -> {
                            for (Note n : tune) {
                                int at = beats(f, n.beat());
                                s.add(at, Instruments.bell(n.midi(), 2.6, 1.6, s.seed(at, n.midi())), 0.8 * n.velocity(), 0.15);
                            }
                            for (int b = 0; b < plan.length; b++) { // a soft music-box figure an octave below
                                int[] tones = plan[b].tones(62, 74);
                                for (int k = 0; k < 4; k++) {
                                    int at = f.at(b, 0.5 + k);
                                    int m = tones[(k * 2 + b) % tones.length];
                                    s.add(at, Instruments.bell(m, 1.6, 0.8, s.seed(at, m)), 0.32, -0.4);
                                }
                            }
                        }
                        case OUTRO -> s.add(0, Instruments.bell(74, 4.5, 1.4, s.seed(0, 74)), 0.8, 0);
                    }
                })
                .stem("strings", 0.5, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> s.add(0, Instruments.strings(new int[] {45, 57}, f.bar(), f.bar() / 2, frames(1.2), 0.7, s.seed(0, 3)), 0.9);
                        case LOOP -> {
                            for (int b = 0; b < plan.length; b += 2) {
                                int at = f.at(b, 0);
                                int[] low = {plan[b].root(), plan[b].root() + 12};
                                s.add(at, Instruments.strings(low, 2 * f.bar(), f.bar(), frames(1.5), 0.7, s.seed(at, b)), 1);
                            }
                        }
                        case OUTRO -> s.add(0, Instruments.strings(new int[] {38, 50}, f.bar(), frames(0.5), f.bar() - frames(0.3), 0.6, s.seed(0, 4)), 0.9);
                    }
                })
                .build();
    }

    // ------------------------------------------------------------------ explore and combat: 100 BPM, same form

    static final Form ADVENTURE = new Form(100, 4, 1, 8, 2);

    private static Cue explore() {
        Form f = ADVENTURE;
        Chord[] plan = Harmony.ADVENTURE;
        PadTone soft = new PadTone(3, 11, 1500, 0.25, 0.9, 0.15);
        BassTone round = new BassTone(0.6, 0.2, 1100, 280, 0.12, 0.6, 0.9);
        LeadTone flute = new LeadTone(0.75, 0.12, 0.05, 3800, 0.05, 0.14, 0.06);
        List<Note> tune = Harmony.melody(plan, 4, WALK, new int[] {1, 0, 4, 3, 1, 0, 2, 5}, 67, 81, SEED + 21);
        return new Builder("explore", f)
                .stem("pads", 0.35, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> s.add(0, Instruments.pad(ASUS.voicing(), f.bar(), frames(1.5), frames(0.9), soft, s.seed(0, 1)), 1);
                        case LOOP -> padLoop(s, plan, 1, soft, 0.35, 0.9);
                        case OUTRO -> s.add(0, Instruments.pad(DM.voicing(), f.bar(), frames(0.3), f.bar() - frames(0.3), soft, s.seed(0, 2)), 1);
                    }
                })
                .stem("bass", 0.08, (s, sec) -> {
                    double[] on = {0, 1.5, 2, 3};
                    double[] len = {1.4, 0.45, 0.9, 0.9};
                    int[] off = {0, 0, 7, 12};
                    switch (sec) {
                        case INTRO -> {
                            s.add(f.at(0, 2), Instruments.bass(45, beats(f, 0.9), round, s.seed(f.at(0, 2), 45)), 0.7, 0);
                            s.add(f.at(0, 3), Instruments.bass(52, beats(f, 0.9), round, s.seed(f.at(0, 3), 52)), 0.8, 0);
                        }
                        case LOOP -> {
                            for (int b = 0; b < plan.length; b++) {
                                for (int k = 0; k < on.length; k++) {
                                    int at = f.at(b, on[k]);
                                    int m = plan[b].root() + off[k];
                                    s.add(at, Instruments.bass(m, beats(f, len[k]), round, s.seed(at, m)), k == 0 ? 1 : 0.8, 0);
                                }
                            }
                        }
                        case OUTRO -> s.add(0, Instruments.bass(38, beats(f, 3.5), round, s.seed(0, 38)), 1, 0);
                    }
                })
                .stem("arp", 0.3, (s, sec) -> {
                    int[] pattern = {0, 1, 2, 3, 4, 3, 2, 1};
                    switch (sec) {
                        case INTRO -> arp(s, new Chord[] {A}, 0.5, pattern, 57, 0.9, 0.45, 1.6);
                        case LOOP -> arp(s, plan, 0.5, pattern, 57, 0.9, 0.45, 2.4);
                        case OUTRO -> s.add(0, Instruments.pluck(62, 2.5, 0.45, s.seed(0, 62)), 0.9, 0);
                    }
                })
                .stem("perc", 0.15, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> {
                            for (int k = 0; k < 8; k++) {
                                int at = f.at(0, k * 0.5);
                                s.add(at, Instruments.shaker(s.seed(at, 0)), 0.2 + 0.1 * k, 0.25);
                            }
                        }
                        case LOOP -> {
                            for (int b = 0; b < plan.length; b++) {
                                for (int k = 0; k < 8; k++) {
                                    int at = f.at(b, k * 0.5);
                                    s.add(at, Instruments.shaker(s.seed(at, 0)), k % 2 == 0 ? 0.75 : 1.2, 0.25);
                                }
                                s.add(f.at(b, 0), Instruments.kick(110, 50, 0.16, s.seed(f.at(b, 0), 1)), 0.9, 0);
                                s.add(f.at(b, 2.5), Instruments.kick(110, 50, 0.16, s.seed(f.at(b, 2.5), 1)), 0.6, 0);
                                int rim = f.at(b, 3);
                                s.add(rim, Instruments.snare(0.18, 1.2, 0.25, s.seed(rim, 2)), 0.45, -0.15);
                            }
                        }
                        case OUTRO -> s.add(0, Instruments.kick(110, 50, 0.2, s.seed(0, 1)), 0.9, 0);
                    }
                })
                .stem("lead", 0.3, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> { }
                        case LOOP -> line(s, tune, flute, 0.92, 0.1, 1);
                        case OUTRO -> s.add(0, Instruments.lead(74, beats(f, 3), flute, s.seed(0, 74)), 0.85, 0.1);
                    }
                })
                .build();
    }

    private static Cue combat() {
        Form f = ADVENTURE;
        Chord[] plan = Harmony.ADVENTURE;
        BassTone drive = new BassTone(0.8, 0.3, 2600, 380, 0.08, 0.5, 1.3);
        LeadTone brass = new LeadTone(0.15, 0.8, 0.1, 2800, 0.015, 0.18, 0.035);
        double[][] rhythms = {{0.5, 0.5, 1, 0.5, 0.5, 1}, {1.5, 0.5, 2}, {0.5, 0.5, 0.5, 0.5, 2}, {1, 1, 1, 1}, {2, 2}, {4}};
        List<Note> tune = Harmony.melody(plan, 4, rhythms, new int[] {0, 1, 2, 4, 0, 1, 3, 5}, 62, 79, SEED + 31);
        return new Builder("combat", f)
                .stem("strings", 0.3, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> s.add(0, Instruments.strings(pitches(ASUS, 12), f.bar(), f.bar(), frames(0.6), 1, s.seed(0, 1)), 1);
                        case LOOP -> {
                            for (int b = 0; b < plan.length; b++) {
                                int at = f.at(b, 0);
                                s.add(at, Instruments.strings(pitches(plan[b], 12), f.bar(), beats(f, 1), frames(0.5), 1, s.seed(at, b)), 1);
                            }
                        }
                        case OUTRO -> s.add(0, Instruments.strings(pitches(DM, 12), f.bar(), frames(0.1), f.bar() - frames(0.3), 1, s.seed(0, 2)), 1);
                    }
                })
                .stem("bass", 0.05, (s, sec) -> {
                    int[] oct = {0, 0, 12, 0, 0, 12, 0, 7};
                    switch (sec) {
                        case INTRO -> {
                            for (int k = 0; k < 8; k++) {
                                int at = f.at(0, k * 0.5);
                                s.add(at, Instruments.bass(33, beats(f, 0.4), drive, s.seed(at, 33)), 0.4 + 0.08 * k, 0);
                            }
                        }
                        case LOOP -> {
                            for (int b = 0; b < plan.length; b++) {
                                for (int k = 0; k < 8; k++) {
                                    int at = f.at(b, k * 0.5);
                                    int m = plan[b].root() - 12 + oct[k] + (plan[b].root() < 40 ? 12 : 0);
                                    s.add(at, Instruments.bass(m, beats(f, 0.42), drive, s.seed(at, m)), k % 2 == 0 ? 1 : 0.8, 0);
                                }
                            }
                        }
                        case OUTRO -> s.add(0, Instruments.bass(38, beats(f, 2.5), drive, s.seed(0, 38)), 1, 0);
                    }
                })
                .stem("drums", 0.12, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> {
                            for (int k = 0; k < 16; k++) { // a snare roll growing into the loop
                                int at = f.at(0, k * 0.25);
                                s.add(at, Instruments.snare(0.15, 0.8, 1, s.seed(at, 2)), 0.15 + 0.05 * k, 0.05);
                            }
                            double[] toms = {196, 165, 131, 110};
                            for (int k = 0; k < 4; k++) {
                                int at = f.at(0, 3 + k * 0.25);
                                s.add(at, Instruments.tom(toms[k], s.seed(at, 3)), 0.8, 0.4 - 0.25 * k);
                            }
                        }
                        case LOOP -> {
                            for (int b = 0; b < plan.length; b++) {
                                boolean fill = b == plan.length - 1;
                                for (double kb : new double[] {0, 1.5, 2.25, 2.5}) {
                                    if (fill && kb > 2) {
                                        continue;
                                    }
                                    int at = f.at(b, kb);
                                    s.add(at, Instruments.kick(150, 48, 0.22, s.seed(at, 1)), kb == 0 ? 1 : 0.8, 0);
                                }
                                for (double sb : new double[] {1, 3}) {
                                    if (fill && sb == 3) {
                                        continue;
                                    }
                                    int at = f.at(b, sb);
                                    s.add(at, Instruments.snare(0.3, 1, 1, s.seed(at, 2)), 0.9, 0.05);
                                }
                                for (int k = 0; k < 8; k++) {
                                    if (fill && k >= 4) {
                                        continue;
                                    }
                                    int at = f.at(b, k * 0.5);
                                    boolean open = k == 7;
                                    s.add(at, Instruments.hat(open ? 0.12 : 0.03, s.seed(at, 4)), k % 2 == 0 ? 0.5 : 0.38, -0.3);
                                }
                                if (fill) {
                                    double[] toms = {220, 196, 165, 147, 131, 110, 98, 82};
                                    for (int k = 0; k < 8; k++) {
                                        int at = f.at(b, 2 + k * 0.25);
                                        s.add(at, Instruments.tom(toms[k], s.seed(at, 3)), 0.75 + 0.03 * k, 0.5 - 0.14 * k);
                                    }
                                }
                                if (b == 0) {
                                    s.add(0, Instruments.crash(2.2, s.seed(0, 5)), 0.35, 0.3);
                                }
                            }
                        }
                        case OUTRO -> {
                            s.add(0, Instruments.kick(150, 48, 0.3, s.seed(0, 1)), 1, 0);
                            s.add(0, Instruments.crash(3.5, s.seed(0, 5)), 0.45, 0.3);
                        }
                    }
                })
                .stem("arp", 0.22, (s, sec) -> {
                    int[] pattern = {0, 2, 1, 3, 2, 4, 3, 5};
                    switch (sec) {
                        case INTRO -> { }
                        case LOOP -> arp(s, plan, 0.25, pattern, 62, 0.35, 0.85, 1.9);
                        case OUTRO -> s.add(0, Instruments.pluck(74, 1.5, 0.85, s.seed(0, 74)), 0.7, 0);
                    }
                })
                .stem("lead", 0.25, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> { }
                        case LOOP -> line(s, tune, brass, 0.85, -0.05, 1.3);
                        case OUTRO -> s.add(0, Instruments.lead(62, beats(f, 2.5), brass, s.seed(0, 62)), 0.9, -0.05);
                    }
                })
                .build();
    }

    // ------------------------------------------------------------------ boss: 150 BPM, and its bridge

    private static Cue bossIntro() {
        Form f = Form.once(150, 4, 3);
        Builder b = new Builder("boss_intro", f);
        b.stem("riser", 0.3, (s, sec) -> {
            s.add(0, Instruments.riser(2 * f.bar(), 110, 3, s.seed(0, 1)), 0.8);
            s.add(2 * f.bar(), Instruments.impact(1.55, s.seed(2 * f.bar(), 2)), 1);
        });
        b.stem("drums", 0.25, (s, sec) -> {
            for (int k = 0; k < 16; k++) { // timpani-like toms in the second bar, growing
                int at = f.at(1, k * 0.25);
                s.add(at, Instruments.tom(k % 2 == 0 ? 73.4 : 110, s.seed(at, 3)), 0.3 + 0.045 * k, k % 2 == 0 ? -0.3 : 0.3);
            }
            s.add(2 * f.bar(), Instruments.crash(1.5, s.seed(0, 5)), 0.5, 0);
        });
        return b.build();
    }

    private static Cue boss() {
        Form f = new Form(150, 4, 1, 8, 2);
        Chord[] plan = Harmony.BOSS;
        PadTone choir = new PadTone(3, 14, 900, 0.35, 2.2, 0.2);
        BassTone gallop = new BassTone(0.9, 0.2, 3000, 300, 0.05, 0.45, 1.4);
        LeadTone horn = new LeadTone(0.2, 0.75, 0.15, 2400, 0.01, 0.2, 0.02);
        double[][] rhythms = {{2, 2}, {3, 1}, {1, 1, 2}, {4}};
        List<Note> tune = Harmony.melody(plan, 4, rhythms, new int[] {0, 3, 1, 2, 0, 3, 2, 3}, 57, 74, SEED + 41);
        return new Builder("boss", f)
                .stem("choir", 0.4, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> s.add(0, Instruments.pad(A.voicing(), f.bar(), frames(1.0), frames(0.5), choir, s.seed(0, 1)), 1);
                        case LOOP -> padLoop(s, plan, 1, choir, 0.25, 0.5);
                        case OUTRO -> s.add(0, Instruments.pad(DM.voicing(), f.bar(), frames(0.1), f.bar() - frames(0.2), choir, s.seed(0, 2)), 1);
                    }
                })
                .stem("strings", 0.2, (s, sec) -> {
                    int[] figure = {0, 0, 1, 0, 2, 0, 1, 2};
                    switch (sec) {
                        case INTRO -> { }
                        case LOOP -> {
                            for (int b = 0; b < plan.length; b++) {
                                int[] tones = plan[b].tones(62, 76);
                                for (int k = 0; k < 8; k++) {
                                    int at = f.at(b, k * 0.5);
                                    int m = tones[figure[k] % tones.length];
                                    s.add(at, Instruments.strings(new int[] {m}, beats(f, 0.3), frames(0.01), frames(0.08), 1.2, s.seed(at, m)),
                                            k % 2 == 0 ? 1 : 0.75);
                                }
                            }
                        }
                        case OUTRO -> { }
                    }
                })
                .stem("bass", 0.05, (s, sec) -> {
                    double[] on = {0, 0.5, 0.75};
                    switch (sec) {
                        case INTRO -> {
                            for (int k = 0; k < 4; k++) {
                                int at = f.at(0, k);
                                s.add(at, Instruments.bass(33, beats(f, 0.8), gallop, s.seed(at, 33)), 0.6 + 0.1 * k, 0);
                            }
                        }
                        case LOOP -> {
                            for (int b = 0; b < plan.length; b++) {
                                int root = plan[b].root() < 40 ? plan[b].root() : plan[b].root() - 12;
                                for (int beat = 0; beat < 4; beat++) {
                                    for (int k = 0; k < on.length; k++) {
                                        int at = f.at(b, beat + on[k]);
                                        s.add(at, Instruments.bass(root, beats(f, k == 0 ? 0.45 : 0.2), gallop, s.seed(at, root)), k == 0 ? 1 : 0.75, 0);
                                    }
                                }
                            }
                        }
                        case OUTRO -> s.add(0, Instruments.bass(26, beats(f, 4), gallop, s.seed(0, 26)), 1, 0);
                    }
                })
                .stem("drums", 0.12, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> {
                            for (int k = 0; k < 4; k++) {
                                int at = f.at(0, k);
                                s.add(at, Instruments.tom(k < 2 ? 98 : 82, s.seed(at, 3)), 0.9, 0);
                            }
                        }
                        case LOOP -> {
                            for (int b = 0; b < plan.length; b++) {
                                for (int k = 0; k < 8; k++) {
                                    int at = f.at(b, k * 0.5);
                                    if (k % 4 != 2) {
                                        s.add(at, Instruments.kick(160, 45, 0.16, s.seed(at, 1)), k == 0 ? 1 : 0.75, 0);
                                    }
                                    s.add(at, Instruments.hat(0.025, s.seed(at, 4)), 0.42, 0.3);
                                }
                                for (int sb : new int[] {1, 3}) {
                                    int at = f.at(b, sb);
                                    s.add(at, Instruments.snare(0.25, 1, 1.1, s.seed(at, 2)), 1, -0.05);
                                }
                                if (b % 4 == 3) {
                                    double[] toms = {165, 131, 110, 82};
                                    for (int k = 0; k < 4; k++) {
                                        int at = f.at(b, 3 + k * 0.25);
                                        s.add(at, Instruments.tom(toms[k], s.seed(at, 3)), 0.8, 0.4 - 0.25 * k);
                                    }
                                }
                            }
                            s.add(0, Instruments.crash(2.0, s.seed(0, 5)), 0.4, -0.3);
                        }
                        case OUTRO -> {
                            s.add(0, Instruments.kick(160, 45, 0.3, s.seed(0, 1)), 1, 0);
                            s.add(0, Instruments.crash(3.0, s.seed(0, 5)), 0.5, -0.3);
                        }
                    }
                })
                .stem("lead", 0.3, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> { }
                        case LOOP -> line(s, tune, horn, 0.9, 0, 1.7);
                        case OUTRO -> s.add(0, Instruments.lead(62, beats(f, 3), horn, s.seed(0, 62)), 0.9, 0);
                    }
                })
                .build();
    }

    // ------------------------------------------------------------------ cutscene: 72 BPM in 3/4, sparse

    private static Cue cutscene() {
        Form f = new Form(72, 3, 1, 8, 2);
        Chord[] plan = Harmony.CUTSCENE;
        PadTone dark = new PadTone(2, 6, 650, 0.2, 0.7, 0.5);
        return new Builder("cutscene", f)
                .stem("pads", 0.45, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> s.add(0, Instruments.pad(ASUS.voicing(), f.bar(), frames(2), frames(1), dark, s.seed(0, 1)), 1);
                        case LOOP -> padLoop(s, plan, 2, dark, 1.5, 1.8);
                        case OUTRO -> s.add(0, Instruments.pad(DM.voicing(), f.bar(), frames(0.5), f.bar() - frames(0.3), dark, s.seed(0, 2)), 1);
                    }
                })
                .stem("strings", 0.55, (s, sec) -> {
                    int[] line = {69, 69, 70, 72, 70, 67, 69, 64}; // one long tone per phrase, a slow sigh
                    switch (sec) {
                        case INTRO -> { }
                        case LOOP -> {
                            for (int p = 0; p < 4; p++) {
                                int at = f.at(2 * p, 0);
                                int[] notes = {line[2 * p], line[2 * p + 1] - 12};
                                s.add(at, Instruments.strings(notes, 2 * f.bar() - beats(f, 1), f.bar(), frames(1.4), 0.6, s.seed(at, p)), 0.9);
                            }
                        }
                        case OUTRO -> s.add(0, Instruments.strings(new int[] {62, 57}, f.bar(), frames(1), f.bar() - frames(0.3), 0.5, s.seed(0, 3)), 0.8);
                    }
                })
                .stem("piano", 0.5, (s, sec) -> {
                    switch (sec) {
                        case INTRO -> s.add(f.at(0, 2), Instruments.pluck(69, 3, 0.3, s.seed(f.at(0, 2), 69)), 0.6, 0.2);
                        case LOOP -> {
                            for (int p = 0; p < 4; p++) { // a phrase: a low root, then two answering tones
                                Chord c = plan[2 * p];
                                int[] tones = c.tones(62, 77);
                                int at = f.at(2 * p, 0);
                                s.add(at, Instruments.pluck(c.root() + 12, 4, 0.25, s.seed(at, 1)), 1.6, -0.2);
                                int a2 = f.at(2 * p, 1);
                                s.add(a2, Instruments.pluck(tones[1], 3, 0.3, s.seed(a2, 2)), 1.1, 0.25);
                                int a3 = f.at(2 * p + 1, 0);
                                s.add(a3, Instruments.pluck(tones[tones.length - 2], 3, 0.3, s.seed(a3, 3)), 1.0, 0.3);
                            }
                        }
                        case OUTRO -> s.add(0, Instruments.pluck(50, 4.4, 0.25, s.seed(0, 50)), 0.8, 0);
                    }
                })
                .build();
    }

    // ------------------------------------------------------------------ stingers, at the adventure tempo

    private static Cue victory() {
        Form f = Form.once(100, 4, 2);
        LeadTone brass = new LeadTone(0.15, 0.8, 0.1, 3200, 0.01, 0.15, 0.02);
        return new Builder("victory", f)
                .stem("fanfare", 0.35, (s, sec) -> {
                    double[] on = {0, 0.333, 0.667, 1, 2};
                    int[] pitch = {69, 69, 69, 74, 78};
                    double[] len = {0.3, 0.3, 0.3, 0.9, 2.6};
                    for (int k = 0; k < on.length; k++) {
                        int at = beats(f, on[k]);
                        s.add(at, Instruments.lead(pitch[k], beats(f, len[k]), brass, s.seed(at, pitch[k])), 0.9, 0);
                    }
                    int at = beats(f, 2);
                    s.add(at, Instruments.strings(pitches(DMAJ, 12), beats(f, 3), frames(0.05), beats(f, 2.5), 1.1, s.seed(at, 1)), 0.9);
                    s.add(at, Instruments.crash(2.5, s.seed(at, 5)), 0.3, 0.2);
                    for (int k = 0; k < 4; k++) {
                        int b = beats(f, 2 + 0.25 * k);
                        int m = new int[] {74, 78, 81, 86}[k];
                        s.add(b, Instruments.bell(m, 2.2, 1.2, s.seed(b, m)), 0.35, 0.3);
                    }
                })
                .build();
    }

    private static Cue gameOver() {
        Form f = Form.once(100, 4, 3);
        LeadTone flute = new LeadTone(0.75, 0.12, 0.05, 3000, 0.05, 0.12, 0.08);
        return new Builder("game_over", f)
                .stem("lament", 0.5, (s, sec) -> {
                    int[] fall = {69, 67, 65, 64, 62};
                    double[] on = {0, 1, 2, 3, 4};
                    double[] len = {0.9, 0.9, 0.9, 0.9, 3.5};
                    for (int k = 0; k < fall.length; k++) {
                        int at = beats(f, on[k]);
                        s.add(at, Instruments.lead(fall[k], beats(f, len[k]), flute, s.seed(at, fall[k])), 0.85, 0);
                    }
                    s.add(0, Instruments.strings(new int[] {50, 57, 62}, beats(f, 4), beats(f, 1), beats(f, 2.5), 0.6, s.seed(0, 1)), 0.8);
                    int low = beats(f, 4);
                    s.add(low, Instruments.strings(new int[] {38, 45, 53}, beats(f, 3.5), beats(f, 0.5), beats(f, 3.4), 0.5, s.seed(low, 2)), 0.8);
                    s.add(low, Instruments.pluck(38, 4, 0.2, s.seed(low, 38)), 0.6, 0);
                })
                .build();
    }

    private static Cue pickup() {
        Form f = Form.once(100, 4, 1);
        return new Builder("pickup", f)
                .stem("chime", 0.3, (s, sec) -> {
                    int[] up = {86, 89, 93, 98};
                    for (int k = 0; k < up.length; k++) {
                        int at = beats(f, k * 0.125);
                        s.add(at, Instruments.bell(up[k], k == up.length - 1 ? 1.6 : 0.6, 1.0, s.seed(at, up[k])), 0.7, -0.3 + 0.2 * k);
                    }
                })
                .build();
    }

    private static Cue discovery() {
        Form f = Form.once(100, 4, 2);
        return new Builder("discovery", f)
                .stem("shimmer", 0.5, (s, sec) -> {
                    int[] up = {62, 66, 69, 73, 74, 78, 81, 85}; // D major 7, climbing
                    for (int k = 0; k < up.length; k++) {
                        int at = beats(f, k * 0.25);
                        s.add(at, Instruments.bell(up[k], 3.0, 1.3, s.seed(at, up[k])), 0.5, -0.6 + 0.17 * k);
                    }
                    s.add(0, Instruments.strings(new int[] {62, 66, 69, 73}, beats(f, 3), beats(f, 2), beats(f, 3.5), 0.9, s.seed(0, 1)), 0.8);
                })
                .build();
    }

    /** The names of the cues, sheet order. */
    static List<String> names() {
        return new ArrayList<>(cues().keySet());
    }
}
