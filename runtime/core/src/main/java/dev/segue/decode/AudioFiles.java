package dev.segue.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens an audio file as a {@link PcmSource}, choosing the decoder from the file's content (its
 * magic bytes), never from its name: a {@code .mp3} that is really a WAV plays, and a {@code .ogg}
 * that is really text is refused with a clear reason.
 */
public final class AudioFiles {
    /** A recognised container. */
    public enum Format {
        WAV, OGG, FLAC, MP3, UNKNOWN
    }

    private AudioFiles() {
    }

    /**
     * Opens {@code file} at {@code rate}: with the decoder its content calls for, resampled when the
     * file's rate differs.
     */
    public static PcmSource open(Path file, int rate) throws IOException {
        return open(Sources.file(file), rate);
    }

    /** As {@link #open(Path, int)}, from any source. */
    public static PcmSource open(Source src, int rate) throws IOException {
        PcmSource s = open(src);
        return s.sampleRate() == rate ? s : new ResamplingSource(s, rate);
    }

    /**
     * Opens {@code file} with the decoder its content calls for, as mono or stereo: a file of more
     * channels is folded to stereo by its speakers (BS.775 coefficients, see {@code Downmix}).
     *
     * @throws AudioFormatException naming the file and what is wrong (missing, empty, not audio, or
     *     a format Segue cannot decode yet)
     */
    public static PcmSource open(Path file) throws IOException {
        return open(Sources.file(file));
    }

    /** As {@link #open(Path)}, from any source. */
    public static PcmSource open(Source src) throws IOException {
        return Downmix.toStereo(decoder(src));
    }

    /** The decoder for {@code src}, giving every channel the file has. */
    static PcmSource decoder(Source src) throws IOException {
        Format f = detect(src);
        switch (f) {
            case WAV:
                return WavSource.open(src);
            case OGG:
                return OggSource.open(src);
            case FLAC:
                return FlacSource.open(src);
            case MP3:
                return Mp3Source.open(src);
            default:
                throw new AudioFormatException(src.name(), 0,
                        "not an audio file Segue knows (it reads WAV, Ogg Vorbis, MP3 and FLAC)");
        }
    }

    /** Opens {@code src} for reading; a missing file is an {@link AudioFormatException} naming it. */
    static SeekableByteChannel openChannel(Source src) throws IOException {
        try {
            return src.open();
        } catch (NoSuchFileException e) {
            throw new AudioFormatException(src.name(), -1, "no such file");
        }
    }

    /** The format {@code file}'s first bytes announce. */
    public static Format detect(Path file) throws IOException {
        return detect(Sources.file(file));
    }

    /** The format {@code src}'s first bytes announce. */
    public static Format detect(Source src) throws IOException {
        byte[] head = new byte[12];
        int n;
        try (SeekableByteChannel ch = src.open()) {
            ByteBuffer b = ByteBuffer.wrap(head);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill what the file has
            }
            n = b.position();
        } catch (NoSuchFileException e) {
            throw new AudioFormatException(src.name(), -1, "no such file");
        }
        if (n == 0) {
            throw new AudioFormatException(src.name(), 0, "the file is empty");
        }
        return detect(head, n);
    }

    /** The format that {@code n} leading bytes announce. */
    static Format detect(byte[] h, int n) {
        if (n >= 12 && ascii(h, 0, "RIFF") && ascii(h, 8, "WAVE")) {
            return Format.WAV;
        }
        if (n >= 4 && ascii(h, 0, "OggS")) {
            return Format.OGG;
        }
        if (n >= 4 && ascii(h, 0, "fLaC")) {
            return Format.FLAC;
        }
        if (n >= 3 && ascii(h, 0, "ID3")) {
            return Format.MP3;
        }
        // an MPEG audio frame sync: 11 set bits, layer III, a valid bitrate and rate index
        if (n >= 4 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xE0) == 0xE0 && (h[1] & 0x06) == 0x02
                && (h[2] & 0xF0) != 0xF0 && (h[2] & 0x0C) != 0x0C && (h[1] & 0x18) != 0x08) {
            return Format.MP3;
        }
        return Format.UNKNOWN;
    }

    private static boolean ascii(byte[] h, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (h[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
