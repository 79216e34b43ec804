package dev.segue.library;

/**
 * An in-place radix-2 complex FFT of one fixed size, twiddles and bit reversal computed once; and
 * the magnitude spectrum of a real signal of twice that size through it (the even and odd samples as
 * one complex signal, then one split step), which halves the work.
 */
final class Fft {
    private final int n;
    private final double[] cos;
    private final double[] sin;
    private final int[] reverse;

    Fft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two: " + n);
        }
        this.n = n;
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            cos[i] = Math.cos(-2 * Math.PI * i / n);
            sin[i] = Math.sin(-2 * Math.PI * i / n);
        }
        reverse = new int[n];
        int bits = Integer.numberOfTrailingZeros(n);
        for (int i = 0; i < n; i++) {
            reverse[i] = Integer.reverse(i) >>> (32 - bits);
        }
    }

    private double[] zr;
    private double[] zi;
    private double[] wr;
    private double[] wi;

    /**
     * The magnitudes {@code |X[k]|} for {@code k < bins} of the real signal {@code x} of length
     * {@code 2 * size()}, unscaled. {@code x} is left unchanged.
     */
    void realMagnitudes(double[] x, double[] mag, int bins) {
        int m = n;
        if (zr == null) {
            zr = new double[m];
            zi = new double[m];
            wr = new double[m];
            wi = new double[m];
            for (int k = 0; k < m; k++) {
                wr[k] = Math.cos(-Math.PI * k / m);
                wi[k] = Math.sin(-Math.PI * k / m);
            }
        }
        for (int i = 0; i < m; i++) {
            zr[i] = x[2 * i];
            zi[i] = x[2 * i + 1];
        }
        transform(zr, zi);
        for (int k = 0; k < bins && k <= m; k++) {
            if (k == m) {
                mag[k] = Math.abs(zr[0] - zi[0]);
                break;
            }
            int j = (m - k) & (m - 1);
            // even part E = (Z[k] + conj Z[j]) / 2, odd part O = (Z[k] - conj Z[j]) / 2i
            double er = 0.5 * (zr[k] + zr[j]);
            double ei = 0.5 * (zi[k] - zi[j]);
            double or = 0.5 * (zi[k] + zi[j]);
            double oi = -0.5 * (zr[k] - zr[j]);
            double xr = er + wr[k] * or - wi[k] * oi;
            double xi = ei + wr[k] * oi + wi[k] * or;
            mag[k] = Math.sqrt(xr * xr + xi * xi);
        }
    }

    int size() {
        return n;
    }

    /** Transforms {@code re}, {@code im} (length {@link #size()}) in place, forward, unscaled. */
    void transform(double[] re, double[] im) {
        for (int i = 0; i < n; i++) {
            int j = reverse[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int step = n / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
