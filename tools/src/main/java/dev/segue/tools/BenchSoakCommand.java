package dev.segue.tools;

import com.badlogic.gdx.audio.Music;
import com.badlogic.gdx.backends.lwjgl3.audio.OpenALLwjgl3Audio;
import com.badlogic.gdx.files.FileHandle;
import dev.segue.OutputStats;
import dev.segue.Segue;
import dev.segue.SegueEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code segue bench soak}: real-time playback through OpenAL for N minutes under a game-like load,
 * then the same kind of changes through libGDX's {@code Music} side by side.
 */
@Command(name = "soak",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = {
            "Plays in real time through OpenAL for N minutes under load and reports underruns, render "
                    + "times and latency percentiles; then compares change latency and drift with libGDX Music.",
            "",
            "Load: two cues of 6 stereo stems crossfading every 2 bars, a stinger every 3 bars, a parameter "
                    + "sweep, 4 threads posting 100 events/s each and a thread churning garbage to force GC.",
            "On a machine without a sound card run it on OpenAL Soft's null backend: by default the command "
                    + "restarts itself with ALSOFT_DRIVERS=null (use --system-device to play on the real default device)."
        })
public final class BenchSoakCommand implements Callable<Integer> {
    static final int RATE = 48_000;
    static final int BAR = 2 * RATE; // 4/4 at 120 BPM
    static final int STEMS = 6;
    static final int STEM_BARS = 8;

    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", paramLabel = "N", defaultValue = "1",
            description = "Minutes of real-time playback (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--block", paramLabel = "FRAMES", defaultValue = "256",
            description = "Frames per block (default ${DEFAULT-VALUE}, Segue's default).")
    int block;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "3",
            description = "Blocks queued in OpenAL (default ${DEFAULT-VALUE}, Segue's default).")
    int queue;

    @Option(names = "--system-device", description = "Play on the system's default device instead of OpenAL Soft's null backend.")
    boolean systemDevice;

    @Option(names = "--no-gdx", description = "Skip the libGDX Music comparison.")
    boolean noGdx;

    @Option(names = "--callback", description = "Use OpenAL Soft's callback mode (AL_SOFT_callback_buffer) instead of the queue.")
    boolean callback;

    @Override
    public Integer call() throws Exception {
        if (!(minutes > 0) || minutes > 24 * 60) {
            throw new ParameterException(spec.commandLine(), "--minutes must be above 0 and at most 1440");
        }
        if (!systemDevice && !"null".equals(System.getenv("ALSOFT_DRIVERS"))) {
            return reexecOnNullBackend();
        }
        PrintWriter w = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("segue-soak-");
        try {
            Path sheet = writeSession(dir);
            w.printf(Locale.ROOT, "segue bench soak: %.1f min real time, 2 cues x %d stereo stems, %d-frame blocks x %d queued,"
                    + " ALSOFT_DRIVERS=%s, Java %s, %d processors%n", minutes, STEMS, block, queue,
                    System.getenv("ALSOFT_DRIVERS"), Runtime.version(), Runtime.getRuntime().availableProcessors());
            w.flush();
            soak(w, sheet);
            if (!noGdx) {
                compareWithLibGdx(w, sheet, dir);
            }
        } finally {
            BenchMixCommand.deleteTree(dir);
            w.flush();
        }
        return 0;
    }

    /** Runs this same command again in a JVM whose environment has ALSOFT_DRIVERS=null. */
    private int reexecOnNullBackend() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SegueCli.class.getName()));
        cmd.addAll(spec.commandLine().getParseResult().originalArgs());
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("ALSOFT_DRIVERS", "null");
        spec.commandLine().getErr().println("restarting with ALSOFT_DRIVERS=null (OpenAL Soft's real-time null backend)");
        spec.commandLine().getErr().flush();
        return pb.start().waitFor();
    }

    private void soak(PrintWriter w, Path sheet) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong posted = new AtomicLong();
        List<String> notices = new ArrayList<>();
        long gcCount0 = gcCount();
        long gcMillis0 = gcMillis();
        double cpu0 = cpuSeconds();
        try (Segue segue = Segue.builder().cueSheet(sheet).blockFrames(block).queueBuffers(queue).callbackOutput(callback).build()) {
            segue.addListener(e -> {
                if (e.type() == SegueEvent.Type.OUTPUT || e.type() == SegueEvent.Type.ERROR) {
                    notices.add(e.toString());
                }
            });
            w.printf(Locale.ROOT, "output: %s, %s (device latency %.2f ms)%n", segue.outputName(),
                    callback ? "callback mode" : segue.outputStats().queueBuffers() + " blocks queued",
                    segue.outputStats().deviceLatencyMillis());
            w.flush();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                threads.add(start("soak-poster-" + t, () -> {
                    long period = 10_000_000L; // 100 events/s
                    long next = System.nanoTime();
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        segue.setParameter(id % 2 == 0 ? "intensity" : "tension", r.nextFloat());
                        posted.incrementAndGet();
                        next += period;
                        LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                    }
                }));
            }
            threads.add(start("soak-garbage", () -> {
                // ~100 MB/s of short-lived garbage, and 25 MB/s replacing a 64 MB window that lives long
                // enough to be promoted: young and mixed/old collections both happen
                byte[][] keep = new byte[256][];
                byte[][] young = new byte[32][];
                int i = 0;
                long next = System.nanoTime();
                while (!stop.get()) {
                    for (int k = 0; k < 25; k++) {
                        young[k] = new byte[4096];
                    }
                    if (i % 10 == 0) {
                        keep[(i / 10) & 255] = new byte[256 * 1024];
                    }
                    i++;
                    next += 1_000_000L;
                    LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                }
            }));
            List<Double> latencies = new ArrayList<>();
            long total = Math.round(minutes * 60e9);
            long t0 = System.nanoTime();
            long nextSecond = t0;
            long nextSwitch = 0;
            long nextSting = 3L * BAR;
            boolean onB = false;
            segue.setState("a");
            int frameNo = 0;
            while (System.nanoTime() - t0 < total) {
                long music = segue.position().frame();
                if (music >= nextSwitch) { // a crossfade every 2 bars
                    onB = !onB;
                    segue.setState(onB ? "b" : "a");
                    nextSwitch = music + 2L * BAR;
                }
                if (music >= nextSting) { // a stinger every 3 bars
                    segue.playStinger("hit");
                    nextSting = music + 3L * BAR;
                }
                segue.update();
                OutputStats s = segue.outputStats();
                latencies.add(s.latencyMillis());
                if (System.nanoTime() >= nextSecond) {
                    progress(w, (System.nanoTime() - t0) / (double) total, s);
                    nextSecond += 1_000_000_000L;
                }
                frameNo++;
                LockSupport.parkNanos(4_000_000); // a 250 Hz sampling "game loop"
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            OutputStats s = segue.outputStats();
            double wall = (System.nanoTime() - t0) / 1e9;
            w.println();
            w.printf(Locale.ROOT, "soak: %.1f s real time on '%s'%s%n", wall, s.device(), s.silent() ? " (SILENT: no device)" : "");
            w.printf(Locale.ROOT, "  underruns          : %d%n", s.underruns());
            w.printf(Locale.ROOT, "  render time        : max %.3f ms per %d-frame block (%.2f ms of audio); load %.2f %%%n",
                    s.maxRenderNanos() / 1e6, block, block * 1000.0 / RATE, s.load() * 100);
            double[] l = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            w.printf(Locale.ROOT, "  latency (queued + device), %d samples: p50 %.2f ms, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f%n",
                    l.length, pct(l, 50), pct(l, 90), pct(l, 99), pct(l, 99.9), l[l.length - 1]);
            w.printf(Locale.ROOT, "  worst case call-to-ear: %d frames = %.2f ms + device latency %.2f ms%n",
                    s.worstCaseLatencyFrames(), s.worstCaseLatencyFrames() * 1000.0 / RATE, s.deviceLatencyMillis());
            w.printf(Locale.ROOT, "  CPU                : %.1f s of process CPU over %.1f s (%.1f %% of one core, all threads and load"
                    + " generators included)%n", cpuSeconds() - cpu0, wall, (cpuSeconds() - cpu0) / wall * 100);
            w.printf(Locale.ROOT, "  load generated     : %d events posted (%.0f/s), %d collections by %s taking %d ms in all,"
                    + " %d game-loop samples%n", posted.get(), posted.get() / wall, gcCount() - gcCount0,
                    ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                    gcMillis() - gcMillis0, frameNo);
            double[] load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() >= 0
                    ? new double[] {ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()} : new double[] {-1};
            w.printf(Locale.ROOT, "  machine load average at the end: %.1f on %d processors%n", load[0],
                    Runtime.getRuntime().availableProcessors());
            w.printf(Locale.ROOT, "  notices            : %s%n", notices.isEmpty() ? "none" : String.join(" | ", notices));
            w.flush();
        }
    }

    private void progress(PrintWriter w, double done, OutputStats s) {
        int width = 30;
        int filled = (int) Math.min(width, Math.round(done * width));
        w.printf(Locale.ROOT, "\r[%s%s] %3.0f%%  underruns %d  max render %.2f ms  load %.1f %%  queued %.1f ms ",
                "#".repeat(filled), ".".repeat(width - filled), Math.min(100, done * 100), s.underruns(),
                s.maxRenderNanos() / 1e6, s.load() * 100, s.queuedFrames() * 1000.0 / RATE);
        w.flush();
    }

    /** libGDX Music next to Segue: time for play()/setVolume() to reach OpenAL, and drift between two Musics. */
    private void compareWithLibGdx(PrintWriter w, Path sheet, Path dir) throws Exception {
        Path ogg = dir.resolve("stem01.ogg");
        Process p = new ProcessBuilder("oggenc", "-Q", "-q", "5", "-o", ogg.toString(), dir.resolve("stem01.wav").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            w.println("libGDX comparison skipped: oggenc failed: " + out);
            return;
        }
        w.println("side by side with libGDX Music (OpenALLwjgl3Audio) on " + ogg.getFileName() + ", same OpenAL Soft backend:");
        OpenALLwjgl3Audio gdx = new OpenALLwjgl3Audio();
        try (Segue segue = Segue.builder().cueSheet(sheet).blockFrames(block).queueBuffers(queue).build()) {
            int rounds = 20;
            double[] gdxPlay = new double[rounds];
            double[] gdxVolume = new double[rounds];
            double[] seguePlay = new double[rounds];
            double[] segueParam = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                Music m = gdx.newMusic(new FileHandle(ogg.toFile()));
                long t = System.nanoTime();
                m.play(); // decodes and queues its first buffers, then alSourcePlay, on this thread
                gdxPlay[r] = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                m.setVolume(0.5f); // alSourcef at once
                gdxVolume[r] = (System.nanoTime() - t) / 1e6;
                m.dispose();

                segue.setState(r % 2 == 0 ? "a" : "b");
                seguePlay[r] = untilQueued(segue);
                segue.setParameter("intensity", r % 2 == 0 ? 0.9f : 0.1f);
                segueParam[r] = untilQueued(segue);
                Thread.sleep(50);
            }
            OutputStats s = segue.outputStats();
            w.printf(Locale.ROOT, "  call until the change is in OpenAL (median / max of %d):%n", rounds);
            w.printf(Locale.ROOT, "    libGDX Music.play()      : %7.2f / %7.2f ms (decode + first buffers on the game thread)%n",
                    median(gdxPlay), max(gdxPlay));
            w.printf(Locale.ROOT, "    libGDX Music.setVolume() : %7.3f / %7.3f ms (a source gain: not beat-aligned)%n",
                    median(gdxVolume), max(gdxVolume));
            w.printf(Locale.ROOT, "    Segue setState()         : %7.2f / %7.2f ms (the block carrying it queued; the cue itself"
                    + " lands on the sheet's next bar)%n", median(seguePlay), max(seguePlay));
            w.printf(Locale.ROOT, "    Segue setParameter()     : %7.2f / %7.2f ms; then %.2f ms queued ahead + %.2f ms device%n",
                    median(segueParam), max(segueParam), s.queuedFrames() * 1000.0 / RATE, s.deviceLatencyMillis());
        }
        // drift: two Musics started together, pumped by a game loop (update() at 60 Hz) under GC churn
        Music a = gdx.newMusic(new FileHandle(ogg.toFile()));
        Music b = gdx.newMusic(new FileHandle(ogg.toFile()));
        a.setLooping(true);
        b.setLooping(true);
        a.play();
        b.play();
        double startOffset = (a.getPosition() - b.getPosition()) * 1000;
        double maxDrift = Math.abs(startOffset);
        long t0 = System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        Thread garbage = start("soak-garbage-2", () -> {
            byte[][] keep = new byte[256][];
            int i = 0;
            while (!stop.get()) {
                keep[i++ & 255] = new byte[256 * 1024];
                LockSupport.parkNanos(200_000);
            }
        });
        double seconds = Math.min(60, Math.max(10, minutes * 6));
        while (System.nanoTime() - t0 < seconds * 1e9) {
            gdx.update();
            double d = (a.getPosition() - b.getPosition()) * 1000;
            maxDrift = Math.max(maxDrift, Math.abs(d));
            Thread.sleep(16);
        }
        double endOffset = (a.getPosition() - b.getPosition()) * 1000;
        stop.set(true);
        garbage.join();
        a.dispose();
        b.dispose();
        gdx.dispose();
        w.printf(Locale.ROOT, "  two libGDX Musics started together, %.0f s: offset %.2f ms at start, %.2f ms at the end,"
                + " max %.2f ms%n", seconds, startOffset, endOffset, maxDrift);
        w.println("  two Segue stems: 0 frames, always (one frame counter mixes every stem of a cue; sample-exact by"
                + " construction and by the runtime's loop and determinism tests)");
        w.flush();
    }

    /** Ms from now until the next-but-one block (the first that surely read a command sent now) is queued. */
    private static double untilQueued(Segue segue) {
        long t = System.nanoTime();
        OutputStats s0 = segue.outputStats();
        long target = s0.framesWritten() + 2L * s0.blockFrames();
        while (segue.outputStats().framesWritten() < target) {
            LockSupport.parkNanos(100_000);
        }
        return (System.nanoTime() - t) / 1e6;
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double pct(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))];
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElse(0);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Two cues of 6 stereo stems, a stinger, two parameters; every stem fades with a parameter. */
    private static Path writeSession(Path dir) throws IOException {
        int frames = STEM_BARS * BAR;
        Rng rng = new Rng(0x50A4L);
        for (int s = 0; s < 2 * STEMS + 1; s++) {
            boolean sting = s == 2 * STEMS;
            int n = sting ? BAR / 2 : frames;
            double[] x = new double[2 * n];
            double f = 55.0 * Math.pow(2, (s * 7 % 36) / 12.0);
            for (int i = 0; i < n; i++) {
                double env = sting ? Math.exp(-6.0 * i / n) : 0.5 + 0.5 * Math.cos(2 * Math.PI * (i % (BAR / 4)) / (BAR / 4.0));
                double tone = 0.1 * Math.sin(2 * Math.PI * f * i / RATE) * env;
                x[2 * i] = tone + 0.02 * rng.bipolar();
                x[2 * i + 1] = tone + 0.02 * rng.bipolar();
            }
            WavWriter.write16(dir.resolve(String.format(Locale.ROOT, "stem%02d.wav", s + 1)), x, 2, RATE);
        }
        StringBuilder j = new StringBuilder("{\n  \"parameters\": {\"intensity\": {\"default\": 0.5, \"smoothing\": \"50 ms\"},"
                + " \"tension\": {\"default\": 0.5, \"smoothing\": \"200 ms\"}},\n  \"cues\": {\n");
        for (int c = 0; c < 2; c++) {
            j.append("    \"").append(c == 0 ? "a" : "b").append("\": {\"tempo\": {\"bpm\": 120}, \"loop\": {\"start\": \"1:1\", \"end\": \"")
                    .append(STEM_BARS + 1).append(":1\"}, \"stems\": [\n");
            for (int s = 0; s < STEMS; s++) {
                String param = s % 2 == 0 ? "intensity" : "tension";
                j.append("      {\"name\": \"s").append(s).append("\", \"file\": \"")
                        .append(String.format(Locale.ROOT, "stem%02d.wav", c * STEMS + s + 1))
                        .append("\", \"gainDb\": -6, \"gainCurve\": {\"parameter\": \"").append(param)
                        .append("\", \"points\": [[0, 0.2], [1, 1]]}}").append(s + 1 < STEMS ? ",\n" : "\n");
            }
            j.append("    ]},\n");
        }
        j.append(String.format(Locale.ROOT, "    \"hit\": {\"tempo\": {\"bpm\": 120}, \"stems\": [{\"name\": \"h\", \"file\": \"stem%02d.wav\"}]}\n",
                2 * STEMS + 1));
        j.append("  },\n  \"states\": {\"a\": \"a\", \"b\": \"b\"},\n");
        j.append("  \"transitions\": [{\"from\": \"*\", \"to\": \"*\", \"when\": \"nextBar\", \"fadeOut\": {\"length\": \"1 bar\","
                + " \"curve\": \"equalPower\"}, \"fadeIn\": {\"length\": \"1 bar\", \"curve\": \"equalPower\"}}],\n");
        j.append("  \"stingers\": {\"hit\": {\"cue\": \"hit\", \"when\": \"nextBeat\", \"duck\": {\"gainDb\": -6}}}\n}\n");
        Path sheet = dir.resolve("soak.cues.json");
        Files.writeString(sheet, j);
        return sheet;
    }
}
