package dev.segue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the real game window under Xvfb (Mesa's software OpenGL), lets the screenshot tour visit
 * every screen, and checks each picture shows what it should: the title's menu, the options, the HUD, the boss, the
 * preview overlay, the cutscene's letterbox and dialogue, the preview screen. The PNGs stay in
 * {@code target/screenshots}.
 */
class WindowTest {
    static Path dir;
    static String output;

    @BeforeAll
    static void tour() throws Exception {
        Assumptions.assumeTrue(onPath("xvfb-run"),
                "xvfb-run is not installed: the real-window test needs Xvfb (apt-get install xvfb xauth, see .ci/run)");
        dir = Path.of(System.getProperty("segue.target.dir", "target"), "screenshots").toAbsolutePath();
        Files.createDirectories(dir);
        for (String s : Tour.SHOTS) {
            Files.deleteIfExists(dir.resolve(s + ".png"));
        }
        // the custom-soundtrack screen scans a folder of real songs named by a fresh store
        Path config = dir.resolve("config");
        deleteTree(config);
        Path music = SoundtracksTest.musicFolder(Files.createDirectories(dir.resolve("library")));
        dev.segue.library.LibraryStore.defaults().withFolders(List.of(music.toString()))
                .save(config.resolve(dev.segue.library.LibraryStore.FILE));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1280x720x24", java,
                "-D" + dev.segue.library.LibraryPaths.CONFIG_PROPERTY + "=" + config, "-cp",
                System.getProperty("java.class.path"), DemoLauncher.class.getName(), "--tour", dir.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("tour.log").toFile());
        Process p = pb.start();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("the tour did not finish in 4 minutes; see " + dir.resolve("tour.log"));
        }
        output = Files.readString(dir.resolve("tour.log"));
        assertEquals(0, p.exitValue(), () -> "the game window exited with " + p.exitValue() + ":\n" + output);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    static BufferedImage shot(String name) throws IOException {
        Path f = dir.resolve(name + ".png");
        assertTrue(Files.isRegularFile(f), () -> name + ".png was not saved; log:\n" + output);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(720, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                colours.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        assertTrue(colours.size() > 40, () -> name + " looks blank: " + colours.size() + " colours");
        return img;
    }

    /** Share of pixels in the box (top-left origin, as in the PNG) within {@code tolerance} of {@code rgb}. */
    static double share(BufferedImage img, int x0, int y0, int x1, int y1, int rgb, int tolerance) {
        int hit = 0;
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int c = img.getRGB(x, y);
                int dr = Math.abs(((c >> 16) & 255) - ((rgb >> 16) & 255));
                int dg = Math.abs(((c >> 8) & 255) - ((rgb >> 8) & 255));
                int db = Math.abs((c & 255) - (rgb & 255));
                if (dr <= tolerance && dg <= tolerance && db <= tolerance) {
                    hit++;
                }
                n++;
            }
        }
        return hit / (double) n;
    }

    static void has(BufferedImage img, String what, int x0, int y0, int x1, int y1, int rgb, double atLeast) {
        double s = share(img, x0, y0, x1, y1, rgb, 40);
        assertTrue(s >= atLeast, String.format("%s: %.3f of the box is #%06x, wanted %.3f", what, s, rgb, atLeast));
    }

    @Test
    void title() throws IOException {
        BufferedImage img = shot("title");
        has(img, "the highlighted Play button", 480, 382, 800, 414, 0x7ae7c7, 0.6);
        has(img, "the SEGUE title text", 500, 150, 790, 230, 0xf4f1ff, 0.015);
        has(img, "the night background", 0, 0, 300, 100, 0x14122b, 0.9);
    }

    @Test
    void options() throws IOException {
        BufferedImage img = shot("options");
        has(img, "the OPTIONS heading", 540, 60, 740, 110, 0xf4f1ff, 0.05);
        has(img, "the music volume slider", 700, 224, 930, 234, 0xffe66d, 0.6);
    }

    @Test
    void level() throws IOException {
        BufferedImage img = shot("level");
        has(img, "the health pips", 28, 26, 240, 48, 0x7ae7c7, 0.5);
        has(img, "the floor", 0, 100, 1280, 600, 0x1f1b3d, 0.3);
        has(img, "the hero", 560, 280, 720, 440, 0x7ae7c7, 0.01);
    }

    @Test
    void boss() throws IOException {
        BufferedImage img = shot("boss");
        has(img, "the Conductor and its shots", 0, 0, 1280, 720, 0xffb84d, 0.002);
        has(img, "the boss health bar", 340, 664, 940, 680, 0xffb84d, 0.2);
    }

    @Test
    void previewOverlay() throws IOException {
        BufferedImage img = shot("overlay");
        has(img, "the COMPOSER PREVIEW heading", 330, 16, 590, 42, 0x8d7cff, 0.012);
        has(img, "the state buttons' accents", 20, 80, 23, 190, 0x7ae7c7, 0.6);
    }

    @Test
    void cutscene() throws IOException {
        BufferedImage img = shot("cutscene");
        has(img, "the letterbox", 0, 0, 1280, 88, 0x000000, 0.99);
        has(img, "the dialogue text", 170, 530, 700, 565, 0xf4f1ff, 0.004);
    }

    @Test
    void soundtracksScreen() throws IOException {
        BufferedImage img = shot("soundtracks");
        has(img, "the CUSTOM SOUNDTRACKS heading", 400, 14, 880, 54, 0x8d7cff, 0.05);
        has(img, "the finished scan's bar", 34, 368, 416, 378, 0x7ae7c7, 0.8);
        has(img, "the album buttons' accents", 450, 104, 453, 150, 0x8d7cff, 0.6);
        has(img, "the combat context lit with its soundtrack", 1012, 168, 1248, 186, 0x8d7cff, 0.6);
        has(img, "the preview button, enabled: the player's songs play", 450, 506, 453, 528, 0xffe66d, 0.6);
        has(img, "now playing: the previewed song's title and artist, wider than 'the score'", 960, 398, 1160, 418,
                0xf4f1ff, 0.01);
    }

    @Test
    void previewScreen() throws IOException {
        BufferedImage img = shot("preview");
        has(img, "the COMPOSER PREVIEW heading", 330, 16, 590, 42, 0x8d7cff, 0.012);
        has(img, "the state buttons' accents", 20, 80, 23, 500, 0x7ae7c7, 0.15);
        has(img, "the cue buttons' accents", 20, 80, 23, 500, 0x8d7cff, 0.15);
        assertTrue(List.of(output.split("\n")).stream().noneMatch(l -> l.contains("Exception")), output);
    }
}
