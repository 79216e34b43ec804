package dev.segue.decode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the three Vorbis I header packets before JOrbis sees them, so that a hostile or damaged
 * header is refused with a plain reason instead of making JOrbis allocate without bound, loop
 * forever or throw. Every count is checked against the bits really left in the packet and the
 * codebooks against a memory budget. Also refuses a layout JOrbis 0.0.17 misreads (a mode count
 * that is not a power of two), and notes where the mappings' channel lists end, for
 * {@link JOrbisSetup} to mend the one JOrbis misreads with coupling in 3, 5, 6 or 7 channels.
 */
final class VorbisHeaders {
    /** Channels a Vorbis stream may have (the identification header's 8-bit count). */
    static final int MAX_CHANNELS = 255;
    /** Codebook entries over all books; real encoders use a few tens of thousands. */
    static final long MAX_ENTRIES = 1 << 20;
    /** Vector-quantisation values over all books (JOrbis expands each to entries x dimensions floats). */
    static final long MAX_VALUES = 1 << 22;

    private VorbisHeaders() {
    }

    /** What the identification header says. */
    record Identification(int channels, int rate, int blocksize0, int blocksize1) {
    }

    /**
     * What the setup header says that reading needs: the block size of an audio packet by its first
     * byte (-1 where that byte cannot start one), and the bit offset just after each mapping's
     * channel-to-submap list (mappings with one submap have none).
     */
    record Setup(int[] blockOfByte, long[] muxEnds) {
    }

    /** The comment header: vendor string and the comments, keys upper-cased, in file order. */
    record Comments(String vendor, Map<String, List<String>> map) {
    }

    /** Reads and checks an identification header; {@code at} is its page offset for messages. */
    static Identification identification(byte[] p, int n, String file, long at) throws AudioFormatException {
        Bits b = new Bits(p, n, file, at, "identification header");
        b.expectType(1);
        if (n < 30) {
            throw b.fail("is " + n + " bytes long; it must be 30");
        }
        long version = b.read(32);
        int channels = (int) b.read(8);
        long rate = b.read(32);
        b.skip(32 * 3); // bitrates
        int e0 = (int) b.read(4);
        int e1 = (int) b.read(4);
        if (version != 0) {
            throw b.fail("has Vorbis version " + version + "; only version 0 exists");
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw b.fail("claims " + channels + " channel(s); Segue plays Vorbis with 1 to " + MAX_CHANNELS);
        }
        if (rate < 1000 || rate > 768_000) {
            throw b.fail("claims a sample rate of " + rate + " Hz");
        }
        if (e0 < 6 || e0 > 13 || e1 < 6 || e1 > 13 || e0 > e1) {
            throw b.fail("claims block sizes " + (1L << e0) + " and " + (1L << e1)
                    + "; they must be powers of two from 64 to 8192, the first no larger than the second");
        }
        if (b.read(1) != 1) {
            throw b.fail("lacks its framing bit");
        }
        return new Identification(channels, (int) rate, 1 << e0, 1 << e1);
    }

    /** Reads a comment header, checking every length against the packet before using it. */
    static Comments comments(byte[] p, int n, String file, long at) throws AudioFormatException {
        Bits b = new Bits(p, n, file, at, "comment header");
        b.expectType(3);
        if (n < 16) {
            throw b.fail("is only " + n + " bytes long");
        }
        int pos = 7;
        long vendorLength = b.u32(pos);
        if (vendorLength > n - pos - 8) {
            throw b.fail("claims a vendor string of " + vendorLength + " bytes; the packet has " + (n - pos - 8) + " left");
        }
        pos += 4;
        String vendor = new String(p, pos, (int) vendorLength, StandardCharsets.UTF_8);
        pos += (int) vendorLength;
        long count = b.u32(pos);
        pos += 4;
        if (count > (n - pos) / 4) {
            throw b.fail("claims " + count + " comments; the packet has room for at most " + (n - pos) / 4);
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (long i = 0; i < count; i++) {
            long length = pos + 4 <= n ? b.u32(pos) : -1;
            if (length < 0 || length > n - pos - 4) {
                throw b.fail("comment " + (i + 1) + " runs past the end of the packet");
            }
            pos += 4;
            String c = new String(p, pos, (int) length, StandardCharsets.UTF_8);
            pos += (int) length;
            int eq = c.indexOf('=');
            if (eq > 0) {
                map.computeIfAbsent(c.substring(0, eq).toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(c.substring(eq + 1));
            }
        }
        if (pos >= n || (p[pos] & 1) == 0) {
            throw b.fail("lacks its framing bit");
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        map.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new Comments(vendor, Collections.unmodifiableMap(frozen));
    }

    /**
     * Walks the whole setup header, checking every count and reference.
     */
    static Setup setup(byte[] p, int n, Identification id, String file, long at) throws AudioFormatException {
        Bits b = new Bits(p, n, file, at, "setup header");
        b.expectType(5);
        int books = (int) b.read(8) + 1;
        int[] entries = new int[books];
        int[] dims = new int[books];
        boolean[] lookup = new boolean[books];
        long totalEntries = 0;
        long totalValues = 0;
        for (int i = 0; i < books; i++) {
            if (b.read(24) != 0x564342) {
                throw b.fail("codebook " + i + " lacks its sync pattern");
            }
            int dim = (int) b.read(16);
            int count = (int) b.read(24);
            if (dim == 0 || count == 0) {
                throw b.fail("codebook " + i + " has " + dim + " dimension(s) and " + count + " entries");
            }
            totalEntries += count;
            if (totalEntries > MAX_ENTRIES) {
                throw b.fail("codebooks hold more than " + MAX_ENTRIES + " entries");
            }
            if (b.read(1) == 0) { // unordered
                boolean sparse = b.read(1) == 1;
                for (int e = 0; e < count; e++) {
                    if (!sparse || b.read(1) == 1) {
                        b.skip(5);
                    }
                }
            } else {
                int length = (int) b.read(5) + 1;
                for (int e = 0; e < count; length++) {
                    int got = (int) b.read(ilog(count - e));
                    if (got > count - e || got > 0 && length > 32) {
                        throw b.fail("codebook " + i + " has a bad ordered length list");
                    }
                    e += got;
                }
            }
            int type = (int) b.read(4);
            if (type == 1 || type == 2) {
                b.skip(64);
                int bits = (int) b.read(4) + 1;
                b.skip(1);
                long values = type == 1 ? lookup1Values(count, dim) : (long) count * dim;
                if (values < 0) {
                    throw b.fail("codebook " + i + " has a lookup table too large to compute");
                }
                totalValues += (long) count * dim;
                if (totalValues > MAX_VALUES) {
                    throw b.fail("codebooks hold more than " + MAX_VALUES + " quantised values");
                }
                b.skip(values * bits);
                lookup[i] = true;
            } else if (type != 0) {
                throw b.fail("codebook " + i + " has lookup type " + type);
            }
            entries[i] = count;
            dims[i] = dim;
        }
        int times = (int) b.read(6) + 1;
        for (int i = 0; i < times; i++) {
            if (b.read(16) != 0) {
                throw b.fail("time domain transform " + i + " is not type 0");
            }
        }
        int floors = (int) b.read(6) + 1;
        for (int i = 0; i < floors; i++) {
            floor(b, i, books);
        }
        int residues = (int) b.read(6) + 1;
        for (int i = 0; i < residues; i++) {
            residue(b, i, books, entries, dims, lookup, id.blocksize1() / 2, id.channels());
        }
        int mappings = (int) b.read(6) + 1;
        long[] muxEnds = new long[mappings];
        int muxes = 0;
        for (int i = 0; i < mappings; i++) {
            long end = mapping(b, i, id.channels(), times, floors, residues);
            if (end >= 0) {
                muxEnds[muxes++] = end;
            }
        }
        int modes = (int) b.read(6) + 1;
        if (Integer.bitCount(modes) != 1) {
            throw b.fail("has " + modes + " modes; the decoder needs a power of two");
        }
        int[] blockOfByte = new int[256];
        java.util.Arrays.fill(blockOfByte, -1);
        for (int m = 0; m < modes; m++) {
            int size = b.read(1) == 1 ? id.blocksize1() : id.blocksize0();
            if (b.read(16) != 0 || b.read(16) != 0) {
                throw b.fail("mode " + m + " has an unknown window or transform type");
            }
            if (b.read(8) >= mappings) {
                throw b.fail("mode " + m + " refers to a mapping that does not exist");
            }
            for (int v = m << 1; v < 256; v += modes << 1) {
                blockOfByte[v] = size; // bit 0 clear (audio), mode number in the next ilog(modes - 1) bits
            }
        }
        if (b.read(1) != 1) {
            throw b.fail("lacks its framing bit");
        }
        return new Setup(blockOfByte, java.util.Arrays.copyOf(muxEnds, muxes));
    }

    private static void floor(Bits b, int i, int books) throws AudioFormatException {
        int type = (int) b.read(16);
        if (type == 0) {
            int order = (int) b.read(8);
            int rate = (int) b.read(16);
            int bark = (int) b.read(16);
            b.skip(14);
            int count = (int) b.read(4) + 1;
            if (order < 1 || rate < 1 || bark < 1) {
                throw b.fail("floor " + i + " (type 0) has a zero order, rate or bark map size");
            }
            for (int k = 0; k < count; k++) {
                book(b, books, "floor " + i);
            }
        } else if (type == 1) {
            int partitions = (int) b.read(5);
            int[] classOf = new int[partitions];
            int maxClass = -1;
            for (int k = 0; k < partitions; k++) {
                classOf[k] = (int) b.read(4);
                maxClass = Math.max(maxClass, classOf[k]);
            }
            int[] classDim = new int[maxClass + 1];
            for (int c = 0; c <= maxClass; c++) {
                classDim[c] = (int) b.read(3) + 1;
                int subs = (int) b.read(2);
                if (subs > 0) {
                    book(b, books, "floor " + i);
                }
                for (int k = 0; k < 1 << subs; k++) {
                    if (b.read(8) - 1 >= books) {
                        throw b.fail("floor " + i + " refers to a codebook that does not exist");
                    }
                }
            }
            b.skip(2);
            int rangeBits = (int) b.read(4);
            int posts = 2;
            for (int k = 0; k < partitions; k++) {
                posts += classDim[classOf[k]];
            }
            if (posts > 65) {
                throw b.fail("floor " + i + " has " + posts + " points; at most 65 are allowed");
            }
            long[] xs = new long[posts];
            xs[1] = 1L << rangeBits;
            for (int k = 2; k < posts; k++) {
                xs[k] = b.read(rangeBits);
            }
            java.util.Arrays.sort(xs);
            for (int k = 1; k < posts; k++) {
                if (xs[k] == xs[k - 1]) {
                    throw b.fail("floor " + i + " repeats an X position");
                }
            }
        } else {
            throw b.fail("floor " + i + " has unknown type " + type);
        }
    }

    private static void residue(Bits b, int i, int books, int[] entries, int[] dims, boolean[] lookup, int half, int channels)
            throws AudioFormatException {
        int type = (int) b.read(16);
        if (type > 2) {
            throw b.fail("residue " + i + " has unknown type " + type);
        }
        long begin = b.read(24);
        long end = b.read(24);
        b.skip(24);
        int classes = (int) b.read(6) + 1;
        int classBook = book(b, books, "residue " + i);
        long vector = type == 2 ? (long) channels * half : half; // type 2 codes the channels interleaved
        if (begin > end || end > vector) {
            // the spec says to clip; JOrbis does not, so refuse rather than let it run off its arrays
            throw b.fail("residue " + i + " covers " + begin + ".." + end + ", beyond its vector of " + vector);
        }
        long partVals = 1;
        for (int d = 0; d < dims[classBook] && partVals <= entries[classBook]; d++) {
            partVals *= classes;
        }
        if (partVals > entries[classBook]) {
            throw b.fail("residue " + i + " has more classifications than its classbook can code");
        }
        int[] cascade = new int[classes];
        int used = 0;
        for (int c = 0; c < classes; c++) {
            int low = (int) b.read(3);
            int high = b.read(1) == 1 ? (int) b.read(5) : 0;
            cascade[c] = high << 3 | low;
            used += Integer.bitCount(cascade[c]);
        }
        if (used > 256) {
            throw b.fail("residue " + i + " lists more than 256 codebooks");
        }
        for (int k = 0; k < used; k++) {
            int book = book(b, books, "residue " + i);
            if (!lookup[book]) {
                throw b.fail("residue " + i + " uses codebook " + book + ", which has no value lookup");
            }
        }
    }

    /** Checks one mapping; returns the bit offset after its channel-to-submap list, or -1 if it has none. */
    private static long mapping(Bits b, int i, int channels, int times, int floors, int residues) throws AudioFormatException {
        if (b.read(16) != 0) {
            throw b.fail("mapping " + i + " is not type 0");
        }
        int submaps = b.read(1) == 1 ? (int) b.read(4) + 1 : 1;
        if (b.read(1) == 1) {
            int steps = (int) b.read(8) + 1;
            int bits = ilog(channels - 1);
            for (int s = 0; s < steps; s++) {
                long mag = b.read(bits);
                long ang = b.read(bits);
                if (mag == ang || mag >= channels || ang >= channels) {
                    throw b.fail("mapping " + i + " couples channels " + mag + " and " + ang);
                }
            }
        }
        if (b.read(2) != 0) {
            throw b.fail("mapping " + i + " has reserved bits set");
        }
        long muxEnd = -1;
        if (submaps > 1) {
            for (int c = 0; c < channels; c++) {
                if (b.read(4) >= submaps) {
                    throw b.fail("mapping " + i + " sends a channel to a submap that does not exist");
                }
            }
            muxEnd = b.pos;
        }
        for (int s = 0; s < submaps; s++) {
            if (b.read(8) >= times || b.read(8) >= floors || b.read(8) >= residues) {
                throw b.fail("mapping " + i + " refers to a floor or residue that does not exist");
            }
        }
        return muxEnd;
    }

    private static int book(Bits b, int books, String what) throws AudioFormatException {
        int k = (int) b.read(8);
        if (k >= books) {
            throw b.fail(what + " refers to codebook " + k + "; there are " + books);
        }
        return k;
    }

    /** Number of bits needed to write {@code v}: ilog(0) = 0, ilog(1) = 1, ilog(4) = 3. */
    static int ilog(long v) {
        return 64 - Long.numberOfLeadingZeros(v);
    }

    /**
     * The largest r with r^dim <= entries, or -1 if (r+1)^dim does not fit in 31 bits (JOrbis
     * computes this with int arithmetic and would loop forever on overflow).
     */
    static long lookup1Values(int entries, int dim) {
        long r = (long) Math.floor(Math.pow(entries, 1.0 / dim));
        while (r > 1 && pow(r, dim) > entries) {
            r--;
        }
        while (pow(r + 1, dim) <= entries) {
            r++;
        }
        return pow(r + 1, dim) > Integer.MAX_VALUE ? -1 : r;
    }

    private static long pow(long base, int exp) {
        long acc = 1;
        for (int i = 0; i < exp; i++) {
            acc *= base;
            if (acc > Integer.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
        return acc;
    }

    /** Least-significant-bit-first reader over one packet; reading past its end is an error. */
    private static final class Bits {
        private final byte[] p;
        private final long bits;
        private final String file;
        private final long at;
        private final String what;
        private long pos;

        Bits(byte[] p, int n, String file, long at, String what) {
            this.p = p;
            this.bits = 8L * n;
            this.file = file;
            this.at = at;
            this.what = what;
        }

        AudioFormatException fail(String reason) {
            return new AudioFormatException(file, at, "the Vorbis " + what + " " + reason);
        }

        void expectType(int type) throws AudioFormatException {
            if (bits < 56 || p[0] != type || p[1] != 'v' || p[2] != 'o' || p[3] != 'r' || p[4] != 'b' || p[5] != 'i' || p[6] != 's') {
                throw new AudioFormatException(file, at, "expected the Vorbis " + what + " here");
            }
            pos = 56;
        }

        long read(int n) throws AudioFormatException {
            if (pos + n > bits) {
                throw fail("ends early");
            }
            long v = 0;
            for (int i = 0; i < n; i++, pos++) {
                v |= (long) ((p[(int) (pos >>> 3)] >>> (pos & 7)) & 1) << i;
            }
            return v;
        }

        void skip(long n) throws AudioFormatException {
            if (n > bits - pos) {
                throw fail("ends early");
            }
            pos += n;
        }

        long u32(int byteAt) {
            return (p[byteAt] & 0xFFL) | (p[byteAt + 1] & 0xFFL) << 8 | (p[byteAt + 2] & 0xFFL) << 16 | (p[byteAt + 3] & 0xFFL) << 24;
        }
    }
}
