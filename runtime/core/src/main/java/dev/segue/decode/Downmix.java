package dev.segue.decode;

import java.io.IOException;

/**
 * Folds a source of more than two channels to stereo, speaker by speaker, with the ITU-R BS.775
 * coefficients: each front channel to its side at 0 dB, the centre to both at -3 dB, side and back
 * channels to their side at -3 dB, centre-back and top-centre channels to both at -6 dB, LFE dropped.
 * A channel whose speaker is unknown goes to both sides at -3 dB. The sum is not renormalised (the
 * mixer is floating point; a full-scale 5.1 file can reach +7.7 dB before the master limiter), so a
 * 5.1 mix sounds at the level a BS.775 fold-down gives in any player.
 *
 * <p>Speakers are numbered as the bits of WAVE_FORMAT_EXTENSIBLE's channel mask; each decoder names
 * the speaker of every channel ({@link PcmSource#speakers()}), from the file's mask or its format's
 * fixed order ({@link #wav}, {@link #vorbis}).
 */
final class Downmix implements PcmSource {
    static final int FL = 0;
    static final int FR = 1;
    static final int FC = 2;
    static final int LFE = 3;
    static final int BL = 4;
    static final int BR = 5;
    static final int FLC = 6;
    static final int FRC = 7;
    static final int BC = 8;
    static final int SL = 9;
    static final int SR = 10;
    static final int TC = 11;
    static final int TFL = 12;
    static final int TFC = 13;
    static final int TFR = 14;
    static final int TBL = 15;
    static final int TBC = 16;
    static final int TBR = 17;
    /** A channel whose speaker the file does not say. */
    static final int UNKNOWN = -1;

    private static final float M3DB = 0.70710677f;
    private static final float M6DB = 0.5f;
    /** Left and right gain per speaker number. */
    private static final float[][] GAINS = {
        {1, 0}, {0, 1}, {M3DB, M3DB}, {0, 0}, {M3DB, 0}, {0, M3DB}, {0.9238795f, 0.38268343f}, {0.38268343f, 0.9238795f},
        {M6DB, M6DB}, {M3DB, 0}, {0, M3DB}, {M6DB, M6DB}, {M3DB, 0}, {M6DB, M6DB}, {0, M3DB}, {M3DB, 0}, {M6DB, M6DB},
        {0, M3DB},
    };
    /** WAVE/FLAC default orders (Microsoft's defaults for a file without a mask, and FLAC's fixed ones). */
    private static final int[][] WAV_ORDER = {
        {FC}, {FL, FR}, {FL, FR, FC}, {FL, FR, BL, BR}, {FL, FR, FC, BL, BR}, {FL, FR, FC, LFE, BL, BR},
        {FL, FR, FC, LFE, BC, SL, SR}, {FL, FR, FC, LFE, BL, BR, SL, SR},
    };
    /** Vorbis I's orders (section 4.3.9); beyond eight channels the order is the application's. */
    private static final int[][] VORBIS_ORDER = {
        {FC}, {FL, FR}, {FL, FC, FR}, {FL, FR, BL, BR}, {FL, FC, FR, BL, BR}, {FL, FC, FR, BL, BR, LFE},
        {FL, FC, FR, SL, SR, BC, LFE}, {FL, FC, FR, SL, SR, BL, BR, LFE},
    };
    /** Input frames folded per read of the wrapped source. */
    private static final int CHUNK_SAMPLES = 1 << 14;

    private final PcmSource in;
    private final int inCh;
    private final float[] gains;
    private final float[] buf;
    private final int chunk;

    private Downmix(PcmSource in) {
        this.in = in;
        this.inCh = in.channels();
        this.gains = gains(in.speakers());
        this.chunk = Math.max(1, CHUNK_SAMPLES / inCh);
        this.buf = new float[chunk * inCh];
    }

    /** {@code s} itself when it is mono or stereo, else {@code s} folded to stereo. */
    static PcmSource toStereo(PcmSource s) {
        return s.channels() <= 2 ? s : new Downmix(s);
    }

    /**
     * Speakers of a WAVE or FLAC file's channels: the set bits of {@code mask} in order, or the
     * default order for the count when the mask is 0; channels beyond either are unknown.
     */
    static int[] wav(int channels, long mask) {
        int[] s = new int[channels];
        int c = 0;
        if (mask != 0) {
            for (int bit = 0; bit < GAINS.length && c < channels; bit++) {
                if ((mask & 1L << bit) != 0) {
                    s[c++] = bit;
                }
            }
        } else {
            int[] order = WAV_ORDER[Math.min(channels, WAV_ORDER.length) - 1];
            for (; c < Math.min(channels, order.length); c++) {
                s[c] = order[c];
            }
        }
        for (; c < channels; c++) {
            s[c] = UNKNOWN;
        }
        return s;
    }

    /** Speakers of a Vorbis stream's channels, in Vorbis's order; above eight channels all unknown. */
    static int[] vorbis(int channels) {
        if (channels <= VORBIS_ORDER.length) {
            return VORBIS_ORDER[channels - 1].clone();
        }
        int[] s = new int[channels];
        java.util.Arrays.fill(s, UNKNOWN);
        return s;
    }

    /** Left and right gains, interleaved, for channels on {@code speakers}. */
    static float[] gains(int[] speakers) {
        float[] g = new float[2 * speakers.length];
        for (int c = 0; c < speakers.length; c++) {
            int sp = speakers[c];
            g[2 * c] = sp == UNKNOWN ? M3DB : GAINS[sp][0];
            g[2 * c + 1] = sp == UNKNOWN ? M3DB : GAINS[sp][1];
        }
        return g;
    }

    @Override
    public int channels() {
        return 2;
    }

    @Override
    public int[] speakers() {
        return new int[] {FL, FR};
    }

    @Override
    public int sampleRate() {
        return in.sampleRate();
    }

    @Override
    public long frames() {
        return in.frames();
    }

    @Override
    public int read(float[] dst, int offset, int frames) throws IOException {
        if (offset < 0 || frames < 0 || (long) offset + 2L * frames > dst.length) {
            throw new IndexOutOfBoundsException(frames + " stereo frames at " + offset + " of " + dst.length);
        }
        int done = 0;
        while (done < frames) {
            int got = in.read(buf, 0, Math.min(chunk, frames - done));
            if (got <= 0) {
                return done == 0 ? got : done;
            }
            for (int f = 0, i = 0, o = offset + 2 * done; f < got; f++, o += 2) {
                float l = 0;
                float r = 0;
                for (int c = 0; c < inCh; c++, i++) {
                    l += buf[i] * gains[2 * c];
                    r += buf[i] * gains[2 * c + 1];
                }
                dst[o] = l;
                dst[o + 1] = r;
            }
            done += got;
        }
        return done;
    }

    @Override
    public void seek(long frame) throws IOException {
        in.seek(frame);
    }

    @Override
    public java.util.Map<String, java.util.List<String>> comments() {
        return in.comments();
    }

    @Override
    public boolean truncated() {
        return in.truncated();
    }

    @Override
    public String name() {
        return in.name();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
