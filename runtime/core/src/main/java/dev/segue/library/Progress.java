package dev.segue.library;

/**
 * A snapshot of a background task's progress (a scan or an analysis), safe to read from any thread.
 *
 * @param phase      what the task is doing now, e.g. "listing", "reading", "analysing", "done"
 * @param done       items finished
 * @param total      items known so far (while listing, it still grows)
 * @param perSecond  items per second since the phase began
 * @param etaSeconds seconds left at that rate, or -1 when not yet known
 * @param current    the item being worked on, or "" between items
 */
public record Progress(String phase, long done, long total, double perSecond, double etaSeconds, String current) {
    static final Progress STARTING = new Progress("starting", 0, 0, 0, -1, "");

    /** The fraction done, 0..1 (0 while the total is unknown). */
    public double fraction() {
        return total <= 0 ? 0 : Math.min(1, done / (double) total);
    }
}
