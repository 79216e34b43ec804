package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segue sets OpenAL Soft's mixing period itself (384 frames × 3 by default), on the real OpenAL Soft
 * null device. OpenAL Soft reads its configuration once per process, so each case runs
 * {@link OpenAlPeriodProbe} in a JVM of its own with {@code ALSOFT_DRIVERS=null}.
 */
class OpenAlPeriodTest {
    @TempDir
    Path dir;
    private Path sheet;

    @BeforeEach
    void sheet() {
        Audio.writeFloatWav(dir.resolve("a.wav"), 1, Audio.sine(96_000, 220, 0.2f));
        sheet = Audio.writeText(dir.resolve("s.cues.json"), """
            {"cues": {"a": {"tempo": {"bpm": 240}, "loop": {"start": 0}, "stems": [{"name": "a", "file": "a.wav"}]}},
             "states": {"play": "a"}}
            """);
    }

    /** The probe's {@code key=value} lines ({@code notice} lines joined with " | "). */
    private Map<String, String> probe(Map<String, String> env, String... opts) throws Exception {
        String cp = Stream.of(System.getProperty("jdk.module.path"), System.getProperty("java.class.path"))
                .filter(p -> p != null && !p.isEmpty()).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                OpenAlPeriodProbe.class.getName(), sheet.toString()));
        cmd.addAll(List.of(opts));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ALSOFT_DRIVERS", "null");
        pb.environment().remove("ALSOFT_CONF");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe hung: " + out);
        assertEquals(0, p.exitValue(), "probe " + List.of(opts) + " failed:\n" + out);
        Map<String, String> r = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                r.merge(line.substring(0, eq), line.substring(eq + 1), (a, b) -> a + " | " + b);
            }
        }
        assertEquals("No Output", r.get("device"), out);
        assertEquals("false", r.get("silent"), out);
        assertTrue(Long.parseLong(r.get("frame")) > 0, "the music played: " + out);
        return r;
    }

    @Test
    void segueAsksForItsDefaultPeriodAndGetsIt() throws Exception {
        Map<String, String> r = probe(Map.of(), "gdx-after");
        assertEquals("384", r.get("period"), r.toString());
        assertEquals("768", r.get("latencyFrames"), "two periods queued in the device: " + r);
        assertEquals(null, r.get("notice"), "nothing to say when the period took: " + r);
        assertEquals("384", r.get("gdxPeriod"), "it is the process's setting: libGDX's device opened later gets it too: " + r);
    }

    @Test
    void configureOpenAlFirstCoversAnAudioEngineThatOpensBeforeSegue() throws Exception {
        Map<String, String> r = probe(Map.of(), "configure", "gdx-first");
        assertEquals("true", r.get("configured"), r.toString());
        assertEquals("384", r.get("gdxPeriod"), r.toString());
        assertEquals("384", r.get("period"), r.toString());
        assertEquals(null, r.get("notice"), r.toString());
    }

    @Test
    void listingTheDevicesFirstStillGetsThePeriod() throws Exception {
        Map<String, String> r = probe(Map.of(), "list-first");
        assertTrue(r.get("devices").contains("No Output"), r.toString());
        assertEquals("384", r.get("period"), "listing opens OpenAL Soft, so it asks for the period first: " + r);
        assertEquals(null, r.get("notice"), r.toString());
    }

    @Test
    void tooLateSaysSoAndHowToFixIt() throws Exception {
        Map<String, String> r = probe(Map.of(), "gdx-first");
        assertEquals("960", r.get("period"), "OpenAL Soft's own period, read when libGDX opened its device: " + r);
        assertEquals("1920", r.get("latencyFrames"), r.toString());
        String notice = r.get("notice");
        assertTrue(notice != null && notice.contains("960-frame periods") && notice.contains("not the 384")
                && notice.contains("OpenAl.configure()"), "one OUTPUT event names the period and the fix: " + r);
    }

    @Test
    void devicePeriodZeroLeavesOpenAlSoftAlone() throws Exception {
        Map<String, String> r = probe(Map.of(), "openal-own");
        assertEquals("960", r.get("period"), r.toString());
        assertEquals(null, r.get("notice"), "nothing was asked, so nothing to report: " + r);
    }

    @Test
    void thePlayersOwnAlsoftConfWins() throws Exception {
        Path conf = Files.writeString(dir.resolve("mine.conf"), "[general]\nperiod_size = 512\nperiods = 2\n");
        Map<String, String> r = probe(Map.of("ALSOFT_CONF", conf.toString()));
        assertEquals("512", r.get("period"), r.toString());
        assertEquals("512", r.get("latencyFrames"), r.toString());
        String notice = r.get("notice");
        assertTrue(notice != null && notice.contains("ALSOFT_CONF is set (" + conf + ")"), "the notice says whose setting it is: " + r);
    }
}
