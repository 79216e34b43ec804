package dev.segue.tools;

/**
 * Small DSP building blocks for the sample score. Everything uses {@link StrictMath} so the output
 * is bit-for-bit the same on every JVM.
 */
final class Synth {
    static final int RATE = 48_000;
    static final double TWO_PI = 2 * StrictMath.PI;

    private Synth() {
    }

    static double midiHz(double midi) {
        return 440.0 * StrictMath.pow(2.0, (midi - 69) / 12.0);
    }

    static int frames(double seconds) {
        return (int) StrictMath.round(seconds * RATE);
    }

    /** Coefficient of a one-pole lowpass {@code y += a * (x - y)} with the given cutoff. */
    static double onePole(double hz) {
        return 1 - StrictMath.exp(-TWO_PI * hz / RATE);
    }

    /** Amplitude envelope of a note, sample by sample from its start. */
    interface Env {
        double at(int i);
    }

    /** Raised-cosine rise from 0 to 1 over {@code n} frames. */
    static double rise(int i, int n) {
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
    static Env ahr(int attack, int hold, int release) {
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
    static void fadeOutEnd(double[] x, int n) {
        int start = x.length - n;
        for (int i = 0; i < n; i++) {
            x[start + i] *= 1 - rise(i + 1, n);
        }
    }

    /** Adds {@code gain * src} into {@code dst} starting at {@code at}; the note must fit. */
    static void add(double[] dst, int at, double[] src, double gain) {
        if (at < 0 || at + src.length > dst.length) {
            throw new IllegalStateException("a note at frame " + at + " of " + src.length
                    + " frames does not fit a buffer of " + dst.length);
        }
        for (int i = 0; i < src.length; i++) {
            dst[at + i] += gain * src[i];
        }
    }

    static double peak(double[] x) {
        double p = 0;
        for (double v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    static void scale(double[] x, double g) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= g;
        }
    }

    /** PolyBLEP correction that removes most of a hard edge's aliasing; t is the phase in [0, 1). */
    static double polyBlep(double t, double dt) {
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
    abstract static class Oscillator {
        protected double phase;
        protected final double dt;

        Oscillator(double hz, double phase) {
            this.dt = hz / RATE;
            this.phase = phase;
        }

        /** The waveform at {@code t} in [0, 1). */
        abstract double shape(double t);

        final double next() {
            double v = shape(phase);
            phase += dt;
            if (phase >= 1) {
                phase -= 1;
            }
            return v;
        }
    }

    /** Band-limited-ish sawtooth, -1..1. */
    static final class Saw extends Oscillator {
        Saw(double hz, double phase) {
            super(hz, phase);
        }

        @Override
        double shape(double t) {
            return 2 * t - 1 - polyBlep(t, dt);
        }
    }

    /** Band-limited-ish square, -1..1. */
    static final class Square extends Oscillator {
        Square(double hz, double phase) {
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
    static final class Triangle extends Oscillator {
        Triangle(double hz, double phase) {
            super(hz, phase);
        }

        @Override
        double shape(double t) {
            return 4 * Math.abs(t - 0.5) - 1;
        }
    }

    /** Sine oscillator with a phase accumulator (the frequency may change every sample). */
    static final class Sine {
        private double phase;

        Sine(double phase) {
            this.phase = phase;
        }

        double next(double hz) {
            double v = StrictMath.sin(TWO_PI * phase);
            phase += hz / RATE;
            if (phase >= 1) {
                phase -= Math.floor(phase);
            }
            return v;
        }
    }

    /** One-pole lowpass. */
    static final class LowPass {
        private double a;
        private double y;

        LowPass(double hz) {
            this.a = onePole(hz);
        }

        void cutoff(double hz) {
            this.a = onePole(hz);
        }

        double next(double x) {
            y += a * (x - y);
            return y;
        }
    }

    /** One-pole highpass (the input minus its one-pole lowpass). */
    static final class HighPass {
        private final LowPass lp;

        HighPass(double hz) {
            this.lp = new LowPass(hz);
        }

        double next(double x) {
            return x - lp.next(x);
        }
    }
}
