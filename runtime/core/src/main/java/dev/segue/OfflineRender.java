package dev.segue;

import dev.segue.engine.ScriptPlayer;
import dev.segue.output.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a {@link SessionScript} through an offline {@link Segue} to a WAV file. Each scripted
 * event is applied on its exact frame ({@code round(seconds * rate)}) by the one script player the
 * tools' renders and transition matrix use too; the same sheet and script give the same bytes every
 * time.
 */
public final class OfflineRender {
    private OfflineRender() {
    }

    /** What a render produced. */
    public record Result(long frames, double seconds, float peak, Path wav) {
    }

    /**
     * Renders {@code script} to a 32-bit float stereo WAV at {@code wavOut}; events reach
     * {@code listener} (may be null) as they happen.
     *
     * @throws IllegalArgumentException before rendering anything, listing every line of the script
     *     that names something the sheet does not have
     */
    public static Result render(Segue segue, SessionScript script, Path wavOut, SegueListener listener)
            throws IOException {
        List<String> problems = script.check(segue);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        if (listener != null) {
            segue.addListener(listener);
        }
        int rate = segue.sampleRate();
        long endFrame = Math.round(script.endSeconds() * rate);
        try (WavWriter wav = new WavWriter(wavOut, rate, 2)) {
            new ScriptPlayer(segue.host(), false).play(script.plays(), endFrame, (block, n, at) -> wav.write(block, n));
            return new Result(wav.frames(), wav.frames() / (double) rate, wav.peak(), wavOut);
        } finally {
            if (listener != null) {
                segue.removeListener(listener);
            }
        }
    }
}
