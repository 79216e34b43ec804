package dev.segue.engine;

import dev.segue.control.CommandRing;
import dev.segue.control.Events;
import dev.segue.cue.Cue;
import dev.segue.cue.Duck;
import java.util.stream.Collectors;

/**
 * The game's commands to the music, resolved by name against the engine playing now and posted to
 * its command ring or parameter slots. Every command returns false, with an ERROR {@link Note}, when
 * it names nothing the sheet has, its value is out of range, or the ring is full; none throws, none
 * blocks. Any thread.
 */
public final class Commands {
    /** The cue name {@link #trigger} takes for silence. */
    public static final String SILENCE = "silence";

    private final Host host;

    Commands(Host host) {
        this.host = host;
    }

    /** Moves to {@code state}'s cue by the sheet's rules. */
    public boolean setState(String state) {
        Engine e = host.engine();
        int i = e.sheet.stateIndex(state);
        if (i < 0) {
            return error(e, null, "unknown state '" + state + "'; the sheet has " + e.sheet.states());
        }
        return send(e, CommandRing.SET_STATE, i);
    }

    /** Sets a parameter (clamped to its range by the mixer); latest value wins. */
    public boolean setParameter(String name, float value) {
        Engine e = host.engine();
        int i = e.sheet.parameterIndex(name);
        if (i < 0) {
            return error(e, null, "unknown parameter '" + name + "'");
        }
        if (Float.isNaN(value)) {
            return error(e, null, "parameter '" + name + "' set to NaN; it keeps its value");
        }
        e.params.set(i, value);
        host.posted();
        return true;
    }

    /** Moves to {@code cue} directly, by the sheet's rules; {@value #SILENCE} moves to silence. */
    public boolean trigger(String cue) {
        Engine e = host.engine();
        if (SILENCE.equals(cue)) {
            return send(e, CommandRing.GOTO_CUE, -1);
        }
        Cue c = e.sheet.cue(cue);
        if (c == null) {
            return error(e, null, "unknown cue '" + cue + "'");
        }
        return send(e, CommandRing.GOTO_CUE, c.index());
    }

    /** Plays a stinger. */
    public boolean playStinger(String name) {
        Engine e = host.engine();
        int i = e.sheet.stingerIndex(name);
        if (i < 0) {
            return error(e, null, "unknown stinger '" + name + "'");
        }
        return send(e, CommandRing.STINGER, i);
    }

    /** Holds or lets go the named duck. */
    public boolean duck(String name, boolean on) {
        Engine e = host.engine();
        int i = e.sheet.duckIndex(name);
        if (i < 0) {
            return error(e, null, "unknown duck '" + name + "'; the sheet has "
                    + e.sheet.ducks().stream().map(Duck::name).collect(Collectors.toList()));
        }
        return send(e, CommandRing.DUCK, i << 1 | (on ? 1 : 0));
    }

    /** Fades out and holds. */
    public boolean pause() {
        return send(host.engine(), CommandRing.PAUSE, 0);
    }

    /** Fades back in from where {@link #pause()} held. */
    public boolean resume() {
        return send(host.engine(), CommandRing.RESUME, 0);
    }

    /** Master volume, linear 0..4, followed over about 50 ms. */
    public boolean setVolume(float linear) {
        Engine e = host.engine();
        if (!(linear >= 0 && linear <= 4)) {
            return error(e, null, "volume " + linear + " is outside 0..4; the volume stays as it was");
        }
        e.mixer.setVolume(linear);
        host.posted();
        return true;
    }

    /** Mutes or unmutes one stem of a cue. */
    public boolean setStemMute(String cue, String stem, boolean mute) {
        Engine e = host.engine();
        return stemFlag(e, CommandRing.MUTE, e.muted, cue, stem, mute);
    }

    /** Solos or unsolos one stem of a cue. */
    public boolean setStemSolo(String cue, String stem, boolean solo) {
        Engine e = host.engine();
        return stemFlag(e, CommandRing.SOLO, e.soloed, cue, stem, solo);
    }

    private boolean stemFlag(Engine e, int command, boolean[] flags, String cue, String stem, boolean on) {
        Cue c = e.sheet.cue(cue);
        int s = -1;
        if (c != null) {
            for (int i = 0; i < c.stems().length; i++) {
                if (c.stems()[i].name().equals(stem)) {
                    s = i;
                }
            }
        }
        if (s < 0) {
            return error(e, cue, c == null ? "unknown cue '" + cue + "'" : "cue '" + cue + "' has no stem '" + stem + "'");
        }
        int id = e.sheet.stemId(c.index(), s);
        flags[id] = on;
        return send(e, command, id << 1 | (on ? 1 : 0));
    }

    private boolean send(Engine e, int type, int arg) {
        if (!e.commands.offer(type, arg)) {
            return error(e, null, "command queue full: the game sent more commands than the audio thread read");
        }
        host.posted();
        return true;
    }

    /** Posts an ERROR note at the music's position; returns false. */
    boolean error(Engine e, String cue, String message) {
        host.post(new Note(Events.ERROR, e.frame(), cue, null, message));
        return false;
    }
}
