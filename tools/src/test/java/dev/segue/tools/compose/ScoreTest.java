package dev.segue.tools.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.Segue;
import dev.segue.SegueEvent;
import dev.segue.library.LoudnessMeter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped demo score (assets/score): it is exactly what {@code segue compose} writes, its sheet loads
 * with the real Ogg files, a session through every state lands every transition on its grid, every loop
 * wraps without a seam, and every cue sits at -16 LUFS with no stem near clipping.
 */
class ScoreTest {
    static final Path SCORE = Path.of("..", "assets", "score");
    static final int RATE = 48_000;

    @TempDir
    Path tmp;

    private static Map<String, ScoreWriter.Written> manifest() throws IOException {
        Map<String, ScoreWriter.Written> m = new HashMap<>();
        for (ScoreWriter.Written w : ScoreWriter.parseManifest(Files.readString(SCORE.resolve(ScoreWriter.MANIFEST)))) {
            m.put(w.path(), w);
        }
        return m;
    }

    @Test
    void committedFilesAreWhatTheGeneratorWrote() throws IOException {
        Map<String, ScoreWriter.Written> m = manifest();
        Set<String> oggs;
        try (Stream<Path> s = Files.walk(SCORE)) {
            oggs = s.filter(p -> p.toString().endsWith(".ogg")).map(p -> SCORE.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(m.keySet()), oggs, "assets/score holds other Ogg files than the manifest lists");
        long bytes = 0;
        for (ScoreWriter.Written w : m.values()) {
            byte[] ogg = Files.readAllBytes(SCORE.resolve(w.path()));
            bytes += ogg.length;
            assertEquals(w.oggSha256(), ScoreWriter.sha256(ogg), w.path() + " is not the file segue compose wrote");
        }
        assertTrue(bytes < 20L << 20, "the score is " + bytes + " bytes, over 20 MB");
        assertArrayEquals(ScoreWriter.resource(ScoreWriter.SHEET), Files.readAllBytes(SCORE.resolve(ScoreWriter.SHEET)),
                "assets/score/score.cues.json is stale: run ./segue compose --out assets/score");
        assertArrayEquals(ScoreWriter.resource(ScoreWriter.TOUR), Files.readAllBytes(SCORE.resolve(ScoreWriter.TOUR)),
                "assets/score/tour.script is stale: run ./segue compose --out assets/score");
        // every cue the generator knows has its stems in the manifest, and nothing else is there
        Set<String> cues = m.keySet().stream().map(p -> p.substring(0, p.indexOf('/'))).collect(Collectors.toSet());
        assertEquals(Set.copyOf(Score.names()), cues);
    }

    @Test
    void theWavStageRendersTheSameBytesAsTheCommittedScore() throws Exception {
        Map<String, ScoreWriter.Written> m = manifest();
        String header = Files.readString(SCORE.resolve(ScoreWriter.MANIFEST)).lines().filter(l -> l.startsWith("encoder "))
                .findFirst().orElseThrow();
        for (String cue : List.of("pickup", "boss_intro")) {
            Score.Cue c = Score.cues().get(cue).get();
            ScoreWriter.levelled(c);
            for (Map.Entry<String, byte[]> e : ScoreWriter.renderWav(c).entrySet()) {
                String path = cue + "/" + e.getKey() + ".ogg";
                ScoreWriter.Written w = m.get(path);
                assertTrue(w != null, path + " is missing from the manifest");
                assertEquals(w.wavSha256(), ScoreWriter.sha256(e.getValue()),
                        path + ": the generator no longer renders what was committed; run ./segue compose --out assets/score");
                assertEquals(w.frames(), (e.getValue().length - 44) / 4);
                // with the same oggenc, the Ogg bytes are the same too
                if (header.equals("encoder " + ScoreWriter.oggencVersion() + " -q " + ComposeCommand.QUALITY)) {
                    Path wav = tmp.resolve(cue + "-" + e.getKey() + ".wav");
                    Path ogg = tmp.resolve(cue + "-" + e.getKey() + ".ogg");
                    Files.write(wav, e.getValue());
                    ScoreWriter.oggenc(wav, ogg, path, ComposeCommand.QUALITY);
                    assertEquals(w.oggSha256(), ScoreWriter.sha256(Files.readAllBytes(ogg)), path + " re-encoded");
                }
            }
        }
    }

    @Test
    void theCommandWritesOneCueWithItsPictureAndRefusesUnknownCues() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cmd = dev.segue.tools.SegueCli.commandLine();
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        Path dir = tmp.resolve("out");
        assertEquals(0, cmd.execute("compose", "--out", dir.toString(), "--cue", "pickup", "--png-dir", tmp.resolve("png").toString()),
                out + "\n" + err);
        String header = Files.readString(SCORE.resolve(ScoreWriter.MANIFEST)).lines().filter(l -> l.startsWith("encoder "))
                .findFirst().orElseThrow();
        byte[] ogg = Files.readAllBytes(dir.resolve("pickup/chime.ogg"));
        assertTrue(ogg.length > 1000);
        if (header.equals("encoder " + ScoreWriter.oggencVersion() + " -q " + ComposeCommand.QUALITY)) {
            assertEquals(manifest().get("pickup/chime.ogg").oggSha256(), ScoreWriter.sha256(ogg), "the command wrote another pickup");
        }
        assertFalse(Files.exists(dir.resolve(ScoreWriter.MANIFEST)), "a partial run must not write a manifest");
        assertTrue(out.toString().contains("pickup") && out.toString().contains("LUFS"), out.toString());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(tmp.resolve("png/pickup.png").toFile());
        assertTrue(png.getWidth() >= 1000 && png.getHeight() > 60, png.getWidth() + "x" + png.getHeight());
        int lit = 0;
        for (int x = 0; x < png.getWidth(); x += 3) {
            for (int y = 0; y < png.getHeight(); y += 3) {
                if ((png.getRGB(x, y) & 0xff) > 150) {
                    lit++;
                }
            }
        }
        assertTrue(lit > 200, "the picture shows the waveform (" + lit + " bright samples)");
        java.io.StringWriter err2 = new java.io.StringWriter();
        cmd.setErr(new java.io.PrintWriter(err2, true));
        assertEquals(2, cmd.execute("compose", "--out", dir.toString(), "--cue", "bos"));
        assertTrue(err2.toString().contains("no cue named 'bos'") && err2.toString().contains("boss_intro"), err2.toString());
    }

    // ------------------------------------------------------------------ the engine on the real files

    /** Renders {@code seconds} more, collecting the audio. */
    private static void render(Segue s, List<float[]> out, double seconds) {
        int n = (int) Math.round(seconds * RATE);
        while (n > 0) {
            int k = Math.min(512, n);
            float[] b = new float[2 * k];
            s.render(b, k);
            s.update();
            out.add(b);
            n -= k;
        }
    }

    private static float[] join(List<float[]> blocks) {
        int n = blocks.stream().mapToInt(b -> b.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] b : blocks) {
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    private static Segue engine() {
        return Segue.builder().cueSheet(SCORE.resolve(ScoreWriter.SHEET)).offline().build();
    }

    @Test
    void aSessionThroughEveryStateLandsEveryTransitionOnItsGrid() {
        try (Segue s = engine()) {
            assertEquals(Set.of("title", "explore", "combat", "boss", "cutscene", "silence"), Set.copyOf(s.states()));
            assertEquals(Set.of("victory", "game_over", "pickup", "discovery"), Set.copyOf(s.stingers()));
            assertEquals(List.of("dialogue", "pause"), s.ducks());
            assertEquals(Set.of("intensity", "muffle"), Set.copyOf(s.parameters()));
            List<SegueEvent> events = new ArrayList<>();
            s.addListener(events::add);
            List<float[]> audio = new ArrayList<>();
            String[][] script = {
                {"title", "5.3"}, {"explore", "9.1"}, {"combat", "7.7"}, {"explore", "6.2"}, {"cutscene", "9.4"},
                {"explore", "7.1"}, {"boss", "12.5"}, {"combat", "5.5"}, {"boss", "9.0"}, {"silence", "6.0"}
            };
            s.setParameter("intensity", 1);
            for (String[] step : script) {
                assertTrue(s.setState(step[0]));
                render(s, audio, Double.parseDouble(step[1]));
                if (step[0].equals("cutscene")) { // a line of dialogue over the cutscene, then a pause menu
                    assertTrue(s.duck("dialogue", true));
                    render(s, audio, 2.5);
                    assertTrue(s.duck("dialogue", false));
                    assertTrue(s.setParameter("muffle", 1));
                    render(s, audio, 1.5);
                    assertTrue(s.setParameter("muffle", 0));
                } else if (step[0].equals("combat")) {
                    assertTrue(s.playStinger("pickup"));
                } else if (step[0].equals("boss")) {
                    assertTrue(s.playStinger("victory"));
                }
            }
            List<SegueEvent> errors = events.stream().filter(e -> e.type() == SegueEvent.Type.ERROR).toList();
            assertTrue(errors.isEmpty(), errors.toString());
            Map<String, Long> beatFrames = Map.of("title", 36_000L, "explore", 28_800L, "combat", 28_800L, "boss", 19_200L,
                    "cutscene", 40_000L);
            Map<String, Integer> beatsPerBar = Map.of("title", 4, "explore", 4, "combat", 4, "boss", 4, "cutscene", 3);
            int checked = 0;
            for (SegueEvent t : events) {
                if (t.type() != SegueEvent.Type.TRANSITION_SCHEDULED || t.cue() == null) {
                    continue;
                }
                String from = t.cue();
                String what = from + " -> " + t.other() + " requested at " + t.frame() + "\n" + t;
                if (from.equals("boss_intro")) { // the bridge hands over on its exit, 2 bars of 150 BPM in
                    long bridge = events.stream().filter(e -> e.type() == SegueEvent.Type.CUE_STARTED
                            && "boss_intro".equals(e.cue()) && e.frame() <= t.frame()).mapToLong(SegueEvent::frame).max().orElseThrow();
                    assertEquals(bridge + 2 * 76_800, t.at(), what);
                    checked++;
                    continue;
                }
                boolean ownRule = from.equals("title") || from.equals("boss") || from.equals("cutscene");
                String kind = from.equals("cutscene") ? "marker" : "bar";
                if (from.equals("explore") && "combat".equals(t.other()) || t.other() == null && !ownRule) {
                    kind = "beat"; // explore -> combat, and * -> silence
                }
                // the source's grid: its last beat, bar line or marker heard before the request, then steps
                // of its own beat, bar or phrase (cutscene markers fall every 2 bars)
                long beat = beatFrames.get(from);
                long step = switch (kind) {
                    case "beat" -> beat;
                    case "marker" -> 2 * beat * beatsPerBar.get(from);
                    default -> beat * beatsPerBar.get(from);
                };
                SegueEvent.Type grid = kind.equals("marker") ? SegueEvent.Type.MARKER : kind.equals("bar") ? SegueEvent.Type.BAR
                        : SegueEvent.Type.BEAT;
                long lastGrid = events.stream()
                        .filter(e -> e.frame() <= t.frame() && from.equals(e.cue()) && isGrid(e, grid))
                        .mapToLong(SegueEvent::frame).max().orElseThrow(() -> new AssertionError("no grid event before " + what));
                long expected = lastGrid + Math.floorDiv(t.frame() - lastGrid + step - 1, step) * step;
                assertEquals(expected, t.at(), what + " must land on the next " + kind + " of " + from);
                checked++;
            }
            assertTrue(checked >= 9, checked + " transitions checked");
            // the grid itself follows each cue's tempo: bar lines one bar apart while a cue plays on
            Map<String, Long> barFrames = Map.of("title", 144_000L, "explore", 115_200L, "combat", 115_200L, "boss", 76_800L,
                    "cutscene", 120_000L);
            Map<String, Long> last = new HashMap<>();
            int bars = 0;
            for (SegueEvent e : events) {
                if (e.type() == SegueEvent.Type.BAR && barFrames.containsKey(e.cue())) {
                    Long prev = last.put(e.cue(), e.frame());
                    if (prev != null && e.frame() - prev < 2 * barFrames.get(e.cue())) {
                        assertEquals(0, (e.frame() - prev) % barFrames.get(e.cue()), e.cue() + " bar at " + e.frame());
                        bars++;
                    }
                }
            }
            assertTrue(bars > 20, bars + " bar lines");
            // the boss came in through its bridge, and a marker of the cutscene was heard
            assertTrue(events.stream().anyMatch(e -> e.type() == SegueEvent.Type.CUE_STARTED && "boss_intro".equals(e.cue())));
            assertTrue(events.stream().anyMatch(e -> e.type() == SegueEvent.Type.MARKER && "cutscene".equals(e.cue())));
            assertTrue(events.stream().anyMatch(e -> e.type() == SegueEvent.Type.STINGER && "victory".equals(e.other())));
            float[] all = join(audio);
            float peak = 0;
            for (float v : all) {
                peak = Math.max(peak, Math.abs(v));
            }
            assertTrue(peak > 0.1 && peak < 1, "session peak " + peak);
        }
    }

    private static boolean isGrid(SegueEvent e, SegueEvent.Type grid) {
        if (e.type() == grid) {
            return true;
        }
        return grid == SegueEvent.Type.BEAT && e.type() == SegueEvent.Type.BAR;
    }

    /** The cues that loop, with their bar length in frames, loop start bar and loop length in bars. */
    static final Object[][] LOOPS = {
        {"title", 144_000, 1, 8}, {"explore", 115_200, 1, 8}, {"combat", 115_200, 1, 8}, {"boss", 76_800, 1, 8},
        {"cutscene", 120_000, 1, 8}
    };

    @Test
    void everyLoopWrapsWithoutASeamAndEveryCueSitsAtTheTarget() {
        Map<String, Double> loudness = new HashMap<>();
        try (Segue s = engine()) { // one engine, the cues one after another from silence
            s.setParameter("intensity", 1);
            render(s, new ArrayList<>(), 1);
            for (Object[] l : LOOPS) {
                String cue = (String) l[0];
                int bar = (int) l[1];
                int loopStart = (int) l[2] * bar;
                int loopLen = (int) l[3] * bar;
                assertTrue(s.trigger(cue)); // from silence: immediate, from the cue's first frame
                List<float[]> audio = new ArrayList<>();
                render(s, audio, (loopStart + 2.0 * loopLen + 0.5 * bar) / RATE);
                float[] x = join(audio);
                assertTrue(s.setState("silence"));
                render(s, new ArrayList<>(), 4.0 * bar / RATE + 0.5);
                int start = firstSound(x);
                assertTrue(start >= 0 && start < RATE / 10, cue + " starts at " + start);
                for (int pass = 1; pass <= 2; pass++) {
                    int wrap = start + loopStart + pass * loopLen;
                    for (int c = 0; c < 2; c++) {
                        double jump = Math.abs(x[2 * wrap + c] - x[2 * (wrap - 1) + c]);
                        double local = 0;
                        for (int i = wrap - RATE / 100; i < wrap + RATE / 100; i++) {
                            if (i != wrap) {
                                local = Math.max(local, Math.abs(x[2 * i + c] - x[2 * (i - 1) + c]));
                            }
                        }
                        assertTrue(jump <= local, cue + ": loop wrap " + pass + " at frame " + wrap + " jumps " + jump
                                + ", the signal's own steps around it reach " + local);
                    }
                }
                LoudnessMeter m = new LoudnessMeter(RATE, 2);
                m.accept(x, 2 * start, loopStart + 2 * loopLen);
                loudness.put(cue, m.integratedLufs());
            }
            for (String once : List.of("victory", "game_over", "pickup", "discovery", "boss_intro")) {
                assertTrue(s.trigger(once)); // plays once, then the music is silent again
                List<float[]> audio = new ArrayList<>();
                render(s, audio, 8);
                float[] x = join(audio);
                LoudnessMeter m = new LoudnessMeter(RATE, 2);
                m.accept(x, 0, x.length / 2);
                loudness.put(once, m.integratedLufs());
            }
        }
        System.out.println("integrated loudness through the engine, intensity 1: " + loudness);
        assertEquals(10, loudness.size());
        for (Map.Entry<String, Double> e : loudness.entrySet()) {
            assertEquals(Master.TARGET_LUFS, e.getValue(), 1.0, e.getKey() + " full mix");
        }
    }

    private static int firstSound(float[] x) {
        for (int i = 0; i < x.length / 2; i++) {
            if (Math.abs(x[2 * i]) > 1e-5 || Math.abs(x[2 * i + 1]) > 1e-5) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void noStemClipsAndOurMeterAgreesWithFfmpeg() throws Exception {
        for (String path : manifest().keySet()) {
            float[] x = oggdec(SCORE.resolve(path));
            LoudnessMeter m = new LoudnessMeter(RATE, 2);
            m.accept(x, 0, x.length / 2);
            assertTrue(m.truePeakDbtp() < -1, path + " true peak " + m.truePeakDbtp() + " dBTP");
        }
        // once against ffmpeg: the explore mix at full intensity, through the engine, as a WAV
        Path wav = tmp.resolve("explore.wav");
        float[] x;
        try (Segue s = engine()) {
            s.setParameter("intensity", 1);
            s.trigger("explore");
            List<float[]> audio = new ArrayList<>();
            render(s, audio, 20);
            x = join(audio);
        }
        writeFloatWav(wav, x);
        LoudnessMeter m = new LoudnessMeter(RATE, 2);
        m.accept(x, 0, x.length / 2);
        String log = run("ffmpeg", "-hide_banner", "-nostats", "-i", wav.toString(), "-af", "ebur128=peak=true", "-f", "null", "-");
        String summary = log.substring(log.lastIndexOf("Summary:"));
        double ffI = Double.parseDouble(field(summary, "I:\\s*(-?[\\d.]+) LUFS"));
        double ffTp = Double.parseDouble(field(summary, "Peak:\\s*(-?[\\d.]+) dBFS"));
        System.out.printf("explore through the engine: ours %.2f LUFS %.2f dBTP, ffmpeg %.1f LUFS %.1f dBTP%n",
                m.integratedLufs(), m.truePeakDbtp(), ffI, ffTp);
        assertEquals(ffI, m.integratedLufs(), 0.15);
        assertEquals(ffTp, m.truePeakDbtp(), 0.3);
    }

    private float[] oggdec(Path ogg) throws Exception {
        Path raw = tmp.resolve("decoded.raw");
        run("oggdec", "-Q", "-R", "-b", "16", "-o", raw.toString(), ogg.toString());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] x = new float[b.remaining() / 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = b.getShort() / 32768f;
        }
        return x;
    }

    private static void writeFloatWav(Path file, float[] stereo) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + stereo.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + stereo.length * 4).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 3).putShort((short) 2).putInt(RATE)
                .putInt(RATE * 8).putShort((short) 8).putShort((short) 32);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(stereo.length * 4);
        for (float v : stereo) {
            b.putFloat(v);
        }
        Files.write(file, b.array());
    }

    private static String field(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no " + regex + " in:\n" + text);
        return m.group(1);
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + log);
        assertFalse(log.isEmpty() && cmd[0].equals("ffmpeg"));
        return log;
    }
}
