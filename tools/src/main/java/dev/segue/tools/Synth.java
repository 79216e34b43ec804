package dev.segue.tools;

/**
 * DSP building blocks for the generated scores (the sample and {@code segue compose}): oscillators,
 * filters, envelopes, a reverb. Everything uses {@link StrictMath} and seeded {@link Rng}s, so the
 * output is bit-for-bit the same on every JVM. It is tooling, not the runtime's API.
 */
public final class Synth {
    /** The rate everything renders at. */
    public static final int RATE = 48_000;
    /** 2 pi. */
    public static final double TWO_PI = 2 * StrictMath.PI;

    private Synth() {
    }

    /** The frequency of a MIDI note number (69 = A4 = 440 Hz; fractions are cents/100). */
    public static double midiHz(double midi) {
        return 440.0 * StrictMath.pow(2.0, (midi - 69) / 12.0);
    }

    /** Seconds as a whole number of frames at {@link #RATE}. */
    public static int frames(double seconds) {
        return (int) StrictMath.round(seconds * RATE);
    }

    /** Coefficient of a one-pole lowpass {@code y += a * (x - y)} with the given cutoff. */
    public static double onePole(double hz) {
        return 1 - StrictMath.exp(-TWO_PI * hz / RATE);
    }

    /** Amplitude envelope of a note, sample by sample from its start. */
    public interface Env {
        /** The level at frame {@code i} of the note. */
        double at(int i);
    }

    /** Raised-cosine rise from 0 to 1 over {@code n} frames. */
    public static double rise(int i, int n) {
        if (i <= 0) {
            return 0;
        }
        if (i >= n) {
            return 1;
        }
        return 0.5 - 0.5 * StrictMath.cos(StrictMath.PI * i / n);
    }

    /**
     * Attack, hold, release. {@code hold} counts from the note's start (it is the note-on length); the
     * release falls from the held level to exactly 0 in {@code release} frames, so the note's total
     * length is {@code hold + release}.
     */
    public static Env ahr(int attack, int hold, int release) {
        return i -> {
            if (i < hold) {
                return rise(i, attack);
            }
            int r = i - hold;
            if (r >= release) {
                return 0;
            }
            return rise(hold, attack) * (1 - rise(r, release));
        };
    }

    /** Fades the last {@code n} samples of {@code x} to exactly 0 (raised cosine). */
    public static void fadeOutEnd(double[] x, int n) {
        int start = x.length - n;
        for (int i = 0; i < n; i++) {
            x[start + i] *= 1 - rise(i + 1, n);
        }
    }

    /** Adds {@code gain * src} into {@code dst} starting at {@code at}; the note must fit. */
    public static void add(double[] dst, int at, double[] src, double gain) {
        if (at < 0 || at + src.length > dst.length) {
            throw new IllegalStateException("a note at frame " + at + " of " + src.length
                    + " frames does not fit a buffer of " + dst.length);
        }
        for (int i = 0; i < src.length; i++) {
            dst[at + i] += gain * src[i];
        }
    }

    /** The largest absolute sample. */
    public static double peak(double[] x) {
        double p = 0;
        for (double v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    /** Multiplies every sample by {@code g}. */
    public static void scale(double[] x, double g) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= g;
        }
    }

    /** PolyBLEP correction that removes most of a hard edge's aliasing; t is the phase in [0, 1). */
    public static double polyBlep(double t, double dt) {
        if (t < dt) {
            double u = t / dt;
            return u + u - u * u - 1;
        }
        if (t > 1 - dt) {
            double u = (t - 1) / dt;
            return u * u + u + u + 1;
        }
        return 0;
    }

    /** A phase accumulator in [0, 1) stepping {@code hz / RATE} per sample: what every oscillator shares. */
    public abstract static class Oscillator {
        protected double phase;
        protected final double dt;

        /** An oscillator at {@code hz}, starting at {@code phase} in [0, 1). */
        public Oscillator(double hz, double phase) {
            this.dt = hz / RATE;
            this.phase = phase;
        }

        /** The waveform at {@code t} in [0, 1). */
        abstract double shape(double t);

        /** The next sample. */
        public final double next() {
            double v = shape(phase);
            phase += dt;
            if (phase >= 1) {
                phase -= 1;
            }
            return v;
        }
    }

    /** Band-limited-ish sawtooth, -1..1. */
    public static final class Saw extends Oscillator {
        /** A saw at {@code hz} from {@code phase}. */
        public Saw(double hz, double phase) {
            super(hz, phase);
        }

        @Override
        double shape(double t) {
            return 2 * t - 1 - polyBlep(t, dt);
        }
    }

    /** Band-limited-ish square, -1..1. */
    public static final class Square extends Oscillator {
        /** A square at {@code hz} from {@code phase}. */
        public Square(double hz, double phase) {
            super(hz, phase);
        }

        @Override
        double shape(double t) {
            double v = t < 0.5 ? 1 : -1;
            v += polyBlep(t, dt);
            double t2 = t + 0.5;
            return v - polyBlep(t2 >= 1 ? t2 - 1 : t2, dt);
        }
    }

    /** Triangle, -1..1 (its harmonics fall fast enough that aliasing is inaudible here). */
    public static final class Triangle extends Oscillator {
        /** A triangle at {@code hz} from {@code phase}. */
        public Triangle(double hz, double phase) {
            super(hz, phase);
        }

        @Override
        double shape(double t) {
            return 4 * Math.abs(t - 0.5) - 1;
        }
    }

    /** Sine oscillator with a phase accumulator (the frequency may change every sample). */
    public static final class Sine {
        private double phase;

        /** A sine starting at {@code phase} in [0, 1). */
        public Sine(double phase) {
            this.phase = phase;
        }

        /** The next sample at {@code hz}. */
        public double next(double hz) {
            double v = StrictMath.sin(TWO_PI * phase);
            phase += hz / RATE;
            if (phase >= 1) {
                phase -= Math.floor(phase);
            }
            return v;
        }
    }

    /** One-pole lowpass. */
    public static final class LowPass {
        private double a;
        private double y;

        /** A lowpass at {@code hz}. */
        public LowPass(double hz) {
            this.a = onePole(hz);
        }

        /** Moves the cutoff. */
        public void cutoff(double hz) {
            this.a = onePole(hz);
        }

        /** Filters one sample. */
        public double next(double x) {
            y += a * (x - y);
            return y;
        }
    }

    /** One-pole highpass (the input minus its one-pole lowpass). */
    public static final class HighPass {
        private final LowPass lp;

        /** A highpass at {@code hz}. */
        public HighPass(double hz) {
            this.lp = new LowPass(hz);
        }

        /** Filters one sample. */
        public double next(double x) {
            return x - lp.next(x);
        }
    }

    /** Equal-power gains for a pan position in -1 (left) .. 1 (right): {@code {left, right}}, each 0.707 at the centre. */
    public static double[] pan(double position) {
        double a = (Math.max(-1, Math.min(1, position)) + 1) * StrictMath.PI / 4;
        return new double[] {StrictMath.cos(a), StrictMath.sin(a)};
    }

    /**
     * Attack, decay, sustain, release in frames. The note is held for {@code hold} frames from its start,
     * then falls from wherever it is to exactly 0 in {@code release} frames (raised cosine), so its total
     * length is {@code hold + release}. The attack is a raised cosine, the decay exponential.
     */
    public static Env adsr(int attack, int decay, double sustain, int hold, int release) {
        return i -> {
            if (i >= hold + release) {
                return 0;
            }
            double level = levelAt(Math.min(i, hold), attack, decay, sustain);
            if (i < hold) {
                return level;
            }
            return level * (1 - rise(i - hold, release));
        };
    }

    private static double levelAt(int i, int attack, int decay, double sustain) {
        if (i < attack) {
            return rise(i, attack);
        }
        return sustain + (1 - sustain) * StrictMath.exp(-(double) (i - attack) / Math.max(1, decay));
    }

    /**
     * A resonant state-variable filter (the trapezoidal, zero-delay-feedback form): stable at any
     * cutoff below Nyquist, cutoff and resonance may change every sample. One call gives lowpass,
     * bandpass and highpass together.
     */
    public static final class Svf {
        private double ic1;
        private double ic2;
        private double g;
        private double k;
        private double a1;
        private double a2;
        private double a3;
        /** The last outputs. */
        public double low;
        /** The last bandpass output. */
        public double band;
        /** The last highpass output. */
        public double high;

        /** A filter at {@code hz} with quality {@code q} (0.5 = no peak, 0.707 = Butterworth, higher rings). */
        public Svf(double hz, double q) {
            set(hz, q);
        }

        /** Moves cutoff and quality (the cutoff is kept between 10 Hz and 0.45 of the rate). */
        public void set(double hz, double q) {
            double f = Math.max(10, Math.min(0.45 * RATE, hz));
            g = StrictMath.tan(StrictMath.PI * f / RATE);
            k = 1 / q;
            a1 = 1 / (1 + g * (g + k));
            a2 = g * a1;
            a3 = g * a2;
        }

        /** Filters one sample; returns the lowpass output (band and high are in the fields). */
        public double next(double x) {
            double v3 = x - ic2;
            double v1 = a1 * ic1 + a2 * v3;
            double v2 = ic2 + a2 * ic1 + a3 * v3;
            ic1 = 2 * v1 - ic1;
            ic2 = 2 * v2 - ic2;
            low = v2;
            band = v1;
            high = x - k * v1 - v2;
            return low;
        }
    }

    /**
     * A stereo Schroeder-Moorer reverb in the Freeverb layout: eight damped combs and four allpasses per
     * side, the right side's delays a little longer so the two decorrelate. Tunings are scaled from
     * 44.1 kHz to {@link #RATE}.
     */
    public static final class Reverb {
        private static final int[] COMBS = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
        private static final int[] ALLPASSES = {556, 441, 341, 225};
        private static final int SPREAD = 23;
        private final double[][] comb = new double[16][];
        private final int[] combAt = new int[16];
        private final double[] combStore = new double[16];
        private final double[][] allpass = new double[8][];
        private final int[] allpassAt = new int[8];
        private final double feedback;
        private final double damp;

        /** A room of {@code size} (0..1, larger rings longer) and high-frequency {@code damping} (0..1). */
        public Reverb(double size, double damping) {
            double scale = RATE / 44_100.0;
            for (int side = 0; side < 2; side++) {
                for (int i = 0; i < 8; i++) {
                    comb[side * 8 + i] = new double[(int) StrictMath.round((COMBS[i] + side * SPREAD) * scale)];
                }
                for (int i = 0; i < 4; i++) {
                    allpass[side * 4 + i] = new double[(int) StrictMath.round((ALLPASSES[i] + side * SPREAD) * scale)];
                }
            }
            this.feedback = 0.7 + 0.28 * size;
            this.damp = 0.4 * damping;
        }

        /** Reverberates the stereo pair in place: {@code dry * x + wet * reverb(x)}. */
        public void process(double[] left, double[] right, double dry, double wet) {
            for (int n = 0; n < left.length; n++) {
                double in = (left[n] + right[n]) * 0.015;
                double l = side(0, in);
                double r = side(1, in);
                left[n] = dry * left[n] + wet * l;
                right[n] = dry * right[n] + wet * r;
            }
        }

        private double side(int side, double in) {
            double out = 0;
            for (int i = side * 8; i < side * 8 + 8; i++) {
                double[] buf = comb[i];
                double y = buf[combAt[i]];
                combStore[i] = y * (1 - damp) + combStore[i] * damp;
                buf[combAt[i]] = in + combStore[i] * feedback;
                combAt[i] = combAt[i] + 1 == buf.length ? 0 : combAt[i] + 1;
                out += y;
            }
            for (int i = side * 4; i < side * 4 + 4; i++) {
                double[] buf = allpass[i];
                double b = buf[allpassAt[i]];
                buf[allpassAt[i]] = out + b * 0.5;
                out = b - out;
                allpassAt[i] = allpassAt[i] + 1 == buf.length ? 0 : allpassAt[i] + 1;
            }
            return out;
        }
    }
}
