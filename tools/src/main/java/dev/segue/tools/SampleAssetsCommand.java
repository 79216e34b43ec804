package dev.segue.tools;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segue sample-assets --out DIR}: writes the built-in sample score. */
@Command(name = "sample-assets",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = {
            "Generates the built-in sample score (what assets/sample holds).",
            "",
            "A minor, 120 BPM: 48 kHz 16-bit mono WAV stems for the cues calm, action, riser and "
                    + "pickup, plus sample.cues.json and tour.script. The output is deterministic: the "
                    + "same bytes on every run and every machine."
        })
public final class SampleAssetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        List<SampleScore.Asset> assets = SampleScore.generate();
        long wavBytes = 0;
        for (SampleScore.Asset a : assets) {
            Path file = out.resolve(a.path());
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, a.bytes());
            if (a.path().endsWith(".wav")) {
                wavBytes += a.bytes().length;
                w.printf(Locale.ROOT, "%-20s %9d bytes  %7d frames  %6.3f s  peak %6.2f dBFS%n", a.path(),
                        a.bytes().length, a.frames(), a.frames() / (double) Synth.RATE, dbfs(a.peak()));
            } else {
                w.printf(Locale.ROOT, "%-20s %9d bytes%n", a.path(), a.bytes().length);
            }
        }
        w.printf(Locale.ROOT, "%d files in %s; WAV total %d bytes (%.2f MiB)%n", assets.size(), out, wavBytes,
                wavBytes / 1048576.0);
        w.flush();
        return 0;
    }

    static double dbfs(double peak) {
        return peak <= 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(peak);
    }
}
