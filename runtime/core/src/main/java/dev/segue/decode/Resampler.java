package dev.segue.decode;

import java.util.Arrays;

/**
 * Streaming sample-rate converter for interleaved float audio of 1 to 8 channels: polyphase
 * Kaiser-windowed sinc, stopband from the lower rate's Nyquist frequency at least 110 dB down, passband
 * (to 20 kHz when the rates allow) flat to a few millionths of a dB; see {@link ResamplerFilter} for
 * the design. Coefficients and history are doubles, sums are double, output is rounded to float once.
 *
 * <p><b>Timing.</b> Output frame {@code k} is the input signal at input time exactly {@code k * inRate
 * / outRate}: the filter's delay is compensated, the first output frame is input time 0, and the input
 * is taken as silent before frame 0 (and, when {@link #drain drained}, after its end). The position is
 * kept as an exact fraction (an input frame and a remainder in {@code long} arithmetic), so it never
 * drifts, also when the reduced ratio has too many phases for one filter row each and the row is
 * interpolated between the two nearest of a finer table. {@code N} input frames give exactly {@link #outputFrames outputFrames(N)} output frames.
 *
 * <p><b>Streaming.</b> {@link #process process} takes any amount of input and writes as much output as
 * that input and the output space allow, keeping what later output needs in an internal history. The
 * output is bit-identical however the input is split into calls. Nothing is allocated after
 * construction. One instance serves one stream on one thread.
 *
 * <p>Equal rates are passed through unchanged.
 */
public final class Resampler {
    /** Input frames the history holds beyond the filter's span; a longer input is taken in pieces. */
    private static final int BLOCK_FRAMES = 1024;

    private final int channels;
    private final int inRate;
    private final int outRate;
    private final ResamplerFilter filter; // null when the rates are equal
    private final int up;
    private final int down;
    private final int stepFrames;   // down / up: whole input frames per output frame
    private final int stepRemainder; // down % up
    private final int halfTaps;
    private final double[] history;
    private final int historyFrames;
    private final double[] scratch; // the interpolated row when phases are quantized

    private long base;       // input frame held at history[0]; negative while primed with silence
    private int filled;      // frames held in history
    private long inputEnd;   // input frames received (the absolute index of the next one)
    private long next;       // the next output frame
    private long position;   // floor(next * down / up): the input frame at or before it
    private int remainder;   // (next * down) % up: its fraction, in 1/up input frames
    private boolean draining;
    private int consumed;

    /**
     * Creates a converter.
     *
     * @param channels interleaved channels, 1 to 8
     * @param inRate input frames per second, 1000 to 768000
     * @param outRate output frames per second, 1000 to 768000
     */
    public Resampler(int channels, int inRate, int outRate) {
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("channels must be 1..8, not " + channels);
        }
        checkRate(inRate);
        checkRate(outRate);
        this.channels = channels;
        this.inRate = inRate;
        this.outRate = outRate;
        this.filter = inRate == outRate ? null : ResamplerFilter.forRates(inRate, outRate);
        this.up = filter == null ? 1 : filter.up;
        this.down = filter == null ? 1 : filter.down;
        this.stepFrames = down / up;
        this.stepRemainder = down % up;
        this.halfTaps = filter == null ? 0 : filter.halfTaps;
        this.historyFrames = filter == null ? 0 : filter.taps + BLOCK_FRAMES;
        this.history = new double[historyFrames * channels];
        this.scratch = filter == null || filter.exact ? null : new double[filter.taps];
        reset();
    }

    private static void checkRate(int rate) {
        if (rate < 1000 || rate > 768_000) {
            throw new IllegalArgumentException("sample rate must be 1000..768000 Hz, not " + rate);
        }
    }

    /**
     * The exact number of output frames for {@code inputFrames} input frames: those whose input time
     * {@code k * inRate / outRate} lies before the end, that is {@code ceil(inputFrames * outRate / inRate)}.
     */
    public static long outputFrames(long inputFrames, int inRate, int outRate) {
        if (inputFrames < 0) {
            throw new IllegalArgumentException("negative length " + inputFrames);
        }
        int g = ResamplerFilter.gcd(inRate, outRate);
        long up = outRate / g;
        long down = inRate / g;
        return Math.floorDiv(Math.multiplyExact(inputFrames, up) + down - 1, down);
    }

    /** Channels per frame. */
    public int channels() {
        return channels;
    }

    /** Input frames per second. */
    public int inRate() {
        return inRate;
    }

    /** Output frames per second. */
    public int outRate() {
        return outRate;
    }

    /**
     * Look-ahead in input frames: output frame {@code k} can be written once input frames up to
     * {@code floor(k * inRate / outRate) + latencyFrames()} have been given (the filter's half-length;
     * 0 when the rates are equal). Output is nevertheless aligned to the input, see the class comment.
     */
    public int latencyFrames() {
        return halfTaps;
    }

    /** Input frames taken by the last {@link #process process} call (all of them unless the output filled up). */
    public int consumedFrames() {
        return consumed;
    }

    /** Forgets all input: the next output frame is frame 0 and the next input is frame 0 (for a seek to the start). */
    public void reset() {
        startAt(0);
    }

    /**
     * Forgets all input and positions the converter so its next output is output frame {@code outputFrame}
     * of the stream, computed exactly as if the stream had been processed from its start.
     *
     * @return the input frame the caller must feed from next (earlier input is not needed)
     */
    public long startAt(long outputFrame) {
        if (outputFrame < 0) {
            throw new IllegalArgumentException("negative frame " + outputFrame);
        }
        next = outputFrame;
        long scaled = Math.multiplyExact(outputFrame, (long) down);
        position = scaled / up;
        remainder = (int) (scaled % up);
        draining = false;
        consumed = 0;
        if (filter == null) {
            inputEnd = outputFrame;
            return outputFrame;
        }
        long first = position - halfTaps + 1;
        base = first;
        if (first < 0) {
            filled = (int) -first; // silence before the stream's start
            Arrays.fill(history, 0, filled * channels, 0);
            inputEnd = 0;
        } else {
            filled = 0;
            inputEnd = first;
        }
        return inputEnd;
    }

    /**
     * Converts: takes input frames from {@code in} and writes output frames to {@code out} until the
     * input is used up or {@code outCapacityFrames} frames have been written. Input that was taken but
     * is not yet reflected in the output stays in the history for the next call. See {@link #consumedFrames()}.
     *
     * @return output frames written
     * @throws IllegalStateException after {@link #drain drain} until {@link #reset()} or {@link #startAt}
     */
    public int process(float[] in, int inOffsetFrames, int inFrames, float[] out, int outOffsetFrames, int outCapacityFrames) {
        checkFrames(in, inOffsetFrames, inFrames);
        checkFrames(out, outOffsetFrames, outCapacityFrames);
        return processSamples(in, inOffsetFrames * channels, inFrames, out, outOffsetFrames * channels, outCapacityFrames);
    }

    /** {@link #process process} with the offsets counted in samples, which need not be whole frames. */
    int processSamples(float[] in, int inOffset, int inFrames, float[] out, int outOffset, int outCapacityFrames) {
        if (draining) {
            throw new IllegalStateException("the input has ended (drain was called); reset or startAt first");
        }
        checkSamples(in, inOffset, inFrames);
        checkSamples(out, outOffset, outCapacityFrames);
        if (filter == null) {
            int n = Math.min(inFrames, outCapacityFrames);
            System.arraycopy(in, inOffset, out, outOffset, n * channels);
            consumed = n;
            inputEnd += n;
            next += n;
            return n;
        }
        int taken = 0;
        int written = 0;
        while (written < outCapacityFrames) {
            if (position + halfTaps >= base + filled) { // the next output needs input not yet held
                if (taken == inFrames) {
                    break;
                }
                taken += append(in, inOffset + taken * channels, inFrames - taken);
                continue;
            }
            writeFrame(out, outOffset + written * channels);
            written++;
        }
        consumed = taken;
        inputEnd += taken;
        return written;
    }

    /**
     * Ends the input: writes the output still owed for the input given so far, as though silence
     * followed it, up to {@code outCapacityFrames} at a time. Call until it returns 0; the stream then
     * holds exactly {@link #outputFrames outputFrames} of its input length. {@link #process process}
     * is refused from the first call until {@link #reset()} or {@link #startAt}.
     *
     * @return output frames written, 0 once everything is out
     */
    public int drain(float[] out, int outOffsetFrames, int outCapacityFrames) {
        checkFrames(out, outOffsetFrames, outCapacityFrames);
        return drainSamples(out, outOffsetFrames * channels, outCapacityFrames);
    }

    /** {@link #drain drain} with the offset counted in samples. */
    int drainSamples(float[] out, int outOffset, int outCapacityFrames) {
        checkSamples(out, outOffset, outCapacityFrames);
        draining = true;
        if (filter == null) {
            return 0; // nothing is ever held back
        }
        long owed = outputFrames(inputEnd, inRate, outRate) - next;
        int want = (int) Math.max(0, Math.min(outCapacityFrames, owed));
        for (int written = 0; written < want; ) {
            if (position + halfTaps >= base + filled) {
                append(null, 0, Integer.MAX_VALUE); // silence
                continue;
            }
            writeFrame(out, outOffset + written * channels);
            written++;
        }
        return want;
    }

    private void checkFrames(float[] a, int offsetFrames, int frames) {
        if (offsetFrames < 0 || frames < 0 || ((long) offsetFrames + frames) * channels > a.length) {
            throw new IndexOutOfBoundsException("frames " + offsetFrames + "+" + frames + " of " + channels
                    + " channels outside an array of " + a.length + " samples");
        }
    }

    private void checkSamples(float[] a, int offset, int frames) {
        if (offset < 0 || frames < 0 || offset + (long) frames * channels > a.length) {
            throw new IndexOutOfBoundsException(frames + " frames of " + channels + " channels from sample "
                    + offset + " outside an array of " + a.length + " samples");
        }
    }

    /** Copies up to {@code frames} frames of {@code in} from sample {@code offset} (silence if null) into the history; returns how many. */
    private int append(float[] in, int offset, int frames) {
        if (filled == historyFrames) {
            // drop frames no future output reads: everything before the current output's first tap
            int drop = (int) (position - halfTaps + 1 - base);
            System.arraycopy(history, drop * channels, history, 0, (filled - drop) * channels);
            base += drop;
            filled -= drop;
        }
        int n = Math.min(frames, historyFrames - filled);
        int dst = filled * channels;
        int count = n * channels;
        if (in == null) {
            Arrays.fill(history, dst, dst + count, 0);
        } else {
            for (int i = 0; i < count; i++) {
                history[dst + i] = in[offset + i];
            }
        }
        filled += n;
        return n;
    }

    /** Writes output frame {@link #next} at {@code out[o..]} from the history, then advances. */
    private void writeFrame(float[] out, int o) {
        ResamplerFilter f = filter;
        int taps = f.taps;
        int h = (int) (position - halfTaps + 1 - base) * channels;
        if (f.exact) {
            int row = remainder * taps;
            switch (channels) {
                case 1 -> out[o] = mono(f.table, row, history, h, taps);
                case 2 -> stereo(f.table, row, history, h, taps, out, o);
                default -> multi(f.table, row, history, h, taps, channels, out, o);
            }
        } else {
            // the fraction remainder/up lies between rows r and r + 1, a of the way to r + 1
            long scaled = (long) remainder * f.phases;
            int row = (int) (scaled / up) * taps;
            double a = (double) (scaled % up) / up;
            if (channels == 2) {
                stereoBetween(f.table, row, a, history, h, taps, out, o);
            } else {
                double[] c = scratch;
                double[] t = f.table;
                for (int j = 0; j < taps; j++) {
                    double c0 = t[row + j];
                    c[j] = c0 + a * (t[row + taps + j] - c0);
                }
                if (channels == 1) {
                    out[o] = mono(c, 0, history, h, taps);
                } else {
                    multi(c, 0, history, h, taps, channels, out, o);
                }
            }
        }
        advance();
    }

    /** Moves to the next output frame: its input position grows by exactly down/up frames. */
    private void advance() {
        next++;
        position += stepFrames;
        remainder += stepRemainder;
        if (remainder >= up) {
            remainder -= up;
            position++;
        }
    }

    // The kernels below are the shapes that measured fastest with C2 (JDK 17) for a tap count known
    // only at run time: two accumulators in the mono loop, one per channel in the stereo loop (which
    // already has two independent sums); wider manual unrolling measured slower.

    private static float mono(double[] c, int row, double[] x, int h, int taps) {
        double a0 = 0;
        double a1 = 0;
        for (int j = 0; j < taps; j += 2) {
            a0 += c[row + j] * x[h + j];
            a1 += c[row + j + 1] * x[h + j + 1];
        }
        return (float) (a0 + a1);
    }

    private static void stereo(double[] c, int row, double[] x, int h, int taps, float[] out, int o) {
        double l = 0;
        double r = 0;
        for (int j = 0; j < taps; j++) {
            double cj = c[row + j];
            l += cj * x[h + 2 * j];
            r += cj * x[h + 2 * j + 1];
        }
        out[o] = (float) l;
        out[o + 1] = (float) r;
    }

    /** Stereo between two adjacent rows: both dot products at once, then the output interpolated {@code a} of the way. */
    private static void stereoBetween(double[] c, int row, double a, double[] x, int h, int taps, float[] out, int o) {
        double l0 = 0;
        double r0 = 0;
        double l1 = 0;
        double r1 = 0;
        for (int j = 0; j < taps; j++) {
            double c0 = c[row + j];
            double c1 = c[row + taps + j];
            double xl = x[h + 2 * j];
            double xr = x[h + 2 * j + 1];
            l0 += c0 * xl;
            r0 += c0 * xr;
            l1 += c1 * xl;
            r1 += c1 * xr;
        }
        out[o] = (float) (l0 + a * (l1 - l0));
        out[o + 1] = (float) (r0 + a * (r1 - r0));
    }

    private static void multi(double[] c, int row, double[] x, int h, int taps, int ch, float[] out, int o) {
        for (int k = 0; k < ch; k++) {
            double a0 = 0;
            double a1 = 0;
            for (int j = 0; j < taps; j += 2) {
                a0 += c[row + j] * x[h + j * ch + k];
                a1 += c[row + j + 1] * x[h + (j + 1) * ch + k];
            }
            out[o + k] = (float) (a0 + a1);
        }
    }
}
