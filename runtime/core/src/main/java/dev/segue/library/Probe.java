package dev.segue.library;

import dev.segue.decode.AudioFormatException;
import dev.segue.decode.AudioFiles;
import dev.segue.decode.PcmSource;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

/**
 * Looks at one file: its format by content, its exact length from the decoder, a first block decoded
 * to prove it plays, and its tags (Ogg Vorbis comments from our own Ogg reader, which has them
 * anyway; everything else through jaudiotagger). Either a {@link Song} or the reason it is not one.
 */
final class Probe {
    /** Frames decoded to prove a file plays (about 0.1 s). */
    static final int CHECK_FRAMES = 4096;

    /** One file's verdict: a song, or a reason. */
    record Result(Song song, String reason) {
    }

    private Probe() {
    }

    static Result probe(Path file, long size, long modified) {
        AudioFiles.Format f;
        try {
            f = AudioFiles.detect(file);
        } catch (AccessDeniedException e) {
            return new Result(null, "cannot read the file: permission denied");
        } catch (AudioFormatException e) {
            return new Result(null, e.reason());
        } catch (IOException e) {
            return new Result(null, "cannot read the file: " + e.getMessage());
        }
        Song.Format format = format(f);
        if (format == null) {
            return new Result(null, "not audio (not Ogg Vorbis, MP3, FLAC or WAV by its content)");
        }
        long frames;
        int rate;
        int channels;
        boolean truncated;
        TagReader.Tags tags = null;
        try (PcmSource s = AudioFiles.open(file)) {
            if (s.comments() != null) {
                // the Ogg reader has the comments already (bounded by its page checks): no second pass
                tags = TagReader.fromVorbisComments(s.comments());
            }
            frames = s.frames();
            rate = s.sampleRate();
            channels = s.channels();
            truncated = s.truncated();
            float[] block = new float[CHECK_FRAMES * channels];
            int got = s.read(block, 0, CHECK_FRAMES);
            if (frames <= 0 || got <= 0) {
                return new Result(null, "broken " + format.label() + ": no audio frames in it");
            }
        } catch (AudioFormatException e) {
            return new Result(null, "broken " + format.label() + ": " + e.reason());
        } catch (IOException | RuntimeException e) {
            return new Result(null, "broken " + format.label() + ": " + e);
        }
        if (tags == null) {
            tags = TagReader.read(file.toFile(), format);
        }
        String title = tags.title().isEmpty() ? baseName(file) : tags.title();
        return new Result(new Song(file.toString(), format, size, modified, title, tags.artist(), tags.album(),
                tags.track(), frames, rate, channels, truncated), null);
    }

    static Song.Format format(AudioFiles.Format f) {
        switch (f) {
            case OGG:
                return Song.Format.OGG_VORBIS;
            case MP3:
                return Song.Format.MP3;
            case FLAC:
                return Song.Format.FLAC;
            case WAV:
                return Song.Format.WAV;
            default:
                return null;
        }
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
