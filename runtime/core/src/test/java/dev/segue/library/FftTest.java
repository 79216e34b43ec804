package dev.segue.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The FFT against the definition of the DFT. */
class FftTest {
    @Test
    void realMagnitudesMatchTheDft() {
        int n = 256;
        double[] x = new double[n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() - 0.5 + Math.sin(2 * Math.PI * 10 * i / n);
        }
        double[] mag = new double[n / 2 + 1];
        new Fft(n / 2).realMagnitudes(x.clone(), mag, n / 2 + 1);
        for (int k = 0; k <= n / 2; k++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i++) {
                re += x[i] * Math.cos(-2 * Math.PI * k * i / n);
                im += x[i] * Math.sin(-2 * Math.PI * k * i / n);
            }
            assertEquals(Math.hypot(re, im), mag[k], 1e-9, "bin " + k);
        }
    }

    @Test
    void complexTransformMatchesTheDft() {
        int n = 64;
        double[] re = new double[n];
        double[] im = new double[n];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            re[i] = r.nextDouble();
            im[i] = r.nextDouble();
        }
        double[] fr = re.clone();
        double[] fi = im.clone();
        new Fft(n).transform(fr, fi);
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int i = 0; i < n; i++) {
                double c = Math.cos(-2 * Math.PI * k * i / n);
                double s = Math.sin(-2 * Math.PI * k * i / n);
                sr += re[i] * c - im[i] * s;
                si += re[i] * s + im[i] * c;
            }
            assertEquals(sr, fr[k], 1e-9);
            assertEquals(si, fi[k], 1e-9);
        }
    }
}
