package dev.segue.library;

/**
 * An EBU R128 loudness meter (ITU-R BS.1770-4, EBU Tech 3341 and 3342) for mono or stereo audio at
 * any sample rate.
 *
 * <p>Feed it interleaved float blocks of any size with {@link #accept}; read the momentary (400 ms),
 * short-term (3 s) and integrated loudness in LUFS, the loudness range in LU and the true peak in
 * dBTP at any time. After construction it allocates nothing, so it may meter a live mix.
 *
 * <ul>
 *   <li>K-weighting: the BS.1770 shelving and high-pass biquads, their coefficients derived from the
 *       analogue prototype for the given rate (at 48 kHz they equal the published ones).</li>
 *   <li>Integrated loudness: 400 ms blocks every 100 ms, gated at -70 LUFS absolute and then 10 LU below
 *       the mean of the blocks that passed. Blocks are kept in a 0.01 LU histogram with their exact
 *       energies, so memory stays fixed however long the programme runs.</li>
 *   <li>Loudness range: 3 s blocks every 100 ms, gated at -70 LUFS and 20 LU below their mean; the
 *       spread between the 10th and 95th percentiles.</li>
 *   <li>True peak: oversampled to 176.4 kHz or more (4x at 44.1/48 kHz, 8x at 22.05 kHz, 2x at
 *       96 kHz) through a 16-tap-per-phase Kaiser-windowed sinc interpolator, never lower than the
 *       sample peak.</li>
 * </ul>
 *
 * <p>Not thread-safe: feed and read from one thread, or guard it.
 */
public final class LoudnessMeter {
    /** The loudness reported for silence, or before enough audio has been fed. */
    public static final double SILENCE = Double.NEGATIVE_INFINITY;

    private static final double ABSOLUTE_GATE_LUFS = -70;
    private static final double HISTOGRAM_FLOOR = -70;
    private static final double HISTOGRAM_STEP = 0.01;
    private static final int HISTOGRAM_BINS = 8000; // -70 .. +10 LUFS; louder blocks land in the top bin
    private static final int SUBS_MOMENTARY = 4; // 400 ms of 100 ms steps
    private static final int SUBS_SHORT_TERM = 30; // 3 s
    /** Taps per interpolation phase: 12 (BS.1770's 48-tap 4x filter) read a 7 kHz crest at 22.05 kHz 0.17 dB low, 16 with a Kaiser window 0.07. */
    private static final int TAPS_PER_PHASE = 16;
    /** Kaiser window shape for the interpolator. */
    private static final double KAISER_BETA = 6;

    private final int sampleRate;
    private final int channels;
    private final int subFrames;

    // K-weighting: stage 1 (high shelf) and stage 2 (high pass), direct form I, per channel
    private final double b10;
    private final double b11;
    private final double b12;
    private final double a11;
    private final double a12;
    private final double a21;
    private final double a22;
    private final double[] x1;
    private final double[] x2;
    private final double[] y1;
    private final double[] y2;
    private final double[] z1;
    private final double[] z2;

    // 100 ms sub-blocks: the running one and a ring of the last 30
    private double subEnergy;
    private int subFill;
    private final double[] subRing = new double[SUBS_SHORT_TERM];
    private long subsDone;

    private final long[] blockCount = new long[HISTOGRAM_BINS];
    private final double[] blockEnergy = new double[HISTOGRAM_BINS];
    private final long[] shortCount = new long[HISTOGRAM_BINS];
    private final double[] shortEnergy = new double[HISTOGRAM_BINS];
    private double maxMomentary = SILENCE;
    private double maxShortTerm = SILENCE;

    // true peak
    private final int oversample;
    private final double[] phases; // [phase * TAPS_PER_PHASE + tap]
    private final double[] history; // [channel * TAPS_PER_PHASE + k], a ring
    private int historyAt;
    private double truePeak;
    private double samplePeak;
    private long frames;

    /**
     * A meter for {@code channels} (1 or 2) interleaved channels at {@code sampleRate} Hz.
     *
     * @throws IllegalArgumentException for another channel count or a rate below 8 kHz
     */
    public LoudnessMeter(int sampleRate, int channels) {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("LoudnessMeter meters mono or stereo, not " + channels + " channels");
        }
        if (sampleRate < 8000) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz is below 8000 Hz");
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.subFrames = (int) Math.round(sampleRate * 0.1);

        // stage 1: the head's acoustic effect, a +4 dB high shelf near 1.68 kHz
        double f0 = 1681.974450955533;
        double gainDb = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double vh = Math.pow(10, gainDb / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        b10 = (vh + vb * k / q + k * k) / a0;
        b11 = 2 * (k * k - vh) / a0;
        b12 = (vh - vb * k / q + k * k) / a0;
        a11 = 2 * (k * k - 1) / a0;
        a12 = (1 - k / q + k * k) / a0;
        // stage 2: the RLB high pass near 38 Hz (numerator 1, -2, 1)
        double f1 = 38.13547087602444;
        double q1 = 0.5003270373238773;
        double k1 = Math.tan(Math.PI * f1 / sampleRate);
        double d = 1 + k1 / q1 + k1 * k1;
        a21 = 2 * (k1 * k1 - 1) / d;
        a22 = (1 - k1 / q1 + k1 * k1) / d;
        x1 = new double[channels];
        x2 = new double[channels];
        y1 = new double[channels];
        y2 = new double[channels];
        z1 = new double[channels];
        z2 = new double[channels];

        oversample = oversampling(sampleRate);
        phases = interpolator(oversample);
        history = new double[channels * TAPS_PER_PHASE];
    }

    /**
     * The smallest power of two that takes {@code rate} to 176.4 kHz or more (ffmpeg's meter works at
     * 192 kHz): 4x at 44.1 and 48 kHz, 8x at 22.05 kHz, 2x at 96 kHz. A fixed 4x read a crest between
     * samples up to 0.56 dB low at 22.05 kHz.
     */
    static int oversampling(int rate) {
        int f = 1;
        while ((long) rate * f < 176_400) {
            f *= 2;
        }
        return f;
    }

    /** The modified Bessel function of the first kind, order 0, by its series. */
    private static double besselI0(double z) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (z / 2) * (z / 2) / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    /** Windowed-sinc polyphase interpolator, each phase normalised to unity gain at DC. */
    private static double[] interpolator(int factor) {
        int n = factor * TAPS_PER_PHASE;
        double centre = (n - 1) / 2.0;
        double[] h = new double[n];
        double i0Beta = besselI0(KAISER_BETA);
        for (int i = 0; i < n; i++) {
            double t = (i - centre) / factor;
            double sinc = t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
            // Kaiser window: low sidelobes (images of loud highs do not inflate the peak) and a flat passband
            double x = 2 * (i + 0.5) / n - 1;
            h[i] = sinc * besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - x * x))) / i0Beta;
        }
        double[] phases = new double[n];
        for (int p = 0; p < factor; p++) {
            double sum = 0;
            for (int k = 0; k < TAPS_PER_PHASE; k++) {
                sum += h[k * factor + p];
            }
            for (int k = 0; k < TAPS_PER_PHASE; k++) {
                phases[p * TAPS_PER_PHASE + k] = h[k * factor + p] / sum;
            }
        }
        return phases;
    }

    /** The sample rate this meter was built for. */
    public int sampleRate() {
        return sampleRate;
    }

    /** The channel count this meter was built for (1 or 2). */
    public int channels() {
        return channels;
    }

    /** Frames fed since construction or the last {@link #reset()}. */
    public long frames() {
        return frames;
    }

    /**
     * Feeds {@code frameCount} interleaved frames from {@code samples[offset]}. Samples are full scale
     * at ±1.
     *
     * @throws IndexOutOfBoundsException if the frames do not lie inside {@code samples}
     */
    public void accept(float[] samples, int offset, int frameCount) {
        if (offset < 0 || frameCount < 0 || (long) offset + (long) frameCount * channels > samples.length) {
            throw new IndexOutOfBoundsException(frameCount + " frames of " + channels + " channels from " + offset
                    + " do not fit " + samples.length + " samples");
        }
        int at = offset;
        for (int f = 0; f < frameCount; f++) {
            double energy = 0;
            for (int c = 0; c < channels; c++) {
                double x = samples[at++];
                energy += kWeighted(c, x);
                peak(c, x);
            }
            historyAt = historyAt + 1 == TAPS_PER_PHASE ? 0 : historyAt + 1;
            subEnergy += energy;
            if (++subFill == subFrames) {
                endSub();
            }
        }
        frames += frameCount;
    }

    private double kWeighted(int c, double x) {
        double y = b10 * x + b11 * x1[c] + b12 * x2[c] - a11 * y1[c] - a12 * y2[c];
        x2[c] = x1[c];
        x1[c] = x;
        double z = y - 2 * y1[c] + y2[c] - a21 * z1[c] - a22 * z2[c];
        y2[c] = y1[c];
        y1[c] = y;
        z2[c] = z1[c];
        z1[c] = z;
        return z * z;
    }

    private void peak(int c, double x) {
        double a = Math.abs(x);
        if (a > samplePeak) {
            samplePeak = a;
        }
        int base = c * TAPS_PER_PHASE;
        history[base + historyAt] = x;
        for (int p = 0; p < oversample; p++) {
            int coef = p * TAPS_PER_PHASE;
            double y = 0;
            int h = historyAt;
            for (int k = 0; k < TAPS_PER_PHASE; k++) {
                y += phases[coef + k] * history[base + h];
                h = h == 0 ? TAPS_PER_PHASE - 1 : h - 1;
            }
            double ay = Math.abs(y);
            if (ay > truePeak) {
                truePeak = ay;
            }
        }
    }

    private void endSub() {
        subRing[(int) (subsDone % SUBS_SHORT_TERM)] = subEnergy;
        subsDone++;
        subEnergy = 0;
        subFill = 0;
        if (subsDone >= SUBS_MOMENTARY) {
            double e = windowEnergy(SUBS_MOMENTARY);
            record(blockCount, blockEnergy, e);
            maxMomentary = Math.max(maxMomentary, lufs(e));
        }
        if (subsDone >= SUBS_SHORT_TERM) {
            double e = windowEnergy(SUBS_SHORT_TERM);
            record(shortCount, shortEnergy, e);
            maxShortTerm = Math.max(maxShortTerm, lufs(e));
        }
    }

    /** Mean-square weighted energy of the last {@code subs} complete sub-blocks (missing ones count as silence). */
    private double windowEnergy(int subs) {
        double sum = 0;
        for (int i = 1; i <= subs && i <= subsDone; i++) {
            sum += subRing[(int) ((subsDone - i) % SUBS_SHORT_TERM)];
        }
        return sum / ((double) subs * subFrames);
    }

    private static void record(long[] count, double[] energy, double e) {
        double l = lufs(e);
        if (l < ABSOLUTE_GATE_LUFS) {
            return;
        }
        int bin = bin(l);
        count[bin]++;
        energy[bin] += e;
    }

    private static int bin(double lufs) {
        int b = (int) Math.floor((lufs - HISTOGRAM_FLOOR) / HISTOGRAM_STEP);
        return Math.max(0, Math.min(HISTOGRAM_BINS - 1, b));
    }

    private static double lufs(double meanSquare) {
        return meanSquare <= 0 ? SILENCE : -0.691 + 10 * Math.log10(meanSquare);
    }

    /** Loudness of the last 400 ms, in LUFS (before 400 ms have been fed, the missing part counts as silence). */
    public double momentaryLufs() {
        return lufs(windowEnergy(SUBS_MOMENTARY));
    }

    /** Loudness of the last 3 s, in LUFS (before 3 s have been fed, the missing part counts as silence). */
    public double shortTermLufs() {
        return lufs(windowEnergy(SUBS_SHORT_TERM));
    }

    /** The highest momentary loudness so far, in LUFS. */
    public double maxMomentaryLufs() {
        return maxMomentary;
    }

    /** The highest short-term loudness so far, in LUFS. */
    public double maxShortTermLufs() {
        return maxShortTerm;
    }

    /** Gated integrated loudness of everything fed, in LUFS; {@link #SILENCE} if no block passed the gate. */
    public double integratedLufs() {
        double relative = gatedMean(blockCount, blockEnergy, ABSOLUTE_GATE_LUFS) - 10;
        return gatedMean(blockCount, blockEnergy, relative);
    }

    /** Loudness range (EBU Tech 3342) in LU; 0 until 3 s of audio have passed the gates. */
    public double loudnessRangeLu() {
        double relative = gatedMean(shortCount, shortEnergy, ABSOLUTE_GATE_LUFS) - 20;
        if (relative == SILENCE) {
            return 0;
        }
        int from = relative <= HISTOGRAM_FLOOR ? 0 : bin(relative);
        if (HISTOGRAM_FLOOR + from * HISTOGRAM_STEP < relative) {
            from++;
        }
        long total = 0;
        for (int b = from; b < HISTOGRAM_BINS; b++) {
            total += shortCount[b];
        }
        if (total == 0) {
            return 0;
        }
        return percentile(from, total, 0.95) - percentile(from, total, 0.10);
    }

    private double percentile(int from, long total, double p) {
        long rank = (long) Math.floor(p * (total - 1));
        long seen = 0;
        for (int b = from; b < HISTOGRAM_BINS; b++) {
            seen += shortCount[b];
            if (seen > rank) {
                return HISTOGRAM_FLOOR + (b + 0.5) * HISTOGRAM_STEP;
            }
        }
        return HISTOGRAM_FLOOR + HISTOGRAM_BINS * HISTOGRAM_STEP;
    }

    /** Loudness of the mean energy of the blocks at or above {@code gate} LUFS (bin resolution 0.01 LU). */
    private static double gatedMean(long[] count, double[] energy, double gate) {
        if (gate == SILENCE) {
            return SILENCE;
        }
        int from = gate <= HISTOGRAM_FLOOR ? 0 : bin(gate);
        if (HISTOGRAM_FLOOR + from * HISTOGRAM_STEP < gate) {
            from++; // the bin straddling the gate holds blocks both sides of it: count from the next
        }
        long n = 0;
        double sum = 0;
        for (int b = from; b < HISTOGRAM_BINS; b++) {
            n += count[b];
            sum += energy[b];
        }
        return n == 0 ? SILENCE : lufs(sum / n);
    }

    /** The highest inter-sample peak so far in dBTP (never below the sample peak); {@link #SILENCE} for silence. */
    public double truePeakDbtp() {
        double p = Math.max(truePeak, samplePeak);
        return p <= 0 ? SILENCE : 20 * Math.log10(p);
    }

    /** The highest absolute sample so far in dBFS; {@link #SILENCE} for silence. */
    public double samplePeakDbfs() {
        return samplePeak <= 0 ? SILENCE : 20 * Math.log10(samplePeak);
    }

    /** Forgets everything fed, as if newly constructed. */
    public void reset() {
        java.util.Arrays.fill(x1, 0);
        java.util.Arrays.fill(x2, 0);
        java.util.Arrays.fill(y1, 0);
        java.util.Arrays.fill(y2, 0);
        java.util.Arrays.fill(z1, 0);
        java.util.Arrays.fill(z2, 0);
        java.util.Arrays.fill(subRing, 0);
        java.util.Arrays.fill(blockCount, 0);
        java.util.Arrays.fill(blockEnergy, 0);
        java.util.Arrays.fill(shortCount, 0);
        java.util.Arrays.fill(shortEnergy, 0);
        java.util.Arrays.fill(history, 0);
        subEnergy = 0;
        subFill = 0;
        subsDone = 0;
        historyAt = 0;
        maxMomentary = SILENCE;
        maxShortTerm = SILENCE;
        truePeak = 0;
        samplePeak = 0;
        frames = 0;
    }
}
