package dev.segue.tools.compose;

import dev.segue.tools.SegueCli;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segue compose --out DIR}: composes, renders and encodes the demo score. */
@Command(name = "compose",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = {
            "Composes and renders the demo score (what assets/score holds) as Ogg Vorbis stems.",
            "",
            "D minor throughout: title (80 BPM), explore and combat (100 BPM, one form, so they can swap "
                    + "at the same position), boss_intro and boss (150 BPM), cutscene (72 BPM, 3/4), and the "
                    + "stingers victory, game_over, pickup and discovery. Every cue's full mix is levelled "
                    + "to -16 LUFS integrated, every stem kept under -2 dBTP. The stems render as 48 kHz "
                    + "16-bit stereo WAV (deterministic, the same bytes everywhere) and oggenc encodes them; "
                    + "score.cues.json, tour.script (a one-minute session for segue render) and score.manifest (every file's hashes) are written beside them.",
            "",
            "Needs oggenc (Debian: vorbis-tools). Exit status: 0 written; 1 oggenc failed or the folder "
                    + "cannot be written; 2 bad options."
        })
public final class ComposeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created if missing).")
    Path out;

    @Option(names = "--wav-dir", paramLabel = "DIR", description = "Also keep the rendered WAVs here, to listen to or inspect.")
    Path wavDir;

    @Option(names = "--png-dir", paramLabel = "DIR",
            description = "Also draw each cue as a PNG here: a waveform lane per stem, bar lines, the loop marked, levels.")
    Path pngDir;

    @Option(names = "--cue", paramLabel = "NAME", split = ",",
            description = "Only these cues (comma-separated); then neither the sheet nor the manifest is written.")
    List<String> only;

    /** Vorbis quality: 4 is about 128 kbit/s stereo, transparent for this material. */
    static final int QUALITY = 4;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Supplier<Score.Cue>> cues = Score.cues();
        if (only != null) {
            for (String c : only) {
                if (!cues.containsKey(c)) {
                    err.println("segue compose: no cue named '" + c + "'; the cues are " + String.join(", ", cues.keySet()));
                    err.flush();
                    return 2;
                }
            }
        }
        String encoder;
        try {
            encoder = ScoreWriter.oggencVersion();
        } catch (java.io.IOException e) {
            err.println("segue compose: " + e.getMessage());
            err.flush();
            return 1;
        }
        Path tmp = Files.createTempDirectory("segue-compose");
        List<ScoreWriter.Written> written = new ArrayList<>();
        try {
            int done = 0;
            int total = only == null ? cues.size() : only.size();
            for (Map.Entry<String, Supplier<Score.Cue>> e : cues.entrySet()) {
                if (only != null && !only.contains(e.getKey())) {
                    continue;
                }
                progress(err, done, total, e.getKey());
                Score.Cue cue = e.getValue().get();
                ScoreWriter.CueReport report = ScoreWriter.levelled(cue);
                Map<String, byte[]> wavs = ScoreWriter.renderWav(cue);
                for (Map.Entry<String, byte[]> s : wavs.entrySet()) {
                    String path = cue.name() + "/" + s.getKey() + ".ogg";
                    Path wav = (wavDir != null ? wavDir : tmp).resolve(cue.name() + "/" + s.getKey() + ".wav");
                    ScoreWriter.write(wav, s.getValue());
                    Path ogg = out.resolve(path);
                    Files.createDirectories(ogg.toAbsolutePath().getParent());
                    ScoreWriter.oggenc(wav, ogg, path, QUALITY);
                    long frames = (s.getValue().length - 44) / 4;
                    written.add(new ScoreWriter.Written(path, ScoreWriter.sha256(s.getValue()),
                            ScoreWriter.sha256(Files.readAllBytes(ogg)), frames));
                }
                if (pngDir != null) {
                    CuePicture.write(pngDir.resolve(cue.name() + ".png"), cue, report);
                }
                print(w, report, cue.form());
                done++;
            }
            progress(err, done, total, "done");
            err.println();
            if (only == null) {
                ScoreWriter.write(out.resolve(ScoreWriter.SHEET), ScoreWriter.resource(ScoreWriter.SHEET));
                ScoreWriter.write(out.resolve(ScoreWriter.TOUR), ScoreWriter.resource(ScoreWriter.TOUR));
                ScoreWriter.write(out.resolve(ScoreWriter.MANIFEST),
                        ScoreWriter.manifest(encoder, QUALITY, written).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            long bytes = 0;
            for (ScoreWriter.Written x : written) {
                bytes += Files.size(out.resolve(x.path()));
            }
            w.printf(Locale.ROOT, "%d stems in %s: %.2f MiB of Ogg Vorbis%n", written.size(), out, bytes / 1048576.0);
            return 0;
        } catch (java.io.IOException e) {
            err.println("segue compose: " + e.getMessage());
            return 1;
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            w.flush();
            err.flush();
        }
    }

    private static void progress(PrintWriter err, int done, int total, String what) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d %-12s", "#".repeat(filled), " ".repeat(width - filled), done, total, what);
        err.flush();
    }

    private static void print(PrintWriter w, ScoreWriter.CueReport r, Form f) {
        w.printf(Locale.ROOT, "%-11s %3d BPM %d/4 %6.2f s  mix %6.2f LUFS  %6.2f dBTP  LRA %4.1f LU%n", r.cue(), f.bpm(),
                f.beatsPerBar(), f.fileFrames() / 48_000.0, r.mix().integratedLufs(), r.mix().truePeakDbtp(),
                r.mix().loudnessRangeLu());
        r.stems().forEach((name, l) -> w.printf(Locale.ROOT, "    %-9s %6.2f LUFS  %6.2f dBTP%n", name, l.integratedLufs(),
                l.truePeakDbtp()));
        w.flush();
    }
}
