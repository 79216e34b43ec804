package dev.segue.openal;

import dev.segue.spi.AudioOutput;

/**
 * Which LWJGL the game brought, checked once before the first device opens. segue-openal runs on
 * LWJGL 3.3.3 (what libGDX 1.12 to 1.14 bring) and later; on an older one, or with LWJGL's jars of
 * two versions mixed (a game's build resolving {@code lwjgl} from one library and
 * {@code lwjgl-openal} from another), the output does not open: the driver plays silently and its
 * one OUTPUT event is {@link #problem()}, which names what was found, what is needed and the line
 * that fixes it.
 */
final class Lwjgl {
    /** The oldest LWJGL segue-openal runs on (tested in CI with it and with the version it builds with). */
    static final String OLDEST = "3.3.3";
    private static final String FIX = "import org.lwjgl:lwjgl-bom (or dev.segue:segue-bom, which aligns it) in your build's"
            + " dependencyManagement so every LWJGL jar has one version";
    private static volatile String problem;
    private static volatile boolean checked;

    private Lwjgl() {
    }

    /** Null when the LWJGL here can run segue-openal, else the sentence for the game. */
    static String problem() {
        if (!checked) {
            problem = check();
            checked = true;
        }
        return problem;
    }

    private static String check() {
        String core;
        String openal;
        try {
            core = release(org.lwjgl.Version.getVersion());
            Package p = org.lwjgl.openal.AL.class.getPackage();
            openal = p == null ? null : p.getSpecificationVersion();
        } catch (LinkageError e) {
            return "LWJGL could not be loaded (" + e + "): segue-openal needs org.lwjgl:lwjgl and org.lwjgl:lwjgl-openal "
                    + OLDEST + " or later with their natives for this platform";
        }
        if (compare(core, OLDEST) < 0) {
            return "segue-openal needs LWJGL " + OLDEST + " or later and found " + core + ": " + FIX;
        }
        if (openal != null && !openal.isEmpty() && compare(release(openal), core) != 0) {
            return "LWJGL's jars are of two versions (lwjgl " + core + ", lwjgl-openal " + release(openal)
                    + "): segue-openal needs org.lwjgl:lwjgl and org.lwjgl:lwjgl-openal of one version, " + OLDEST
                    + " or later: " + FIX;
        }
        return null;
    }

    /** "3.3.6+1" or "3.3.6 SNAPSHOT" → "3.3.6". */
    static String release(String v) {
        int end = 0;
        while (end < v.length() && (Character.isDigit(v.charAt(end)) || v.charAt(end) == '.')) {
            end++;
        }
        return v.substring(0, end);
    }

    /** Compares dotted versions numerically ("3.3.10" after "3.3.9"). */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length && !x[i].isEmpty() ? Integer.parseInt(x[i]) : 0,
                    i < y.length && !y[i].isEmpty() ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** {@code out}, or, on an LWJGL segue-openal cannot run on, an output whose open says why. */
    static AudioOutput checked(AudioOutput out) {
        String why = problem();
        if (why == null) {
            return out;
        }
        return AudioOutput.unavailable("OpenAL (LWJGL mismatch)", why);
    }
}
