package dev.segue.tools.compose;

import static dev.segue.tools.Synth.RATE;
import static dev.segue.tools.Synth.frames;
import static dev.segue.tools.Synth.midiHz;
import static dev.segue.tools.Synth.rise;

import dev.segue.tools.Rng;
import dev.segue.tools.Synth;
import dev.segue.tools.Synth.Env;
import dev.segue.tools.Synth.Saw;
import dev.segue.tools.Synth.Sine;
import dev.segue.tools.Synth.Square;
import dev.segue.tools.Synth.Svf;
import dev.segue.tools.Synth.Triangle;

/**
 * The score's instruments. Each renders one note (or hit) from its own seeded {@link Rng} into a new
 * buffer that ends in exact silence; {@link Stem} places it.
 */
final class Instruments {
    private Instruments() {
    }

    /** Pad colour: voices per note, their spread in cents, filter cutoff (Hz) and its LFO depth, resonance. */
    record PadTone(int voices, double detuneCents, double cutoff, double lfoDepth, double q, double sub) {
    }

    /**
     * A chord on a pad: per note {@code voices} detuned saws spread across the stereo field, a sine an
     * octave down, through one resonant lowpass whose cutoff breathes slowly.
     */
    static double[][] pad(int[] midis, int hold, int attack, int release, PadTone tone, long seed) {
        Rng rng = new Rng(seed);
        int n = hold + release;
        double[] l = new double[n];
        double[] r = new double[n];
        for (int m : midis) {
            double f = midiHz(m);
            for (int v = 0; v < tone.voices(); v++) {
                double spread = tone.voices() == 1 ? 0 : 2.0 * v / (tone.voices() - 1) - 1;
                double cents = spread * tone.detuneCents() + 2 * rng.bipolar();
                Saw saw = new Saw(f * StrictMath.pow(2, cents / 1200), rng.nextDouble());
                double[] g = Synth.pan(0.8 * spread);
                for (int i = 0; i < n; i++) {
                    double x = saw.next();
                    l[i] += x * g[0];
                    r[i] += x * g[1];
                }
            }
            Sine sub = new Sine(rng.nextDouble());
            for (int i = 0; i < n; i++) {
                double x = tone.sub() * sub.next(f / 2) * 0.7;
                l[i] += x;
                r[i] += x;
            }
        }
        Svf fl = new Svf(tone.cutoff(), tone.q());
        Svf fr = new Svf(tone.cutoff(), tone.q());
        Env env = Synth.adsr(attack, frames(1.0), 0.85, hold, release);
        double lfo = rng.nextDouble();
        double norm = 1.0 / (midis.length * Math.sqrt(tone.voices()));
        for (int i = 0; i < n; i++) {
            double e = env.at(i);
            if ((i & 15) == 0) {
                double wob = StrictMath.sin(Synth.TWO_PI * (lfo + i / (RATE * 5.3)));
                double c = tone.cutoff() * (0.55 + 0.45 * e) * (1 + tone.lfoDepth() * wob);
                fl.set(c, tone.q());
                fr.set(c, tone.q());
            }
            l[i] = fl.next(l[i]) * e * norm;
            r[i] = fr.next(r[i]) * e * norm;
        }
        return new double[][] {l, r};
    }

    /**
     * A string-section swell: many slightly detuned saws with independent vibrato, a soft lowpass, and an
     * envelope that rises over {@code attack} frames (a crescendo) and falls over {@code release}.
     */
    static double[][] strings(int[] midis, int hold, int attack, int release, double brightness, long seed) {
        Rng rng = new Rng(seed);
        int n = hold + release;
        double[] l = new double[n];
        double[] r = new double[n];
        int voices = 5;
        for (int m : midis) {
            double f = midiHz(m);
            for (int v = 0; v < voices; v++) {
                double spread = 2.0 * v / (voices - 1) - 1;
                double detune = StrictMath.pow(2, (spread * 9 + 3 * rng.bipolar()) / 1200);
                double rate = 4.6 + 1.2 * rng.nextDouble();
                double ph = rng.nextDouble();
                double phase = rng.nextDouble();
                double[] g = Synth.pan(0.9 * spread);
                for (int i = 0; i < n; i++) {
                    double t = (double) i / RATE;
                    double vib = 1 + 0.0035 * Math.min(1, t / 0.8) * StrictMath.sin(Synth.TWO_PI * (ph + rate * t));
                    phase += f * detune * vib / RATE;
                    phase -= Math.floor(phase);
                    double x = 2 * phase - 1 - Synth.polyBlep(phase, f * detune / RATE);
                    l[i] += x * g[0];
                    r[i] += x * g[1];
                }
            }
        }
        Svf fl = new Svf(1000, 0.6);
        Svf fr = new Svf(1000, 0.6);
        Env env = Synth.adsr(attack, frames(2), 0.9, hold, release);
        double norm = 1.0 / (midis.length * Math.sqrt(voices));
        for (int i = 0; i < n; i++) {
            double e = env.at(i);
            if ((i & 15) == 0) {
                double c = brightness * (400 + 3600 * e * e);
                fl.set(c, 0.6);
                fr.set(c, 0.6);
            }
            l[i] = fl.next(l[i]) * e * norm;
            r[i] = fr.next(r[i]) * e * norm;
        }
        return new double[][] {l, r};
    }

    /** Bass colour: saw and square mix, filter cutoff at the attack and at rest (Hz), filter decay (s), sub sine level. */
    record BassTone(double saw, double square, double cutoffPeak, double cutoffRest, double decay, double sub, double q) {
    }

    /** A bass note: saw/square through a resonant lowpass with a plucked filter envelope, over a sine. */
    static double[] bass(int midi, int hold, BassTone tone, long seed) {
        Rng rng = new Rng(seed);
        double f = midiHz(midi) * (1 + 0.0005 * rng.bipolar());
        int release = frames(0.03);
        int n = hold + release;
        double[] out = new double[n];
        Saw saw = new Saw(f, 0.5);
        Square sq = new Square(f, 0.25);
        Sine sine = new Sine(0);
        Svf lp = new Svf(tone.cutoffPeak(), tone.q());
        Env env = Synth.adsr(frames(0.004), frames(0.25), 0.8, hold, release);
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            if ((i & 7) == 0) {
                lp.set(tone.cutoffRest() + (tone.cutoffPeak() - tone.cutoffRest()) * StrictMath.exp(-t / tone.decay()), tone.q());
            }
            double x = tone.saw() * saw.next() + tone.square() * sq.next();
            out[i] = (lp.next(x) + tone.sub() * sine.next(f)) * env.at(i);
        }
        return out;
    }

    /**
     * A plucked string (Karplus-Strong): a burst of filtered noise circulating in a delay line one
     * period long, averaged a little each pass so the highs die first.
     */
    static double[] pluck(int midi, double seconds, double brightness, long seed) {
        Rng rng = new Rng(seed);
        double f = midiHz(midi);
        int n = frames(seconds);
        double period = RATE / f;
        int len = (int) Math.floor(period);
        double frac = period - len; // an allpass would tune exactly; a linear blend is close enough here
        double[] line = new double[len + 2];
        Svf shape = new Svf(800 + 7000 * brightness, 0.7);
        for (int i = 0; i < line.length; i++) {
            line[i] = shape.next(rng.bipolar());
        }
        double[] out = new double[n];
        double decay = StrictMath.pow(0.001, 1 / (f * seconds)); // about -60 dB by the end
        int at = 0;
        double prev = 0;
        for (int i = 0; i < n; i++) {
            int next = at + 1 == line.length ? 0 : at + 1;
            double y = line[at] * (1 - frac) + line[next] * frac;
            double avg = 0.5 * (y + prev);
            prev = y;
            line[at] = avg * decay;
            at = next;
            out[i] = y;
        }
        int fade = frames(0.03);
        for (int i = 0; i < out.length; i++) {
            out[i] *= rise(i, 16);
        }
        Synth.fadeOutEnd(out, Math.min(fade, n / 4));
        return out;
    }

    /** A music-box / celesta bell: two-operator FM with a decaying index, ratio 3.5 for a glassy partial. */
    static double[] bell(int midi, double seconds, double index, long seed) {
        Rng rng = new Rng(seed);
        double f = midiHz(midi);
        int n = frames(seconds);
        double[] out = new double[n];
        Sine mod = new Sine(rng.nextDouble());
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double m = mod.next(f * 3.5) * index * StrictMath.exp(-t / 0.25);
            phase += f / RATE;
            phase -= Math.floor(phase);
            double x = StrictMath.sin(Synth.TWO_PI * phase + m);
            out[i] = x * StrictMath.exp(-t / (seconds * 0.3)) * rise(i, 48);
        }
        Synth.fadeOutEnd(out, Math.min(frames(0.05), n / 4));
        return out;
    }

    /** Lead colour: waveform mix, filter cutoff, breath noise, vibrato depth (semitones) and attack (s). */
    record LeadTone(double triangle, double saw, double square, double cutoff, double breath, double vibrato, double attack) {
    }

    /** A lead note: a blend of waveforms with delayed vibrato and breath, a soft attack and a short release. */
    static double[] lead(int midi, int hold, LeadTone tone, long seed) {
        Rng rng = new Rng(seed);
        double f0 = midiHz(midi);
        int release = frames(0.12);
        int n = hold + release;
        double[] out = new double[n];
        Svf lp = new Svf(tone.cutoff(), 0.8);
        Svf breath = new Svf(2500, 1.2);
        Env env = Synth.adsr(frames(tone.attack()), frames(0.4), 0.8, hold, release);
        double phase = rng.nextDouble();
        double vibPhase = rng.nextDouble();
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double vib = tone.vibrato() * Math.min(1, Math.max(0, (t - 0.25) / 0.4)) * StrictMath.sin(Synth.TWO_PI * (vibPhase + 5.2 * t));
            double f = f0 * StrictMath.pow(2, vib / 12);
            double dt = f / RATE;
            phase += dt;
            phase -= Math.floor(phase);
            double tri = 4 * Math.abs(phase - 0.5) - 1;
            double saw = 2 * phase - 1 - Synth.polyBlep(phase, dt);
            double p2 = phase + 0.5 >= 1 ? phase - 0.5 : phase + 0.5;
            double sq = (phase < 0.5 ? 1 : -1) + Synth.polyBlep(phase, dt) - Synth.polyBlep(p2, dt);
            double x = tone.triangle() * tri + tone.saw() * saw + tone.square() * sq;
            breath.next(rng.bipolar());
            double e = env.at(i);
            if ((i & 15) == 0) {
                lp.set(tone.cutoff() * (0.5 + 0.5 * e), 0.8);
            }
            out[i] = (lp.next(x) + tone.breath() * breath.band) * e;
        }
        return out;
    }

    // ------------------------------------------------------------------ drums

    /** A kick: a sine whose pitch falls from {@code top} to {@code floor} Hz, a click, a short body. */
    static double[] kick(double top, double floor, double decay, long seed) {
        Rng rng = new Rng(seed);
        double[] out = new double[frames(decay * 3.2)];
        Sine sine = new Sine(0);
        Svf click = new Svf(3000, 0.7);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            double f = floor + (top - floor) * StrictMath.exp(-t / 0.035);
            double body = sine.next(f) * StrictMath.exp(-t / decay);
            double c = 0.35 * click.next(rng.bipolar()) * StrictMath.exp(-t / 0.004);
            out[i] = StrictMath.tanh(1.6 * (body + c)) * rise(i, 12);
        }
        Synth.fadeOutEnd(out, out.length / 5);
        return out;
    }

    /** A snare: a pitched body and band-passed noise, each with its own decay. */
    static double[] snare(double seconds, double tone, double snappy, long seed) {
        Rng rng = new Rng(seed);
        double[] out = new double[frames(seconds)];
        Sine a = new Sine(0);
        Sine b = new Sine(0.25);
        Svf bp = new Svf(4500, 0.9);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            double f = 180 * (1 + 0.4 * StrictMath.exp(-t / 0.01));
            double body = tone * (a.next(f) * 0.7 + b.next(f * 1.62) * 0.3) * StrictMath.exp(-t / 0.045);
            bp.next(rng.bipolar());
            double noise = snappy * (bp.band * 1.6 + 0.3 * bp.high) * StrictMath.exp(-t / 0.09);
            out[i] = (body + noise) * rise(i, 12);
        }
        Synth.fadeOutEnd(out, out.length / 4);
        return out;
    }

    /** A hi-hat (closed for a short decay, open for a long one): metallic square partials and high noise. */
    static double[] hat(double decay, long seed) {
        Rng rng = new Rng(seed);
        double[] out = new double[frames(decay * 4)];
        double[] ratios = {2, 3, 4.16, 5.43, 6.79, 8.21};
        Square[] sq = new Square[ratios.length];
        for (int k = 0; k < ratios.length; k++) {
            sq[k] = new Square(40 * ratios[k] * 9.3, rng.nextDouble());
        }
        Svf hp = new Svf(7500, 0.8);
        Svf hp2 = new Svf(7500, 0.8);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            double metal = 0;
            for (Square s : sq) {
                metal += s.next();
            }
            double x = 0.08 * metal + 0.6 * rng.bipolar();
            hp.next(x);
            hp2.next(hp.high);
            out[i] = hp2.high * StrictMath.exp(-t / decay) * rise(i, 8);
        }
        Synth.fadeOutEnd(out, out.length / 4);
        return out;
    }

    /** A shaker: band-passed noise with a soft swell and quick decay. */
    static double[] shaker(long seed) {
        Rng rng = new Rng(seed);
        double[] out = new double[frames(0.12)];
        Svf bp = new Svf(6500, 1.5);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            bp.next(rng.bipolar());
            out[i] = bp.band * rise(i, frames(0.012)) * StrictMath.exp(-t / 0.035);
        }
        Synth.fadeOutEnd(out, out.length / 4);
        return out;
    }

    /** A tom: a sine falling a fifth onto {@code hz}, with a little noise for the skin. */
    static double[] tom(double hz, long seed) {
        Rng rng = new Rng(seed);
        double[] out = new double[frames(0.6)];
        Sine s = new Sine(0);
        Svf lp = new Svf(1800, 0.7);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            double f = hz * (1 + 0.5 * StrictMath.exp(-t / 0.05));
            out[i] = (s.next(f) * StrictMath.exp(-t / 0.22) + 0.25 * lp.next(rng.bipolar()) * StrictMath.exp(-t / 0.03))
                    * rise(i, 12);
        }
        Synth.fadeOutEnd(out, out.length / 4);
        return out;
    }

    /** A crash cymbal: long bright noise with metallic partials. */
    static double[] crash(double seconds, long seed) {
        Rng rng = new Rng(seed);
        double[] out = new double[frames(seconds)];
        Svf hp = new Svf(4000, 0.7);
        Triangle shimmer = new Triangle(5233, 0);
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            hp.next(rng.bipolar() + 0.15 * shimmer.next());
            out[i] = hp.high * StrictMath.exp(-t / (seconds * 0.3)) * rise(i, 24);
        }
        Synth.fadeOutEnd(out, out.length / 4);
        return out;
    }

    // ------------------------------------------------------------------ effects as notes

    /** A riser: noise through a rising bandpass and a saw sweeping up {@code octaves}, growing to the end. */
    static double[][] riser(int length, double fromHz, double octaves, long seed) {
        Rng rng = new Rng(seed);
        double[] l = new double[length];
        double[] r = new double[length];
        Svf bl = new Svf(fromHz, 2);
        Svf br = new Svf(fromHz, 2);
        double sawPhase = 0;
        for (int i = 0; i < length; i++) {
            double p = (double) i / length;
            double fc = fromHz * 8 * StrictMath.pow(2, 4.5 * p);
            if ((i & 7) == 0) {
                bl.set(fc, 2);
                br.set(fc * 1.1, 2);
            }
            double f = fromHz * StrictMath.pow(2, octaves * p * p);
            sawPhase += f / RATE;
            sawPhase -= Math.floor(sawPhase);
            double tone = 0.35 * (2 * sawPhase - 1 - Synth.polyBlep(sawPhase, f / RATE)) * p;
            bl.next(rng.bipolar());
            br.next(rng.bipolar());
            double g = p * p * (1 - rise(i - (length - 240), 240));
            l[i] = (bl.band + tone) * g;
            r[i] = (br.band + tone) * g;
        }
        return new double[][] {l, r};
    }

    /** An impact: a deep falling boom, a noise burst and a low rumble tail. */
    static double[][] impact(double seconds, long seed) {
        Rng rng = new Rng(seed);
        int n = frames(seconds);
        double[] l = new double[n];
        double[] r = new double[n];
        Sine boom = new Sine(0);
        Svf nl = new Svf(2500, 0.7);
        Svf nr = new Svf(2500, 0.7);
        Svf rumble = new Svf(120, 0.7);
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double f = 32 + 110 * StrictMath.exp(-t / 0.06);
            double b = StrictMath.tanh(2 * boom.next(f) * StrictMath.exp(-t / 0.5));
            double noise = StrictMath.exp(-t / 0.09);
            double ru = 1.5 * rumble.next(rng.bipolar()) * StrictMath.exp(-t / (seconds * 0.3));
            double a = rise(i, 24);
            l[i] = (b + 0.5 * nl.next(rng.bipolar()) * noise + ru) * a;
            r[i] = (b + 0.5 * nr.next(rng.bipolar()) * noise + ru) * a;
        }
        Synth.fadeOutEnd(l, n / 3);
        Synth.fadeOutEnd(r, n / 3);
        return new double[][] {l, r};
    }
}
