package dev.segue.tools;

import dev.segue.decode.AudioFiles;
import dev.segue.decode.PcmSource;
import dev.segue.decode.ResamplingSource;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code segue bench decode}: how many times faster than real time Segue's decoder for a file's
 * format reads the whole file, side by side with the format's native command-line decoder.
 *
 * <p>Each round decodes the file once with our decoder (4096-frame reads, one thread), optionally once
 * more through a {@link ResamplingSource}, then runs the native decoder once as a separate process;
 * the native time is the whole process's wall clock, start-up included.
 */
@Command(name = "decode",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = {
            "Measures how many times faster than real time Segue decodes FILE, beside the native decoder.",
            "",
            "The format is detected from the content. Warm-up rounds, then N measured rounds; each "
                    + "round decodes the whole file with Segue (4096-frame reads) and then with the "
                    + "native tool (oggdec, lame, flac or sox; timed as a whole process, wall clock). "
                    + "Prints each round, the medians and the ratio."
        })
public final class BenchDecodeCommand implements Callable<Integer> {
    static final int BUFFER_FRAMES = 4096;
    /** The speed Segue's Ogg Vorbis path should reach, as a fraction of oggdec's. */
    static final double OGG_TARGET = 0.7;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The audio file (WAV, Ogg Vorbis, MP3 or FLAC).")
    Path file;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Measured rounds after the warm-up (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--resample", paramLabel = "HZ",
            description = "Also decode through the resampler to HZ (skipped when the file is already at HZ).")
    Integer resample;

    @Override
    public Integer call() {
        if (rounds < 1 || rounds > 100) {
            throw new ParameterException(spec.commandLine(), "--rounds must be 1..100");
        }
        if (resample != null && (resample < 1000 || resample > 768_000)) {
            throw new ParameterException(spec.commandLine(), "--resample must be 1000..768000 Hz");
        }
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path tmp = null;
        try {
            AudioFiles.Format format = AudioFiles.detect(file);
            int rate;
            int channels;
            long declared;
            try (PcmSource s = AudioFiles.open(file)) {
                rate = s.sampleRate();
                channels = s.channels();
                declared = s.frames();
            }
            boolean resampling = resample != null && resample != rate;

            w.printf(Locale.ROOT, "segue bench decode: %s%n", file);
            w.printf(Locale.ROOT, "format  : %s, %d Hz, %d channel%s, %s%n", format, rate, channels,
                    channels == 1 ? "" : "s",
                    declared >= 0 ? String.format(Locale.ROOT, "%.3f s (%d frames)", declared / (double) rate, declared)
                            : "length not declared");
            Runtime.Version v = Runtime.version();
            w.printf(Locale.ROOT, "JVM     : Java %s, %s, 1 thread, %d-frame reads%n", v,
                    System.getProperty("java.vm.name"), BUFFER_FRAMES);
            if (resample != null && !resampling) {
                w.printf(Locale.ROOT, "resample: the file is already at %d Hz; nothing to resample%n", rate);
            }

            tmp = Files.createTempDirectory("segue-bench-decode-");
            Native nat = Native.forFormat(format, file, tmp);
            if (nat == null) {
                w.printf(Locale.ROOT, "native  : none for %s; measuring Segue only%n", format);
            } else if (nat.executable == null) {
                w.printf(Locale.ROOT, "native  : %s not found on PATH; measuring Segue only%n", nat.tool);
                nat = null;
            } else {
                w.printf(Locale.ROOT, "native  : %s (%s; whole process, wall clock)%n",
                        String.join(" ", nat.command), nat.executable);
            }
            w.flush();

            String ours = ourName(format);
            String resName = "+resample " + (resample == null ? 0 : resample);
            int width = Math.max(ours.length(), Math.max(resampling ? resName.length() : 0,
                    nat == null ? 0 : nat.tool.length()));

            // warm-up: our path three times (the JIT needs more than one pass to settle), then every
            // path once, so class loading, compilation and the page cache are behind us
            decode(null);
            decode(null);
            Decode warm = decode(null);
            double seconds = warm.frames / (double) rate;
            StringBuilder line = new StringBuilder("warm-up :");
            line.append(cell(ours, width, seconds / warm.wall));
            if (resampling) {
                line.append(cell(resName, width, seconds / decode(resample).wall));
            }
            if (nat != null && timeNative(nat, line, w, width, seconds) < 0) {
                nat = null;
            }
            if (line.length() > 0) {
                w.println(line);
            }
            w.flush();

            double[] mine = new double[rounds];
            double[] res = new double[rounds];
            double[] theirs = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                line.setLength(0);
                line.append(String.format(Locale.ROOT, "round %-2d:", r + 1));
                Decode d = decode(null);
                if (d.frames != warm.frames) {
                    err.printf(Locale.ROOT, "segue bench decode: %s decoded to %d frames, then to %d%n",
                            file, warm.frames, d.frames);
                    err.flush();
                    return 1;
                }
                mine[r] = seconds / d.wall;
                line.append(cell(ours, width, mine[r]));
                if (resampling) {
                    res[r] = seconds / decode(resample).wall;
                    line.append(cell(resName, width, res[r]));
                }
                if (nat != null) {
                    theirs[r] = timeNative(nat, line, w, width, seconds);
                    if (theirs[r] < 0) {
                        nat = null;
                    }
                }
                if (line.length() > 0) {
                    w.println(line);
                }
                w.flush();
            }

            double medOurs = median(mine);
            line.setLength(0);
            line.append("median  :").append(cell(ours, width, medOurs));
            if (resampling) {
                line.append(cell(resName, width, median(res)));
            }
            Double medNative = nat == null ? null : median(theirs);
            if (medNative != null) {
                line.append(cell(nat.tool, width, medNative));
            }
            w.println(line);
            w.printf(Locale.ROOT, "audio   : %.3f s per round, %d rounds (checksum %.3f)%n", seconds, rounds, warm.checksum);
            if (resampling) {
                w.printf(Locale.ROOT, "resample: %d -> %d Hz costs %.0f%% of the decode-only speed%n", rate, resample,
                        100 * (1 - median(res) / medOurs));
            }
            if (medNative != null) {
                double ratio = medOurs / medNative;
                w.printf(Locale.ROOT, "%s path at %.2fx the speed of %s%n", ours, ratio, nat.tool);
                if (format == AudioFiles.Format.OGG) {
                    w.printf(Locale.ROOT, "target  : >= %.1fx of oggdec: %s%n", OGG_TARGET,
                            ratio >= OGG_TARGET ? "met" : "NOT met");
                }
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("segue bench decode: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            err.flush();
            return 1;
        } finally {
            if (tmp != null) {
                deleteFlat(tmp);
            }
            w.flush();
        }
    }

    /** One full decode: frames read, wall seconds and a checksum (so the work cannot be skipped). */
    private record Decode(long frames, double wall, double checksum) {
    }

    /** Decodes the whole file once, through the resampler to {@code toRate} if it is not null. */
    private Decode decode(Integer toRate) throws IOException {
        long start = System.nanoTime();
        long frames = 0;
        double sum = 0;
        PcmSource s = AudioFiles.open(file);
        if (toRate != null) {
            s = new ResamplingSource(s, toRate);
        }
        try (PcmSource src = s) {
            float[] buf = new float[BUFFER_FRAMES * src.channels()];
            int n;
            while ((n = src.read(buf, 0, BUFFER_FRAMES)) >= 0) {
                if (n > 0) {
                    sum += Math.abs(buf[0]) + Math.abs(buf[n * src.channels() - 1]);
                    frames += n;
                }
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Decode(frames, wall, sum);
    }

    private static String cell(String name, int width, double x) {
        return String.format(Locale.ROOT, "  %-" + width + "s %7.1fx real time", name, x);
    }

    /** What the report calls Segue's decoder for {@code f}. */
    static String ourName(AudioFiles.Format f) {
        switch (f) {
            case OGG:
                return "JOrbis";
            case MP3:
                return "JLayer";
            case FLAC:
                return "jFLAC";
            default:
                return "Segue";
        }
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The format's native command-line decoder, run as a process writing nowhere useful. */
    /**
     * Runs the native decoder once and adds its speed to {@code line}.
     *
     * @return times real time, or -1 after printing why it failed (the bench then measures Segue only)
     */
    private static double timeNative(Native nat, StringBuilder line, PrintWriter w, int width, double seconds)
            throws IOException {
        double t = nat.run();
        if (t < 0) {
            w.println(line);
            w.printf(Locale.ROOT, "native  : %s failed (%s); measuring Segue only%n", nat.tool, nat.failure);
            line.setLength(0);
            return -1;
        }
        line.append(cell(nat.tool, width, seconds / t));
        return seconds / t;
    }

    static final class Native {
        final String tool;
        final List<String> command;
        final Path executable;
        final Path log;
        String failure;

        private Native(String tool, List<String> command, Path tmp) {
            this.tool = tool;
            this.command = command;
            this.executable = onPath(tool);
            this.log = tmp.resolve(tool + ".log");
        }

        static Native forFormat(AudioFiles.Format format, Path file, Path tmp) {
            Path devNull = Path.of("/dev/null");
            boolean hasDevNull = Files.exists(devNull);
            String f = file.toString();
            switch (format) {
                case OGG: {
                    String out = hasDevNull ? devNull.toString() : tmp.resolve("oggdec.wav").toString();
                    return new Native("oggdec", List.of("oggdec", "-Q", "-o", out, f), tmp);
                }
                case MP3: {
                    String out = hasDevNull ? devNull.toString() : tmp.resolve("lame.wav").toString();
                    return new Native("lame", List.of("lame", "--quiet", "--decode", f, out), tmp);
                }
                case FLAC:
                    return new Native("flac", List.of("flac", "-s", "-d", "-f", "-o",
                            tmp.resolve("flac.wav").toString(), f), tmp);
                case WAV:
                    return new Native("sox", List.of("sox", f, "-n"), tmp);
                default:
                    return null;
            }
        }

        /** Runs the decoder once; its wall-clock seconds, or -1 (and {@link #failure} set) if it failed. */
        double run() throws IOException {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
            pb.redirectErrorStream(true);
            pb.redirectOutput(log.toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '/' ? "/dev/null" : "NUL")));
            long start = System.nanoTime();
            Process p = pb.start();
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(tool + " was interrupted", e);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            if (code != 0) {
                String said = Files.readString(log, StandardCharsets.UTF_8).strip();
                int nl = said.indexOf('\n');
                failure = "exit " + code + (said.isEmpty() ? "" : ": " + (nl < 0 ? said : said.substring(0, nl)));
                return -1;
            }
            return wall;
        }

        /** The executable {@code name} on the PATH, or null. */
        static Path onPath(String name) {
            String path = System.getenv("PATH");
            if (path == null) {
                return null;
            }
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                for (String ext : new String[] {"", ".exe"}) {
                    Path p = Path.of(dir, name + ext);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return p;
                    }
                }
            }
            return null;
        }
    }

    /** Deletes {@code dir} and the files directly in it (the native decoders' outputs and logs). */
    private static void deleteFlat(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temp folder is not worth failing the benchmark for
        }
    }
}
