package dev.segue.decode;

import com.jcraft.jogg.Packet;
import java.io.IOException;

/**
 * Joins the segments of one logical stream's pages into packets, reading pages in file order from a
 * start offset up to a last page. Pages of other streams are skipped. Checks that page sequence
 * numbers run on and that continued packets continue. Reuses one packet buffer (it grows only for a
 * bigger packet than any before).
 */
final class OggPacketReader {
    private final OggPageReader pages;
    private final String name;
    private byte[] data = new byte[1 << 14];
    private int len;

    private int serial;
    private long nextPage;
    private long lastPage;
    private int maxPacket;
    private boolean mayStartInside;
    private boolean havePage;
    private int seg;
    private int cursor;
    private int lastEnd;
    private int expectSequence;
    private boolean inPacket;
    private boolean skipping;
    private long packetNo;

    /** Where the packet last returned by {@link #next} ended: its page's offset, granule and flags. */
    long pageOffset;
    long pageGranule;
    boolean pageEos;
    /** Whether the packet last returned is the last one that ends on its page. */
    boolean lastOnPage;

    OggPacketReader(OggPageReader pages, String name) {
        this.pages = pages;
        this.name = name;
    }

    /**
     * Starts reading stream {@code serial} at the page at {@code offset}, stopping after the page at
     * {@code lastPage}.
     *
     * @param mayStartInside whether the first page may continue a packet begun before it (after a
     *                       seek); that fragment is skipped
     * @param maxPacket      the largest packet accepted, in bytes
     */
    void start(long offset, int serial, long lastPage, boolean mayStartInside, int maxPacket) {
        this.serial = serial;
        this.nextPage = offset;
        this.lastPage = lastPage;
        this.mayStartInside = mayStartInside;
        this.maxPacket = maxPacket;
        havePage = false;
        len = 0;
        expectSequence = -1;
        inPacket = false;
        skipping = false;
        packetNo = 0;
    }

    /** The offset just past the page being read (where the next page of the file starts). */
    long nextPageOffset() {
        return nextPage;
    }

    /** Whether the page of the last packet has segments left after it. */
    boolean pageHasMore() {
        return havePage && seg < pages.segments();
    }

    /**
     * Fills {@code op} with the next non-empty packet (pointing into this reader's buffer, valid until
     * the next call). Granule position -1 and no end-of-stream mark: the caller keeps count itself.
     *
     * @return false after the last page
     */
    boolean next(Packet op) throws IOException {
        while (true) {
            if (!havePage && !loadPage()) {
                // a packet still open here runs on past the last page: in a file cut short it is part
                // of what was cut; it is dropped (the caller's granule checks catch any other case)
                return false;
            }
            byte[] b = pages.data();
            int segs = pages.segments();
            while (seg < segs) {
                int lace = pages.lacing(seg);
                if (!skipping) {
                    append(b, cursor, lace);
                }
                cursor += lace;
                seg++;
                if (lace == 255) {
                    inPacket = true;
                    continue;
                }
                boolean fragment = skipping;
                int n = len;
                inPacket = false;
                skipping = false;
                len = 0;
                if (fragment || n == 0) {
                    continue; // the tail of a packet begun before the start, or an empty packet
                }
                op.packet_base = data;
                op.packet = 0;
                op.bytes = n;
                op.b_o_s = packetNo == 0 && pages.bos() ? 1 : 0;
                op.e_o_s = 0;
                op.granulepos = -1;
                op.packetno = packetNo++;
                pageOffset = pages.offset();
                pageGranule = pages.granule();
                pageEos = pages.eos();
                lastOnPage = seg - 1 == lastEnd;
                return true;
            }
            havePage = false;
        }
    }

    private void append(byte[] b, int from, int n) throws AudioFormatException {
        if (len + n > data.length) {
            if (len + n > maxPacket) {
                throw new AudioFormatException(name, pages.offset(), "a packet is larger than " + maxPacket + " bytes");
            }
            data = java.util.Arrays.copyOf(data, Math.min(maxPacket, Math.max(len + n, data.length * 2)));
        }
        System.arraycopy(b, from, data, len, n);
        len += n;
    }

    private boolean loadPage() throws IOException {
        while (nextPage <= lastPage) {
            long off = nextPage;
            int status = pages.readAt(off);
            if (status != OggPageReader.OK) {
                throw new AudioFormatException(name, off, switch (status) {
                    case OggPageReader.END -> "the file ends where a page should start";
                    case OggPageReader.SHORT -> "the file ends inside a page";
                    default -> "damaged page (no capture pattern or a checksum mismatch)";
                });
            }
            nextPage = off + pages.length();
            if (pages.serial() != serial) {
                continue;
            }
            if (expectSequence >= 0 && pages.sequence() != expectSequence) {
                throw new AudioFormatException(name, off, "page sequence number " + Integer.toUnsignedString(pages.sequence())
                        + " where " + Integer.toUnsignedString(expectSequence) + " was expected: pages are missing");
            }
            boolean first = expectSequence < 0;
            expectSequence = pages.sequence() + 1;
            if (pages.continued() && !inPacket) {
                if (!(first && mayStartInside)) {
                    throw new AudioFormatException(name, off, "the page continues a packet that never started");
                }
                inPacket = true;
                skipping = true;
            } else if (!pages.continued() && inPacket) {
                throw new AudioFormatException(name, off, "a packet is cut short by the page before this one");
            }
            seg = 0;
            cursor = pages.bodyStart();
            lastEnd = -1;
            for (int i = pages.segments() - 1; i >= 0; i--) {
                if (pages.lacing(i) < 255) {
                    lastEnd = i;
                    break;
                }
            }
            havePage = true;
            return true;
        }
        return false;
    }
}
