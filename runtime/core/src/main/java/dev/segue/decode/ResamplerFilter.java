package dev.segue.decode;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The polyphase windowed-sinc filter for one pair of rates, designed once and shared (immutable) by
 * every {@link Resampler} converting between those rates.
 *
 * <p>Design, in Hz: the stopband starts at the lower rate's Nyquist frequency {@code nyq}; the
 * passband reaches {@code min(20 kHz, max(0.9 nyq, nyq - 2050 Hz))}, so 44.1 kHz keeps the whole band
 * up to 20 kHz and low rates keep 90% of theirs. The sinc's cutoff sits midway. A Kaiser window
 * designed for {@value #ATTENUATION_DB} dB (beta = 0.1102 (A - 8.7) = 11.8) gives a stopband at least
 * that deep and a passband ripple of a few millionths of a dB; its length follows Kaiser's formula
 * {@code (A - 7.95) / (2.285 * 2 pi * transition)} seconds, the same duration at every input rate.
 *
 * <p>Phases: with {@code in/out} reduced to {@code M/L}, output frame {@code k} lies at input time
 * {@code k M / L}, so only {@code L} distinct fractional positions occur. If {@code L <=} {@value
 * #MAX_EXACT_PHASES} there is one row per position ({@code exact}); otherwise the fraction is
 * quantized to {@code phases} steps per input frame, with {@code phases + 1} rows so neighbouring rows
 * can be interpolated linearly. Row {@code r} holds {@code taps} coefficients for the input frames
 * {@code n - halfTaps + 1 .. n + halfTaps} around the output's integer input position {@code n};
 * each row is normalised to unit DC gain. Coefficients are doubles: the inner loop is then a plain
 * double multiply-add with no conversions (measured faster than float coefficients accumulated in
 * double) and coefficient rounding stays far below the 100 dB SNR target.
 */
final class ResamplerFilter {
    /** Stopband attenuation the Kaiser window is designed for, in dB. */
    static final double ATTENUATION_DB = 116;
    /** Largest reduced output factor that gets one exact row per phase. */
    static final int MAX_EXACT_PHASES = 4096;
    /** Largest exact table, in coefficients (32 MB); beyond it the quantized table is used. */
    private static final long MAX_EXACT_COEFFICIENTS = 1L << 22;
    private static final ConcurrentHashMap<Long, ResamplerFilter> CACHE = new ConcurrentHashMap<>();

    final int inRate;
    final int outRate;
    /** Reduced output factor: output frames per {@link #down} input frames. */
    final int up;
    /** Reduced input step: input frames per {@link #up} output frames. */
    final int down;
    final double beta;
    final double passbandHz;
    final double stopbandHz;
    final double cutoffHz;
    /** Half the window's length in input frames (the kernel is zero beyond it). */
    final double halfWidth;
    /** Taps on each side of the output position: output frame at {@code n + f} reads {@code n-halfTaps+1..n+halfTaps}. */
    final int halfTaps;
    /** Coefficients per row, {@code 2 halfTaps}, a multiple of 4. */
    final int taps;
    /** True if there is one row per exact phase ({@code up} rows). */
    final boolean exact;
    /** Rows per input frame: {@code up} if exact, else the quantization step count. */
    final int phases;
    /** Rows one after another, {@code taps} each. */
    final double[] table;

    private ResamplerFilter(int inRate, int outRate) {
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        double nyq = Math.min(inRate, outRate) / 2.0;
        this.passbandHz = Math.min(20_000, Math.max(0.9 * nyq, nyq - 2050));
        this.stopbandHz = nyq;
        this.cutoffHz = (passbandHz + stopbandHz) / 2;
        this.beta = 0.1102 * (ATTENUATION_DB - 8.7);
        double seconds = (ATTENUATION_DB - 7.95) / (2.285 * 2 * Math.PI * (stopbandHz - passbandHz));
        this.halfWidth = seconds / 2 * inRate;
        int h = (int) Math.ceil(halfWidth);
        this.halfTaps = h + (h & 1); // even, so taps is a multiple of 4
        this.taps = 2 * halfTaps;
        this.exact = up <= MAX_EXACT_PHASES && (long) up * taps <= MAX_EXACT_COEFFICIENTS;
        // Linear interpolation between rows errs by about (pi fc / phases)^2 / 8 of the kernel, fc the
        // cutoff in cycles per input frame: 1024 rows at fc = 0.5 stay below -130 dB, and a lower
        // cutoff (downsampling, where the kernel spans more input frames) needs proportionally fewer.
        this.phases = exact ? up : Math.max(64, (int) Math.ceil(2048 * cutoffHz / inRate));
        int rows = exact ? up : phases + 1;
        this.table = new double[rows * taps];
        double i0Beta = besselI0(beta);
        for (int r = 0; r < rows; r++) {
            double frac = (double) r / phases;
            double sum = 0;
            int base = r * taps;
            for (int j = 0; j < taps; j++) {
                double c = kernel(frac + halfTaps - 1 - j, i0Beta);
                table[base + j] = c;
                sum += c;
            }
            for (int j = 0; j < taps; j++) {
                table[base + j] /= sum;
            }
        }
    }

    /** The shared filter for {@code inRate -> outRate}, designed on first use. */
    static ResamplerFilter forRates(int inRate, int outRate) {
        return CACHE.computeIfAbsent(((long) inRate << 32) | outRate, k -> new ResamplerFilter(inRate, outRate));
    }

    /** The continuous kernel at {@code t} input frames from the output position (before row normalisation). */
    double kernel(double t, double i0Beta) {
        double r = t / halfWidth;
        if (r <= -1 || r >= 1) {
            return 0;
        }
        double fc = 2 * cutoffHz / inRate; // cutoff as a fraction of the input's Nyquist
        double x = fc * t;
        double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        return fc * sinc * besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
