package dev.segue.decode;

import com.jcraft.jorbis.Info;
import java.util.List;
import java.util.Map;

/**
 * One link of an Ogg file: a Vorbis logical bitstream (with any streams multiplexed beside it) that
 * starts with its own headers. A plain file has one link; {@code cat a.ogg b.ogg} makes two.
 * Positions inside a link are granule positions (sample numbers of that stream).
 */
final class OggLink {
    /** Offset of the link's first page. */
    long start;
    /** Serial numbers of every stream that begins with this link (the link's pages carry one of them). */
    int[] serials;
    /** Serial number of the Vorbis stream. */
    int serial;
    int channels;
    int rate;
    /** JOrbis's view of the headers, ready for {@code DspState.synthesis_init}. */
    Info info;
    /** Block size of an audio packet by its first byte, -1 for bytes that cannot start one. */
    int[] blockOfByte;
    Map<String, List<String>> comments;
    String vendor;
    /** Offset of the page holding the end of the setup header, and of the first page after it. */
    long headerPage;
    long dataStart;
    /** Offset of the last page with a granule position, its granule and whether it ends the stream. */
    long lastPage;
    long lastGranule;
    boolean eos;
    /** Granule position of the end of the first audio packet (the one that only primes the decoder). */
    long firstEnd;
    /** Granule position of the link's first sample: 0, or more when the stream begins part way. */
    long base;
    /** Frames in the link and the frame of the whole file at which it starts. */
    long frames;
    long firstFrame;

    boolean hasSerial(int s) {
        for (int x : serials) {
            if (x == s) {
                return true;
            }
        }
        return false;
    }
}
