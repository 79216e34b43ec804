package dev.segue.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;

/**
 * What happens when one of Segue's own threads meets an error no check foresaw (a bug): the player
 * sees one plain line, never a stack trace, and the trace goes to a bug-report file the README tells
 * them to send ("Reporting a bug"). Every thread the runtime starts uses {@link #HANDLER}.
 *
 * <p>Reports are written to {@code -Dsegue.bugreport.dir}, else the system's temporary folder, as
 * {@code segue-bug-YYYYMMDD-HHMMSS-THREAD.txt}: the thread, the Java and OS versions and the trace.
 */
public final class BugReport implements Thread.UncaughtExceptionHandler {
    /** The handler every runtime thread is started with. */
    public static final BugReport HANDLER = new BugReport();

    private BugReport() {
    }

    /** A daemon thread named {@code name} running {@code task}, whose unforeseen errors become bug reports. */
    public static Thread thread(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(HANDLER);
        return t;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        Path file = write(thread.getName(), error);
        System.err.println("Segue: an internal error stopped its " + thread.getName() + " thread ("
                + error.getClass().getSimpleName() + "). This is a bug in Segue; the game goes on. Please send "
                + (file != null ? file : "this message") + " with your report (see \"Reporting a bug\" in Segue's README).");
    }

    /** Writes the report for {@code error} on {@code thread}; the file, or null if it could not be written. */
    public static Path write(String thread, Throwable error) {
        StringWriter trace = new StringWriter();
        try (PrintWriter w = new PrintWriter(trace)) {
            w.println("Segue bug report");
            w.println("thread: " + thread);
            w.println("java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
            w.println("os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch"));
            w.println();
            error.printStackTrace(w);
        }
        String stamp = new SimpleDateFormat("yyyyMMdd-HHmmss", Locale.ROOT).format(new Date());
        String safe = thread.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            Path dir = Paths.get(System.getProperty("segue.bugreport.dir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(dir);
            Path file = dir.resolve("segue-bug-" + stamp + "-" + safe + ".txt");
            Files.write(file, trace.toString().getBytes(StandardCharsets.UTF_8));
            return file;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
