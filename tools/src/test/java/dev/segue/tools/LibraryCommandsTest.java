package dev.segue.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segue scan}, {@code segue analyze} and {@code segue bench scan} on small real folders. */
class LibraryCommandsTest {
    @TempDir
    Path tmp;

    private Path library() throws Exception {
        Path dir = tmp.resolve("my music");
        Files.createDirectories(dir.resolve("Ålbum"));
        WavWriter.write16(dir.resolve("Ålbum/click 120.wav"), BenchScanCommand.clicks(12, 120), 1, 44_100);
        Files.writeString(dir.resolve("Ålbum/cover.txt"), "not audio");
        return dir;
    }

    @Test
    void scanPrintsFormatsAndSkippedFilesAndUsesTheIndex() throws Exception {
        Path dir = library();
        String index = tmp.resolve("index.json").toString();
        Cli r = Cli.run("scan", dir.toString(), "--index", index);
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("WAV\\s+1\\s+0:00:12")), r.all());
        assertTrue(r.out().contains("cover.txt: not audio"), r.all());
        assertTrue(r.out().contains("1 new, 0 changed, 0 removed, 0 unchanged"), r.all());
        assertTrue(r.err().contains("done"), "a progress bar: " + r.all());

        Cli again = Cli.run("scan", dir.toString(), "--index", index);
        assertTrue(again.out().contains("0 new, 0 changed, 0 removed, 2 unchanged"), again.all());
    }

    @Test
    void scanNamesTruncatedSongs() throws Exception {
        Path dir = library();
        byte[] whole = Files.readAllBytes(dir.resolve("Ålbum/click 120.wav"));
        Files.write(dir.resolve("Ålbum/cut short.wav"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Cli r = Cli.run("scan", dir.toString(), "--index", tmp.resolve("index.json").toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("1 truncated (the file ends before its header says; it plays up to the cut):"), r.all());
        assertTrue(r.out().contains("cut short.wav: plays 0:00:06"), r.all());
        assertFalse(r.out().contains("click 120.wav: plays"), r.all());
    }

    @Test
    void analyzePrintsTempoAsATableOrJson() throws Exception {
        Path dir = library();
        String index = tmp.resolve("index.json").toString();
        Cli table = Cli.run("analyze", dir.toString(), "--index", index);
        assertEquals(0, table.exitCode(), table.all());
        assertTrue(table.out().lines().anyMatch(l -> l.trim().startsWith("120.0") && l.contains("click 120")), table.all());
        assertTrue(table.out().contains("1 skipped (not analysed):") && table.out().contains("cover.txt: not audio"),
                "the files it skipped are named: " + table.all());

        Cli json = Cli.run("analyze", dir.toString(), "--index", index, "--json");
        assertEquals(0, json.exitCode(), json.all());
        JsonArray rows = JsonParser.parseString(json.out()).getAsJsonArray();
        assertTrue(json.err().contains("cover.txt: not audio"), "skipped files on stderr beside the JSON: " + json.all());
        assertEquals(1, rows.size());
        JsonObject song = rows.get(0).getAsJsonObject();
        assertEquals(120, song.get("bpm").getAsDouble(), 120 * 0.02);
        assertEquals(0, song.get("firstBeatSeconds").getAsDouble(), 0.02);
        assertEquals(24, song.getAsJsonArray("beatSeconds").size(), 1);
        assertEquals("WAV", song.get("format").getAsString());
        double lufs = song.get("integratedLufs").getAsDouble();
        assertTrue(lufs > -40 && lufs < -5, "a loudness: " + lufs);
        assertTrue(table.out().lines().findFirst().orElse("").contains("LUFS"), table.all());
    }

    @Test
    void benchScanReportsColdWarmAndAnalysisSpeed() {
        Cli r = Cli.run("bench", "scan", "--files", "40", "--song-seconds", "5", "--dir", tmp.resolve("b").toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("cold") && l.contains("40 songs") && l.contains("files/s")),
                r.all());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("warm") && l.contains("40 from the index")), r.all());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("analyse") && l.contains("x real time")), r.all());
    }
}
