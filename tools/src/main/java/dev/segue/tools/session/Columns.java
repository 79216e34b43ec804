package dev.segue.tools.session;

import dev.segue.engine.ScriptPlayer;
/**
 * Audio summarised into the columns of a picture: per column the peak and RMS level of both channels
 * and the mean of the left channel (a gain, when the audio is a stem of constant 1.0). Fed block by
 * block as a {@link ScriptPlayer.Sink}; column {@code i} covers music frames
 * {@code [i * framesPerColumn, (i + 1) * framesPerColumn)}.
 */
public final class Columns implements ScriptPlayer.Sink {
    private final double framesPerColumn;
    private final float[] peak;
    private final double[] energy;
    private final double[] sum;
    private final int[] count;

    public Columns(int width, long frames) {
        this.framesPerColumn = Math.max(1e-9, frames / (double) width);
        peak = new float[width];
        energy = new double[width];
        sum = new double[width];
        count = new int[width];
    }

    @Override
    public void accept(float[] block, int frames, long at) {
        int w = peak.length;
        for (int i = 0; i < frames; i++) {
            int col = (int) Math.min(w - 1, (at + i) / framesPerColumn);
            float l = block[2 * i];
            float r = block[2 * i + 1];
            float p = Math.max(Math.abs(l), Math.abs(r));
            if (p > peak[col]) {
                peak[col] = p;
            }
            energy[col] += 0.5 * (l * (double) l + r * (double) r);
            sum[col] += l;
            count[col]++;
        }
    }

    /** Number of columns. */
    public int width() {
        return peak.length;
    }

    /** Frames per column. */
    public double framesPerColumn() {
        return framesPerColumn;
    }

    /** Peak absolute sample in column {@code i}. */
    public float peak(int i) {
        return peak[i];
    }

    /** RMS of column {@code i}. */
    public double rms(int i) {
        return count[i] == 0 ? 0 : Math.sqrt(energy[i] / count[i]);
    }

    /** Mean left sample of column {@code i}. */
    public double mean(int i) {
        return count[i] == 0 ? 0 : sum[i] / count[i];
    }

    /** The loudest peak over all columns. */
    public float maxPeak() {
        float m = 0;
        for (float p : peak) {
            m = Math.max(m, p);
        }
        return m;
    }

    /** The highest column mean. */
    public double maxMean() {
        double m = 0;
        for (int i = 0; i < peak.length; i++) {
            m = Math.max(m, mean(i));
        }
        return m;
    }
}
