package dev.segue.mix;

import dev.segue.control.CommandRing;
import dev.segue.control.Events;
import dev.segue.cue.Cue;
import dev.segue.cue.Curve;
import dev.segue.cue.Duck;
import dev.segue.cue.Stinger;
import dev.segue.cue.When;

/**
 * What a {@link Mixer} does with each command the game sent (read at the start of a block): states,
 * direct moves, stingers (quantized to the music playing, with their cooldown and duck), pause and
 * resume, held ducks, mutes and solos. Audio thread; allocates nothing.
 */
final class MixerCommands {
    private final Mixer m;

    MixerCommands(Mixer m) {
        this.m = m;
    }

    void apply(int type, int arg) {
        switch (type) {
            case CommandRing.SET_STATE:
                m.state = arg;
                m.emitAt(Events.STATE, m.now, 0, -1, arg);
                m.tx.request(m.sheet.stateCue(arg));
                break;
            case CommandRing.GOTO_CUE:
                m.tx.request(arg);
                break;
            case CommandRing.STINGER:
                stinger(arg);
                break;
            case CommandRing.PAUSE:
                if (!m.paused) {
                    m.paused = true;
                    m.master.ramp(m.now, m.pauseFade, m.master.gain(m.now), 0, Curve.S_CURVE);
                    m.emitAt(Events.PAUSED, m.now, 0, -1, -1);
                }
                break;
            case CommandRing.DUCK:
                holdDuck(arg >> 1, (arg & 1) != 0);
                break;
            case CommandRing.MUTE:
            case CommandRing.SOLO: {
                int id = arg >> 1;
                (type == CommandRing.MUTE ? m.muted : m.soloed)[id] = (arg & 1) != 0;
                m.params.audibility(cueOfStem(id), m.muted, m.soloed);
                break;
            }
            case CommandRing.RESUME:
                if (m.paused) {
                    m.paused = false;
                    m.master.ramp(m.now, m.pauseFade, m.master.gain(m.now), 1, Curve.S_CURVE);
                    m.emitAt(Events.RESUMED, m.now, 0, -1, -1);
                }
                break;
            default:
                break;
        }
    }

    /** The cue whose stems' flat ids include {@code id} (an indexed loop: an iterator would allocate). */
    private Cue cueOfStem(int id) {
        var cues = m.sheet.cues();
        int c = 0;
        while (c + 1 < cues.size() && m.sheet.stemId(c + 1, 0) <= id) {
            c++;
        }
        return cues.get(c);
    }

    /** Holds (or lets go of) named duck {@code i}: an S-curve from where its gain is m.now. */
    private void holdDuck(int i, boolean on) {
        Duck d = m.sheet.ducks().get(i);
        Playback b = m.bed >= 0 ? m.pool[m.bed] : null;
        var grid = b != null ? b.cue.tempo() : m.sheet.cues().get(0).tempo();
        long at = b != null ? b.pos : 0;
        long len = Math.max(m.minFade, (on ? d.attack() : d.release()).toFrames(grid, at));
        m.held[i].ramp(m.now, len, m.held[i].gain(m.now), on ? d.gain() : 1f, Curve.S_CURVE);
    }

    private void stinger(int index) {
        Stinger st = m.sheet.stingers().get(index);
        Playback b = m.bed >= 0 ? m.pool[m.bed] : null;
        // lengths in beats or bars follow the music playing, or the stinger's own tempo over silence
        var grid = b != null ? b.cue.tempo() : m.sheet.cues().get(st.cue()).tempo();
        long at = b != null ? b.pos : 0;
        if (m.stingerLast[index] != Long.MIN_VALUE) {
            long cool = st.cooldown().toFrames(grid, at);
            if (m.now - m.stingerLast[index] < cool) {
                m.emitAt(Events.STINGER_SKIPPED, m.now, Events.SKIP_COOLDOWN, st.cue(), index);
                return;
            }
        }
        Cue c = m.sheet.cues().get(st.cue());
        long q = m.now;
        if (b != null && st.when() != When.IMMEDIATE) {
            int kind = st.when() == When.NEXT_BAR ? Grid.BAR : Grid.BEAT;
            boolean loops = b.loopsNow(m.now);
            long d = Grid.untilPoint(b.cue, b.pos, loops, kind, null, false);
            // a pickup (the stinger's entry) must start before the beat: find a beat far enough ahead
            while (d < c.entry() && d < Integer.MAX_VALUE) {
                long p = Grid.posAfter(b.cue, b.pos, loops, d);
                long step = Grid.untilPoint(b.cue, p, loops, kind, null, true);
                if (step <= 0) {
                    break;
                }
                d += step;
            }
            q = m.now + d;
        }
        long s = Math.max(m.now, q - c.entry());
        int i = m.alloc();
        if (i < 0) {
            m.emitAt(Events.STINGER_SKIPPED, m.now, Events.SKIP_VOICES, st.cue(), index);
            return;
        }
        Playback p = m.pool[i];
        p.start(c, Playback.STINGER, s, q - s < c.entry() ? c.entry() - (q - s) : 0);
        p.looping = false;
        p.stinger = index;
        p.env.constant(st.gain());
        m.stingerLast[index] = s;
        if (st.duckGain() < 1f) {
            long attack = st.duckAttack().toFrames(grid, at);
            long release = st.duckRelease().toFrames(grid, at);
            m.ducker.add(s, Math.max(m.minFade, attack), s + (c.length() - p.pos), Math.max(m.minFade, release), st.duckGain());
        }
    }

}
