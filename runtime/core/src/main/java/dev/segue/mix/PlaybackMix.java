package dev.segue.mix;

import dev.segue.cue.Cue;
import dev.segue.cue.Stem;

/**
 * Mixes one playback's stems into a block: through its loop (and the loop's crossfade), up to its
 * end, from memory or from its stream voices, with each stem's gain ramp, and keeps the stems'
 * peaks for the meters when they are on. Audio thread; allocates nothing.
 */
final class PlaybackMix {
    private final Mixer m;

    PlaybackMix(Mixer m) {
        this.m = m;
    }

    void mix(Playback p, float[] out, int offset, int n, int k) {
        Cue c = p.cue;
        var stems = c.stems();
        int done = 0;
        long pos = p.pos;
        while (done < n) {
            boolean loops = p.loopsNow(m.now + done);
            int chunk = n - done;
            long zone = Long.MAX_VALUE; // where the loop's crossfade begins, if this pass wraps through one
            if (loops && pos < c.loopEnd()) {
                chunk = (int) Math.min(chunk, c.loopEnd() - pos);
                if (c.loopCrossfade() > 0 && p.loopsNow(m.now + done + (c.loopEnd() - pos))) {
                    zone = c.loopEnd() - c.loopCrossfade();
                    if (pos < zone) {
                        chunk = (int) Math.min(chunk, zone - pos);
                    }
                }
            }
            if (!loops && pos + chunk > c.length()) {
                chunk = (int) Math.max(0, c.length() - pos);
                if (chunk == 0) {
                    break;
                }
            }
            for (int s = 0; s < stems.length; s++) {
                Stem st = stems[s];
                float g = !m.meterNow ? 0f : Math.max(Math.abs(p.gain0[s] + p.gainStep[s] * (k + done)),
                        Math.abs(p.gain0[s] + p.gainStep[s] * (k + done + chunk)));
                if (st.audio() != null && pos >= zone) {
                    // the loop's end crossfades into what leads into its start, which runs on into it
                    double inv = 1.0 / c.loopCrossfade();
                    Kernel.mixWeighted(st.audio(), pos, out, offset + done, chunk, p.gain0[s], p.gainStep[s], k + done,
                            pos - zone, inv, false);
                    Kernel.mixWeighted(st.audio(), pos - (c.loopEnd() - c.loopStart()), out, offset + done, chunk,
                            p.gain0[s], p.gainStep[s], k + done, pos - zone, inv, true);
                    if (g > 0f) {
                        p.peak[s] = Math.max(p.peak[s], g * Kernel.peak(st.audio(), pos, chunk));
                    }
                } else if (st.audio() != null) {
                    Kernel.mix(st.audio(), pos, out, offset + done, chunk, p.gain0[s], p.gainStep[s], k + done);
                    if (g > 0f) {
                        p.peak[s] = Math.max(p.peak[s], g * Kernel.peak(st.audio(), pos, chunk));
                    }
                } else {
                    float pk = m.streams.mix(p, s, m.now + done, pos, out, offset + done, chunk, p.gain0[s], p.gainStep[s],
                            k + done, g > 0f);
                    p.peak[s] = Math.max(p.peak[s], g * pk);
                }
            }
            pos += chunk;
            done += chunk;
            if (loops && pos >= c.loopEnd() && p.loopsNow(m.now + done)) {
                pos = c.loopStart();
            }
        }
        if (!p.loopsNow(m.now + n)) {
            p.looping = false;
        }
        p.pos = pos;
        if (!p.looping && pos >= c.length() && p.stopAt > m.now + n) {
            p.stopAt = m.now + n; // ended by itself; stop() runs at the next boundary
        }
    }

    /**
     * A playback's gain at frame {@code f} before its stems' own: its envelope, pause, volume and, for
     * all but stingers, the deepest of the stinger ducks and the held ducks. Called at a segment's
     * start (before the controls advance) and end (after), so the volume is the one for that edge.
     */
    float busGain(Playback p, long f) {
        float g = p.env.gain(f) * m.master.gain(f) * m.params.volume();
        if (p.role != Playback.STINGER) {
            float duck = m.ducker.gain(f);
            for (Envelope h : m.held) {
                duck = Math.min(duck, h.gain(f));
            }
            g *= duck;
        }
        return g;
    }
}
