package dev.segue.demo;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import dev.segue.Segue;
import dev.segue.SegueEvent;
import dev.segue.library.LibraryPaths;
import dev.segue.openal.OpenAl;
import java.nio.file.Path;
import org.lwjgl.glfw.GLFW;

/**
 * Starts the demo: {@code ./demo} opens the game window; {@code --autoplay [DIR]} plays it through
 * headless and renders the music offline into DIR (default {@code target/autoplay}); {@code --tour DIR}
 * opens the window and saves screenshots; {@code --sheet FILE} plays another cue sheet (mapped with
 * whichever known score's state names it shares most).
 */
public final class DemoLauncher {
    private DemoLauncher() {
    }

    /** The command line; {@code --help} lists it. */
    public static void main(String[] args) throws Exception {
        // OpenAL Soft's 8 ms period (24 ms from a game event to the ear), set before anything opens
        // OpenAL: it reads its configuration once per process
        OpenAl.configure();
        Path autoplay = null;
        Path tour = null;
        Path sheet = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--autoplay" -> autoplay = i + 1 < args.length && !args[i + 1].startsWith("--")
                        ? Path.of(args[++i]) : Path.of("target", "autoplay");
                case "--tour" -> tour = Path.of(need(args, ++i, "--tour DIR"));
                case "--sheet" -> sheet = Path.of(need(args, ++i, "--sheet FILE"));
                case "--help", "-h" -> {
                    System.out.println("usage: demo [--sheet FILE] [--autoplay [DIR] | --tour DIR]\n"
                            + "  (no option)      play the game in a window\n"
                            + "  --autoplay [DIR] a scripted player plays it headless; music rendered offline to"
                            + " DIR/autoplay.wav, events to DIR/autoplay-events.log\n"
                            + "  --tour DIR       a window visits every screen and saves a PNG of each to DIR\n"
                            + "  --sheet FILE     play this cue sheet instead of the demo score (state names as in the demo score or the sample)");
                    return;
                }
                default -> {
                    System.err.println("demo: unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        if (autoplay != null) {
            Autoplay.Result r = Autoplay.run(autoplay, sheet);
            long errors = r.events().stream().filter(e -> e.type() == SegueEvent.Type.ERROR).count();
            System.out.printf("autoplay: %.1f s of music, %d events (%d errors) -> %s, %s%n",
                    r.frames() / (double) r.rate(), r.events().size(), errors, r.wav(), r.log());
            if (r.problem() != null) {
                System.err.println("autoplay: " + r.problem());
            }
            if (!r.finished()) {
                System.err.println("autoplay did not finish: " + r.problem());
                System.exit(1);
            }
            return;
        }
        if (System.getenv("WAYLAND_DISPLAY") == null) {
            // GLFW 3.4 (LWJGL 3.3.6) tries Wayland first and says "XDG_RUNTIME_DIR is invalid" on an X11
            // desktop without one: ask for X11 outright when no Wayland display is there
            GLFW.glfwInitHint(GLFW.GLFW_PLATFORM, GLFW.GLFW_PLATFORM_X11);
        }
        SegueDemo.Setup s = new SegueDemo.Setup();
        s.sheet = sheet;
        s.songs = true; // the player's custom soundtracks play where they are assigned
        Lwjgl3ApplicationConfiguration c = new Lwjgl3ApplicationConfiguration();
        c.setTitle("Segue demo: the music follows the game");
        c.setWindowedMode(1280, 720);
        c.setForegroundFPS(60);
        c.useVsync(true);
        c.disableAudio(true);
        if (tour != null) {
            java.nio.file.Files.createDirectories(tour);
            Tour t = new Tour(tour);
            s.driver = t;
            s.frame = t;
            if (System.getProperty(LibraryPaths.CONFIG_PROPERTY) == null && System.getenv(LibraryPaths.CONFIG_ENV) == null) {
                // the tour makes soundtracks: never in the player's own config folder
                System.setProperty(LibraryPaths.CONFIG_PROPERTY, tour.resolve("config").toAbsolutePath().toString());
            }
            c.setResizable(false);
        } else {
            s.driver = new KeyboardDriver();
            s.prefs = true;
            s.watch = true;
        }
        new Lwjgl3Application(new SegueDemo(s), c);
    }

    private static String need(String[] args, int i, String usage) {
        if (i >= args.length) {
            System.err.println("demo: " + usage + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    static void log(String message) {
        if (Gdx.app != null) {
            Gdx.app.log("segue-demo", message);
        }
    }
}
