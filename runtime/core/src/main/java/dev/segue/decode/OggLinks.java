package dev.segue.decode;

import com.jcraft.jogg.Packet;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.Info;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds an Ogg file's links without reading it all: the last page from the tail, link boundaries by
 * bisection on serial numbers, and each link's headers. Also the two position tools seeking uses:
 * bisection by granule position, and {@link #probe}, which says exactly where the first packet
 * decoded from a given page ends.
 */
final class OggLinks {
    /** Header packets (a comment header may carry pictures). */
    static final int MAX_HEADER_PACKET = 16 << 20;
    /** Audio packets: 8 channels of the largest block at the highest quality stay far below this. */
    static final int MAX_AUDIO_PACKET = 1 << 20;
    /** {@link #probe} could not place the first packet (it ends on the stream's last page). */
    static final long UNKNOWN = Long.MIN_VALUE;
    private static final long LINEAR = 1 << 16;

    private OggLinks() {
    }

    /** Every link of the file, with lengths and frame offsets filled in. */
    static OggLink[] discover(OggPageReader pages, OggPacketReader packets, String name, Packet op, int[] scratch)
            throws IOException {
        long size = pages.size();
        if (size == 0) {
            throw new AudioFormatException(name, 0, "the file is empty");
        }
        List<OggLink> links = new ArrayList<>();
        OggLink cur = headers(pages, packets, name, 0, 1, op);
        links.add(cur);
        long tail = pages.findLastWithGranule(0, size, 0, true);
        if (tail < 0) {
            throw new AudioFormatException(name, -1, "no complete Ogg page with a granule position");
        }
        int tailSerial = pages.serial();
        long tailGranule = pages.granule();
        boolean tailEos = pages.eos();
        while (!(cur.hasSerial(tailSerial) && tail >= cur.start)) {
            // the last page belongs to a later link: find where this one ends
            long lastPage = cur.headerPage;
            long lastGranule = 0;
            boolean eos = false;
            long lo = cur.dataStart;
            long hi = tail;
            while (hi - lo > LINEAR) {
                long mid = lo + (hi - lo) / 2;
                long p = pages.findForward(mid, hi);
                if (p >= 0 && cur.hasSerial(pages.serial())) {
                    if (pages.serial() == cur.serial && pages.granule() != -1) {
                        lastPage = p;
                        lastGranule = pages.granule();
                        eos = pages.eos();
                    }
                    lo = p + pages.length();
                } else {
                    hi = mid;
                }
            }
            long boundary = -1;
            for (long off = lo; boundary < 0; ) {
                long p = pages.findForward(off, size);
                if (p < 0) {
                    throw new AudioFormatException(name, off, "link " + links.size() + " has no end");
                }
                if (!cur.hasSerial(pages.serial())) {
                    boundary = p;
                } else {
                    if (pages.serial() == cur.serial && pages.granule() != -1) {
                        lastPage = p;
                        lastGranule = pages.granule();
                        eos = pages.eos();
                    }
                    off = p + pages.length();
                }
            }
            cur.lastPage = lastPage;
            cur.lastGranule = lastGranule;
            cur.eos = eos;
            pages.readAt(boundary);
            if (!pages.bos()) {
                throw new AudioFormatException(name, boundary, "a page of an unknown stream (serial "
                        + Integer.toUnsignedString(pages.serial()) + ") follows link " + links.size());
            }
            OggLink next = headers(pages, packets, name, boundary, links.size() + 1, op);
            OggLink first = links.get(0);
            if (next.channels != first.channels || next.rate != first.rate) {
                throw new AudioFormatException(name, boundary, "link " + (links.size() + 1) + " has " + next.channels
                        + " channel(s) at " + next.rate + " Hz; the first has " + first.channels + " at " + first.rate + " Hz");
            }
            links.add(next);
            cur = next;
        }
        if (tailSerial != cur.serial) { // the file ends with a page of a stream multiplexed beside the Vorbis one
            tail = pages.findLastWithGranule(cur.start, size, cur.serial, false);
            tailGranule = pages.granule();
            tailEos = pages.eos();
        }
        cur.lastPage = tail;
        cur.lastGranule = tailGranule;
        cur.eos = tailEos;
        long frame = 0;
        for (int i = 0; i < links.size(); i++) {
            OggLink l = links.get(i);
            l.firstEnd = probe(packets, l, l.dataStart, true, op, scratch, name);
            l.base = Math.max(0, l.firstEnd);
            l.frames = l.lastGranule - l.base;
            if (l.lastPage < l.dataStart) {
                l.frames = 0; // headers only
            } else if (l.frames < 0) {
                throw new AudioFormatException(name, l.lastPage, "link " + (i + 1) + " ends at granule position "
                        + l.lastGranule + ", before it begins (" + l.base + ")");
            }
            l.firstFrame = frame;
            frame += l.frames;
        }
        return links.toArray(new OggLink[0]);
    }

    /** Reads the headers of the link whose first page is at {@code offset}. */
    static OggLink headers(OggPageReader pages, OggPacketReader packets, String name, long offset, int index, Packet op)
            throws IOException {
        int status = pages.readAt(offset);
        if (status != OggPageReader.OK || !pages.bos()) {
            String where = index == 1 ? "" : " (where link " + index + " should start)";
            throw new AudioFormatException(name, offset, (status == OggPageReader.SHORT ? "the file ends inside its first page"
                    : status == OggPageReader.OK ? "the page does not begin a stream" : "not an Ogg file: no Ogg page") + where);
        }
        OggLink link = new OggLink();
        link.start = offset;
        List<Integer> serials = new ArrayList<>();
        long vorbisPage = -1;
        String firstKind = null;
        for (long off = offset; pages.readAt(off) == OggPageReader.OK && pages.bos(); off += pages.length()) {
            serials.add(pages.serial());
            byte[] b = pages.data();
            int s = pages.bodyStart();
            int n = pages.bodyLength();
            boolean vorbis = n >= 7 && b[s] == 1 && new String(b, s + 1, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("vorbis");
            if (vorbis && vorbisPage < 0) {
                vorbisPage = off;
                link.serial = pages.serial();
            } else if (firstKind == null) {
                firstKind = kind(b, s, n);
            }
        }
        link.serials = serials.stream().mapToInt(Integer::intValue).toArray();
        if (vorbisPage < 0) {
            throw new AudioFormatException(name, offset, "no Vorbis stream here" + (firstKind == null ? "" : ": it holds " + firstKind)
                    + "; Segue plays Ogg Vorbis");
        }
        packets.start(vorbisPage, link.serial, Long.MAX_VALUE, false, MAX_HEADER_PACKET);
        Info info = new Info();
        Comment comment = new Comment();
        info.init();
        comment.init();
        String[] what = {"identification", "comment", "setup"};
        VorbisHeaders.Identification id = null;
        VorbisHeaders.Setup setup = null;
        for (int h = 0; h < 3; h++) {
            if (!packets.next(op)) {
                throw new AudioFormatException(name, packets.nextPageOffset(), "the stream ends before its Vorbis " + what[h] + " header");
            }
            long at = packets.pageOffset;
            switch (h) {
                case 0 -> id = VorbisHeaders.identification(op.packet_base, op.bytes, name, at);
                case 1 -> {
                    VorbisHeaders.Comments c = VorbisHeaders.comments(op.packet_base, op.bytes, name, at);
                    link.comments = c.map();
                    link.vendor = c.vendor();
                }
                default -> setup = VorbisHeaders.setup(op.packet_base, op.bytes, id, name, at);
            }
            int r;
            try {
                r = h < 2 ? info.synthesis_headerin(comment, op) : JOrbisSetup.headerin(info, comment, op, id.channels(), setup.muxEnds());
            } catch (RuntimeException e) {
                r = -1;
            }
            if (r != 0) {
                throw new AudioFormatException(name, at, "the decoder refused the Vorbis " + what[h] + " header");
            }
        }
        if (packets.pageHasMore()) {
            throw new AudioFormatException(name, packets.pageOffset, "audio shares a page with the setup header; Vorbis puts it on a fresh page");
        }
        link.headerPage = packets.pageOffset;
        link.dataStart = packets.nextPageOffset();
        link.blockOfByte = setup.blockOfByte();
        link.channels = id.channels();
        link.rate = id.rate();
        link.info = info;
        return link;
    }

    private static String kind(byte[] b, int s, int n) {
        String head = new String(b, s, Math.min(n, 8), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (head.startsWith("OpusHead")) {
            return "Opus audio";
        } else if (head.startsWith("\u007fFLAC")) {
            return "FLAC audio";
        } else if (head.startsWith("Speex")) {
            return "Speex audio";
        } else if (head.startsWith("\u0080theora")) {
            return "Theora video";
        }
        return null;
    }

    /**
     * Where the first packet decoded from the page at {@code offset} ends, as a granule position. The
     * packets ending on a page end at its granule, one after another, each {@code previous/4 +
     * this/4} samples after the one before; so the first of them ends at the granule minus those
     * steps. That does not hold on the stream's last page (its last packet may be cut short), so there
     * the answer is {@link #UNKNOWN}, except from the link's start, where the first packet ends at 0.
     * A fragment of a packet begun before {@code offset} is skipped, as the decoder will skip it.
     */
    static long probe(OggPacketReader packets, OggLink link, long offset, boolean linkStart, Packet op, int[] sizes, String name)
            throws IOException {
        packets.start(offset, link.serial, link.lastPage, !linkStart, MAX_AUDIO_PACKET);
        int count = 0;
        while (packets.next(op)) {
            int size = link.blockOfByte[op.packet_base[op.packet] & 0xFF];
            if (size < 0) {
                throw new AudioFormatException(name, packets.pageOffset, "a packet here is not a Vorbis audio packet");
            }
            sizes[count++] = size;
            if (!packets.lastOnPage) {
                continue;
            }
            if (packets.pageGranule == -1) {
                throw new AudioFormatException(name, packets.pageOffset, "packets end on a page without a granule position");
            }
            if (packets.pageEos) {
                return linkStart ? 0 : UNKNOWN;
            }
            long end = packets.pageGranule;
            for (int j = count - 1; j >= 1; j--) {
                end -= sizes[j - 1] / 4 + sizes[j] / 4;
            }
            return end;
        }
        return linkStart ? 0 : UNKNOWN;
    }

    /**
     * The offset of the last page of the link's Vorbis stream whose granule position is at most
     * {@code target}, found by bisection then a short linear walk; -1 if no page qualifies.
     */
    static long pageAtOrBefore(OggPageReader pages, OggLink link, long target) throws IOException {
        long lo = link.dataStart;
        long hi = link.lastPage + 1;
        long best = -1;
        while (hi - lo > LINEAR) {
            long mid = lo + (hi - lo) / 2;
            long p = pages.findForward(mid, hi);
            while (p >= 0 && (pages.serial() != link.serial || pages.granule() == -1)) {
                p = pages.findForward(p + pages.length(), hi);
            }
            if (p >= 0 && pages.granule() <= target) {
                best = p;
                lo = p + pages.length();
            } else {
                hi = mid;
            }
        }
        for (long off = lo; off <= link.lastPage; ) {
            long p = pages.findForward(off, link.lastPage + 1);
            if (p < 0) {
                break;
            }
            if (pages.serial() == link.serial && pages.granule() != -1) {
                if (pages.granule() > target) {
                    break;
                }
                best = p;
            }
            off = p + pages.length();
        }
        return best;
    }
}
