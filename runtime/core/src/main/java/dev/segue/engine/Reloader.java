package dev.segue.engine;

import dev.segue.report.BugReport;
import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.SheetException;
import dev.segue.cue.Stem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Hot reload off the audio thread: loads and checks the sheet and decodes its stems, builds a new
 * {@link Engine}, and queues it on the {@link dev.segue.mix.Handover}, which swaps it in at the next
 * bar. A sheet that fails to load is reported (an ERROR event naming the file, every problem with its
 * JSON path and sentence) and changes nothing.
 *
 * <p>The watcher is a daemon thread, {@code segue-watch}, that polls every {@value #POLL_MS} ms the
 * size and modification time of the sheet, of every stem file it names, and of their folders (so a
 * file that appears is seen too). A change is acted on once nothing moved for one more poll, so an
 * editor's save in several writes is read once, whole. Polling, not {@code WatchService}: it reads a
 * handful of attributes per poll, sees edits the same on every file system (overlay and bind mounts
 * in containers, network shares, where inotify may stay silent), and notices a stem in any folder.
 */
final class Reloader {
    static final int POLL_MS = 250;

    private final Host host;
    private final Path file;
    /** Files whose change triggers a reload: the sheet, its stems and their folders. */
    private volatile List<Path> watched;
    private volatile List<String> lastErrors = List.of();
    private Thread thread;
    private volatile boolean watching;

    Reloader(Host host, Path file, CueSheet first) {
        this.host = host;
        this.file = file.toAbsolutePath().normalize();
        this.watched = watchList(first);
    }

    /** Loads the sheet again and queues it; returns every problem (empty when it was accepted). */
    synchronized List<String> reload() {
        CueSheet sheet;
        try {
            sheet = host.load(file);
        } catch (SheetException e) {
            return failed(e.errors());
        } catch (RuntimeException e) {
            return failed(List.of(String.valueOf(e.getMessage())));
        }
        watched = watchList(sheet);
        lastErrors = List.of();
        host.reloaded(sheet);
        return List.of();
    }

    private List<String> failed(List<String> errors) {
        lastErrors = List.copyOf(errors);
        host.reloadFailed(file, lastErrors);
        return lastErrors;
    }

    List<String> lastErrors() {
        return lastErrors;
    }

    private List<Path> watchList(CueSheet sheet) {
        Set<Path> files = new LinkedHashSet<>();
        files.add(file);
        files.add(file.getParent());
        for (Cue c : sheet.cues()) {
            for (Stem s : c.stems()) {
                Path p = file.getParent().resolve(s.file()).normalize();
                files.add(p);
                files.add(p.getParent());
            }
        }
        return List.copyOf(files);
    }

    /** Size and modification time of each watched file, flattened (-1 for a missing file). */
    private long[] fingerprint(List<Path> files) {
        long[] f = new long[files.size() * 2];
        for (int i = 0; i < files.size(); i++) {
            try {
                BasicFileAttributes a = Files.readAttributes(files.get(i), BasicFileAttributes.class);
                f[2 * i] = a.isDirectory() ? 0 : a.size();
                var t = a.lastModifiedTime().toInstant();
                f[2 * i + 1] = t.getEpochSecond() * 1_000_000_000L + t.getNano();
            } catch (IOException e) {
                f[2 * i] = -1;
                f[2 * i + 1] = -1;
            }
        }
        return f;
    }

    synchronized void startWatching() {
        if (thread != null) {
            return;
        }
        watching = true;
        List<Path> files = watched;
        long[] loaded = fingerprint(files); // now, not when the thread gets going: an early edit counts
        thread = BugReport.thread(() -> watch(files, loaded), "segue-watch");
        thread.start();
    }

    private void watch(List<Path> first, long[] loaded) {
        List<Path> files = first;
        long[] done = loaded; // the state the playing sheet was loaded from
        long[] last = done;
        while (watching) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
            if (!files.equals(watched)) { // a reload named other stems: watch those from now on
                files = watched;
                done = fingerprint(files);
                last = done;
                continue;
            }
            long[] now = fingerprint(files);
            if (!java.util.Arrays.equals(now, done) && java.util.Arrays.equals(now, last)) {
                done = now; // settled for a whole poll: one reload per save
                try {
                    reload();
                } catch (RuntimeException e) {
                    failed(List.of("reload failed: " + e));
                }
                if (!files.equals(watched)) {
                    files = watched;
                    done = fingerprint(files);
                    now = done;
                } // else `done` is from before the load: a save made while it decoded is read next

            }
            last = now;
        }
    }

    /** Stops the watcher and waits for it. */
    void stop() {
        Thread t;
        synchronized (this) {
            watching = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
