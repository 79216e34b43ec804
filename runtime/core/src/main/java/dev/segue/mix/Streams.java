package dev.segue.mix;

import dev.segue.control.Events;
import dev.segue.cue.Stem;
import dev.segue.decode.StreamVoice;
import dev.segue.decode.StreamedPcm;
import dev.segue.decode.Streamer;

/**
 * The mix loop's side of streaming: binds a {@link StreamVoice} to each streamed stem of a playback
 * when it starts, keeps the voice's plan in step with the playback's (so the streamer decodes what
 * will actually play), releases voices when playbacks end, and reads streamed stems: from the ring
 * where it holds the needed timeline frames, else from the stem's resident head, else silence counted
 * as an underrun and reported at most once a second per voice. Never waits; allocation-free.
 */
final class Streams {
    private final Mixer m;
    private final Streamer streamer;
    private final long reportEvery;

    Streams(Mixer m, Streamer streamer, int rate) {
        this.m = m;
        this.streamer = streamer;
        this.reportEvery = rate;
    }

    /** At a control segment's start, after what was due has fired: bind, replan, release, report; then let the streamer fill. */
    void beginSegment(long now) {
        for (Playback p : m.pool) {
            Stem[] stems = p.cue == null ? null : p.cue.stems();
            if (p.voicesFor >= 0 && (!p.active || p.voicesFor != p.generation)) {
                releaseAll(p, now);
            }
            if (!p.active || stems == null) {
                continue;
            }
            if (p.voicesFor != p.generation) {
                bindAll(p, stems, now);
            }
            for (int s = 0; s < stems.length; s++) {
                StreamVoice v = p.voices[s];
                if (v == null) {
                    continue;
                }
                long anchor = p.sounding ? now : p.startFrame;
                v.replan(anchor, p.pos, p.looping, p.loopUntil);
                v.played(anchor);
                report(p, s, v, now, false);
            }
        }
        streamer.prepare();
    }

    private void bindAll(Playback p, Stem[] stems, long now) {
        p.voicesFor = p.generation;
        long anchor = p.sounding ? now : p.startFrame;
        for (int s = 0; s < stems.length; s++) {
            StreamedPcm d = stems[s].stream();
            if (d == null) {
                p.voices[s] = null;
                continue;
            }
            StreamVoice v = streamer.acquire();
            p.voices[s] = v;
            if (v == null) {
                m.emitAt(Events.ERROR, now, Events.ERR_STREAMS_FULL, p.cue.index(), s);
                continue;
            }
            v.bind(d, p.cue.name(), stems[s].name(), anchor, p.pos, p.looping, p.loopUntil, p.cue.loopStart(),
                    p.cue.loopEnd());
        }
    }

    private void releaseAll(Playback p, long now) {
        for (int s = 0; s < p.voices.length; s++) {
            StreamVoice v = p.voices[s];
            if (v != null) {
                report(p, s, v, now, true);
                v.release();
                p.voices[s] = null;
            }
        }
        p.voicesFor = -1;
    }

    /** Reports the frames a voice missed: the first time at once, then at most once a second. */
    private void report(Playback p, int s, StreamVoice v, long now, boolean last) {
        if (v.missed > 0 && (last || v.lastReport == Long.MIN_VALUE || now - v.lastReport >= reportEvery)) {
            m.emitAt(Events.ERROR, now, Events.ERR_UNDERRUN | (Math.min(v.missed, Integer.MAX_VALUE) << 8), p.cue.index(), s);
            m.underruns.addAndGet(v.missed);
            v.missed = 0;
            v.lastReport = now;
        }
    }

    /**
     * Adds {@code n} frames of streamed stem {@code s} of {@code p} into {@code out}: music frames from
     * {@code f}, timeline frames from {@code pos} (contiguous: the caller splits at loop wraps).
     *
     * @param metered whether to measure the level
     * @return the largest sample magnitude played (0 unless metered)
     */
    float mix(Playback p, int s, long f, long pos, float[] out, int offset, int n, float g0, float step, int k,
            boolean metered) {
        float peak = 0f;
        StreamedPcm d = p.cue.stems()[s].stream();
        StreamVoice v = p.voices[s];
        int done = 0;
        while (done < n) {
            long q = pos + done;
            if (q >= d.frames()) {
                return peak; // past the stem's end: silence, nothing to read
            }
            int want = (int) Math.min(n - done, d.frames() - q);
            int got = v == null ? 0 : v.readable(f + done, q, want);
            if (got > 0) {
                int slot = v.slot(f + done);
                int first = Math.min(got, v.capacity() - slot);
                Kernel.mix(v.ring(), v.channels(), slot, first, out, offset + done, g0, step, k + done);
                if (first < got) {
                    Kernel.mix(v.ring(), v.channels(), 0, got - first, out, offset + done + first, g0, step, k + done + first);
                }
                if (metered) {
                    peak = Math.max(peak, Kernel.peak(v.ring(), v.channels(), slot, first));
                    if (first < got) {
                        peak = Math.max(peak, Kernel.peak(v.ring(), v.channels(), 0, got - first));
                    }
                }
                done += got;
                continue;
            }
            int h = d.head(q);
            if (h >= 0) {
                got = (int) Math.min(want, d.headStart(h) + d.headFrames(h) - q);
                Kernel.mix(d.headData(h), d.channels(), (int) (q - d.headStart(h)), got, out, offset + done, g0, step, k + done);
                if (metered) {
                    peak = Math.max(peak, Kernel.peak(d.headData(h), d.channels(), (int) (q - d.headStart(h)), got));
                }
                done += got;
                continue;
            }
            got = (int) Math.min(want, d.nextHeadStart(q) - q);
            if (v != null && !v.failed()) {
                v.missed += got;
            }
            done += got;
        }
        return peak;
    }
}
