package dev.segue.tools;

import dev.segue.library.MusicLibrary;
import dev.segue.library.ScanReport;
import dev.segue.library.Skipped;
import dev.segue.library.Song;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code segue scan DIR...}: the custom-soundtrack library scan, with its cache, as a command. */
@Command(name = "scan",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = {
            "Scans music folders as the custom-soundtrack library does: recursively, formats by content "
                    + "(Ogg Vorbis, MP3, FLAC, WAV), tags, exact lengths.",
            "",
            "Files unchanged since the last scan (same size and modification time) come from the index "
                    + "without being opened. Prints a table per format and every skipped file with its reason."
        })
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "The folders to scan.")
    List<Path> dirs;

    @Mixin
    LibraryOptions options;

    @Override
    public Integer call() throws ExecutionException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MusicLibrary lib = MusicLibrary.open(options.indexFile());
        ScanReport r = options.scan(lib, dirs, err);
        print(out, r);
        for (String p : lib.problems()) {
            err.println("warning: " + p);
        }
        return r.cancelled() ? 130 : 0;
    }

    static void print(PrintWriter out, ScanReport r) {
        Map<Song.Format, long[]> counts = new EnumMap<>(Song.Format.class);
        Map<Song.Format, double[]> seconds = new EnumMap<>(Song.Format.class);
        for (Song s : r.songs()) {
            counts.computeIfAbsent(s.format(), f -> new long[1])[0]++;
            seconds.computeIfAbsent(s.format(), f -> new double[1])[0] += s.seconds();
        }
        out.printf(Locale.ROOT, "%-11s %7s %14s%n", "format", "songs", "playing time");
        double total = 0;
        for (Map.Entry<Song.Format, long[]> e : counts.entrySet()) {
            double secs = seconds.get(e.getKey())[0];
            total += secs;
            out.printf(Locale.ROOT, "%-11s %7d %14s%n", e.getKey().label(), e.getValue()[0], hms(secs));
        }
        out.printf(Locale.ROOT, "%-11s %7d %14s%n", "total", r.songs().size(), hms(total));
        out.printf(Locale.ROOT, "%n%d new, %d changed, %d removed, %d unchanged from the index; %d skipped; %.2f s%s%n",
                r.added(), r.changed(), r.removed(), r.reused(), r.skipped().size(), r.seconds(),
                r.cancelled() ? " (cancelled)" : "");
        printProblems(out, r, "skipped");
    }

    /**
     * Every file the scan skipped, with its reason, and every song that is truncated: a player
     * wonders where a song went or why it stops early, and a broken file is named, not silently left
     * out or taken as a shorter song.
     */
    static void printProblems(PrintWriter to, ScanReport scan, String skippedHeading) {
        if (!scan.skipped().isEmpty()) {
            to.printf(Locale.ROOT, "%n%d %s:%n", scan.skipped().size(), skippedHeading);
            for (Skipped s : scan.skipped()) {
                to.printf(Locale.ROOT, "  %s: %s%n", s.path(), s.reason());
            }
        }
        List<Song> cut = new ArrayList<>();
        for (Song s : scan.songs()) {
            if (s.truncated()) {
                cut.add(s);
            }
        }
        if (!cut.isEmpty()) {
            to.printf(Locale.ROOT, "%n%d truncated (the file ends before its header says; it plays up to the cut):%n", cut.size());
            for (Song s : cut) {
                to.printf(Locale.ROOT, "  %s: plays %s%n", s.path(), hms(s.seconds()));
            }
        }
    }

    static String hms(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
