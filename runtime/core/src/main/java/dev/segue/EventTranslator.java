package dev.segue;

import dev.segue.control.EventRing;
import dev.segue.control.Events;
import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.Stem;
import dev.segue.engine.Engine;
import dev.segue.engine.Host;
import dev.segue.engine.Note;
import dev.segue.engine.Observer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns what a {@link Host} delivers (the audio thread's events, with indices into its engine's
 * sheet, and the game side's notes) into {@link SegueEvent}s with names and sentences, and hands them
 * to the listeners, on the thread that calls {@code update()}.
 */
final class EventTranslator implements Observer {
    /** The roles of a playback, by the mixer's number (see {@code Events.CUE_STARTED}). */
    static final String[] ROLES = {"bed", "outgoing", "bridge", "stinger", "outro"};

    private final Host host;
    private final List<SegueListener> listeners = new CopyOnWriteArrayList<>();

    EventTranslator(Host host) {
        this.host = host;
    }

    void add(SegueListener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    void remove(SegueListener l) {
        listeners.remove(l);
    }

    @Override
    public void event(Engine engine, EventRing.Slot s) {
        dispatch(toEvent(engine.sheet(), s));
    }

    @Override
    public void note(Note n) {
        int rate = host.engine().sheet().sampleRate();
        dispatch(new SegueEvent(SegueEvent.Type.values()[n.type()], n.frame(), n.frame() / (double) rate, 0, 0, n.cue(),
                n.other(), 0, n.message()));
    }

    private void dispatch(SegueEvent e) {
        for (SegueListener l : listeners) {
            l.onEvent(e);
        }
    }

    private SegueEvent toEvent(CueSheet sheet, EventRing.Slot s) {
        SegueEvent.Type type = SegueEvent.Type.values()[s.type];
        String cue = cueName(sheet, s.cue);
        String other = null;
        String message = null;
        switch (s.type) {
            case Events.TRANSITION_SCHEDULED, Events.TRANSITION_DONE -> other = cueName(sheet, s.other);
            case Events.MARKER -> other = sheet.cue(cue).markers()[s.other].name();
            case Events.STINGER -> other = sheet.stingers().get(s.other).name();
            case Events.STINGER_SKIPPED -> {
                other = sheet.stingers().get(s.other).name();
                message = s.at == Events.SKIP_COOLDOWN ? "still cooling down" : "no free playback slot";
            }
            case Events.STATE -> other = sheet.states().get(s.other);
            case Events.ERROR -> message = error(sheet, cue, s);
            case Events.CUE_STARTED, Events.CUE_ENDED -> other = role(s.other);
            default -> {
            }
        }
        long at = s.type == Events.TRANSITION_SCHEDULED ? s.at : 0;
        return new SegueEvent(type, s.frame, s.frame / (double) sheet.sampleRate(), s.bar, s.beat, cue, other, at, message);
    }

    private String error(CueSheet sheet, String cue, EventRing.Slot s) {
        return switch ((int) (s.at & 0xFF)) {
            case Events.ERR_VOICES_FULL -> "all " + s.other + " playback slots are busy; a cue or stinger was dropped"
                    + " (raise maxPlaybacks)";
            case Events.ERR_NO_MARKER -> "no marker reachable in " + cue + "; the transition to " + cueName(sheet, s.other)
                    + " landed on the next bar instead";
            case Events.ERR_UNDERRUN -> stream(sheet, cue, s.other) + ": " + (s.at >>> 8) + " frames were not decoded in"
                    + " time and played as silence (the streamer fell behind, or the music jumped where it could"
                    + " not look ahead)";
            case Events.ERR_STREAMS_FULL -> stream(sheet, cue, s.other) + " plays silence: all " + host.streamVoices()
                    + " stream voices are busy (raise streamVoices)";
            default -> "error " + s.at;
        };
    }

    private static String stream(CueSheet sheet, String cue, int stem) {
        Cue c = sheet.cue(cue);
        Stem st = c == null || stem < 0 || stem >= c.stems().length ? null : c.stems()[stem];
        return "streamed stem '" + (st == null ? "?" : st.name()) + "' (" + (st == null ? "?" : st.file()) + ") of cue '"
                + cue + "'";
    }

    /** The role of playback role number {@code r}. */
    static String role(int r) {
        return ROLES[Math.max(0, Math.min(ROLES.length - 1, r))];
    }

    static String cueName(CueSheet sheet, int index) {
        return index >= 0 && index < sheet.cues().size() ? sheet.cues().get(index).name() : null;
    }
}
