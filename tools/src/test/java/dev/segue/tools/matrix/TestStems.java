package dev.segue.tools.matrix;

import dev.segue.output.WavWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Small stereo float WAV stems for sheets with known properties, written by the tests themselves. */
public final class TestStems {
    public static final int RATE = 48_000;

    private TestStems() {
    }

    /**
     * {@code seconds} of a sine at {@code hz} and {@code amp} from phase 0 (so a loop of whole periods
     * wraps seamlessly); with {@code silentFor} seconds of silence first, then a 10 ms raised-cosine attack.
     */
    public static Path sine(Path file, double seconds, double hz, double amp, double silentFor) {
        int n = (int) Math.round(seconds * RATE);
        int quiet = (int) Math.round(silentFor * RATE);
        int attack = RATE / 100;
        float[] x = new float[n * 2];
        for (int i = quiet; i < n; i++) {
            int k = i - quiet;
            double env = quiet > 0 && k < attack ? 0.5 - 0.5 * Math.cos(Math.PI * k / attack) : 1;
            float v = (float) (amp * env * Math.sin(2 * Math.PI * hz * k / RATE));
            x[2 * i] = v;
            x[2 * i + 1] = v;
        }
        try (WavWriter w = new WavWriter(file, RATE, 2)) {
            w.write(x, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
