package dev.segue.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MusicLibrary#analyze}: beats and loudness in one pass, cached in the index. */
class AnalysisTest {
    @TempDir
    Path tmp;

    @Test
    void measuresBeatsAndLoudnessAndKeepsThemInTheIndex() throws Exception {
        assumeTrue(Fixtures.onPath("oggenc"), "oggenc is not installed");
        assumeTrue(Fixtures.onPath("ffmpeg"), "ffmpeg is not installed (the loudness reference)");
        Path dir = tmp.resolve("songs");
        float[] clicks = Fixtures.clicks(44_100, 20, 128, 0.2);
        Path wav = Fixtures.wav16(tmp.resolve("src.wav"), 44_100, 1, clicks);
        Path ogg = Fixtures.encode(wav, dir.resolve("click 128.ogg"), List.of("-t", "Click"));
        Path index = tmp.resolve("index.json");
        MusicLibrary lib = MusicLibrary.open(index);
        Song song = lib.scan(List.of(dir), 1, null).await().songs().get(0);
        List<Progress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<String, SongAnalysis> got = lib.analyze(List.of(song), seen::add).await();
        SongAnalysis a = got.get(song.path());
        assertEquals(128, a.beats().bpm(), 128 * 0.02);
        assertEquals(0.2, a.beats().firstBeat() / 44_100.0, 0.02);
        double reference = ffmpegIntegrated(ogg);
        assertEquals(reference, a.integratedLufs(), 0.5, "EBU R128 integrated loudness beside ffmpeg's ebur128");
        assertTrue(a.truePeakDbtp() > -6 && a.truePeakDbtp() < 1, "true peak " + a.truePeakDbtp());
        assertEquals("done", seen.get(seen.size() - 1).phase());

        MusicLibrary reopened = MusicLibrary.open(index);
        assertEquals(a, reopened.analysis(song).orElseThrow(), "the analysis survives in the index");
        double gain = a.gainDb(-23, -1);
        assertEquals(Math.min(-23 - a.integratedLufs(), -1 - a.truePeakDbtp()), gain, 1e-9);
    }

    /**
     * Music, not a test signal: the demo score's combat cue (its five stems mixed, stereo) encoded by
     * lame, flac and oggenc, analysed through the library: integrated loudness within 0.5 LU of
     * ffmpeg's ebur128 on the same file, and the tempo at 100 BPM.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "the demo score's combat as {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"mp3", "flac", "ogg"})
    void musicInEveryFormatMeasuresAsFfmpegDoes(String ext) throws Exception {
        assumeTrue(Fixtures.onPath("ffmpeg"), "ffmpeg is not installed (the loudness reference)");
        Path stems = Path.of("..", "..", "assets", "score", "combat");
        assumeTrue(java.nio.file.Files.isDirectory(stems), "the demo score is not beside the runtime module");
        float[] mono = TempoTest.mixOf(stems, null);
        float[] stereo = new float[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            stereo[2 * i] = mono[i];
            stereo[2 * i + 1] = mono[i] * 0.7f; // not the same on both sides
        }
        Path wav = Fixtures.wav16(tmp.resolve("combat.wav"), 48_000, 2, stereo);
        Path file = Fixtures.encode(wav, tmp.resolve("songs").resolve("combat." + ext), List.of());
        MusicLibrary lib = MusicLibrary.open(tmp.resolve("index.json"));
        Song song = lib.scan(List.of(tmp.resolve("songs")), 1, null).await().songs().get(0);
        SongAnalysis a = lib.analyze(List.of(song), null).await().get(song.path());
        double reference = ffmpegIntegrated(file);
        System.out.printf(java.util.Locale.ROOT, "AnalysisTest: combat.%s ours %.2f LUFS, ffmpeg %.2f LUFS (%+.2f LU); %s%n",
                ext, a.integratedLufs(), reference, a.integratedLufs() - reference, a.beats());
        assertEquals(reference, a.integratedLufs(), 0.5, "EBU R128 integrated loudness beside ffmpeg's ebur128");
        assertEquals(100, a.beats().bpm(), 2, a.beats().toString());
    }

    /** Integrated loudness as ffmpeg's ebur128 filter measures it. */
    static double ffmpegIntegrated(Path file) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostats", "-i", file.toString(), "-af", "ebur128",
                "-f", "null", "-").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Matcher m = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(log);
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        assertTrue(!Double.isNaN(last), log);
        return last;
    }
}
