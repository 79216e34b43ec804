package dev.segue.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioFilesTest {
    @TempDir
    Path dir;

    @Test
    void theContentDecidesNotTheName() throws Exception {
        byte[] wav = WavSourceTest.wav(1, 1, 48_000, 16, 2, new byte[200], false, 200);
        Path disguised = Files.write(dir.resolve("song.mp3"), wav);
        assertEquals(AudioFiles.Format.WAV, AudioFiles.detect(disguised));
        try (PcmSource s = AudioFiles.open(disguised)) {
            assertEquals(100, s.frames());
        }
        Path text = Files.writeString(dir.resolve("song.ogg"), "I am a text file, not a song");
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.open(text));
        assertTrue(e.getMessage().startsWith(text.toString()) && e.getMessage().contains("not an audio file"), e.getMessage());
        assertThrows(AudioFormatException.class, () -> AudioFiles.open(Files.write(dir.resolve("empty.wav"), new byte[0])));
        assertThrows(AudioFormatException.class, () -> AudioFiles.open(dir.resolve("missing.flac")));
    }

    @Test
    void magicBytes() {
        assertEquals(AudioFiles.Format.OGG, AudioFiles.detect("OggS\0\2".getBytes(), 6));
        assertEquals(AudioFiles.Format.FLAC, AudioFiles.detect("fLaC\0\0\0\42".getBytes(), 8));
        assertEquals(AudioFiles.Format.MP3, AudioFiles.detect("ID3\4\0".getBytes(), 5));
        assertEquals(AudioFiles.Format.MP3, AudioFiles.detect(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64}, 4));
        assertEquals(AudioFiles.Format.UNKNOWN, AudioFiles.detect(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, 4));
        assertEquals(AudioFiles.Format.UNKNOWN, AudioFiles.detect("RIFF\0\0\0\0AVI ".getBytes(), 12));
    }
}
