package dev.segue.decode;

import com.jcraft.jogg.Packet;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.DspState;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ogg Vorbis reader on JOrbis, giving float samples straight from the synthesis (never through 16-bit).
 *
 * <p><b>Exact length and positions.</b> Sample positions come from the pages' granule positions, not
 * from JOrbis: the packets ending on a page end at its granule, each {@code previous/4 + this/4}
 * samples after the one before. The first packet after the start or a seek only primes the overlap
 * and its output is dropped; samples before the stream's first granule are dropped (start trim) and
 * so are those past the last page's granule (end trim), so a file made by {@code oggenc} decodes to
 * exactly the frames of its source. {@link #frames()} is known at open from the last page, found
 * from the end of the file. A granule position that disagrees with the packets before it is an
 * error, not something to paper over.
 *
 * <p><b>Chained files</b> (links of Vorbis streams back to back, as {@code cat a.ogg b.ogg} makes) play
 * as one source; {@link #frames()} is the sum of the links. Links are found at open by bisection on
 * serial numbers, and one whose channel count or rate differs from the first is refused then. Two
 * consecutive links that share a serial number cannot be told apart at open; reading reports
 * {@link AudioFormatException} where the first of them ends.
 *
 * <p><b>Seeking</b> is exact to the sample: bisection over pages by granule position, then the
 * packet after the chosen page boundary primes the decoder and samples are decoded and dropped up
 * to the target. Reading after a seek gives the same floats, bit for bit, as reading from the start.
 *
 * <p><b>Damaged files.</b> Everything that is wrong is an {@link AudioFormatException} naming the
 * file, the byte offset of the page and a reason; no other exception escapes, nothing is allocated
 * from an unchecked header field, and nothing loops without end. Headers are checked before JOrbis
 * sees them ({@code VorbisHeaders}). A page with a bad checksum, a missing page or a packet JOrbis
 * chokes on fails the read that reaches it, after the audio before it has been delivered; the
 * source then keeps failing. A file <b>cut short</b> (truncated) inside its headers is refused at
 * open; cut after them, it plays every complete page up to the cut and then ends cleanly, with
 * {@link #frames()} counting exactly that audio and {@link #truncated()} true.
 *
 * <p>Samples are clamped to [-1, 1] (lossy coding overshoots full scale a little; a damaged packet
 * could give anything). Reading allocates nothing once running, apart from what JOrbis allocates
 * inside while decoding a packet. One thread at a time.
 */
public final class OggSource implements PcmSource {
    private final String name;
    private final SeekableByteChannel channel;
    private final OggPageReader pages;
    private final OggPacketReader packets;
    private final OggLink[] links;
    private final long frames;
    private final int channels;
    private final int sampleRate;
    private final long loopStart;
    private final long loopLength;
    private final Packet op = new Packet();
    private final int[] sizes = new int[256];
    private final float[][][] pcm = new float[1][][];
    private final int[] index;

    private int link = -1;
    private OggLink current;
    private DspState dsp;
    private Block block;
    /** Granule position of the first sample the decoder holds that has not been handed out or dropped. */
    private long pos;
    /** Granule position where the last decoded packet ends. */
    private long decoded;
    /** Samples before this granule position are dropped (seek target, start trim). */
    private long skipUntil;
    private boolean prime;
    private long primeEnd;
    private boolean ended;
    private AudioFormatException failure;

    private OggSource(String name, SeekableByteChannel channel) throws IOException {
        this.name = name;
        this.channel = channel;
        this.pages = new OggPageReader(channel);
        this.packets = new OggPacketReader(pages, name);
        this.links = OggLinks.discover(pages, packets, name, op, sizes);
        OggLink last = links[links.length - 1];
        this.frames = last.firstFrame + last.frames;
        this.channels = links[0].channels;
        this.sampleRate = links[0].rate;
        this.index = new int[channels];
        this.loopStart = number(links[0].comments, "LOOPSTART");
        this.loopLength = number(links[0].comments, "LOOPLENGTH");
        startLink(0);
    }

    /**
     * Opens {@code file}, reads the headers of every link and the length.
     *
     * @throws AudioFormatException naming the file, byte offset and reason if it is not an Ogg Vorbis
     *                              file Segue can play
     */
    public static OggSource open(Path file) throws IOException {
        return open(Sources.file(file));
    }

    /** As {@link #open(Path)}, from any source (a jar entry, a classpath resource, bytes in memory). */
    public static OggSource open(Source src) throws IOException {
        String name = src.name();
        SeekableByteChannel ch = AudioFiles.openChannel(src);
        return open(name, ch);
    }

    /** Opens an Ogg Vorbis stream from {@code channel}, which the source then owns and closes. */
    static OggSource open(String name, SeekableByteChannel channel) throws IOException {
        try {
            return new OggSource(name, channel);
        } catch (RuntimeException e) {
            channel.close();
            throw new AudioFormatException(name, -1, "the decoder failed while opening (" + e + ")");
        } catch (IOException | Error e) {
            channel.close();
            throw e;
        }
    }

    private static long number(Map<String, List<String>> comments, String key) {
        List<String> v = comments.get(key);
        if (v == null) {
            return -1;
        }
        try {
            long x = Long.parseLong(v.get(0).trim());
            return x >= 0 ? x : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void startLink(int i) throws AudioFormatException {
        link = i;
        current = links[i];
        try {
            dsp = new DspState();
            dsp.synthesis_init(current.info);
            block = new Block(dsp);
        } catch (RuntimeException e) {
            throw new AudioFormatException(name, current.start, "the decoder cannot set up link " + (i + 1) + " (" + e + ")");
        }
        packets.start(current.dataStart, current.serial, current.lastPage, false, OggLinks.MAX_AUDIO_PACKET);
        prime = true;
        primeEnd = current.firstEnd;
        pos = primeEnd;
        decoded = primeEnd;
        skipUntil = current.base;
    }

    /** Channels per frame, the same in every link. */
    @Override
    public int channels() {
        return channels;
    }

    /** Vorbis I's fixed speaker order for the channel count. */
    @Override
    public int[] speakers() {
        return Downmix.vorbis(channels);
    }

    /** Frames per second, the same in every link. */
    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /** Exact total frames of all links, known from open. */
    @Override
    public long frames() {
        return frames;
    }

    /** The file path (or stream name) given at open, for messages. */
    @Override
    public String name() {
        return name;
    }

    /**
     * The first link's comments: keys upper-cased ({@code TITLE}, {@code ARTIST}, ...), each with its
     * values in file order. Unmodifiable.
     */
    @Override
    public Map<String, List<String>> comments() {
        return links[0].comments;
    }

    /** The encoder's vendor string from the first link's comment header. */
    public String vendor() {
        return links[0].vendor;
    }

    /** The {@code LOOPSTART} comment (a frame number), or -1 if there is none or it is not a number. */
    public long loopStart() {
        return loopStart;
    }

    /** The {@code LOOPLENGTH} comment (in frames), or -1 if there is none or it is not a number. */
    public long loopLength() {
        return loopLength;
    }

    /** Number of links (logical streams played in sequence); 1 for a plain file. */
    public int links() {
        return links.length;
    }

    /** Whether some link lacks its end-of-stream page: the file was cut short and plays to the cut. */
    @Override
    public boolean truncated() {
        for (OggLink l : links) {
            if (!l.eos) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads up to {@code want} frames, interleaved, into {@code dst} from {@code offset} (in samples),
     * crossing from one link to the next as if they were one stream. Allocates nothing.
     *
     * @return frames read, or -1 at the end
     * @throws AudioFormatException where the file is damaged (then on every later call too)
     */
    @Override
    public int read(float[] dst, int offset, int want) throws IOException {
        if (failure != null) {
            throw failure;
        }
        Objects.checkFromIndexSize(offset, (long) want * channels > Integer.MAX_VALUE ? -1 : want * channels, dst.length);
        if (ended) {
            return -1;
        }
        int done = 0;
        try {
            while (done < want) {
                int avail = dsp.synthesis_pcmout(pcm, index);
                if (avail > 0) {
                    done += deliver(avail, dst, offset + done * channels, want - done);
                } else if (!decodeNext()) {
                    if (link + 1 == links.length) {
                        ended = true;
                        break;
                    }
                    startLink(link + 1);
                }
            }
        } catch (AudioFormatException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            failure = new AudioFormatException(name, packets.pageOffset, "the decoder failed on a damaged packet (" + e + ")");
            throw failure;
        }
        return done == 0 && ended ? -1 : done;
    }

    /** Hands out, drops before the target or trims past the end some of the {@code avail} samples held. */
    private int deliver(int avail, float[] dst, int o, int room) {
        if (pos < skipUntil) {
            int d = (int) Math.min(avail, skipUntil - pos);
            dsp.synthesis_read(d);
            pos += d;
            return 0;
        }
        long end = current.lastGranule;
        if (pos >= end) {
            dsp.synthesis_read(avail);
            pos += avail;
            return 0;
        }
        int n = (int) Math.min(Math.min(avail, room), end - pos);
        float[][] p = pcm[0];
        for (int c = 0; c < channels; c++) {
            float[] src = p[c];
            int s = index[c];
            for (int i = 0, d = o + c; i < n; i++, d += channels) {
                float v = src[s + i];
                dst[d] = v > 1f ? 1f : v >= -1f ? v : v < -1f ? -1f : 0f; // NaN -> 0
            }
        }
        dsp.synthesis_read(n);
        pos += n;
        return n;
    }

    /** Decodes the next packet of the current link; false at the link's end. */
    private boolean decodeNext() throws IOException {
        if (!packets.next(op)) {
            if (current.lastPage >= current.dataStart && decoded < current.lastGranule) {
                throw new AudioFormatException(name, current.lastPage, "the last page says the stream ends at sample "
                        + current.lastGranule + " but its packets end at " + decoded);
            }
            return false;
        }
        long at = packets.pageOffset;
        if (packets.pageEos && at != current.lastPage) {
            throw new AudioFormatException(name, at, "the stream ends here, before the page where it was found to end"
                    + " (two chained links with the same serial number?)");
        }
        if (current.blockOfByte[op.packet_base[op.packet] & 0xFF] < 0) {
            throw new AudioFormatException(name, at, "a packet here is not a Vorbis audio packet");
        }
        if (block.synthesis(op) != 0) {
            throw new AudioFormatException(name, at, "the decoder refused an audio packet here");
        }
        dsp.synthesis_blockin(block);
        int n = dsp.synthesis_pcmout(null, index);
        if (prime) {
            dsp.synthesis_read(n); // the first packet only primes the overlap
            prime = false;
            pos = primeEnd;
            decoded = primeEnd;
        } else {
            decoded = pos + n;
        }
        if (packets.lastOnPage) {
            long g = packets.pageGranule;
            if (g == -1) {
                throw new AudioFormatException(name, at, "packets end on a page without a granule position");
            }
            if (packets.pageEos ? decoded < g : decoded != g) {
                throw new AudioFormatException(name, at, "the page's granule position is " + g
                        + " but the packets up to it end at " + decoded);
            }
        }
        return true;
    }

    /**
     * Positions the next read at {@code frame} (0 to {@link #frames()}), exactly.
     *
     * @throws IllegalArgumentException if {@code frame} is outside that range
     */
    @Override
    public void seek(long frame) throws IOException {
        if (failure != null) {
            throw failure;
        }
        PcmSource.checkSeek(frame, frames);
        if (frame == frames) {
            ended = true;
            return;
        }
        try {
            int i = 0;
            while (frame >= links[i].firstFrame + links[i].frames) {
                i++;
            }
            if (i != link) {
                startLink(i);
            } else {
                dsp.synthesis_read(dsp.synthesis_pcmout(null, index));
            }
            OggLink l = current;
            long target = l.base + (frame - l.firstFrame);
            long start = l.dataStart;
            long end = l.firstEnd;
            boolean inside = false;
            for (long limit = target; ; ) {
                long s = OggLinks.pageAtOrBefore(pages, l, limit);
                if (s < 0) {
                    break; // decode from the link's start
                }
                long e = OggLinks.probe(packets, l, s, false, op, sizes, name);
                if (e != OggLinks.UNKNOWN && e <= target) {
                    start = s;
                    end = e;
                    inside = true;
                    break;
                }
                pages.readAt(s);
                limit = pages.granule() - 1; // try a page further back
            }
            packets.start(start, l.serial, l.lastPage, inside, OggLinks.MAX_AUDIO_PACKET);
            prime = true;
            primeEnd = end;
            pos = end;
            decoded = end;
            skipUntil = target;
            ended = false;
        } catch (AudioFormatException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            failure = new AudioFormatException(name, -1, "seeking failed in a damaged stream (" + e + ")");
            throw failure;
        }
    }

    /** Closes the file. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
