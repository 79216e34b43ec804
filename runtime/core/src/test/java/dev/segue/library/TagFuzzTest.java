package dev.segue.library;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jaudiotagger.audio.AudioFileIO;
import org.junit.jupiter.api.io.TempDir;

/**
 * A player's files as the library meets them, on hostile bytes: the first byte picks the format
 * (Ogg, MP3, FLAC, WAV), the rest is the file. Seeds are tagged files from oggenc, lame, flac and
 * ffmpeg ({@code src/test/fuzz/seeds.sh}).
 *
 * <p>{@code tags}: whatever {@link TagBounds} lets through, jaudiotagger reads without an allocation
 * out of proportion to the file (the 44 KB file that asked for gigabytes); the tag reader itself never
 * throws. {@code probe}: what a scan does with one file (detect, open, read, tags) ends in a song or a
 * plain reason, never an exception.
 */
class TagFuzzTest {
    private static final Song.Format[] FORMATS = {Song.Format.OGG_VORBIS, Song.Format.MP3, Song.Format.FLAC, Song.Format.WAV};
    private static final String[] EXT = {"ogg", "mp3", "flac", "wav"};
    @TempDir
    static Path dir;

    private static Path file(byte[] data) throws IOException {
        int f = data.length == 0 ? 0 : (data[0] & 0xFF) % FORMATS.length;
        return Files.write(dir.resolve("song." + EXT[f]), data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length));
    }

    private static Song.Format format(byte[] data) {
        return FORMATS[data.length == 0 ? 0 : (data[0] & 0xFF) % FORMATS.length];
    }

    @FuzzTest(maxDuration = "30m")
    void tags(byte[] data) throws Exception {
        Path p = file(data);
        Song.Format format = format(data);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (TagBounds.check(p, format) == null && format != Song.Format.OGG_VORBIS) {
            long before = mx.getCurrentThreadAllocatedBytes();
            try {
                AudioFileIO.readAs(p.toFile(), p.getFileName().toString().substring(p.getFileName().toString().lastIndexOf('.') + 1));
            } catch (Exception | StackOverflowError e) {
                // damaged tags are jaudiotagger's to refuse; only what it allocates matters here
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < (64L << 20) + 2000L * data.length,
                    "jaudiotagger allocated " + allocated + " bytes on a " + data.length + "-byte file TagBounds passed");
        }
        assertNotNull(TagReader.read(p.toFile(), format));
    }

    @FuzzTest(maxDuration = "10m")
    void probe(byte[] data) throws Exception {
        Path p = file(data);
        Probe.Result r = Probe.probe(p, Files.size(p), 0);
        assertTrue((r.song() == null) != (r.reason() == null), "a song or a reason: " + r);
        if (r.reason() != null) {
            assertTrue(!r.reason().isEmpty() && !r.reason().contains("Exception") && !r.reason().contains("\tat "),
                    "a plain reason, not a stack trace: " + r.reason());
        }
    }
}
