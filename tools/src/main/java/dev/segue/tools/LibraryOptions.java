package dev.segue.tools;

import dev.segue.library.LibraryTask;
import dev.segue.library.MusicLibrary;
import dev.segue.library.ScanReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Option;

/** What {@code scan} and {@code analyze} share: the index file, the threads, running a scan with a bar. */
final class LibraryOptions {
    @Option(names = "--index", paramLabel = "FILE",
            description = "The library index (cache) to read and update (default: the user's config folder, "
                    + "$XDG_CONFIG_HOME/segue/" + MusicLibrary.INDEX_FILE + ", or SEGUE_CONFIG_DIR).")
    Path index;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Files opened at once (default ${DEFAULT-VALUE}).")
    int threads;

    Path indexFile() {
        return index != null ? index : MusicLibrary.defaultIndexFile();
    }

    /** Opens the index, reporting a damaged one, and scans {@code dirs} with a progress bar on {@code err}. */
    ScanReport scan(MusicLibrary lib, List<Path> dirs, PrintWriter err) throws ExecutionException, InterruptedException {
        for (String p : lib.problems()) {
            err.println("warning: " + p);
        }
        ProgressBar bar = new ProgressBar(err, "files");
        LibraryTask<ScanReport> task = lib.scan(dirs, Math.max(1, threads), bar);
        Thread hook = new Thread(task::cancel);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return task.await();
        } finally {
            bar.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook has run
            }
        }
    }
}
