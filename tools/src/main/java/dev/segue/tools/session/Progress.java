package dev.segue.tools.session;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on standard error. On a terminal it redraws one line in place
 * ({@code render  [#########.........]  48%  7/14 stem passes  3.1 s}); elsewhere (a CI log, a pipe) it
 * prints a plain line at every tenth of the way, so logs stay short and readable. Thread-safe.
 */
public final class Progress {
    private final PrintWriter err;
    private final String label;
    private final String unit;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long total;
    private long done;
    private int lastTenth;

    public Progress(PrintWriter err, String label, String unit, long total, boolean terminal) {
        this.err = err;
        this.label = label;
        this.unit = unit;
        this.total = Math.max(1, total);
        this.terminal = terminal;
    }

    /** A bar that draws in place when standard error is a terminal. */
    public static Progress on(PrintWriter err, String label, String unit, long total) {
        return new Progress(err, label, unit, total, System.console() != null);
    }

    /** A bar that prints nothing. */
    public static Progress quiet() {
        return new Progress(new PrintWriter(java.io.Writer.nullWriter()), "", "", 1, false);
    }

    /** Raises the total (work found along the way). */
    public synchronized void addTotal(long more) {
        total += more;
    }

    /** One more unit done. */
    public synchronized void step() {
        done = Math.min(total, done + 1);
        draw();
    }

    /** Ends the bar (a newline on a terminal). */
    public synchronized void finish() {
        done = total;
        draw();
        if (terminal) {
            err.println();
            err.flush();
        }
    }

    private void draw() {
        double f = done / (double) total;
        double secs = (System.nanoTime() - started) / 1e9;
        if (terminal) {
            int width = 30;
            int filled = (int) Math.round(f * width);
            err.printf(Locale.ROOT, "\r%s  [%s%s] %3d%%  %d/%d %s  %.1f s", label, "#".repeat(filled),
                    ".".repeat(width - filled), Math.round(f * 100), done, total, unit, secs);
            err.flush();
            return;
        }
        int tenth = (int) Math.floor(f * 10);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            err.printf(Locale.ROOT, "%s: %3d%% (%d/%d %s, %.1f s)%n", label, tenth * 10, done, total, unit, secs);
            err.flush();
        }
    }
}
