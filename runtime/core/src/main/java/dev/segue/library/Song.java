package dev.segue.library;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * One song of the player's library, as the last scan found it: where it is, what it is and how long
 * it plays. Immutable.
 *
 * @param path        the file, absolute
 * @param format      the container and codec, detected from the file's content (never its name)
 * @param size        the file's size in bytes when scanned
 * @param modified    the file's last-modified time (milliseconds since the epoch) when scanned
 * @param title       the title tag, or the file name without its extension when the file has none
 * @param artist      the artist tag, or "" when absent
 * @param album       the album tag, or "" when absent
 * @param track       the track number, or 0 when absent
 * @param frames      the exact length in sample frames, from the decoder
 * @param sampleRate  frames per second
 * @param channels    channels per frame as it plays (1 or 2: more are folded to stereo)
 * @param truncated   true if the file ends before its header says (a cut-short copy or download):
 *                    it plays up to the cut, and {@code frames} counts what is there
 */
public record Song(String path, Format format, long size, long modified, String title, String artist, String album,
        int track, long frames, int sampleRate, int channels, boolean truncated) {

    /** The audio formats the library plays. */
    public enum Format {
        /** Ogg Vorbis. */
        OGG_VORBIS("Ogg Vorbis"),
        /** MPEG-1/2 layer III. */
        MP3("MP3"),
        /** FLAC (native container). */
        FLAC("FLAC"),
        /** RIFF WAVE, PCM or float. */
        WAV("WAV");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        /** The name people know the format by ("Ogg Vorbis", "MP3", "FLAC", "WAV"). */
        public String label() {
            return label;
        }
    }

    /** Checks the fields and replaces missing tags with "". */
    public Song {
        if (path == null || path.isEmpty() || format == null) {
            throw new IllegalArgumentException("a song needs a path and a format");
        }
        if (frames < 0 || sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException(path + ": impossible length " + frames + " frames at " + sampleRate
                    + " Hz, " + channels + " channels");
        }
        title = title == null ? "" : title;
        artist = artist == null ? "" : artist;
        album = album == null ? "" : album;
    }

    /** The length in seconds. */
    public double seconds() {
        return frames / (double) sampleRate;
    }

    /** {@link #path()} as a {@link Path}. */
    public Path file() {
        return Paths.get(path);
    }
}
