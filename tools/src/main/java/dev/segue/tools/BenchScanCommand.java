package dev.segue.tools;

import dev.segue.decode.AudioFiles;
import dev.segue.decode.PcmSource;
import dev.segue.library.BeatGrid;
import dev.segue.library.MusicLibrary;
import dev.segue.library.ScanReport;
import dev.segue.library.Song;
import dev.segue.library.SongAnalysis;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code segue bench scan}: the custom-soundtrack library's scan rate on a generated library (cold:
 * every file opened; warm: an unchanged library rescanned through its index) and its tempo-analysis
 * speed in times real time.
 */
@Command(name = "scan",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = {
            "Measures the music-library scan (files/s, cold and warm) and tempo analysis (x real time).",
            "",
            "Generates N small files: 1-second songs encoded by oggenc, lame and flac (those on PATH) "
                    + "and WAV, eight tag variants each, copied into artist/album folders. Scans them with "
                    + "an empty index (cold), then again from the index on disk (warm). Then analyses one "
                    + "longer song per format."
        })
public final class BenchScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--files", paramLabel = "N", defaultValue = "10000",
            description = "Files in the generated library (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Files opened at once in the scans (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--song-seconds", paramLabel = "S", defaultValue = "60",
            description = "Length of each song the analysis is timed on (default ${DEFAULT-VALUE}).")
    int songSeconds;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to generate the library (default: a temporary folder, deleted afterwards).")
    Path dir;

    private static final int RATE = 44_100;
    private static final int VARIANTS = 8;

    @Override
    public Integer call() throws IOException, InterruptedException, ExecutionException {
        if (files < 1 || files > 1_000_000) {
            throw new ParameterException(spec.commandLine(), "--files must be 1..1000000");
        }
        if (songSeconds < 5 || songSeconds > 3600) {
            throw new ParameterException(spec.commandLine(), "--song-seconds must be 5..3600");
        }
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean temporary = dir == null;
        Path root = temporary ? Files.createTempDirectory("segue-bench-scan") : dir;
        try {
            Path seeds = root.resolve("seeds");
            Files.createDirectories(seeds);
            List<Path> variants = seeds(seeds, w);
            Path library = root.resolve("library");
            long t0 = System.nanoTime();
            fill(library, variants);
            w.printf(Locale.ROOT, "library : %d files from %d encoded variants in %s (made in %.1f s)%n", files,
                    variants.size(), library, (System.nanoTime() - t0) / 1e9);
            w.printf(Locale.ROOT, "JVM     : Java %s, %d scan threads, %d cores%n", System.getProperty("java.version"),
                    threads, Runtime.getRuntime().availableProcessors());

            Path index = root.resolve("index.json");
            Files.deleteIfExists(index);
            ScanReport cold = timedScan(index, library, err);
            ScanReport warm = timedScan(index, library, err);
            double coldRate = cold.songs().size() / cold.seconds();
            double warmRate = warm.songs().size() / warm.seconds();
            w.printf(Locale.ROOT, "cold    : %d songs, %d skipped in %.2f s = %.0f files/s (every file opened)%n",
                    cold.songs().size(), cold.skipped().size(), cold.seconds(), coldRate);
            w.printf(Locale.ROOT, "warm    : %d songs in %.2f s = %.0f files/s (%d from the index, none opened)%n",
                    warm.songs().size(), warm.seconds(), warmRate, warm.reused());
            w.printf(Locale.ROOT, "ratio   : warm is %.1fx cold%n", warmRate / coldRate);

            analysis(root.resolve("songs"), w, err);
        } finally {
            if (temporary) {
                deleteTree(root);
            }
        }
        return 0;
    }

    private ScanReport timedScan(Path index, Path library, PrintWriter err) throws ExecutionException, InterruptedException {
        MusicLibrary lib = MusicLibrary.open(index);
        ProgressBar bar = new ProgressBar(err, "files");
        try {
            return lib.scan(List.of(library), threads, bar).await();
        } finally {
            bar.finish();
        }
    }

    /** One-second songs: per available encoder, {@value #VARIANTS} tag variants; plus WAV. */
    private static List<Path> seeds(Path dir, PrintWriter w) throws IOException, InterruptedException {
        Path wav = dir.resolve("seed.wav");
        WavWriter.write16(wav, clicks(1.0, 120), 1, RATE);
        List<Path> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int v = 0; v < VARIANTS; v++) {
            String title = "Song " + (char) ('A' + v) + " — café " + v;
            String artist = "Artist " + v;
            String album = "Album " + v;
            String track = Integer.toString(v + 1);
            Path ogg = dir.resolve("v" + v + ".ogg");
            if (run(missing, List.of("oggenc", "-Q", "-q", "2", "-t", title, "-a", artist, "-l", album, "-N", track,
                    "-o", ogg.toString(), wav.toString()))) {
                out.add(ogg);
            }
            Path mp3 = dir.resolve("v" + v + ".mp3");
            if (run(missing, List.of("lame", "--quiet", "-b", "96", "--tt", title, "--ta", artist, "--tl", album,
                    "--tn", track, wav.toString(), mp3.toString()))) {
                out.add(mp3);
            }
            Path flac = dir.resolve("v" + v + ".flac");
            if (run(missing, List.of("flac", "--silent", "-f", "-T", "TITLE=" + title, "-T", "ARTIST=" + artist,
                    "-T", "ALBUM=" + album, "-T", "TRACKNUMBER=" + track, "-o", flac.toString(), wav.toString()))) {
                out.add(flac);
            }
            Path plain = dir.resolve("v" + v + ".wav");
            WavWriter.write16(plain, clicks(1.0, 90 + 10 * v), 1, RATE);
            out.add(plain);
        }
        if (!missing.isEmpty()) {
            w.printf(Locale.ROOT, "encoders: %s not on PATH; those formats are left out%n", String.join(", ",
                    missing.stream().distinct().toList()));
        }
        return out;
    }

    private static boolean run(List<String> missing, List<String> cmd) throws IOException, InterruptedException {
        if (BenchDecodeCommand.Native.onPath(cmd.get(0)) == null) {
            missing.add(cmd.get(0));
            return false;
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed");
        }
        return true;
    }

    /** Copies the variants round-robin into 100-file album folders. */
    private void fill(Path library, List<Path> variants) throws IOException {
        for (int i = 0; i < files; i++) {
            Path src = variants.get(i % variants.size());
            String name = src.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.'));
            Path folder = library.resolve("Artist " + (i / 1000)).resolve("Album " + (i / 100 % 10));
            if (i % 100 == 0) {
                Files.createDirectories(folder);
            }
            Files.copy(src, folder.resolve(String.format(Locale.ROOT, "%02d song %d%s", i % 100 + 1, i, ext)));
        }
    }

    /** Analyses one song per format of {@code songSeconds}; prints times real time for each. */
    private void analysis(Path dir, PrintWriter w, PrintWriter err) throws IOException, InterruptedException,
            ExecutionException {
        Files.createDirectories(dir);
        Path wav = dir.resolve("song.wav");
        WavWriter.write16(wav, clicks(songSeconds, 128), 1, RATE);
        List<String> missing = new ArrayList<>();
        run(missing, List.of("oggenc", "-Q", "-o", dir.resolve("song.ogg").toString(), wav.toString()));
        run(missing, List.of("lame", "--quiet", wav.toString(), dir.resolve("song.mp3").toString()));
        run(missing, List.of("flac", "--silent", "-f", "-o", dir.resolve("song.flac").toString(), wav.toString()));
        MusicLibrary lib = MusicLibrary.open(dir.resolve("index.json"));
        List<Song> songs = lib.scan(List.of(dir), 1, null).await().songs();
        // warm the JIT on one song, so the figures are steady-state speed
        decodeSeconds(songs.get(0));
        MusicLibrary.open(dir.resolve("warm-up.json")).analyze(List.of(songs.get(0)), null).await();
        for (Song s : songs) {
            // decoding alone, then the whole analysis (decode + onsets + tempo + beats + loudness), back to back
            double decode = decodeSeconds(s);
            long t = System.nanoTime();
            Map<String, SongAnalysis> g = lib.analyze(List.of(s), null).await();
            double secs = (System.nanoTime() - t) / 1e9;
            BeatGrid grid = g.containsKey(s.path()) ? g.get(s.path()).beats() : null;
            w.printf(Locale.ROOT, "analyse : %-10s %4.0f s of audio in %.2f s = %5.0fx real time; decoding alone %5.0fx "
                            + "(analysis costs %.1fx the decode); found %.2f bpm, true 128%n",
                    s.format().label(), s.seconds(), secs, s.seconds() / secs, s.seconds() / decode,
                    secs / decode, grid == null ? 0 : grid.bpm());
        }
        for (String p : lib.problems()) {
            err.println("warning: " + p);
        }
    }

    private static double decodeSeconds(Song s) throws IOException {
        long t = System.nanoTime();
        try (PcmSource src = AudioFiles.open(s.file())) {
            float[] buf = new float[4096 * src.channels()];
            while (src.read(buf, 0, 4096) > 0) {
                // decode only
            }
        }
        return (System.nanoTime() - t) / 1e9;
    }

    /** A metronome over a quiet two-note bass, so the analysis has something musical to chew on. */
    static double[] clicks(double seconds, double bpm) {
        int n = (int) Math.round(seconds * RATE);
        double[] x = new double[n];
        double period = 60 / bpm;
        for (int i = 0; i < n; i++) {
            double t = i / (double) RATE;
            x[i] = 0.1 * Math.sin(2 * Math.PI * (((int) (t / period / 2)) % 2 == 0 ? 55 : 73.4) * t);
        }
        for (int k = 0; k * period < seconds; k++) {
            int start = (int) Math.round(k * period * RATE);
            for (int i = 0; i < RATE / 20 && start + i < n; i++) {
                double t = i / (double) RATE;
                x[start + i] += 0.5 * Math.exp(-t / 0.012) * Math.sin(2 * Math.PI * (k % 4 == 0 ? 1600 : 1000) * t);
            }
        }
        return x;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
