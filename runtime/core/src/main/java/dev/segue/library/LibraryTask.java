package dev.segue.library;

import dev.segue.report.BugReport;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Long library work (a scan, an analysis) running on its own low-priority daemon thread. The game
 * polls {@link #progress()} each frame (or a listener hears every update on the task's thread), may
 * {@link #cancel()} at any time, and takes the result when {@link #isDone()}.
 *
 * @param <T> the result
 */
public final class LibraryTask<T> {
    /** The work: it reports progress through {@code control} and checks {@code control.cancelled()}. */
    interface Body<T> {
        T run(Control control) throws Exception;
    }

    /** What the work sees of its task. */
    static final class Control {
        private final LibraryTask<?> task;
        private final long started = System.nanoTime();
        private String phase = "";
        private long phaseStart = started;
        private long phaseStartDone;

        Control(LibraryTask<?> task) {
            this.task = task;
        }

        boolean cancelled() {
            return task.cancelled.get();
        }

        /** Publishes progress; rate and ETA are measured over the current phase. Any worker thread may call it. */
        synchronized void report(String phaseName, long done, long total, String current) {
            long now = System.nanoTime();
            Progress last = task.progress.get();
            if (phaseName.equals("done")) {
                // the end keeps the rate of the work that led to it
                Progress p = new Progress(phaseName, done, total, last.perSecond(), 0, current);
                task.progress.set(p);
                if (task.listener != null) {
                    task.listener.accept(p);
                }
                return;
            }
            if (!phaseName.equals(phase)) {
                phase = phaseName;
                phaseStart = now;
                phaseStartDone = done;
            }
            double secs = (now - phaseStart) / 1e9;
            double rate = secs > 0 ? (done - phaseStartDone) / secs : 0;
            double eta = rate > 0 && total >= done ? (total - done) / rate : -1;
            Progress p = new Progress(phaseName, done, total, rate, eta, current);
            task.progress.set(p);
            if (task.listener != null) {
                task.listener.accept(p);
            }
        }

        double elapsedSeconds() {
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.STARTING);
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Consumer<Progress> listener;

    private LibraryTask(Consumer<Progress> listener) {
        this.listener = listener;
    }

    static <T> LibraryTask<T> start(String name, Consumer<Progress> listener, Body<T> body) {
        LibraryTask<T> task = new LibraryTask<>(listener);
        Thread t = BugReport.thread(() -> {
            try {
                task.result.complete(body.run(new Control(task)));
            } catch (Throwable e) {
                task.result.completeExceptionally(e);
            }
        }, name);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return task;
    }

    /** The latest progress. */
    public Progress progress() {
        return progress.get();
    }

    /**
     * Asks the task to stop soon; it finishes with what it has (a scan reports itself cancelled and
     * keeps the index it had for what it did not reach).
     */
    public void cancel() {
        cancelled.set(true);
    }

    /** True once cancel was asked for. */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** True once the result (or failure) is there. */
    public boolean isDone() {
        return result.isDone();
    }

    /**
     * Waits for the result.
     *
     * @throws ExecutionException if the work failed; its cause says why
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public T await() throws ExecutionException, InterruptedException {
        try {
            return result.get();
        } catch (CancellationException e) {
            throw new ExecutionException(e);
        }
    }

    /** The result as a future, to chain work on it. */
    public CompletableFuture<T> future() {
        return result;
    }
}
