package dev.segue.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderPictureTest {
    @TempDir
    Path tmp;

    private Path render(String name) throws IOException {
        Path out = tmp.resolve(name);
        Path script = tmp.resolve("short.script");
        Files.writeString(script, "0 state menu\n0 param intensity 0.6\n3 state combat\n5.2 stinger pickup\n9 end\n");
        Cli r = Cli.run("render", RenderCommandTest.SAMPLE.resolve("sample.cues.json").toString(), "--script",
                script.toString(), "--out", out.resolve("mix.wav").toString(), "--png", out.resolve("timeline.png").toString(),
                "--stems", out.resolve("stems").toString());
        assertEquals(0, r.exitCode(), r.all());
        return out;
    }

    /**
     * Every verb reaches the per-stem renders as it reaches the mix (one script player for both): with
     * the dialogue duck held from 2 s to 5 s on the project's score, the stems still add up to the mix,
     * inside the duck too, and the duck is heard (the mix is lower inside it).
     */
    @Test
    void theStemsAddUpToTheMixWithDucksHeld() throws IOException {
        Path out = tmp.resolve("duck");
        Path script = tmp.resolve("duck.script");
        Files.writeString(script, "0 state explore\n2 duck dialogue on\n5 duck dialogue off\n7 end\n");
        Cli r = Cli.run("render", Path.of("..", "assets", "score", "score.cues.json").toString(), "--script",
                script.toString(), "--out", out.resolve("mix.wav").toString(), "--stems", out.resolve("stems").toString());
        assertEquals(0, r.exitCode(), r.all());
        List<Path> stems;
        try (Stream<Path> s = Files.list(out.resolve("stems"))) {
            stems = s.sorted().toList();
        }
        assertTrue(stems.size() >= 2, stems.toString());
        Wav mix = Wav.read(out.resolve("mix.wav"));
        double worst = worstDifference(mix, stems);
        assertTrue(worst < 1e-4, "the stems do not add up to the mix with the duck held: off by " + worst);
        int rate = 48_000;
        assertTrue(rms(mix, 3 * rate, 4 * rate) < 0.5 * rms(mix, rate, 2 * rate),
                "the duck lowers the mix: " + rms(mix, 3 * rate, 4 * rate) + " against " + rms(mix, rate, 2 * rate));
    }

    private static double worstDifference(Wav mix, List<Path> stems) throws IOException {
        double[] sum = new double[mix.samples().length];
        for (Path p : stems) {
            Wav w = Wav.read(p);
            assertEquals(mix.samples().length, w.samples().length, p.toString());
            for (int i = 0; i < sum.length; i++) {
                sum[i] += w.samples()[i];
            }
        }
        double worst = 0;
        for (int i = 0; i < sum.length; i++) {
            worst = Math.max(worst, Math.abs(sum[i] - mix.samples()[i]));
        }
        return worst;
    }

    private static double rms(Wav w, int fromFrame, int toFrame) {
        double e = 0;
        for (int i = 2 * fromFrame; i < 2 * toFrame; i++) {
            e += w.samples()[i] * (double) w.samples()[i];
        }
        return Math.sqrt(e / (2.0 * (toFrame - fromFrame)));
    }

    @Test
    void sameInputSameBytesAndTheStemsAddUpToTheMix() throws IOException {
        Path a = render("a");
        Path b = render("b");
        assertArrayEquals(Files.readAllBytes(a.resolve("mix.wav")), Files.readAllBytes(b.resolve("mix.wav")));
        assertArrayEquals(Files.readAllBytes(a.resolve("timeline.png")), Files.readAllBytes(b.resolve("timeline.png")));
        List<Path> stems;
        try (Stream<Path> s = Files.list(a.resolve("stems"))) {
            stems = s.sorted().toList();
        }
        // calm pad+bass, action pad+bass+drums, the riser bridge, the pickup stinger
        assertEquals(7, stems.size(), stems.toString());
        for (Path p : stems) {
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(b.resolve("stems").resolve(p.getFileName())), p.toString());
        }
        double worst = worstDifference(Wav.read(a.resolve("mix.wav")), stems);
        assertTrue(worst < 1e-4, "the stems do not add up to the mix: off by " + worst);
        assertTrue(Wav.read(stems.get(2)).peak() > 0.01, "action's pad sounds after the change to combat");
    }

    @Test
    void thePictureHasLanesWhereTheStemsSound() throws IOException {
        BufferedImage img = ImageIO.read(render("p").resolve("timeline.png").toFile());
        assertEquals(200 + 900 + 24, img.getWidth(), "9 s: the minimum plot of 900 columns");
        // calm sounds from the start and action only after the change at 3 s (landing on the bar at 4 s):
        // count non-background pixels in each lane's left and right thirds
        int calmPad = laneY(img, 0);
        int actionPad = laneY(img, 2);
        assertTrue(ink(img, 200 + 20, 200 + 250, calmPad) > 200, "calm's pad lane is empty at the start");
        assertTrue(ink(img, 200 + 20, 200 + 250, actionPad) < 20, "action's pad lane is drawn before it plays");
        assertTrue(ink(img, 200 + 600, 200 + 880, actionPad) > 200, "action's pad lane is empty after the change");
    }

    /** The vertical middle of stem lane {@code i} (all lanes of the sample are one cue or more apart). */
    private static int laneY(BufferedImage img, int i) {
        int y = 64 + 30 + 74 + 56 / 2; // header, ruler, music lane, half a lane
        int[] cueOfLane = {0, 0, 1, 1, 1, 2, 3};
        return y + i * 56 + cueOfLane[i] * 8;
    }

    private static int ink(BufferedImage img, int x0, int x1, int y) {
        int n = 0;
        for (int x = x0; x < x1; x++) {
            for (int dy = -6; dy <= 6; dy++) {
                int rgb = img.getRGB(x, y + dy) & 0xFFFFFF;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.abs(r - g) > 25 || Math.abs(g - b) > 25 || Math.abs(r - b) > 25) {
                    n++; // coloured: a waveform, not the grey lane or the grid
                }
            }
        }
        return n;
    }
}
