package dev.segue.cue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.segue.decode.PcmData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A later load of the same Segue takes unchanged stems from the earlier one and decodes the changed ones. */
class DecodedStemsTest {
    @TempDir
    Path dir;

    private static byte[] wav(float value, int frames) {
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + frames * 4).putInt(0x45564157).putInt(0x20746d66).putInt(16).putShort((short) 3)
                .putShort((short) 1).putInt(48_000).putInt(192_000).putShort((short) 4).putShort((short) 32)
                .putInt(0x61746164).putInt(frames * 4);
        for (int i = 0; i < frames; i++) {
            b.putFloat(value);
        }
        return b.array();
    }

    private PcmData stem(CueSheet s, String cue) {
        return s.cue(cue).stems()[0].audio();
    }

    @Test
    void unchangedStemsAreReusedAndAnEditedOneIsDecodedAgain() throws Exception {
        Files.write(dir.resolve("a.wav"), wav(0.25f, 4800));
        Files.write(dir.resolve("b.wav"), wav(0.5f, 4800));
        Files.write(dir.resolve("c.wav"), wav(0.75f, 4800));
        Path sheet = Files.writeString(dir.resolve("s.json"), """
            {"cues": {"a": {"tempo": {"bpm": 120}, "stems": [{"name": "x", "file": "a.wav"}]},
                      "b": {"tempo": {"bpm": 120}, "stems": [{"name": "x", "file": "b.wav"}]},
                      "c": {"tempo": {"bpm": 120}, "stems": [{"name": "x", "file": "c.wav"}]}}}
            """);
        DecodedStems kept = new DecodedStems();
        CueSheet first = CueSheetLoader.load(sheet, 48_000, Long.MAX_VALUE, 0, kept);
        assertEquals(3, kept.size());

        // b.wav rewritten with other samples of the same size, and its timestamp put back: only its bytes differ
        FileTime t = Files.getLastModifiedTime(dir.resolve("b.wav"));
        Files.write(dir.resolve("b.wav"), wav(-0.5f, 4800));
        Files.setLastModifiedTime(dir.resolve("b.wav"), t);
        CueSheet second = CueSheetLoader.load(sheet, 48_000, Long.MAX_VALUE, 0, kept);
        assertSame(stem(first, "a"), stem(second, "a"), "an unchanged stem is not decoded again");
        assertSame(stem(first, "c"), stem(second, "c"));
        assertNotSame(stem(first, "b"), stem(second, "b"), "a stem whose bytes changed is decoded again");
        assertEquals(-0.5f, stem(second, "b").samples()[100], 1e-6f);

        // a sheet naming fewer files leaves the cache holding only those; another rate decodes afresh
        Files.writeString(sheet, """
            {"cues": {"a": {"tempo": {"bpm": 120}, "stems": [{"name": "x", "file": "a.wav"}]}}}
            """);
        CueSheet third = CueSheetLoader.load(sheet, 48_000, Long.MAX_VALUE, 0, kept);
        assertSame(stem(first, "a"), stem(third, "a"));
        assertEquals(1, kept.size());
        CueSheet other = CueSheetLoader.load(sheet, 44_100, Long.MAX_VALUE, 0, kept);
        assertNotSame(stem(first, "a"), stem(other, "a"));
    }
}
