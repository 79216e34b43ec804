package dev.segue.tools.compose;

import dev.segue.tools.Synth;
import dev.segue.tools.WavWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Renders cues to 16-bit 48 kHz stereo WAV and encodes them with {@code oggenc}, then writes the cue
 * sheet and a manifest of every file's hashes. The WAV stage is deterministic; so is oggenc's output for
 * a given oggenc version (the stream serial is fixed per file), which the manifest records.
 */
final class ScoreWriter {
    static final String SHEET = "score.cues.json";
    static final String MANIFEST = "score.manifest";
    static final String TOUR = "tour.script";

    /** One written stem: its path under the output folder (".ogg"), its WAV's and Ogg's SHA-256. */
    record Written(String path, String wavSha256, String oggSha256, long frames) {
    }

    /** A cue's figures for the report. */
    record CueReport(String cue, Master.Level mix, Map<String, Master.Level> stems) {
    }

    private ScoreWriter() {
    }

    /** A rendered (and levelled) cue's stems as 16-bit stereo WAV bytes, by stem name. */
    static Map<String, byte[]> renderWav(Score.Cue cue) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : cue.stems().entrySet()) {
            out.put(e.getKey(), wav(e.getValue()));
        }
        return out;
    }

    static byte[] wav(double[][] stereo) {
        int n = stereo[0].length;
        double[] inter = new double[2 * n];
        for (int i = 0; i < n; i++) {
            inter[2 * i] = stereo[0][i];
            inter[2 * i + 1] = stereo[1][i];
        }
        return WavWriter.encode16(inter, 2, Synth.RATE);
    }

    /** Levels a rendered cue in place (see {@link Master#level}) and measures the result, mix and stems. */
    static CueReport levelled(Score.Cue cue) {
        Master.Level mix = Master.level(cue.stems());
        Map<String, Master.Level> stems = new LinkedHashMap<>();
        cue.stems().forEach((k, v) -> stems.put(k, Master.measure(v)));
        return new CueReport(cue.name(), mix, stems);
    }

    /** Encodes {@code wav} to {@code ogg} with oggenc at {@code quality}, serial fixed by {@code path}. */
    static void oggenc(Path wav, Path ogg, String path, int quality) throws IOException, InterruptedException {
        int serial = path.hashCode() & 0x7fffffff;
        run(List.of("oggenc", "-Q", "-q", Integer.toString(quality), "-s", Integer.toString(serial), "-o",
                ogg.toString(), wav.toString()));
    }

    static String oggencVersion() throws IOException, InterruptedException {
        return run(List.of("oggenc", "--version")).trim();
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(cmd.get(0) + " is not installed (Debian: apt-get install vorbis-tools)", e);
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed:\n" + log);
        }
        return log;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text file shipped with the generator (the cue sheet, the tour script). */
    static byte[] resource(String name) {
        try (InputStream in = ScoreWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/segue/tools/compose/" + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest's text: a header naming the encoder, then {@code wav-sha256 ogg-sha256 frames path} lines. */
    static String manifest(String oggenc, int quality, List<Written> files) {
        StringBuilder b = new StringBuilder();
        b.append("# segue compose: every stem it wrote. Regenerate with: ./segue compose --out assets/score\n");
        b.append("# columns: sha256 of the 16-bit WAV it rendered, sha256 of the Ogg, frames at 48 kHz, file\n");
        b.append("encoder ").append(oggenc).append(" -q ").append(quality).append('\n');
        for (Written w : files) {
            b.append(w.wavSha256()).append(' ').append(w.oggSha256()).append(' ').append(w.frames()).append(' ')
                    .append(w.path()).append('\n');
        }
        return b.toString();
    }

    /** Parses {@link #manifest} lines back (header lines skipped). */
    static List<Written> parseManifest(String text) {
        List<Written> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("encoder ")) {
                continue;
            }
            String[] w = line.trim().split(" ");
            out.add(new Written(w[3], w[0], w[1], Long.parseLong(w[2])));
        }
        return out;
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes);
    }
}
