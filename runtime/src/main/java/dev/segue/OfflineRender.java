package dev.segue;

import dev.segue.output.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a {@link SessionScript} through an offline {@link Segue} to a WAV file. Each scripted
 * event is applied on its exact frame ({@code round(seconds * rate)}); the same sheet and script give
 * the same bytes every time.
 */
public final class OfflineRender {
    private static final int BLOCK = 512;

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
        float[] buf = new float[BLOCK * 2];
        long frame = 0;
        try (WavWriter wav = new WavWriter(wavOut, rate, 2)) {
            for (SessionScript.Step step : script.steps()) {
                long at = Math.min(endFrame, Math.round(step.seconds() * rate));
                frame = renderTo(segue, wav, buf, frame, at);
                apply(segue, step);
                segue.update();
                if (step.verb().equals("end")) {
                    break;
                }
            }
            frame = renderTo(segue, wav, buf, frame, endFrame);
            segue.update();
            return new Result(wav.frames(), wav.frames() / (double) rate, wav.peak(), wavOut);
        } finally {
            if (listener != null) {
                segue.removeListener(listener);
            }
        }
    }

    private static long renderTo(Segue segue, WavWriter wav, float[] buf, long frame, long target) throws IOException {
        while (frame < target) {
            int n = (int) Math.min(BLOCK, target - frame);
            segue.render(buf, n);
            wav.write(buf, n);
            frame += n;
            segue.update();
        }
        return frame;
    }

    private static void apply(Segue segue, SessionScript.Step s) {
        switch (s.verb()) {
            case "state" -> segue.setState(s.args().get(0));
            case "param" -> segue.setParameter(s.args().get(0), Float.parseFloat(s.args().get(1)));
            case "trigger" -> segue.trigger(s.args().get(0));
            case "stinger" -> segue.playStinger(s.args().get(0));
            case "duck" -> segue.duck(s.args().get(0), s.args().get(1).equals("on"));
            case "pause" -> segue.pause();
            case "resume" -> segue.resume();
            default -> {
            }
        }
    }
}
