package dev.segue.tools.compose;

import dev.segue.tools.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The score's shared harmony: D minor, its chords, their voicings, and a seeded melody writer. Every
 * cue draws from here, so they all sit in one key and one chord language.
 */
final class Harmony {
    private Harmony() {
    }

    /** A chord: root (MIDI, octave 2), pitch classes, and a pad voicing near middle C. */
    record Chord(String name, int root, int[] pcs, int[] voicing) {
        boolean has(int midi) {
            int pc = Math.floorMod(midi, 12);
            for (int p : pcs) {
                if (p == pc) {
                    return true;
                }
            }
            return false;
        }

        /** The chord tones between {@code low} and {@code high} inclusive, ascending. */
        int[] tones(int low, int high) {
            List<Integer> out = new ArrayList<>();
            for (int m = low; m <= high; m++) {
                if (has(m)) {
                    out.add(m);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The scale over this chord: D natural minor, with C sharp over the dominant (harmonic minor). */
        boolean inScale(int midi) {
            int pc = Math.floorMod(midi, 12);
            int[] scale = root % 12 == 9 && has(61) ? new int[] {2, 4, 5, 7, 9, 10, 1} : new int[] {2, 4, 5, 7, 9, 10, 0};
            for (int p : scale) {
                if (p == pc) {
                    return true;
                }
            }
            return false;
        }
    }

    static final Chord DM = new Chord("Dm", 38, new int[] {2, 5, 9}, new int[] {50, 57, 62, 65});
    static final Chord BB = new Chord("Bb", 46, new int[] {10, 2, 5}, new int[] {46, 58, 62, 65});
    static final Chord F = new Chord("F", 41, new int[] {5, 9, 0}, new int[] {53, 57, 60, 65});
    static final Chord C = new Chord("C", 36, new int[] {0, 4, 7}, new int[] {48, 55, 60, 64});
    static final Chord GM = new Chord("Gm", 43, new int[] {7, 10, 2}, new int[] {43, 58, 62, 67});
    static final Chord A = new Chord("A", 45, new int[] {9, 1, 4}, new int[] {45, 57, 61, 64});
    static final Chord ASUS = new Chord("Asus4", 45, new int[] {9, 2, 4}, new int[] {45, 57, 62, 64});
    static final Chord DMAJ = new Chord("D", 38, new int[] {2, 6, 9}, new int[] {50, 57, 62, 66});

    /** Explore and combat: i VI III VII i VI iv V. */
    static final Chord[] ADVENTURE = {DM, BB, F, C, DM, BB, GM, A};
    /** Title: the same opening, a softer turn to the dominant. */
    static final Chord[] TITLE = {DM, BB, F, C, GM, DM, BB, A};
    /** Boss: the tonic pressed twice, then up and back to the dominant. */
    static final Chord[] BOSS = {DM, DM, BB, C, DM, DM, GM, A};
    /** Cutscene, 3/4: two bars a chord. */
    static final Chord[] CUTSCENE = {DM, DM, BB, BB, GM, GM, A, ASUS};

    /** A note of a line: start and length in beats from the section start, MIDI pitch, velocity 0..1. */
    record Note(double beat, double beats, int midi, double velocity) {
    }

    /**
     * An eight-bar melody over {@code plan}: a two-bar motif, its answer, the motif again, and a
     * cadence that lands on a long tone of the last chord. Strong beats take chord tones near the last
     * note, weak ones step through the scale; the range is {@code low..high}.
     *
     * @param rhythms per-bar rhythms in beats (each sums to a bar); bar k uses rhythms[form[k]]
     */
    static List<Note> melody(Chord[] plan, int beatsPerBar, double[][] rhythms, int[] form, int low, int high, long seed) {
        Rng rng = new Rng(seed);
        List<Note> out = new ArrayList<>();
        int prev = (low + high) / 2;
        List<Note> motif = new ArrayList<>();
        for (int bar = 0; bar < plan.length; bar++) {
            Chord ch = plan[bar];
            boolean restate = bar >= 4 && bar < 6 && plan[bar] == plan[bar - 4] && !motif.isEmpty();
            if (restate) {
                for (Note n : motif) {
                    if ((int) (n.beat() / beatsPerBar) == bar - 4) {
                        out.add(new Note(n.beat() + 4 * beatsPerBar, n.beats(), n.midi(), n.velocity() * 0.95));
                        prev = n.midi();
                    }
                }
                continue;
            }
            double[] rhythm = rhythms[form[bar]];
            double t = 0;
            for (int k = 0; k < rhythm.length; k++) {
                double len = rhythm[k];
                boolean last = bar == plan.length - 1 && k == rhythm.length - 1;
                boolean strong = Math.abs(t - Math.rint(t)) < 1e-9 && ((int) Math.rint(t)) % 2 == 0;
                int pitch;
                if (last) {
                    pitch = nearest(ch.tones(low, high), prev, 0);
                } else if (strong || len >= 1.5) {
                    int[] tones = ch.tones(low, high);
                    pitch = nearest(tones, prev + (int) Math.round(rng.bipolar() * 4), 0);
                } else {
                    int dir = rng.nextDouble() < 0.5 ? -1 : 1;
                    if (prev > high - 3) {
                        dir = -1;
                    } else if (prev < low + 3) {
                        dir = 1;
                    }
                    int steps = rng.nextDouble() < 0.75 ? 1 : 2;
                    pitch = prev;
                    for (int s = 0; s < steps; s++) {
                        do {
                            pitch += dir;
                        } while (!ch.inScale(pitch));
                    }
                }
                pitch = Math.max(low, Math.min(high, pitch));
                double vel = (strong ? 0.95 : 0.78) + 0.05 * rng.bipolar();
                Note n = new Note(bar * beatsPerBar + t, len, pitch, vel);
                out.add(n);
                if (bar < 2) {
                    motif.add(n);
                }
                prev = pitch;
                t += len;
            }
        }
        return out;
    }

    private static int nearest(int[] tones, int target, int fallback) {
        if (tones.length == 0) {
            return fallback;
        }
        int best = tones[0];
        for (int t : tones) {
            if (Math.abs(t - target) < Math.abs(best - target)) {
                best = t;
            }
        }
        return best;
    }
}
