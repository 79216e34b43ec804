package dev.segue.engine;

import dev.segue.report.BugReport;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Work a host runs off the game thread, in order: custom soundtracks' derived sheets, whose songs'
 * files are opened and their heads decoded here. One daemon worker per host, {@value #THREAD},
 * started at the first job and stopped by {@link #close()}. Each job's outcome (its value, or what it
 * threw) goes back to the game thread through {@code onGameThread} (the host's {@code update()}
 * queue), in the order the jobs were asked for; nothing is thrown on the worker. The caller swaps the
 * sheet in there, a cheap step, so the swap is decided where the game's events are.
 *
 * <p>With {@code inline} (offline hosts) everything runs at once on the calling thread instead: an
 * offline render depends only on the calls made and frames rendered, never on how long a load took.
 */
final class DerivedLoads {
    /** The worker's name. */
    static final String THREAD = "segue-songs";

    private final Consumer<Runnable> onGameThread;
    private final boolean inline;
    private ExecutorService worker;
    private Thread thread;
    private boolean closed;

    DerivedLoads(Consumer<Runnable> onGameThread, boolean inline) {
        this.onGameThread = onGameThread;
        this.inline = inline;
    }

    /** See {@link Host#load}. */
    <T> void submit(Callable<T> job, boolean now, BiConsumer<T, Exception> then) {
        if (inline || now) {
            run(job, then, false);
            return;
        }
        ExecutorService w = worker();
        if (w == null) {
            return; // the host is closed: nothing will play it
        }
        try {
            w.execute(() -> run(job, then, true));
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private <T> void run(Callable<T> job, BiConsumer<T, Exception> then, boolean later) {
        T value;
        try {
            value = job.call();
        } catch (Exception e) {
            hand(() -> then.accept(null, e), later);
            return;
        }
        if (value != null) {
            hand(() -> then.accept(value, null), later);
        }
    }

    private void hand(Runnable r, boolean later) {
        if (later) {
            onGameThread.accept(r);
        } else {
            r.run();
        }
    }

    private synchronized ExecutorService worker() {
        if (closed) {
            return null;
        }
        if (worker == null) {
            worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = BugReport.thread(r, THREAD);
                synchronized (this) {
                    thread = t;
                }
                return t;
            });
        }
        return worker;
    }

    /** Stops the worker (a job in progress is interrupted and waited for, at most 5 s); later jobs are dropped. */
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
