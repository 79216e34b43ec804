package dev.segue.demo;

import com.badlogic.gdx.Preferences;
import java.util.Locale;

/**
 * The player's options: music volume, output device and latency. Kept in libGDX preferences in the
 * window build; a value that does not parse falls back to its default and the rest survive.
 */
final class Settings {
    /** Audio block sizes: lower answers faster, higher survives a busy machine. */
    enum Latency {
        LOW(128, "low (128 frames, 2.7 ms)"), NORMAL(256, "normal (256 frames, 5.3 ms)"),
        SAFE(1024, "safe (1024 frames, 21 ms)");

        final int frames;
        final String label;

        Latency(int frames, String label) {
            this.frames = frames;
            this.label = label;
        }
    }

    private float volume = 0.8f;
    private Latency latency = Latency.NORMAL;
    private String output = "default";
    private Preferences prefs;

    static Settings defaults() {
        return new Settings();
    }

    /** Settings read from (and later saved to) {@code prefs}. */
    static Settings from(Preferences prefs) {
        Settings s = new Settings();
        s.prefs = prefs;
        try {
            s.volume = Math.max(0, Math.min(1, prefs.getFloat("musicVolume", s.volume)));
        } catch (RuntimeException e) {
            s.volume = 0.8f;
        }
        try {
            s.latency = Latency.valueOf(prefs.getString("latency", s.latency.name()).toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            s.latency = Latency.NORMAL;
        }
        s.output = prefs.getString("output", s.output);
        return s;
    }

    float volume() {
        return volume;
    }

    Latency latency() {
        return latency;
    }

    String output() {
        return output;
    }

    void volume(float v) {
        volume = Math.round(Math.max(0, Math.min(1, v)) * 20) / 20f;
        save();
    }

    void latency(Latency l) {
        latency = l;
        save();
    }

    void output(String o) {
        output = o;
        save();
    }

    private void save() {
        if (prefs == null) {
            return;
        }
        prefs.putFloat("musicVolume", volume);
        prefs.putString("latency", latency.name());
        prefs.putString("output", output);
        prefs.flush();
    }
}
