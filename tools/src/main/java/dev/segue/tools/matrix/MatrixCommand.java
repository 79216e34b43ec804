package dev.segue.tools.matrix;

import dev.segue.cue.CueSheet;
import dev.segue.cue.CueSheetLoader;
import dev.segue.cue.SheetException;
import dev.segue.tools.picture.Canvas;
import dev.segue.tools.picture.ContactSheet;
import dev.segue.tools.session.Progress;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code segue matrix SHEET --out DIR}. */
@Command(name = "matrix",
        mixinStandardHelpOptions = true,
        versionProvider = dev.segue.tools.SegueCli.Version.class,
        description = {
            "Renders every transition a sheet can make and listens to each one.",
            "",
            "Each cue a state or rule can play (and silence, where a state asks for it) goes to each other, "
                    + "through the rule the sheet picks, from three points of the source: on a bar, mid-bar and "
                    + "half a beat before the loop end. Each case is a short WAV (a second before the request to "
                    + "two seconds after the transition is done) and is checked for clicks, level jumps and dips, "
                    + "silence gaps and clipping. DIR gets wav/*.wav, matrix.png (the contact sheet), report.md "
                    + "and report.json.",
            "",
            "Exit status: 0 nothing flagged; 1 the sheet does not load; 2 some transitions were flagged."
        })
public final class MatrixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHEET", description = "The cue sheet (.cues.json).")
    Path sheet;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the WAVs, picture and reports.")
    Path out;

    @Option(names = "--jump-db", defaultValue = "6", paramLabel = "DB",
            description = "Flag a level step bigger than this (default: ${DEFAULT-VALUE} dB).")
    double jumpDb;

    @Option(names = "--dip-db", defaultValue = "6", paramLabel = "DB",
            description = "Flag a dip inside a transition deeper than this (default: ${DEFAULT-VALUE} dB).")
    double dipDb;

    @Option(names = "--gap-ms", defaultValue = "100", paramLabel = "MS",
            description = "Flag silence longer than this (default: ${DEFAULT-VALUE} ms).")
    double gapMs;

    @Option(names = "--threads", paramLabel = "N", description = "Renders at once (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CueSheet s;
        try {
            s = CueSheetLoader.load(sheet, 48_000);
        } catch (SheetException e) {
            err.println(e.getMessage());
            err.println("run 'segue validate " + sheet + "' for details");
            err.flush();
            return 1;
        }
        Audit.Thresholds th = new Audit.Thresholds(jumpDb, dipDb, gapMs);
        List<Matrix.Case> cases = Matrix.cases(s);
        Progress progress = Progress.on(err, "segue matrix", "transitions", cases.size());
        long t0 = System.nanoTime();
        List<Matrix.Result> results = Matrix.run(s, cases, out.resolve("wav"), th,
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), progress);
        progress.finish();
        Files.writeString(out.resolve("report.md"), Report.markdown(s, results, th, out), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("report.json"), Report.json(s, results, th, out), StandardCharsets.UTF_8);
        contactSheet(s, results, out.resolve("matrix.png"));
        long flagged = results.stream().filter(r -> !r.issues().isEmpty()).count();
        for (Matrix.Result r : results) {
            for (Audit.Issue i : r.issues()) {
                w.printf(Locale.ROOT, "%s -> %s (%s) %+.3f s: %s%n", Matrix.name(s, r.c().from()),
                        Matrix.name(s, r.c().to()), r.c().point().label(), i.at(), i.message());
            }
        }
        w.printf(Locale.ROOT, "%d transitions in %.1f s, %d flagged -> %s%n", results.size(),
                (System.nanoTime() - t0) / 1e9, flagged, out.resolve("report.md"));
        w.flush();
        return flagged > 0 ? 2 : 0;
    }

    static void contactSheet(CueSheet s, List<Matrix.Result> results, Path png) throws IOException {
        List<Integer> nodes = Matrix.nodes(s);
        String[] names = new String[nodes.size()];
        Color[] colours = new Color[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            names[i] = Matrix.name(s, nodes.get(i));
            colours[i] = nodes.get(i) < 0 ? new Color(0x9A9A9A) : Canvas.cue(nodes.get(i));
        }
        ContactSheet.Cell[][] cells = new ContactSheet.Cell[nodes.size()][nodes.size()];
        for (Matrix.Result r : results) {
            int i = nodes.indexOf(r.c().from());
            int j = nodes.indexOf(r.c().to());
            if (cells[i][j] == null) {
                cells[i][j] = new ContactSheet.Cell(i, j, Report.rule(r.window().rule()), new ArrayList<>());
            }
            Matrix.Window w = r.window();
            List<ContactSheet.Mark> marks = new ArrayList<>();
            for (Audit.Issue issue : r.issues()) {
                int f = w.index(w.landing() + Math.round(issue.at() * s.sampleRate()));
                marks.add(new ContactSheet.Mark(f, issue.kind()));
            }
            cells[i][j].strips().add(new ContactSheet.Strip(r.c().point().label(), w.audio(), s.sampleRate(),
                    w.index(w.request()), w.index(w.landing()), w.index(w.done()), marks));
        }
        long flagged = results.stream().filter(r -> !r.issues().isEmpty()).count();
        ContactSheet.write("Transition matrix · " + s.file().getFileName(), String.format(Locale.ROOT,
                "%d transitions, %d flagged · rows: from, columns: to", results.size(), flagged), names, colours, cells, png);
    }
}
