package dev.segue.tools;

import dev.segue.library.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A one-line progress bar on the error stream: {@code reading [#####.....] 4521/10000 812/s ETA 7 s}.
 * On a terminal it redraws in place (at most ten times a second); otherwise (a log, a pipe, a test)
 * it prints a line each tenth of the way, so logs stay short.
 */
final class ProgressBar implements Consumer<Progress> {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean live;
    private final String unit;
    private long lastDraw;
    private String lastPhase = "";
    private int lastTenth = -1;
    private boolean drawn;

    ProgressBar(PrintWriter err, String unit) {
        this(err, unit, System.console() != null);
    }

    ProgressBar(PrintWriter err, String unit, boolean live) {
        this.err = err;
        this.unit = unit;
        this.live = live;
    }

    @Override
    public synchronized void accept(Progress p) {
        boolean phaseChange = !p.phase().equals(lastPhase);
        lastPhase = p.phase();
        if (live) {
            long now = System.nanoTime();
            if (!phaseChange && !p.phase().equals("done") && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            err.print("\r" + line(p) + "   ");
            drawn = true;
            err.flush();
            return;
        }
        int tenth = (int) (p.fraction() * 10);
        if (p.phase().equals("listing") || (!phaseChange && tenth == lastTenth && !p.phase().equals("done"))) {
            return;
        }
        lastTenth = tenth;
        err.println(line(p));
        err.flush();
    }

    /** Ends the live line so what follows starts on a fresh one. */
    synchronized void finish() {
        if (live && drawn) {
            err.println();
            err.flush();
        }
    }

    String line(Progress p) {
        if (p.phase().equals("listing")) {
            return String.format(Locale.ROOT, "listing   %d files found", p.total());
        }
        int filled = (int) Math.round(p.fraction() * WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String eta = p.etaSeconds() < 0 ? "ETA ?" : "ETA " + duration(p.etaSeconds());
        return String.format(Locale.ROOT, "%-9s [%s] %d/%d %s  %.0f %s/s  %s", p.phase(), bar, p.done(), p.total(),
                percent(p), p.perSecond(), unit, p.phase().equals("done") ? "" : eta);
    }

    private static String percent(Progress p) {
        return String.format(Locale.ROOT, "%3.0f%%", p.fraction() * 100);
    }

    static String duration(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        long m = (long) (s / 60);
        return m < 60 ? String.format(Locale.ROOT, "%d min %02d s", m, (long) s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", m / 60, m % 60);
    }
}
