package dev.segue.openal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.lwjgl.system.JNI;
import org.lwjgl.system.Library;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.Platform;
import org.lwjgl.system.SharedLibrary;

/**
 * OpenAL Soft's mixing period, which sets most of what a player waits between a game event and
 * hearing it. OpenAL Soft takes it only from its configuration ({@code period_size} and
 * {@code periods}; the {@code ALC_REFRESH} attribute is ignored), and reads that configuration once,
 * when the process first opens a device. So before that, Segue writes a small configuration file with
 * just those two keys and points the {@code ALSOFT_CONF} environment variable of its own process at it
 * (OpenAL Soft reads that file last, over the system's and the user's). An {@code ALSOFT_CONF} the
 * user set is left alone.
 *
 * <p>Whether it took is known only when a device opens: {@link #check} compares the device's period
 * with the request and says why it differs (OpenAL was opened before Segue could set it, typically by
 * libGDX's own audio).
 */
final class OpenAlSoftConfig {
    /** The rate OpenAL Soft's {@code period_size} is counted at (its default output rate). */
    static final int CONFIG_RATE = 48_000;

    private static int requestedFrames; // at CONFIG_RATE; 0: nothing asked
    private static int requestedPeriods;
    private static String why; // null when the request went into the environment

    private OpenAlSoftConfig() {
    }

    /**
     * Asks OpenAL Soft for {@code frames}-frame periods (at {@link #CONFIG_RATE}), {@code periods} of
     * them in the device buffer. The first request in the process is the one that counts; returns
     * null when it is set, else why not (the user's own {@code ALSOFT_CONF}, an earlier request, no
     * way to set the environment here).
     */
    static synchronized String request(int frames, int periods) {
        if (frames <= 0) {
            return "nothing asked";
        }
        if (requestedFrames != 0) {
            return requestedFrames == frames && requestedPeriods == periods ? why
                    : "OpenAL Soft's period was already asked for (" + describe(requestedFrames, requestedPeriods) + ")";
        }
        requestedFrames = frames;
        requestedPeriods = periods;
        String user = System.getenv("ALSOFT_CONF");
        if (user != null && !user.isEmpty()) {
            why = "ALSOFT_CONF is set (" + user + "): OpenAL Soft uses that file's settings, not Segue's";
            return why;
        }
        try {
            Path conf = Files.createTempFile("segue-alsoft-", ".conf");
            conf.toFile().deleteOnExit();
            Files.writeString(conf, "# Written by Segue: OpenAL Soft's mixing period for low latency\n[general]\nperiod_size = "
                    + frames + "\nperiods = " + periods + "\n", StandardCharsets.UTF_8);
            why = setenv("ALSOFT_CONF", conf.toString());
        } catch (IOException | RuntimeException | LinkageError e) {
            why = "could not set OpenAL Soft's period (" + e + ")";
        }
        return why;
    }

    /**
     * Null when a device mixing in {@code refreshHz} periods per second at {@code rate} runs at the
     * period asked for (or nothing was asked), else a sentence saying what it runs at ({@code actual}
     * frames) and why.
     */
    static synchronized String check(int refreshHz, int rate, int actual) {
        if (requestedFrames == 0 || refreshHz <= 0 || took(refreshHz, rate)) {
            return null;
        }
        int wanted = wantedAt(rate);
        return String.format(Locale.ROOT, "OpenAL Soft mixes in %d-frame periods (%.1f ms), not the %d (%.1f ms) Segue asked for: %s",
                actual, actual * 1000.0 / rate, wanted, wanted * 1000.0 / rate,
                why != null ? why : "OpenAL had already read its configuration (another part of the game opened a device"
                        + " first, libGDX's audio for one): call OpenAl.configure() first thing in main()");
    }

    /**
     * Whether a device mixing in {@code refreshHz} periods per second at {@code rate} runs at the
     * period asked for ({@code ALC_REFRESH} is rounded down, so within a frame or two); false when
     * nothing was asked.
     */
    static synchronized boolean took(int refreshHz, int rate) {
        int wanted = wantedAt(rate);
        return wanted > 0 && refreshHz > 0 && Math.abs(rate / (double) refreshHz - wanted) <= Math.max(2, wanted * 0.02);
    }

    /** The requested period in frames at {@code rate}, or 0. */
    static synchronized int wantedAt(int rate) {
        return requestedFrames == 0 ? 0 : (int) Math.round(requestedFrames * (double) rate / CONFIG_RATE);
    }

    private static String describe(int frames, int periods) {
        return frames + " frames x " + periods;
    }

    /** Sets a variable in this process's native environment; null when done, else why not. */
    private static String setenv(String name, String value) {
        Platform p = Platform.get();
        try (MemoryStack s = MemoryStack.stackPush()) {
            long k = MemoryUtil.memAddress(s.UTF8(name));
            long v = MemoryUtil.memAddress(s.UTF8(value));
            if (p == Platform.WINDOWS) {
                try (SharedLibrary crt = Library.loadNative(OpenAlSoftConfig.class, "org.lwjgl", "ucrtbase.dll")) {
                    long fn = crt.getFunctionAddress("_putenv_s");
                    return fn == 0 ? "ucrtbase.dll has no _putenv_s" : JNI.invokePPI(k, v, fn) == 0 ? null : "_putenv_s failed";
                }
            }
            String libc = p == Platform.MACOSX ? "/usr/lib/libSystem.B.dylib" : "FREEBSD".equals(p.name()) ? "libc.so.7" : "libc.so.6";
            try (SharedLibrary c = Library.loadNative(OpenAlSoftConfig.class, "org.lwjgl", libc)) {
                long fn = c.getFunctionAddress("setenv");
                return fn == 0 ? libc + " has no setenv" : JNI.invokePPI(k, v, 1, fn) == 0 ? null : "setenv failed";
            }
        }
    }
}
