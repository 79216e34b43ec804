package dev.segue.mix;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the mixer shows a composer preview: every sounding playback (cue, role, position, gain and a
 * peak meter per stem) and the transition in flight, published by the audio thread after each block
 * into preallocated arrays under a seqlock, and copied out by {@link #read} on any thread. Meters
 * hold their peak and fall back by 20 dB in about 700 ms (a level meter's usual release).
 */
public final class Monitor {
    /** A copy of what was published; fill one with {@link #read}. */
    public static final class View {
        public int count;
        public final int[] cue;
        public final int[] role;
        public final long[] pos;
        public final float[] gain;
        /** Per voice, per stem: linear peak level of the stem as heard. */
        public final float[][] peak;
        public boolean pending;
        public int from;
        public int to;
        public int bridge;
        /** Landing frame (music time) and the source's timeline position there (-1 if no source). */
        public long landing;
        public long landingPos;
        public long fadeOutStart;
        public long fadeOutLength;
        public int fadeOutCurve;
        public long fadeInStart;
        public long fadeInLength;
        public int fadeInCurve;

        View(int voices, int stems) {
            cue = new int[voices];
            role = new int[voices];
            pos = new long[voices];
            gain = new float[voices];
            peak = new float[voices][stems];
        }
    }

    private final AtomicLong version = new AtomicLong();
    private final View live;
    /** Audio thread only: per pool slot, per stem, the meter's running value. */
    private final float[][] meter;
    private final double releasePerFrame;

    Monitor(int voices, int stems, int rate) {
        live = new View(voices, Math.max(1, stems));
        meter = new float[voices][Math.max(1, stems)];
        releasePerFrame = Math.log(0.1) / (0.7 * rate); // -20 dB in 0.7 s
    }

    /** A view sized for this monitor, to pass to {@link #read}. */
    public View newView() {
        return new View(live.cue.length, live.peak[0].length);
    }

    /** Audio thread: publishes the pool and the transition after a block of {@code frames}. */
    void publish(Mixer m, int frames) {
        float release = (float) Math.exp(releasePerFrame * frames);
        long v = version.get();
        version.set(v + 1);
        View o = live;
        int n = 0;
        for (int i = 0; i < m.pool.length; i++) {
            Playback p = m.pool[i];
            float[] mt = meter[i];
            if (!p.active || !p.sounding) {
                java.util.Arrays.fill(mt, 0f);
                continue;
            }
            int stems = p.cue.stems().length;
            for (int s = 0; s < stems; s++) {
                mt[s] = Math.max(p.peak[s], mt[s] * release);
                p.peak[s] = 0f;
            }
            o.cue[n] = p.cue.index();
            o.role[n] = p.role;
            o.pos[n] = p.pos;
            o.gain[n] = m.busGainNow(p);
            System.arraycopy(mt, 0, o.peak[n], 0, stems);
            n++;
        }
        o.count = n;
        m.transitions().describe(o);
        version.set(v + 2);
    }

    /** Copies the latest publication into {@code into}; safe from any thread. */
    public void read(View into) {
        while (true) {
            long v = version.get();
            if ((v & 1) != 0) {
                Thread.yield(); // Thread.onSpinWait() is not on Android 8
                continue;
            }
            View s = live;
            into.count = s.count;
            for (int i = 0; i < s.count; i++) {
                into.cue[i] = s.cue[i];
                into.role[i] = s.role[i];
                into.pos[i] = s.pos[i];
                into.gain[i] = s.gain[i];
                System.arraycopy(s.peak[i], 0, into.peak[i], 0, s.peak[i].length);
            }
            into.pending = s.pending;
            into.from = s.from;
            into.to = s.to;
            into.bridge = s.bridge;
            into.landing = s.landing;
            into.landingPos = s.landingPos;
            into.fadeOutStart = s.fadeOutStart;
            into.fadeOutLength = s.fadeOutLength;
            into.fadeOutCurve = s.fadeOutCurve;
            into.fadeInStart = s.fadeInStart;
            into.fadeInLength = s.fadeInLength;
            into.fadeInCurve = s.fadeInCurve;
            if (version.get() == v) {
                return;
            }
        }
    }
}
