package dev.segue.library;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the library keeps its files and where the player's music usually is, per operating system.
 *
 * <p>The config folder is {@code $XDG_CONFIG_HOME/segue} (or {@code ~/.config/segue}) on Linux and
 * other Unixes, {@code %APPDATA%\Segue} on Windows, {@code ~/Library/Application Support/Segue} on
 * macOS. The system property {@code segue.config.dir} or the environment variable
 * {@code SEGUE_CONFIG_DIR} overrides it (tests and the demo point it at a temporary folder).
 */
public final class LibraryPaths {
    /** The system property that overrides {@link #configDir()}. */
    public static final String CONFIG_PROPERTY = "segue.config.dir";
    /** The environment variable that overrides {@link #configDir()} when the property is not set. */
    public static final String CONFIG_ENV = "SEGUE_CONFIG_DIR";

    private LibraryPaths() {
    }

    /** The folder for the soundtrack store and the index cache (not created here). */
    public static Path configDir() {
        return configDir(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."),
                System.getProperty(CONFIG_PROPERTY));
    }

    static Path configDir(Map<String, String> env, String os, String home, String property) {
        if (property != null && !property.trim().isEmpty()) {
            return Paths.get(property);
        }
        String override = env.get(CONFIG_ENV);
        if (override != null && !override.trim().isEmpty()) {
            return Paths.get(override);
        }
        String o = os.toLowerCase(Locale.ROOT);
        if (o.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData != null && !appData.trim().isEmpty() ? Paths.get(appData) : Paths.get(home, "AppData", "Roaming"))
                    .resolve("Segue");
        }
        if (o.startsWith("mac")) {
            return Paths.get(home, "Library", "Application Support", "Segue");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return (xdg != null && xdg.startsWith("/") ? Paths.get(xdg) : Paths.get(home, ".config")).resolve("segue");
    }

    /**
     * The player's music folder: {@code XDG_MUSIC_DIR} (from the environment or
     * {@code ~/.config/user-dirs.dirs}) on Linux, {@code ~/Music} elsewhere (Windows' and macOS's
     * music folder). It may not exist.
     */
    public static Path musicDir() {
        return musicDir(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."));
    }

    static Path musicDir(Map<String, String> env, String os, String home) {
        String o = os.toLowerCase(Locale.ROOT);
        if (!o.startsWith("windows") && !o.startsWith("mac")) {
            String direct = env.get("XDG_MUSIC_DIR");
            if (direct != null && direct.startsWith("/")) {
                return Paths.get(direct);
            }
            String xdg = env.get("XDG_CONFIG_HOME");
            Path dirs = (xdg != null && xdg.startsWith("/") ? Paths.get(xdg) : Paths.get(home, ".config"))
                    .resolve("user-dirs.dirs");
            Path fromFile = fromUserDirs(dirs, home);
            if (fromFile != null) {
                return fromFile;
            }
        }
        return Paths.get(home, "Music");
    }

    /** Reads {@code XDG_MUSIC_DIR="$HOME/Music"} from an xdg-user-dirs file; null if absent or unusable. */
    static Path fromUserDirs(Path file, String home) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        for (String line : lines) {
            String t = line.trim();
            if (!t.startsWith("XDG_MUSIC_DIR=")) {
                continue;
            }
            String v = t.substring("XDG_MUSIC_DIR=".length()).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            if (v.startsWith("$HOME")) {
                v = home + v.substring("$HOME".length());
            }
            // "$HOME/" alone means the user disabled the folder
            Path p = Paths.get(v);
            return v.startsWith("/") && !p.normalize().equals(Paths.get(home).normalize()) ? p : null;
        }
        return null;
    }
}
