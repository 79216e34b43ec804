package dev.segue.library;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;

/**
 * Reads title, artist, album and track number with jaudiotagger (or, for Ogg Vorbis, from the
 * comments our Ogg reader already parsed): ID3v1, ID3v2.2/2.3/2.4 (with
 * unsynchronisation and every text encoding), Vorbis comments in Ogg and FLAC, and WAV's
 * {@code LIST/INFO} and {@code id3 } chunks. jaudiotagger is told the format the file's content
 * announced, not its name, and its {@code java.util.logging} chatter is switched off.
 *
 * <p>Tags are a nicety: a file whose tags cannot be read still plays, under its file name. Every
 * length in the tags is checked against its container first ({@link TagBounds}), so no tag can make
 * jaudiotagger allocate more than the file holds.
 */
final class TagReader {
    /** Held so the logger (and its level) is not collected and recreated at INFO. */
    private static final Logger JAUDIOTAGGER = Logger.getLogger("org.jaudiotagger");

    static {
        JAUDIOTAGGER.setLevel(Level.OFF);
    }

    /** What the tags say; "" or 0 where they say nothing. */
    record Tags(String title, String artist, String album, int track) {
        static final Tags NONE = new Tags("", "", "", 0);
    }

    private TagReader() {
    }

    static Tags read(File file, Song.Format format) {
        if (TagBounds.check(file.toPath(), format) != null) {
            return Tags.NONE; // a length jaudiotagger would allocate blindly: the song keeps its file name
        }
        try {
            AudioFile af = AudioFileIO.readAs(file, extension(format));
            Tag tag = af.getTag();
            if (tag == null) {
                return Tags.NONE;
            }
            return new Tags(first(tag, FieldKey.TITLE), first(tag, FieldKey.ARTIST), first(tag, FieldKey.ALBUM),
                    trackNumber(first(tag, FieldKey.TRACK)));
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            // damaged or exotic tags: the song keeps its file name as title (an allocation a length
            // asked for that TagBounds let through failed alone: nothing else was holding memory)
            return Tags.NONE;
        }
    }

    /** Tags from Vorbis comments as {@code OggSource} gives them (keys upper-cased). */
    static Tags fromVorbisComments(Map<String, List<String>> comments) {
        return new Tags(comment(comments, "TITLE"), comment(comments, "ARTIST"), comment(comments, "ALBUM"),
                trackNumber(comment(comments, "TRACKNUMBER")));
    }

    private static String comment(Map<String, List<String>> comments, String key) {
        List<String> v = comments.get(key);
        return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0).trim();
    }

    private static String first(Tag tag, FieldKey key) {
        try {
            String v = tag.getFirst(key);
            return v == null ? "" : v.trim();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** "3", "03", "3/12" → 3; anything else → 0. */
    static int trackNumber(String s) {
        int slash = s.indexOf('/');
        String n = (slash >= 0 ? s.substring(0, slash) : s).trim();
        try {
            int v = Integer.parseInt(n);
            return v > 0 ? v : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String extension(Song.Format f) {
        switch (f) {
            case OGG_VORBIS:
                return "ogg";
            case MP3:
                return "mp3";
            case FLAC:
                return "flac";
            default:
                return "wav";
        }
    }
}
