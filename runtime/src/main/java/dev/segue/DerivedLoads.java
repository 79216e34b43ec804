package dev.segue;

import dev.segue.control.SegueAccess;
import dev.segue.cue.CueSheet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Custom soundtracks' derived sheets, written and loaded off the game thread: one daemon worker per
 * Segue, {@value #THREAD}, started at the first load and stopped by {@link #close()}. Each load's
 * outcome (the sheet, or what went wrong) goes back to the game thread through {@code onGameThread}
 * (the Segue's {@code update()} queue), in the order the loads were asked for; nothing is thrown on
 * the worker. The caller queues the loaded sheet itself there ({@link SegueAccess.Loaded#swapIn}), a
 * cheap step, so the swap is decided where the game's events are.
 *
 * <p>With {@code inline} (offline Segues) everything runs at once on the calling thread instead: an
 * offline render depends only on the calls made and frames rendered, never on how long a load took.
 */
final class DerivedLoads {
    /** The worker's name. */
    static final String THREAD = "segue-songs";

    /** Queues a loaded sheet to take over: {@code Segue.prepared(sheet, true, onBeat, moveTo)}. */
    interface Prepare {
        void prepare(CueSheet sheet, boolean onBeat, String moveTo);
    }

    private final Function<Path, CueSheet> load;
    private final Prepare prepare;
    private final Consumer<Runnable> onGameThread;
    private final boolean inline;
    private ExecutorService worker;
    private Thread thread;
    private boolean closed;

    DerivedLoads(Function<Path, CueSheet> load, Prepare prepare, Consumer<Runnable> onGameThread, boolean inline) {
        this.load = load;
        this.prepare = prepare;
        this.onGameThread = onGameThread;
        this.inline = inline;
    }

    /** See {@link SegueAccess#loadDerived}. */
    void submit(SegueAccess.SheetWriter write, boolean now, Consumer<SegueAccess.Loaded> then) {
        if (inline || now) {
            SegueAccess.Loaded l = run(write);
            if (l != null) {
                then.accept(l);
            }
            return;
        }
        ExecutorService w = worker();
        if (w == null) {
            return; // the Segue is closed: nothing will play it
        }
        try {
            w.execute(() -> {
                SegueAccess.Loaded l = run(write);
                if (l != null) {
                    onGameThread.accept(() -> then.accept(l));
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private synchronized ExecutorService worker() {
        if (closed) {
            return null;
        }
        if (worker == null) {
            worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, THREAD);
                t.setDaemon(true);
                synchronized (this) {
                    thread = t;
                }
                return t;
            });
        }
        return worker;
    }

    /** Writes and loads one sheet; null if the writer says a newer one replaces it. */
    private SegueAccess.Loaded run(SegueAccess.SheetWriter write) {
        Path file = null;
        try {
            file = write.write();
            if (file == null) {
                return null;
            }
            CueSheet sheet = load.apply(file);
            return (onBeat, moveTo) -> prepare.prepare(sheet, onBeat, moveTo);
        } catch (IOException e) {
            return (onBeat, moveTo) -> {
                throw e;
            };
        } catch (RuntimeException | Error e) {
            return (onBeat, moveTo) -> {
                throw e;
            };
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind in the temp folder
                }
            }
        }
    }

    /** Stops the worker (a load in progress is interrupted and waited for, at most 5 s); later loads are dropped. */
    void close() {
        ExecutorService w;
        Thread t;
        synchronized (this) {
            closed = true;
            w = worker;
            t = thread;
            worker = null;
        }
        if (w != null) {
            w.shutdownNow();
            try {
                w.awaitTermination(5, TimeUnit.SECONDS);
                if (t != null) {
                    t.join(1000); // the pool has ended; its thread is about to: no segue-songs outlives close()
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
