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

    /** Band-limited-ish sawtooth, -1..1. */
    static final class Saw {
        private double phase;
        private final double dt;

        Saw(double hz, double phase) {
            this.dt = hz / RATE;
            this.phase = phase;
        }

        double next() {
            double v = 2 * phase - 1 - polyBlep(phase, dt);
            phase += dt;
            if (phase >= 1) {
                phase -= 1;
            }
            return v;
        }
    }

    /** Band-limited-ish square, -1..1. */
    static final class Square {
        private double phase;
        private final double dt;

        Square(double hz, double phase) {
            this.dt = hz / RATE;
            this.phase = phase;
        }

        double next() {
            double v = phase < 0.5 ? 1 : -1;
            v += polyBlep(phase, dt);
            double t2 = phase + 0.5;
            v -= polyBlep(t2 >= 1 ? t2 - 1 : t2, dt);
            phase += dt;
            if (phase >= 1) {
                phase -= 1;
            }
            return v;
        }
    }

    /** Triangle, -1..1 (its harmonics fall fast enough that aliasing is inaudible here). */
    static final class Triangle {
        private double phase;
        private final double dt;

        Triangle(double hz, double phase) {
            this.dt = hz / RATE;
            this.phase = phase;
        }

        double next() {
            double v = 4 * Math.abs(phase - 0.5) - 1;
            phase += dt;
            if (phase >= 1) {
                phase -= 1;
            }
            return v;
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
