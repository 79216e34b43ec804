package dev.segue.tools;

import dev.segue.Segue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code segue bench mix}: how many times faster than real time one thread mixes a busy session.
 * Two cues of N stereo stems each; the state flips between them every 2 bars with a 1-bar equal-power
 * crossfade, and a parameter driving every stem's gain curve moves every block.
 */
@Command(name = "mix",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = {
            "Measures how many times faster than real time one thread mixes a busy session.",
            "",
            "Two cues of N 16-bit stereo stems each, a state switch every 2 bars with a 1-bar "
                    + "equal-power crossfade, and the 'intensity' parameter moving every block. One "
                    + "warm-up round, then the measured rounds; prints each round and the median."
        })
public final class BenchMixCommand implements Callable<Integer> {
    static final int RATE = 48_000;
    static final int BLOCK = 256;
    static final int BAR = 2 * RATE; // 4/4 at 120 BPM
    static final int STEM_BARS = 8;

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "60",
            description = "Seconds of audio each round renders (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--stems", paramLabel = "N", defaultValue = "16",
            description = "Stereo stems per cue (default ${DEFAULT-VALUE}).")
    int stems;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Measured rounds after the warm-up (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws IOException {
        if (stems < 1 || stems > 64) {
            throw new ParameterException(spec.commandLine(), "--stems must be 1..64");
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new ParameterException(spec.commandLine(), "--seconds must be above 0 and at most 3600");
        }
        if (rounds < 1 || rounds > 100) {
            throw new ParameterException(spec.commandLine(), "--rounds must be 1..100");
        }
        PrintWriter w = spec.commandLine().getOut();
        Runtime.Version v = Runtime.version();
        w.printf(Locale.ROOT, "segue bench mix: %d stereo 16-bit stems per cue, 2 cues, %d bars at 120 BPM, %d Hz, "
                + "%d-frame blocks%n", stems, STEM_BARS, RATE, BLOCK);
        w.printf(Locale.ROOT, "JVM: Java %s, %s (%s), %d processors visible%n", v,
                System.getProperty("java.vm.name"), System.getProperty("java.vendor"),
                Runtime.getRuntime().availableProcessors());
        w.println("threads: single-threaded (offline engine, no audio thread; this thread renders every block)");
        w.flush();

        Path dir = Files.createTempDirectory("segue-bench-");
        try {
            long t0 = System.nanoTime();
            Path sheet = writeSession(dir);
            long t1 = System.nanoTime();
            try (Segue segue = Segue.builder().cueSheet(sheet).sampleRate(RATE).blockFrames(BLOCK).offline().build()) {
                long t2 = System.nanoTime();
                segue.addListener(e -> { });
                w.printf(Locale.ROOT, "setup: stems written in %.2f s, sheet loaded in %.2f s (%s)%n",
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9, dir);
                w.flush();
                Session session = new Session(segue);
                double warm = session.round(seconds);
                w.printf(Locale.ROOT, "warm-up : %7.1fx real time%n", warm);
                w.flush();
                double[] results = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    results[r] = session.round(seconds);
                    w.printf(Locale.ROOT, "round %d : %7.1fx real time  (%.1f s of audio)%n", r + 1, results[r], seconds);
                    w.flush();
                }
                double median = median(results);
                w.printf(Locale.ROOT, "median  : %7.1fx real time on 1 thread (%d stems x 2 cues; checksum %.3f)%n",
                        median, stems, session.checksum);
            }
        } finally {
            deleteTree(dir);
            w.flush();
        }
        return 0;
    }

    /** Drives the engine: state flips, parameter sweeps, event dispatch; measures wall time. */
    private static final class Session {
        private final Segue segue;
        private final float[] buf = new float[2 * BLOCK];
        private long frame;
        private long nextSwitch = 2L * BAR;
        private boolean onB;
        private int blocks;
        double checksum;

        Session(Segue segue) {
            this.segue = segue;
            segue.setState("a");
            segue.setParameter("intensity", 0.5f);
        }

        /** Renders {@code seconds} of audio; returns rendered seconds per wall-clock second. */
        double round(double seconds) {
            long total = Math.round(seconds * RATE);
            long start = System.nanoTime();
            for (long done = 0; done < total; ) {
                int n = (int) Math.min(BLOCK, total - done);
                if (frame >= nextSwitch) {
                    onB = !onB;
                    segue.setState(onB ? "b" : "a");
                    nextSwitch += 2L * BAR;
                }
                // a slow sine sweep, 7 s around, so it never lines up with the bar grid
                float intensity = (float) (0.5 + 0.5 * Math.sin(2 * Math.PI * frame / (7.0 * RATE)));
                segue.setParameter("intensity", intensity);
                segue.render(buf, n);
                checksum += Math.abs(buf[0]) + Math.abs(buf[2 * n - 1]);
                if (++blocks % 8 == 0) {
                    segue.update();
                }
                done += n;
                frame += n;
            }
            long wall = System.nanoTime() - start;
            return total / (double) RATE / (wall / 1e9);
        }
    }

    /** Writes the stems and a two-cue sheet into {@code dir}; returns the sheet. */
    private Path writeSession(Path dir) throws IOException {
        int frames = STEM_BARS * BAR;
        Rng rng = new Rng(0xBE7C4L);
        for (int s = 0; s < stems; s++) {
            double[] x = new double[2 * frames];
            double f = 55.0 * Math.pow(2, (s * 5 % 36) / 12.0); // spread over three octaves
            double noise = 0.02 + 0.01 * (s % 3);
            double pan = (double) s / Math.max(1, stems - 1);
            for (int i = 0; i < frames; i++) {
                double tone = 0.1 * Math.sin(2 * Math.PI * f * i / RATE);
                double pulse = 0.5 + 0.5 * Math.cos(2 * Math.PI * (i % (BAR / 4)) / (BAR / 4.0)); // on the beat
                double l = tone * pulse + noise * rng.bipolar();
                double r = tone * pulse + noise * rng.bipolar();
                x[2 * i] = l * (1 - 0.5 * pan);
                x[2 * i + 1] = r * (0.5 + 0.5 * pan);
            }
            WavWriter.write16(dir.resolve(stemFile(s)), x, 2, RATE);
        }
        StringBuilder j = new StringBuilder();
        j.append("{\n  \"format\": 1,\n  \"description\": \"segue bench mix\",\n");
        j.append("  \"parameters\": { \"intensity\": { \"min\": 0, \"max\": 1, \"default\": 0.5 } },\n");
        j.append("  \"cues\": {\n");
        for (int c = 0; c < 2; c++) {
            String cue = c == 0 ? "a" : "b";
            j.append("    \"").append(cue).append("\": {\n");
            j.append("      \"tempo\": { \"bpm\": 120, \"meter\": \"4/4\" },\n");
            j.append("      \"loop\": { \"start\": \"1:1\", \"end\": \"").append(STEM_BARS + 1).append(":1\" },\n");
            j.append("      \"stems\": [\n");
            for (int s = 0; s < stems; s++) {
                boolean rising = (s + c) % 2 == 0;
                double lo = 0.1 + 0.4 * s / Math.max(1, stems);
                String points = rising ? "[[0, 0], [" + fmt(lo) + ", 0.2], [1, 1]]" : "[[0, 1], [" + fmt(lo) + ", 0.6], [1, 0.1]]";
                j.append("        { \"name\": \"s").append(s).append("\", \"file\": \"").append(stemFile(s))
                        .append("\", \"gainDb\": -12, \"gainCurve\": { \"parameter\": \"intensity\", \"points\": ")
                        .append(points).append(" } }").append(s + 1 < stems ? ",\n" : "\n");
            }
            j.append("      ]\n    }").append(c == 0 ? ",\n" : "\n");
        }
        j.append("  },\n");
        j.append("  \"states\": { \"a\": \"a\", \"b\": \"b\" },\n");
        j.append("  \"transitions\": [\n    { \"from\": \"*\", \"to\": \"*\", \"when\": \"nextBar\", ")
                .append("\"fadeOut\": { \"length\": \"1 bar\", \"curve\": \"equalPower\" }, ")
                .append("\"fadeIn\": { \"length\": \"1 bar\", \"curve\": \"equalPower\" } }\n  ]\n}\n");
        Path sheet = dir.resolve("bench.cues.json");
        Files.writeString(sheet, j);
        return sheet;
    }

    private static String stemFile(int s) {
        return String.format(Locale.ROOT, "stem%02d.wav", s + 1);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    /** The median of {@code a}. */
    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
