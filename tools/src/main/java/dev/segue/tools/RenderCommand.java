package dev.segue.tools;

import dev.segue.CueSheetException;
import dev.segue.OfflineRender;
import dev.segue.Segue;
import dev.segue.SegueEvent;
import dev.segue.SessionScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code segue render SHEET --script FILE --out FILE.wav [--png FILE.png] [--stems DIR] [--beats]}. */
@Command(name = "render",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = {
            "Renders a session script against a cue sheet offline into a WAV.",
            "",
            "The script plays as fast as the machine allows into a 32-bit float stereo WAV, and every "
                    + "musical event is printed as it happens: bars, cue starts and ends, transitions, "
                    + "stingers, markers and errors (beats too with --beats). A summary ends the log.",
            "",
            "--png draws the session: a lane per stem of each cue that sounds (its waveform as heard, and its "
                    + "gain), the bar and beat grid, markers, state changes, transitions from request to landing "
                    + "to done, stingers, pauses and the mix. --stems writes what each stem contributed, with "
                    + "all its gains and fades, as its own WAV (the stems add up to the mix). Both take two extra "
                    + "renders per stem, in parallel, with a progress bar on standard error.",
            "",
            "Exit status: 0 rendered; 1 the sheet or the script is broken, or names something the sheet "
                    + "does not have (every error is printed), or the WAV cannot be written."
        })
public final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHEET", description = "The cue sheet (.cues.json).")
    Path sheet;

    @Option(names = "--script", required = true, paramLabel = "FILE",
            description = "Session script: one '<seconds> <verb> <args>' event per line.")
    Path script;

    @Option(names = "--out", required = true, paramLabel = "FILE.wav", description = "The WAV to write.")
    Path out;

    @Option(names = "--beats", description = "Also print a line for every beat.")
    boolean beats;

    @Option(names = "--png", paramLabel = "FILE.png", description = "Also draw the session as a timeline picture.")
    Path png;

    @Option(names = "--stems", paramLabel = "DIR", description = "Also write each stem's contribution as its own WAV.")
    Path stems;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Segue segue = load(err)) {
            if (segue == null) {
                return 1;
            }
            SessionScript session;
            try {
                session = SessionScript.parse(script);
            } catch (NoSuchFileException e) {
                err.println(script + ": no such file");
                err.flush();
                return 1;
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                err.flush();
                return 1;
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            List<String> problems = session.check(segue);
            if (!problems.isEmpty()) {
                problems.forEach(err::println);
                err.flush();
                return 1;
            }
            OfflineRender.Result r = OfflineRender.render(segue, session, out, e -> {
                if (beats || e.type() != SegueEvent.Type.BEAT) {
                    w.println(e);
                }
            });
            w.printf(Locale.ROOT, "rendered %d frames (%.3f s) at %d Hz, peak %.2f dBFS -> %s%n", r.frames(),
                    r.seconds(), segue.sampleRate(), SampleAssetsCommand.dbfs(r.peak()), r.wav());
            w.flush();
            if (png != null || stems != null) {
                SessionPicture.render(sheet, session, png, stems, w, err);
            }
            return 0;
        } catch (NoSuchFileException e) {
            err.println("segue render: cannot write " + e.getFile() + ": no such file or folder");
            err.flush();
            return 1;
        } catch (java.nio.file.AccessDeniedException e) {
            err.println("segue render: cannot write " + e.getFile() + ": permission denied");
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("segue render: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            err.flush();
            return 1;
        } finally {
            w.flush();
        }
    }

    /** Builds the offline engine, or prints every error of a broken sheet and returns null. */
    private Segue load(PrintWriter err) {
        try {
            return Segue.builder().cueSheet(sheet).offline().build();
        } catch (CueSheetException e) {
            int n = e.errors().size();
            err.println(e.sheet() + ": " + n + (n == 1 ? " error" : " errors"));
            for (String line : e.errors()) {
                err.println("  " + line);
            }
            err.flush();
            return null;
        }
    }
}
