package dev.segue.tools;

import dev.segue.Segue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code segue bench stream}: the CPU cost of streaming. A cue of N Ogg Vorbis stems (made here with
 * {@code oggenc} from generated stereo 48 kHz audio, a couple of minutes each) plays with a parameter
 * sweeping every stem's gain; the whole engine (decoding every stem ahead into its ring, then mixing)
 * runs on one thread, offline, and is timed in times real time. Each round also plays the same sheet
 * with every stem decoded into memory, so the two figures are measured side by side.
 */
@Command(name = "stream",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = {
            "Measures how many times faster than real time one thread streams and mixes N Ogg stems.",
            "",
            "Makes N stereo 48 kHz Ogg Vorbis stems with oggenc, then alternates rounds of the whole "
                    + "engine with the stems streamed (decode + mix) and held in memory (mix only). "
                    + "Prints each round, the medians, and the streamed figure against the target of 15x."
        })
public final class BenchStreamCommand implements Callable<Integer> {
    static final int RATE = 48_000;
    static final int BLOCK = 256;
    static final double TARGET = 15;

    @Spec
    CommandSpec spec;

    @Option(names = "--stems", paramLabel = "N", defaultValue = "16",
            description = "Ogg stems playing at once (default ${DEFAULT-VALUE}).")
    int stems;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "60",
            description = "Seconds of music each round renders (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--length", paramLabel = "S", defaultValue = "120",
            description = "Length of each stem in seconds (default ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Measured rounds of each kind after a warm-up (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        if (stems < 1 || stems > 64) {
            throw new ParameterException(spec.commandLine(), "--stems must be 1..64");
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new ParameterException(spec.commandLine(), "--seconds must be above 0 and at most 3600");
        }
        if (length < 10 || length > 1200) {
            throw new ParameterException(spec.commandLine(), "--length must be 10..1200 seconds");
        }
        if (rounds < 1 || rounds > 50) {
            throw new ParameterException(spec.commandLine(), "--rounds must be 1..50");
        }
        PrintWriter w = spec.commandLine().getOut();
        if (!onPath("oggenc")) {
            spec.commandLine().getErr().println("segue bench stream: oggenc (vorbis-tools) is not installed");
            return 2;
        }
        w.printf(Locale.ROOT, "segue bench stream: %d stereo Ogg Vorbis stems of %d s at %d Hz, %d-frame blocks, one thread%n",
                stems, length, RATE, BLOCK);
        Runtime.Version v = Runtime.version();
        w.printf(Locale.ROOT, "JVM: Java %s, %s, %d processors visible%n", v, System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors());
        w.flush();
        Path dir = Files.createTempDirectory("segue-bench-stream-");
        try {
            Path sheet = writeSession(dir, w);
            try (Segue streamed = Segue.builder().cueSheet(sheet).blockFrames(BLOCK).offline().streamThreshold(0).build();
                    Segue memory = Segue.builder().cueSheet(sheet).blockFrames(BLOCK).offline()
                            .streamThreshold(Double.POSITIVE_INFINITY).build()) {
                Session s = new Session(streamed);
                Session m = new Session(memory);
                w.printf(Locale.ROOT, "warm-up : streamed %7.1fx, in memory %7.1fx%n", s.round(seconds), m.round(seconds));
                w.flush();
                double[] rs = new double[rounds];
                double[] rm = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    rs[r] = s.round(seconds);
                    rm[r] = m.round(seconds);
                    w.printf(Locale.ROOT, "round %d : streamed %7.1fx, in memory %7.1fx real time%n", r + 1, rs[r], rm[r]);
                    w.flush();
                }
                double ms = BenchMixCommand.median(rs);
                double mm = BenchMixCommand.median(rm);
                w.printf(Locale.ROOT, "median  : streamed %.1fx real time (decode + mix of %d Ogg stems on one thread), "
                        + "in memory %.1fx (mix only); streaming costs %.1f%% of one core per playing second%n",
                        ms, stems, mm, 100 / ms);
                w.printf(Locale.ROOT, "target  : streamed >= %.0fx real time: %s (underruns %d, checksums %.3f / %.3f)%n",
                        TARGET, ms >= TARGET ? "met" : "NOT met", streamed.streamUnderruns(), s.checksum, m.checksum);
                return 0;
            }
        } finally {
            BenchMixCommand.deleteTree(dir);
            w.flush();
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Plays the cue with the parameter sweeping; measures wall time. */
    private static final class Session {
        private final Segue segue;
        private final float[] buf = new float[2 * BLOCK];
        private long frame;
        double checksum;

        Session(Segue segue) {
            this.segue = segue;
            segue.addListener(e -> { });
            segue.setState("play");
        }

        double round(double seconds) {
            long total = Math.round(seconds * RATE);
            long start = System.nanoTime();
            int blocks = 0;
            for (long done = 0; done < total; ) {
                int n = (int) Math.min(BLOCK, total - done);
                segue.setParameter("intensity", (float) (0.5 + 0.5 * Math.sin(2 * Math.PI * frame / (7.0 * RATE))));
                segue.render(buf, n);
                checksum += Math.abs(buf[0]) + Math.abs(buf[2 * n - 1]);
                if (++blocks % 8 == 0) {
                    segue.update();
                }
                done += n;
                frame += n;
            }
            return total / (double) RATE / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Writes N stems (WAV, then oggenc) and a one-cue sheet; returns the sheet. */
    private Path writeSession(Path dir, PrintWriter w) throws IOException, InterruptedException {
        int frames = length * RATE;
        int bar = 2 * RATE;
        Rng rng = new Rng(0x57AEL);
        long t0 = System.nanoTime();
        List<Process> encoders = new ArrayList<>();
        for (int s = 0; s < stems; s++) {
            double[] x = new double[2 * frames];
            double f = 55.0 * Math.pow(2, (s * 5 % 36) / 12.0);
            double pan = (double) s / Math.max(1, stems - 1);
            for (int i = 0; i < frames; i++) {
                double tone = 0.1 * Math.sin(2 * Math.PI * f * i / RATE) + 0.03 * Math.sin(2 * Math.PI * 3.01 * f * i / RATE);
                double pulse = 0.5 + 0.5 * Math.cos(2 * Math.PI * (i % (bar / 4)) / (bar / 4.0));
                x[2 * i] = (tone * pulse + 0.02 * rng.bipolar()) * (1 - 0.5 * pan);
                x[2 * i + 1] = (tone * pulse + 0.02 * rng.bipolar()) * (0.5 + 0.5 * pan);
            }
            Path wav = dir.resolve(String.format(Locale.ROOT, "stem%02d.wav", s + 1));
            WavWriter.write16(wav, x, 2, RATE);
            if (encoders.size() >= 2) {
                finish(encoders.remove(0));
            }
            encoders.add(new ProcessBuilder("oggenc", "-Q", "-q", "5", "-o", wav.toString().replace(".wav", ".ogg"),
                    wav.toString()).redirectErrorStream(true).start());
            w.printf(Locale.ROOT, "\rencoding stems with oggenc: %d/%d", s + 1, stems);
            w.flush();
        }
        for (Process p : encoders) {
            finish(p);
        }
        try (Stream<Path> l = Files.list(dir)) {
            for (Path p : (Iterable<Path>) l.filter(p -> p.toString().endsWith(".wav"))::iterator) {
                Files.delete(p);
            }
        }
        w.printf(Locale.ROOT, "%nstems made in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, dir);
        StringBuilder j = new StringBuilder("{\"parameters\": {\"intensity\": {\"default\": 0.5}},\n \"cues\": {\"play\": {")
                .append("\"tempo\": {\"bpm\": 120}, \"loop\": {\"start\": \"1:1\"}, \"stems\": [\n");
        for (int s = 0; s < stems; s++) {
            String pts = s % 2 == 0 ? "[[0, 0.1], [1, 1]]" : "[[0, 1], [1, 0.1]]";
            j.append(String.format(Locale.ROOT, "  {\"name\": \"s%d\", \"file\": \"stem%02d.ogg\", \"gainDb\": -12,"
                    + " \"gainCurve\": {\"parameter\": \"intensity\", \"points\": %s}}%s%n", s, s + 1, pts,
                    s + 1 < stems ? "," : ""));
        }
        j.append("]}},\n \"states\": {\"play\": \"play\"}}\n");
        Path sheet = dir.resolve("stream.cues.json");
        Files.writeString(sheet, j);
        return sheet;
    }

    private static void finish(Process p) throws IOException, InterruptedException {
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("oggenc failed: " + log);
        }
    }
}
