package dev.segue.tools;

import com.badlogic.gdx.audio.Music;
import com.badlogic.gdx.backends.lwjgl3.audio.OpenALLwjgl3Audio;
import com.badlogic.gdx.files.FileHandle;
import dev.segue.CommandLatency;
import dev.segue.OutputStats;
import dev.segue.Segue;
import dev.segue.SegueEvent;
import dev.segue.openal.OpenAl;
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

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "callback",
            description = "callback (Segue's default: OpenAL Soft's AL_SOFT_callback_buffer) or queue (blocks queued on a"
                    + " streaming source).")
    String mode;

    boolean callback;

    @Option(names = "--period", paramLabel = "FRAMES", defaultValue = "" + OpenAl.DEFAULT_PERIOD_FRAMES,
            description = "The OpenAL Soft mixing period Segue asks for (SegueBuilder.devicePeriod), in frames at 48 kHz"
                    + " (default ${DEFAULT-VALUE}, Segue's default); 0 leaves OpenAL Soft's own (960 x 3).")
    int period;

    @Option(names = "--periods", paramLabel = "N", defaultValue = "" + OpenAl.DEFAULT_PERIODS,
            description = "Periods in the device buffer (default ${DEFAULT-VALUE}; device latency is N-1 periods).")
    int periods;

    @Option(names = "--java-option", paramLabel = "OPT",
            description = "An option for the JVM that plays (repeatable). The default collector is ZGC, as Segue recommends"
                    + " for games; --java-option=-XX:+UseG1GC plays on G1 instead.")
    List<String> javaOptions = new ArrayList<>();

    @Option(names = "--matrix",
            description = "Play every configuration side by side in one run, each in its own JVM for --minutes: queue and callback"
                    + " mode, G1 and ZGC, OpenAL Soft's own period (960 x 3) and Segue's default; then print one table.")
    boolean matrix;

    @Option(names = "--quiet", description = "No progress bar (the one-line RESULT summary is still printed).")
    boolean quiet;

    /** Set in the environment of the JVM this command restarts itself in. */
    static final String CHILD = "SEGUE_SOAK_CHILD";

    @Override
    public Integer call() throws Exception {
        if (!(minutes > 0) || minutes > 24 * 60) {
            throw new ParameterException(spec.commandLine(), "--minutes must be above 0 and at most 1440");
        }
        if (period != 0 && (period < 64 || period > 8192 || periods < 2 || periods > 16)) {
            throw new ParameterException(spec.commandLine(), "--period must be 0 or 64..8192 frames and --periods 2..16");
        }
        if (!mode.equals("callback") && !mode.equals("queue")) {
            throw new ParameterException(spec.commandLine(), "--mode must be callback or queue, not " + mode);
        }
        callback = mode.equals("callback");
        if (matrix) {
            return matrix();
        }
        if (System.getenv(CHILD) == null) {
            return reexec();
        }
        PrintWriter w = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("segue-soak-");
        try {
            Path sheet = writeSession(dir);
            w.printf(Locale.ROOT, "segue bench soak: %.1f min real time, 2 cues x %d stereo stems, %d-frame blocks x %d queued"
                    + " (asked), %s, ALSOFT_DRIVERS=%s, OpenAL Soft period asked: %s, Java %s, %s, %d processors%n", minutes, STEMS,
                    block, queue, callback ? "callback mode" : "queue mode", System.getenv("ALSOFT_DRIVERS"),
                    period > 0 ? period + " x " + periods + (period == OpenAl.DEFAULT_PERIOD_FRAMES && periods == OpenAl.DEFAULT_PERIODS
                            ? " (Segue's default)" : "") : "none (OpenAL Soft's own)", Runtime.version(), collectors(),
                    Runtime.getRuntime().availableProcessors());
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

    /** Segue as the soak plays it: the asked block, queue, mode and OpenAL Soft period. */
    private dev.segue.SegueBuilder builder(Path sheet) {
        return Segue.builder().cueSheet(sheet).blockFrames(block)
                .output(OpenAl.output().queueBuffers(queue).callback(callback).period(period, period == 0 ? 0 : periods));
    }

    /**
     * Runs this same command again in a fresh JVM (OpenAL Soft reads its configuration once per
     * process): on OpenAL Soft's null backend (ALSOFT_DRIVERS=null) unless --system-device, with
     * --java-option's options, on ZGC unless they name another collector.
     */
    private int reexec() throws IOException, InterruptedException {
        Process p = child(spec.commandLine().getParseResult().originalArgs(), javaOptions, systemDevice).inheritIO().start();
        return p.waitFor();
    }

    private static ProcessBuilder child(List<String> args, List<String> jvmOptions, boolean systemDevice) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (jvmOptions.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w*GC"))) {
            cmd.add("-XX:+UseZGC"); // what Segue recommends a game runs on (README "Latency and garbage collection")
        }
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SegueCli.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put(CHILD, "1");
        if (!systemDevice) {
            pb.environment().put("ALSOFT_DRIVERS", "null");
        }
        return pb;
    }

    /** One configuration of the matrix. */
    private record Config(String name, boolean callback, String gc, int period, int periods) {
    }

    /** Every configuration one after another, each in its own JVM, then one table. */
    private int matrix() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        String segue = OpenAl.DEFAULT_PERIOD_FRAMES + "x" + OpenAl.DEFAULT_PERIODS;
        List<Config> configs = List.of(
                new Config("queue    G1  period 960x3", false, "-XX:+UseG1GC", 0, 0),
                new Config("queue    ZGC period 960x3", false, "-XX:+UseZGC", 0, 0),
                new Config("callback G1  period 960x3", true, "-XX:+UseG1GC", 0, 0),
                new Config("callback ZGC period 960x3", true, "-XX:+UseZGC", 0, 0),
                new Config("queue    G1  period " + segue, false, "-XX:+UseG1GC", OpenAl.DEFAULT_PERIOD_FRAMES, OpenAl.DEFAULT_PERIODS),
                new Config("queue    ZGC period " + segue, false, "-XX:+UseZGC", OpenAl.DEFAULT_PERIOD_FRAMES, OpenAl.DEFAULT_PERIODS),
                new Config("callback G1  period " + segue, true, "-XX:+UseG1GC", OpenAl.DEFAULT_PERIOD_FRAMES, OpenAl.DEFAULT_PERIODS),
                new Config("callback ZGC period " + segue, true, "-XX:+UseZGC", OpenAl.DEFAULT_PERIOD_FRAMES, OpenAl.DEFAULT_PERIODS));
        w.printf(Locale.ROOT, "segue bench soak --matrix: %d configurations x %.1f min, one after another, each in its own JVM;"
                + " %d-frame blocks, queue %d asked%n", configs.size(), minutes, block, queue);
        w.flush();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            Config c = configs.get(i);
            spec.commandLine().getErr().printf(Locale.ROOT, "[%d/%d] %s ...%n", i + 1, configs.size(), c.name());
            spec.commandLine().getErr().flush();
            List<String> args = new ArrayList<>(List.of("bench", "soak", "--minutes", Double.toString(minutes), "--block",
                    Integer.toString(block), "--queue", Integer.toString(queue), "--no-gdx", "--quiet"));
            args.addAll(List.of("--mode", c.callback() ? "callback" : "queue"));
            args.addAll(List.of("--period", Integer.toString(c.period()), "--periods", Integer.toString(c.periods())));
            List<String> jvm = new ArrayList<>(javaOptions);
            jvm.removeIf(o -> o.matches("-XX:\\+Use\\w*GC"));
            jvm.add(c.gc());
            Process p = child(args, jvm, systemDevice).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int rc = p.waitFor();
            String result = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
            if (rc != 0 || result == null) {
                w.println(c.name() + ": the run failed (exit " + rc + "):");
                w.println(out);
                rows.add(new String[] {c.name(), "failed"});
                continue;
            }
            java.util.Map<String, String> r = new java.util.LinkedHashMap<>();
            for (String kv : result.substring(7).trim().split(" ")) {
                int eq = kv.indexOf('=');
                r.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            rows.add(new String[] {c.name(), r.get("underruns"), r.get("renderMaxMs"), r.get("gcPauses"), r.get("gcPauseMaxMs"),
                r.get("gcPauseTotalMs"), r.get("queueBlocks"), r.get("deviceMs"), r.get("segueP50Ms"), r.get("segueP99Ms"),
                r.get("segueMaxMs"), r.get("earP50Ms"), r.get("earP99Ms"), r.get("earMaxMs"), r.get("cpuPct")});
        }
        w.println();
        w.println("configuration              underruns  render max  GC pauses  longest  total   queue  device  | call->OpenAL p50/p99/max"
                + " | call->ear p50/p99/max | CPU");
        for (String[] r : rows) {
            if (r.length == 2) {
                w.printf(Locale.ROOT, "%-26s %s%n", r[0], r[1]);
                continue;
            }
            w.printf(Locale.ROOT, "%-26s %9s  %7s ms  %9s  %5s ms %5s ms  %5s  %5s ms | %5s / %5s / %5s ms    | %5s / %5s / %5s ms  | %s %%%n",
                    (Object[]) r);
        }
        w.println("(queue: blocks OpenAL holds, raised to cover one mixing period; device: ALC_DEVICE_LATENCY_SOFT; call->OpenAL:"
                + " from a setParameter/setState call to OpenAL mixing its first frame, Segue's share; call->ear adds the device's)");
        w.flush();
        return 0;
    }

    private void soak(PrintWriter w, Path sheet) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong posted = new AtomicLong();
        List<String> notices = new ArrayList<>();
        GcWatch gc = new GcWatch();
        double cpu0 = cpuSeconds();
        try (Segue segue = builder(sheet).build()) {
            segue.addListener(e -> {
                if (e.type() == SegueEvent.Type.OUTPUT || e.type() == SegueEvent.Type.ERROR) {
                    notices.add(e.toString());
                }
            });
            OutputStats s0 = segue.outputStats();
            w.printf(Locale.ROOT, "output: %s, %s, mixing period %d frames (%.2f ms), device latency %.2f ms%n", segue.outputName(),
                    callback ? "callback mode" : s0.queueBuffers() + " blocks queued", s0.devicePeriodFrames(), s0.devicePeriodMillis(),
                    s0.deviceLatencyMillis());
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
            long[] underrunAt = new long[64]; // when the game loop first saw each of the first underruns
            int underrunsSeen = 0;
            long lastUnderruns = 0;
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
                if (s.underruns() > lastUnderruns) {
                    long now = System.nanoTime();
                    for (long u = lastUnderruns; u < s.underruns() && underrunsSeen < underrunAt.length; u++) {
                        underrunAt[underrunsSeen++] = now;
                    }
                    lastUnderruns = s.underruns();
                }
                if (!quiet && System.nanoTime() >= nextSecond) {
                    progress((System.nanoTime() - t0) / (double) total, s);
                    nextSecond += 1_000_000_000L;
                }
                frameNo++;
                LockSupport.parkNanos(4_000_000); // a 250 Hz "game loop"
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            OutputStats s = segue.outputStats();
            CommandLatency l = segue.commandLatency();
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = cpuSeconds() - cpu0;
            gc.close();
            if (!quiet) {
                spec.commandLine().getErr().println();
            }
            w.printf(Locale.ROOT, "soak: %.1f s real time on '%s'%s%n", wall, s.device(), s.silent() ? " (SILENT: no device)" : "");
            w.printf(Locale.ROOT, "  underruns          : %d%n", s.underruns());
            w.printf(Locale.ROOT, "  render time        : max %.3f ms per %d-frame block (%.2f ms of audio); load %.2f %%;"
                    + " longest gap between two blocks %.2f ms%n", s.maxRenderNanos() / 1e6, block, block * 1000.0 / RATE,
                    s.load() * 100, s.longestGapNanos() / 1e6);
            w.printf(Locale.ROOT, "  queue              : %s, device latency %.2f ms (%d frames), mixing period %d frames (%.2f ms)%s%n",
                    callback ? "none (callback mode)" : s.queueBuffers() + " blocks = " + s.queueBuffers() * block + " frames = "
                            + String.format(Locale.ROOT, "%.2f ms", s.queueBuffers() * block * 1000.0 / RATE),
                    s.deviceLatencyMillis(), l.deviceLatencyFrames(), s.devicePeriodFrames(), s.devicePeriodMillis(),
                    callback ? String.format(Locale.ROOT, ": an underrun is OpenAL's mixer held up longer than its whole buffer,"
                            + " %.2f ms", s.deviceBufferMillis())
                            : ": an underrun is the source running dry");
            w.printf(Locale.ROOT, "  command latency, %d setParameter/setState calls measured:%n", l.commands());
            line(w, "call -> audio thread reads it", l, l.reaction());
            line(w, "call -> OpenAL mixes it (Segue)", l, l.toOutput());
            line(w, "call -> ear (+ device latency)", l, l.toEar());
            w.printf(Locale.ROOT, "  GC                 : %s%n", gc.describe());
            if (s.underruns() > 0) {
                int nearGc = 0;
                StringBuilder each = new StringBuilder();
                for (int i = 0; i < underrunsSeen; i++) {
                    GcWatch.Pause p = gc.lastBefore(underrunAt[i], 25_000_000L);
                    long d = p == null ? Long.MAX_VALUE : p.endNanos() - underrunAt[i];
                    boolean near = d >= -100_000_000L && d <= 25_000_000L; // seen after the pause (the game loop was paused too)
                    nearGc += near ? 1 : 0;
                    if (i < 12) {
                        each.append(String.format(Locale.ROOT, "%n    underrun at %7.2f s: %s", (underrunAt[i] - t0) / 1e9,
                                p == null ? "no GC pause" : String.format(Locale.ROOT, "the last GC pause before it (%s, %d ms) ended %.1f ms earlier",
                                        p.name(), p.millis(), (underrunAt[i] - p.endNanos()) / 1e6)));
                    }
                }
                w.printf(Locale.ROOT, "  underruns vs GC    : %d of the first %d underruns came at most 100 ms after (or 25 ms before) the end of a GC pause%s%n",
                        nearGc, underrunsSeen, each);
            }
            w.printf(Locale.ROOT, "  CPU                : %.1f s of process CPU over %.1f s (%.1f %% of one core, all threads and load"
                    + " generators included)%n", cpu, wall, cpu / wall * 100);
            w.printf(Locale.ROOT, "  load generated     : %d events posted (%.0f/s), %d game-loop frames%n", posted.get(),
                    posted.get() / wall, frameNo);
            w.printf(Locale.ROOT, "  machine load average at the end: %.1f on %d processors%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
            w.printf(Locale.ROOT, "  notices            : %s%n", notices.isEmpty() ? "none" : String.join(" | ", notices));
            w.printf(Locale.ROOT, "RESULT underruns=%d renderMaxMs=%.2f gcPauses=%d gcPauseMaxMs=%d gcPauseTotalMs=%d queueBlocks=%s"
                    + " deviceMs=%.1f segueP50Ms=%.1f segueP99Ms=%.1f segueMaxMs=%.1f earP50Ms=%.1f earP99Ms=%.1f earMaxMs=%.1f"
                    + " cpuPct=%.1f%n", s.underruns(), s.maxRenderNanos() / 1e6, gc.pauses(), gc.longestMillis(), gc.totalMillis(),
                    callback ? "-" : Integer.toString(s.queueBuffers()), s.deviceLatencyMillis(), l.millis(l.toOutput().p50()),
                    l.millis(l.toOutput().p99()), l.millis(l.toOutput().max()), l.millis(l.toEar().p50()), l.millis(l.toEar().p99()),
                    l.millis(l.toEar().max()), cpu / wall * 100);
            w.flush();
        }
    }

    private static void line(PrintWriter w, String what, CommandLatency l, CommandLatency.Percentiles p) {
        w.printf(Locale.ROOT, "    %-34s: p50 %6.2f ms (%5d frames)  p95 %6.2f (%5d)  p99 %6.2f (%5d)  max %6.2f (%5d)%n", what,
                l.millis(p.p50()), p.p50(), l.millis(p.p95()), p.p95(), l.millis(p.p99()), p.p99(), l.millis(p.max()), p.max());
    }

    private void progress(double done, OutputStats s) {
        PrintWriter e = spec.commandLine().getErr();
        int width = 30;
        int filled = (int) Math.min(width, Math.round(done * width));
        boolean live = System.console() != null;
        int tenth = (int) (done * 10);
        if (!live && tenth == lastTenth) {
            return;
        }
        lastTenth = tenth;
        e.printf(Locale.ROOT, "%s[%s%s] %3.0f%%  underruns %d  max render %.2f ms  load %.1f %%  queued %.1f ms %s",
                live ? "\r" : "", "#".repeat(filled), ".".repeat(width - filled), Math.min(100, done * 100), s.underruns(),
                s.maxRenderNanos() / 1e6, s.load() * 100, s.queuedFrames() * 1000.0 / RATE, live ? "" : "\n");
        e.flush();
    }

    private int lastTenth = -1;

    private static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList().toString();
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
        try (Segue segue = builder(sheet).build()) {
            int rounds = 20;
            double[] gdxPlay = new double[rounds];
            double[] gdxVolume = new double[rounds];
            double[] segueCall = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                Music m = gdx.newMusic(new FileHandle(ogg.toFile()));
                long t = System.nanoTime();
                m.play(); // decodes and queues its first buffers, then alSourcePlay, on this thread
                gdxPlay[r] = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                m.setVolume(0.5f); // alSourcef at once
                gdxVolume[r] = (System.nanoTime() - t) / 1e6;
                m.dispose();

                t = System.nanoTime();
                segue.setState(r % 2 == 0 ? "a" : "b");
                segue.setParameter("intensity", r % 2 == 0 ? 0.9f : 0.1f);
                segueCall[r] = (System.nanoTime() - t) / 2e6;
                Thread.sleep(50);
            }
            w.printf(Locale.ROOT, "  call until the change is in OpenAL (median / max of %d):%n", rounds);
            w.printf(Locale.ROOT, "    libGDX Music.play()      : %7.2f / %7.2f ms (decode + first buffers on the game thread)%n",
                    median(gdxPlay), max(gdxPlay));
            w.printf(Locale.ROOT, "    libGDX Music.setVolume() : %7.3f / %7.3f ms (a source gain: not beat-aligned)%n",
                    median(gdxVolume), max(gdxVolume));
            CommandLatency l = segue.commandLatency();
            w.printf(Locale.ROOT, "    Segue setState()/setParameter(), %d calls: %.3f / %.3f ms on the calling thread; then %.2f / %.2f ms"
                    + " until OpenAL mixes it (%s) + %.2f ms device%n", l.commands(), median(segueCall), max(segueCall),
                    l.millis(l.toOutput().p50()), l.millis(l.toOutput().max()), callback ? "callback mode" : "queue mode",
                    l.millis((int) l.deviceLatencyFrames()));
            w.println("    (libGDX's calls set OpenAL state at once, heard from OpenAL's next mix plus the device latency; its play()"
                    + " first decodes on the game thread. Segue's calls cost the game thread a queue write, land on the next"
                    + " block, sample-aligned, and a state's cue then waits for the sheet's next bar on purpose)");
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

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElse(0);
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
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
