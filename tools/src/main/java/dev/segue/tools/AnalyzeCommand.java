package dev.segue.tools;

import com.google.gson.GsonBuilder;
import dev.segue.library.BeatGrid;
import dev.segue.library.SongAnalysis;
import dev.segue.library.LibraryTask;
import dev.segue.library.MusicLibrary;
import dev.segue.library.ScanReport;
import dev.segue.library.Skipped;
import dev.segue.library.Song;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code segue analyze DIR...}: tempo, beat phase and loudness of every song, as the library measures them. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = {
            "Measures every song under DIR as the custom-soundtrack library does: tempo and beat phase "
                    + "(spectral-flux onsets, autocorrelation tempo with octave correction, beats by dynamic "
                    + "programming) and EBU R128 integrated loudness, true peak and loudness range.",
            "",
            "Scans first (through the index, like `segue scan`); results are kept in the index, so a second "
                    + "run only analyses new or changed songs. Prints a table, or JSON with --json."
        })
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "The folders to analyse.")
    List<Path> dirs;

    @Mixin
    LibraryOptions options;

    @Option(names = "--json", description = "Print JSON (one object per song, beat times included) instead of a table.")
    boolean json;

    @Override
    public Integer call() throws ExecutionException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MusicLibrary lib = MusicLibrary.open(options.indexFile());
        ScanReport scan = options.scan(lib, dirs, err);
        if (scan.cancelled()) {
            return 130;
        }
        ProgressBar bar = new ProgressBar(err, "songs");
        LibraryTask<Map<String, SongAnalysis>> task = lib.analyze(scan.songs(), bar);
        Map<String, SongAnalysis> grids;
        try {
            grids = task.await();
        } finally {
            bar.finish();
        }
        if (json) {
            printJson(out, scan.songs(), grids);
        } else {
            printTable(out, scan.songs(), grids);
        }
        printSkipped(json ? err : out, scan);
        for (String p : lib.problems()) {
            err.println("warning: " + p);
        }
        return 0;
    }

    static void printTable(PrintWriter out, List<Song> songs, Map<String, SongAnalysis> results) {
        out.printf(Locale.ROOT, "%8s %11s %6s %5s %8s %7s %9s  %-10s  %s%n", "bpm", "first beat", "beats", "conf", "LUFS",
                "dBTP", "length", "format", "song");
        for (Song s : songs) {
            SongAnalysis a = results.get(s.path());
            String name = s.title() + (s.artist().isEmpty() ? "" : " — " + s.artist()) + "  (" + s.path() + ")";
            if (a == null) {
                out.printf(Locale.ROOT, "%8s %11s %6s %5s %8s %7s %9s  %-10s  %s%n", "-", "-", "-", "-", "-", "-",
                        ScanCommand.hms(s.seconds()), s.format().label(), name);
            } else {
                BeatGrid g = a.beats();
                out.printf(Locale.ROOT, "%8.2f %9.3f s %6d %5.2f %8s %7s %9s  %-10s  %s%n", g.bpm(),
                        g.firstBeat() / (double) g.sampleRate(), g.beatCount(), g.confidence(),
                        level(a.integratedLufs()), level(a.truePeakDbtp()), ScanCommand.hms(s.seconds()),
                        s.format().label(), name);
            }
        }
    }

    /**
     * Every file the scan skipped, with its reason: a player wonders where a song went, and a broken
     * file is named, not silently left out (to stderr under --json, which keeps stdout JSON).
     */
    static void printSkipped(PrintWriter to, ScanReport scan) {
        ScanCommand.printProblems(to, scan, "skipped (not analysed)");
    }

    private static String level(double v) {
        return Double.isNaN(v) ? "n/a" : Double.isInfinite(v) ? "silent" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static void printJson(PrintWriter out, List<Song> songs, Map<String, SongAnalysis> results) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Song s : songs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", s.path());
            m.put("title", s.title());
            m.put("artist", s.artist());
            m.put("album", s.album());
            m.put("format", s.format().name());
            m.put("seconds", s.seconds());
            SongAnalysis a = results.get(s.path());
            if (a != null) {
                BeatGrid g = a.beats();
                m.put("bpm", g.bpm());
                m.put("firstBeatSeconds", g.firstBeat() / (double) g.sampleRate());
                m.put("confidence", g.confidence());
                // null where not measured (more than two channels) or silent
                m.put("integratedLufs", finite(a.integratedLufs()));
                m.put("truePeakDbtp", finite(a.truePeakDbtp()));
                m.put("loudnessRangeLu", finite(a.loudnessRangeLu()));
                double[] beats = new double[g.beatCount()];
                for (int i = 0; i < beats.length; i++) {
                    beats[i] = Math.round(g.beat(i) * 1e6 / g.sampleRate()) / 1e6;
                }
                m.put("beatSeconds", beats);
            } else {
                m.put("bpm", null);
            }
            rows.add(m);
        }
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(rows));
    }
}
