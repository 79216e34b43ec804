package dev.segue.tools;

import static dev.segue.tools.Synth.RATE;
import static dev.segue.tools.Synth.add;
import static dev.segue.tools.Synth.frames;
import static dev.segue.tools.Synth.rise;

import dev.segue.tools.Synth.Env;
import dev.segue.tools.Synth.HighPass;
import dev.segue.tools.Synth.LowPass;
import dev.segue.tools.Synth.Saw;
import dev.segue.tools.Synth.Sine;
import dev.segue.tools.Synth.Square;
import dev.segue.tools.Synth.Triangle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Composes and renders Segue's sample score: A minor, 120 BPM, 4/4, 48 kHz mono 16-bit stems.
 *
 * <p>Every layered cue is 6 bars: a 1-bar intro, a 4-bar loop (Am, F, C, G; frames 96000 to 480000)
 * and a 1-bar outro. The loop is rendered as a circle: notes that ring past the loop's end are folded
 * back onto its start, so playing frame 479999 then frame 96000 is as smooth as any other step. The
 * outro gets the unfolded ring-out of the loop's last bar, so running off the loop's end is smooth too,
 * and pads in the intro crossfade into the loop's own last beat, so the intro lands on the loop's start
 * exactly as the loop itself does.
 *
 * <p>All randomness comes from {@link Rng} with fixed seeds, and all maths from {@link StrictMath}: the
 * same bytes come out on every run and every machine.
 */
final class SampleScore {
    static final int BEAT = RATE / 2; // 120 BPM
    static final int EIGHTH = BEAT / 2;
    static final int SIXTEENTH = BEAT / 4;
    static final int BAR = 4 * BEAT;
    static final int LOOP_START = BAR; // "2:1"
    static final int LOOP_LEN = 4 * BAR;
    static final int LOOP_END = LOOP_START + LOOP_LEN; // "6:1"
    static final int CUE_FRAMES = 6 * BAR;
    static final int STINGER_FRAMES = frames(0.75);

    /** Loudest any single stem may be: -3 dBFS. */
    static final double MAX_STEM_PEAK = 0.7079;
    /** The stems of a cue together, peak on peak, stay below this, so their sum cannot clip. */
    static final double MAX_CUE_PEAK_SUM = 0.97;

    private static final long SEED = 0x5E67E_2025L;

    /** Pad voicings for the loop, one chord a bar, with smooth voice leading: Am, F, C, G. */
    private static final int[][] CHORDS = {{57, 60, 64}, {57, 60, 65}, {55, 60, 64}, {55, 59, 62}};
    private static final int[] A_MINOR = CHORDS[0];
    /** Bass roots under the chords: A2, F2, C3, G2. */
    private static final int[] ROOTS = {45, 41, 48, 43};

    /** One generated file: its path under the output folder and its bytes. */
    record Asset(String path, byte[] bytes, long frames, double peak) {
    }

    private SampleScore() {
    }

    /** Every file of the sample score: the WAV stems, the cue sheet and the tour script. */
    static List<Asset> generate() {
        List<Asset> out = new ArrayList<>();

        double[][] calm = normalise(new double[][] {drive(calmPad(), 1.2), calmBass()}, 0.45, 0.32);
        out.add(wav("calm/pad.wav", calm[0]));
        out.add(wav("calm/bass.wav", calm[1]));

        double[][] action = normalise(new double[][] {drive(actionPad(), 1.8), actionBass(), drive(actionDrums(), 3)},
                0.34, 0.28, 0.34);
        out.add(wav("action/pad.wav", action[0]));
        out.add(wav("action/bass.wav", action[1]));
        out.add(wav("action/drums.wav", action[2]));

        out.add(wav("riser.wav", normalise(new double[][] {riser()}, 0.70)[0]));
        out.add(wav("pickup.wav", normalise(new double[][] {pickup()}, 0.42)[0]));

        out.add(text("sample.cues.json"));
        out.add(text("tour.script"));
        return out;
    }

    // ------------------------------------------------------------------ cues

    private static double[] calmPad() {
        PadTone tone = new PadTone(8, 0.5, 0.5, 800);
        return pad(new Rng(SEED + 1), tone, frames(0.35), frames(0.45));
    }

    private static double[] actionPad() {
        PadTone tone = new PadTone(14, 0.85, 0.15, 3200);
        return pad(new Rng(SEED + 2), tone, frames(0.06), frames(0.25));
    }

    /** A pad: Am swelling in, Am F C G legato in the loop, Am fading away in the outro. */
    private static double[] pad(Rng rng, PadTone tone, int attack, int release) {
        Sections s = new Sections(BEAT);
        add(s.intro, 0, padChord(A_MINOR, BAR, i -> rise(i, 3 * BEAT), tone, rng), 1);
        for (int b = 0; b < 4; b++) {
            add(s.loop, b * BAR, padChord(CHORDS[b], BAR + release, Synth.ahr(attack, BAR, release), tone, rng), 1);
        }
        int fade = BAR - frames(0.05);
        Env outro = i -> {
            double left = Math.max(0, 1 - (double) i / fade);
            return rise(i, attack) * left * left;
        };
        add(s.outro, 0, padChord(A_MINOR, BAR, outro, tone, rng), 1);
        return s.assemble();
    }

    private static double[] calmBass() {
        Rng rng = new Rng(SEED + 3);
        BassTone tone = new BassTone(frames(0.008), 0.15, 650, 0.7, 0.6);
        Sections s = new Sections(0);
        int hold = 2 * BEAT - frames(0.08);
        int release = frames(0.06);
        // intro: the fifth (E2) as a pickup on beat 3
        add(s.intro, 2 * BEAT, bassNote(40, hold, release, tone, rng), 0.6);
        for (int b = 0; b < 4; b++) {
            add(s.loop, b * BAR, bassNote(ROOTS[b], hold, release, tone, rng), 1.0);
            add(s.loop, b * BAR + 2 * BEAT, bassNote(ROOTS[b], hold, release, tone, rng), 0.8);
        }
        add(s.outro, 0, bassNote(45, 3 * BEAT, frames(0.4), tone, rng), 0.9);
        return s.assemble();
    }

    private static double[] actionBass() {
        Rng rng = new Rng(SEED + 4);
        BassTone tone = new BassTone(frames(0.003), 0.55, 1400, 0.55, 0.08);
        Sections s = new Sections(0);
        int hold = EIGHTH - frames(0.035);
        int release = frames(0.02);
        int[] octave = {0, 0, 12, 0, 0, 0, 12, 0};
        for (int k = 0; k < 8; k++) { // intro: driving A2 eighths, growing
            add(s.intro, k * EIGHTH, bassNote(45, hold, release, tone, rng), 0.25 + 0.75 * k / 7);
        }
        for (int b = 0; b < 4; b++) {
            for (int k = 0; k < 8; k++) {
                add(s.loop, b * BAR + k * EIGHTH, bassNote(ROOTS[b] + octave[k], hold, release, tone, rng),
                        k % 2 == 0 ? 1.0 : 0.8);
            }
        }
        add(s.outro, 0, bassNote(45, BEAT, frames(0.5), tone, rng), 1.0);
        return s.assemble();
    }

    private static double[] actionDrums() {
        Rng rng = new Rng(SEED + 5);
        Sections s = new Sections(0);
        // intro: a kick, hats growing, and a snare fill in sixteenths on beat 4
        add(s.intro, 0, kick(rng), 0.8);
        for (int k = 0; k < 8; k++) {
            add(s.intro, k * EIGHTH, hat(rng), 0.2 + 0.7 * k / 7);
        }
        double[] fill = {0.35, 0.5, 0.7, 0.9};
        for (int k = 0; k < 4; k++) {
            add(s.intro, 3 * BEAT + k * SIXTEENTH, snare(rng, frames(0.12)), fill[k]);
        }
        for (int b = 0; b < 4; b++) {
            int bar = b * BAR;
            add(s.loop, bar, kick(rng), 1.0);
            add(s.loop, bar + 2 * BEAT, kick(rng), 1.0);
            add(s.loop, bar + BEAT, snare(rng, frames(0.28)), 0.9);
            if (b < 3) {
                add(s.loop, bar + 3 * BEAT, snare(rng, frames(0.28)), 0.9);
            } else { // the phrase's last beat: a small fill back to the top
                for (int k = 0; k < 4; k++) {
                    add(s.loop, bar + 3 * BEAT + k * SIXTEENTH, snare(rng, frames(0.12)), fill[k]);
                }
            }
            for (int k = 0; k < 8; k++) {
                add(s.loop, bar + k * EIGHTH, hat(rng), k % 2 == 0 ? 0.9 : 0.65);
            }
        }
        add(s.outro, 0, kick(rng), 1.0);
        add(s.outro, 0, crash(rng), 0.55);
        return s.assemble();
    }

    /** One bar: filtered noise and a tone rising together, then a short impact. */
    private static double[] riser() {
        Rng rng = new Rng(SEED + 6);
        double[] out = new double[BAR];
        int impactAt = BAR - frames(0.25);
        int cut = frames(0.005);
        LowPass n1 = new LowPass(200);
        LowPass n2 = new LowPass(200);
        Sine s1 = new Sine(0);
        Sine s2 = new Sine(0);
        Sine s3 = new Sine(0);
        for (int i = 0; i < impactAt; i++) {
            double p = (double) i / impactAt;
            double fc = 200 * StrictMath.pow(9000.0 / 200, p);
            n1.cutoff(fc);
            n2.cutoff(fc);
            double noise = n2.next(n1.next(rng.bipolar())) * 0.9 * p * p;
            double f = 110 * StrictMath.pow(8, p); // A2 up to A5
            double tone = (s1.next(f) + 0.45 * s2.next(2 * f) + 0.2 * s3.next(3 * f)) * 0.45 * p * Math.sqrt(p);
            double end = 1 - rise(i - (impactAt - cut), cut);
            out[i] = (noise + tone) * end;
        }
        double[] impact = new double[BAR - impactAt];
        Sine thump = new Sine(0);
        LowPass lp = new LowPass(5000);
        for (int i = 0; i < impact.length; i++) {
            double t = (double) i / RATE;
            double f = 40 + 90 * StrictMath.exp(-t / 0.04);
            double v = thump.next(f) * StrictMath.exp(-t / 0.08) + 0.6 * lp.next(rng.bipolar()) * StrictMath.exp(-t / 0.03);
            impact[i] = v * rise(i, 24);
        }
        Synth.fadeOutEnd(impact, frames(0.05));
        add(out, impactAt, impact, 1.2);
        return out;
    }

    /** 0.75 s: a bright A5 C6 E6 arpeggio with a little echo. */
    private static double[] pickup() {
        double[] dry = new double[STINGER_FRAMES];
        int[] notes = {81, 84, 88};
        for (int k = 0; k < notes.length; k++) {
            int onset = k * frames(0.0625);
            double f = Synth.midiHz(notes[k]);
            double tau = k == notes.length - 1 ? 0.22 : 0.07;
            Square sq = new Square(f, 0);
            Sine sine = new Sine(0);
            LowPass lp = new LowPass(7000);
            double[] note = new double[STINGER_FRAMES - onset];
            for (int i = 0; i < note.length; i++) {
                double t = (double) i / RATE;
                double v = 0.4 * sq.next() + 0.6 * sine.next(f);
                note[i] = lp.next(v) * rise(i, 48) * StrictMath.exp(-t / tau);
            }
            add(dry, onset, note, 1);
        }
        int delay = frames(0.1875); // a dotted sixteenth
        double[] out = new double[STINGER_FRAMES];
        for (int i = 0; i < out.length; i++) {
            out[i] = dry[i] + (i >= delay ? 0.32 * out[i - delay] : 0);
        }
        Synth.fadeOutEnd(out, frames(0.12));
        return out;
    }

    // ------------------------------------------------------------------ instruments

    /** Pad colour: detune of the two saws in cents, saw and triangle levels, lowpass cutoff. */
    private record PadTone(double detuneCents, double saw, double triangle, double cutoffHz) {
    }

    private static double[] padChord(int[] midis, int length, Env env, PadTone tone, Rng rng) {
        double[] out = new double[length];
        double up = StrictMath.pow(2, tone.detuneCents() / 1200);
        for (int m : midis) {
            double f = Synth.midiHz(m);
            Saw a = new Saw(f * up, rng.nextDouble());
            Saw b = new Saw(f / up, rng.nextDouble());
            Triangle t = new Triangle(f, rng.nextDouble());
            for (int i = 0; i < length; i++) {
                out[i] += tone.saw() * 0.5 * (a.next() + b.next()) + tone.triangle() * t.next();
            }
        }
        LowPass lp = new LowPass(tone.cutoffHz());
        for (int i = 0; i < length; i++) {
            out[i] = lp.next(out[i]) * env.at(i) / midis.length;
        }
        return out;
    }

    /** Bass colour: attack frames, saw level over the sine, lowpass cutoff, sustain level and decay time. */
    private record BassTone(int attack, double saw, double cutoffHz, double sustain, double decaySeconds) {
    }

    private static double[] bassNote(int midi, int hold, int release, BassTone tone, Rng rng) {
        double f = Synth.midiHz(midi);
        double[] out = new double[hold + release];
        Sine sine = new Sine(0);
        Saw saw = new Saw(f, 0.5); // starts at its zero crossing
        LowPass lp = new LowPass(tone.cutoffHz());
        Env env = Synth.ahr(tone.attack(), hold, release);
        double detune = 1 + 0.0004 * rng.bipolar(); // a hair of life between notes
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            double decay = tone.sustain() + (1 - tone.sustain()) * StrictMath.exp(-t / tone.decaySeconds());
            double x = sine.next(f * detune) + tone.saw() * saw.next();
            out[i] = lp.next(x) * env.at(i) * decay;
        }
        return out;
    }

    private static double[] kick(Rng rng) {
        double[] out = new double[frames(0.42)];
        Sine sine = new Sine(0);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            double f = 46 + 115 * StrictMath.exp(-t / 0.03); // the pitch drop
            double click = 0.25 * rng.bipolar() * StrictMath.exp(-t / 0.0015);
            out[i] = (sine.next(f) * StrictMath.exp(-t / 0.15) + click) * rise(i, 24);
        }
        Synth.fadeOutEnd(out, frames(0.04));
        return out;
    }

    private static double[] snare(Rng rng, int length) {
        double[] out = new double[length];
        HighPass hp = new HighPass(1200);
        LowPass lp = new LowPass(9000);
        Sine body = new Sine(0);
        Sine ring = new Sine(0);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            double noise = 0.9 * lp.next(hp.next(rng.bipolar())) * StrictMath.exp(-t / 0.07);
            double tone = 0.5 * body.next(185) * StrictMath.exp(-t / 0.05) + 0.25 * ring.next(330) * StrictMath.exp(-t / 0.03);
            out[i] = (noise + tone) * rise(i, 24);
        }
        Synth.fadeOutEnd(out, Math.min(frames(0.04), length / 3));
        return out;
    }

    private static double[] hat(Rng rng) {
        double[] out = new double[frames(0.07)];
        HighPass hp1 = new HighPass(6000);
        HighPass hp2 = new HighPass(6000);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            out[i] = hp2.next(hp1.next(rng.bipolar())) * StrictMath.exp(-t / 0.028) * rise(i, 12);
        }
        Synth.fadeOutEnd(out, frames(0.015));
        return out;
    }

    private static double[] crash(Rng rng) {
        double[] out = new double[frames(1.9)];
        HighPass hp1 = new HighPass(3500);
        HighPass hp2 = new HighPass(3500);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            out[i] = hp2.next(hp1.next(rng.bipolar())) * StrictMath.exp(-t / 0.5) * rise(i, 24);
        }
        Synth.fadeOutEnd(out, frames(0.3));
        return out;
    }

    // ------------------------------------------------------------------ assembly

    /**
     * The three parts of a 6-bar stem, each rendered on its own timeline, then joined so that every
     * seam (intro to loop, loop end to loop start, loop end to outro) is continuous.
     */
    private static final class Sections {
        /** Intro notes, from frame 0; room for ring-out, which must be silent or crossfaded away. */
        final double[] intro = new double[2 * BAR];
        /** Loop notes, from the loop start; the extra bar holds what rings past the loop's end. */
        final double[] loop = new double[LOOP_LEN + BAR];
        /** Outro notes, from the outro start; anything past the file's end must be silent. */
        final double[] outro = new double[2 * BAR];
        /** Frames at the intro's end that crossfade (equal power) into the loop's last frames; 0 for none. */
        final int introCrossfade;

        Sections(int introCrossfade) {
            this.introCrossfade = introCrossfade;
        }

        double[] assemble() {
            double[] circle = new double[LOOP_LEN];
            for (int i = 0; i < LOOP_LEN; i++) {
                circle[i] = loop[i] + (i < BAR ? loop[LOOP_LEN + i] : 0);
            }
            double[] out = new double[CUE_FRAMES];
            int xfStart = BAR - introCrossfade;
            for (int t = 0; t < BAR; t++) {
                if (t < xfStart) {
                    out[t] = intro[t];
                } else {
                    double x = (double) (t - xfStart + 1) / introCrossfade;
                    double from = StrictMath.cos(x * Math.PI / 2);
                    double to = StrictMath.sin(x * Math.PI / 2);
                    out[t] = intro[t] * from + circle[LOOP_LEN - (BAR - t)] * to;
                }
            }
            if (introCrossfade == 0) {
                requireSilent(intro, BAR, "intro notes ring into the loop");
            }
            System.arraycopy(circle, 0, out, LOOP_START, LOOP_LEN);
            for (int j = 0; j < BAR; j++) {
                out[LOOP_END + j] = loop[LOOP_LEN + j] + outro[j];
            }
            requireSilent(outro, BAR, "outro notes ring past the end of the file");
            Synth.fadeOutEnd(out, frames(0.01));
            return out;
        }

        private static void requireSilent(double[] x, int from, String what) {
            for (int i = from; i < x.length; i++) {
                if (Math.abs(x[i]) > 1e-9) {
                    throw new IllegalStateException(what + " (frame " + i + ")");
                }
            }
        }
    }

    /**
     * Gentle saturation: normalises to a peak of 1, then {@code tanh(drive * x)}. It thickens pads and
     * gives drums body at the same peak level; being memoryless it keeps every seam continuous.
     */
    private static double[] drive(double[] x, double drive) {
        double g = 1 / Synth.peak(x);
        for (int i = 0; i < x.length; i++) {
            x[i] = StrictMath.tanh(drive * g * x[i]);
        }
        return x;
    }

    /** Scales each stem to its target peak; checks the -3 dBFS and no-clip rules. */
    private static double[][] normalise(double[][] stems, double... targets) {
        double sum = 0;
        for (int s = 0; s < stems.length; s++) {
            if (targets[s] > MAX_STEM_PEAK) {
                throw new IllegalStateException("stem target peak " + targets[s] + " exceeds -3 dBFS");
            }
            Synth.scale(stems[s], targets[s] / Synth.peak(stems[s]));
            sum += targets[s];
        }
        if (sum > MAX_CUE_PEAK_SUM) {
            throw new IllegalStateException("a cue's stem peaks add up to " + sum + "; their sum could clip");
        }
        return stems;
    }

    private static Asset wav(String path, double[] mono) {
        return new Asset(path, WavWriter.encode16(mono, 1, RATE), mono.length, Synth.peak(mono));
    }

    private static Asset text(String name) {
        try (InputStream in = SampleScore.class.getResourceAsStream("sample/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/segue/tools/sample/" + name + " is missing from the build");
            }
            return new Asset(name, in.readAllBytes(), 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
