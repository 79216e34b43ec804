package dev.segue.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tag length of 0x3FFFFFFF in a file whose audio is fine (a FLAC picture's MIME length, a Vorbis
 * comment vendor length, a WAV {@code INAM}, an MP3's ID3v2 frame) is caught before jaudiotagger
 * allocates a gigabyte for it: the scan goes on and the song plays under its file name. The files are
 * made by the real encoders (flac, ffmpeg, lame), then one length field is overwritten.
 */
class TagBoundsTest {
    private static final int HUGE = 0x3FFF_FFFF;

    @TempDir
    Path dir;

    private Path wav() throws IOException {
        float[] s = new float[44_100 * 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 44_100.0));
        }
        return Fixtures.wav16(dir.resolve("src.wav"), 44_100, 1, s);
    }

    @Test
    void aFlacPictureMimeLengthOfAGigabyteIsCaught() throws Exception {
        assumeTrue(Fixtures.onPath("flac"), "flac is not installed (apt-get install flac)");
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("cover.png");
        ImageIO.write(img, "png", png.toFile());
        Path flac = Fixtures.encode(wav(), dir.resolve("music/picture.flac"), List.of("--picture=" + png, "-T", "TITLE=Tagged"));
        assertNull(TagBounds.check(flac, Song.Format.FLAC), "the encoder's file is sound");
        assertEquals("Tagged", TagReader.read(flac.toFile(), Song.Format.FLAC).title());

        byte[] b = Files.readAllBytes(flac);
        int picture = flacBlock(b, 6);
        putIntBe(b, picture + 4 + 4, HUGE); // after the block header and the picture type: the MIME length
        Files.write(flac, b);
        String why = TagBounds.check(flac, Song.Format.FLAC);
        assertNotNull(why);
        assertTrue(why.contains("MIME type") && why.contains(Integer.toString(HUGE)), why);
        assertEquals("", TagReader.read(flac.toFile(), Song.Format.FLAC).title(), "tags given up, nothing allocated");
        assertScansUnderItsFileName(flac, "picture");
    }

    @Test
    void aVorbisCommentVendorLengthOfAGigabyteIsCaught() throws Exception {
        assumeTrue(Fixtures.onPath("flac"), "flac is not installed (apt-get install flac)");
        Path flac = Fixtures.encode(wav(), dir.resolve("music/vendor.flac"), List.of("-T", "TITLE=Tagged"));
        byte[] b = Files.readAllBytes(flac);
        int comment = flacBlock(b, 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(comment + 4, HUGE);
        Files.write(flac, b);
        String why = TagBounds.check(flac, Song.Format.FLAC);
        assertNotNull(why);
        assertTrue(why.contains("vendor length"), why);
        assertScansUnderItsFileName(flac, "vendor");
    }

    @Test
    void aWavInfoTitleOfAGigabyteIsCaught() throws Exception {
        assumeTrue(Fixtures.onPath("ffmpeg"), "ffmpeg is not installed (apt-get install ffmpeg)");
        Path out = dir.resolve("music/info.wav");
        Files.createDirectories(out.getParent());
        Fixtures.run(dir, "ffmpeg", "-v", "error", "-y", "-i", wav().toString(), "-metadata", "title=Tagged", out.toString());
        assertNull(TagBounds.check(out, Song.Format.WAV));
        byte[] b = Files.readAllBytes(out);
        int inam = indexOf(b, "INAM".getBytes(StandardCharsets.US_ASCII));
        assertTrue(inam > 0, "ffmpeg wrote LIST/INFO/INAM");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(inam + 4, HUGE);
        Files.write(out, b);
        String why = TagBounds.check(out, Song.Format.WAV);
        assertNotNull(why);
        assertTrue(why.contains("'INAM'"), why);
        assertScansUnderItsFileName(out, "info");
    }

    @Test
    void anId3FrameOfAGigabyteIsCaught() throws Exception {
        assumeTrue(Fixtures.onPath("lame"), "lame is not installed (apt-get install lame)");
        Path mp3 = Fixtures.encode(wav(), dir.resolve("music/frame.mp3"), List.of("--id3v2-only", "--tt", "Tagged"));
        assertNull(TagBounds.check(mp3, Song.Format.MP3));
        byte[] b = Files.readAllBytes(mp3);
        int tit2 = indexOf(b, "TIT2".getBytes(StandardCharsets.US_ASCII));
        assertTrue(tit2 > 0, "lame wrote an ID3v2 title frame");
        int version = b[3];
        putIntBe(b, tit2 + 4, version == 4 ? 0x7F7F7F7F : HUGE);
        Files.write(mp3, b);
        String why = TagBounds.check(mp3, Song.Format.MP3);
        assertNotNull(why);
        assertTrue(why.contains("TIT2"), why);
        assertScansUnderItsFileName(mp3, "frame");
    }

    /** The scan finishes and lists the song, titled by its file name. */
    private void assertScansUnderItsFileName(Path file, String name) throws Exception {
        MusicLibrary lib = MusicLibrary.open(dir.resolve("index.json"));
        ScanReport r = lib.scan(List.of(file.getParent()), 1, null).await();
        assertEquals(List.of(), r.skipped(), "the audio is fine, so nothing is skipped");
        Song song = r.songs().stream().filter(s -> s.path().equals(file.toString())).findFirst().orElseThrow();
        assertEquals(name, song.title());
    }

    /** Offset of the first FLAC metadata block of {@code type} (its 4-byte header). */
    private static int flacBlock(byte[] b, int type) {
        int at = 4;
        while (at + 4 <= b.length) {
            int h = ByteBuffer.wrap(b, at, 4).getInt();
            if (((h >>> 24) & 0x7F) == type) {
                return at;
            }
            if ((h & 0x8000_0000) != 0) {
                break;
            }
            at += 4 + (h & 0xFF_FFFF);
        }
        throw new AssertionError("no FLAC metadata block of type " + type);
    }

    private static void putIntBe(byte[] b, int at, int v) {
        ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).putInt(at, v);
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
