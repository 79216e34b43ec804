package dev.segue.tools.session;

import dev.segue.SessionScript;
import dev.segue.control.CommandRing;
import dev.segue.control.EventRing;
import dev.segue.control.ParameterSlots;
import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.Parameter;
import dev.segue.mix.Mixer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays a session offline on the real {@link Mixer}, the way {@code OfflineRender} does (each scripted
 * event reaches the mixer on its exact frame, blocks of {@value #BLOCK} frames), but hands the tools
 * what they need to look inside: the raw events with cue and stem indices, every block of audio, and a
 * sheet of the caller's choosing, so one stem can be heard alone or its gain measured (see
 * {@link CueSheet#withAudio}). The same sheet and script give the same samples as
 * {@code OfflineRender}.
 */
public final class Session {
    static final int BLOCK = 512;

    /** What the mixer reported, with indices as the mixer knows them. See {@code dev.segue.control.Events}. */
    public record Event(int type, long frame, long at, int cue, int other, int bar, int beat) {
    }

    /** Receives each rendered block: {@code frames} interleaved stereo frames starting at music frame {@code at}. */
    @FunctionalInterface
    public interface Sink {
        void accept(float[] block, int frames, long at) throws IOException;
    }

    /** A scripted command, resolved to indices: at {@code frame}, {@code type} with {@code arg} (and {@code value} for parameters). */
    public record Command(long frame, int type, int arg, float value) {
        /** Sets parameter {@code arg} rather than sending a mixer command. */
        public static final int PARAM = -1;
    }

    private Session() {
    }

    /** The script's steps as commands on frames of {@code sheet}'s mixer. */
    public static List<Command> commands(CueSheet sheet, SessionScript script) {
        List<Command> out = new ArrayList<>();
        int rate = sheet.sampleRate();
        for (SessionScript.Step s : script.steps()) {
            long at = Math.round(s.seconds() * rate);
            String a = s.args().isEmpty() ? null : s.args().get(0);
            switch (s.verb()) {
                case "state" -> out.add(new Command(at, CommandRing.SET_STATE, sheet.stateIndex(a), 0));
                case "param" -> out.add(new Command(at, Command.PARAM, sheet.parameterIndex(a),
                        Float.parseFloat(s.args().get(1))));
                case "trigger" -> {
                    Cue c = sheet.cue(a);
                    out.add(new Command(at, CommandRing.GOTO_CUE, c == null ? -1 : c.index(), 0));
                }
                case "stinger" -> out.add(new Command(at, CommandRing.STINGER, sheet.stingerIndex(a), 0));
                case "pause" -> out.add(new Command(at, CommandRing.PAUSE, 0, 0));
                case "resume" -> out.add(new Command(at, CommandRing.RESUME, 0, 0));
                default -> {
                }
            }
        }
        return out;
    }

    /**
     * Renders {@code commands} against {@code sheet} from frame 0 to {@code endFrame}, handing every block
     * to {@code sink}, and returns what the mixer reported. Commands naming nothing (index -1) are skipped.
     */
    public static List<Event> run(CueSheet sheet, List<Command> commands, long endFrame, Sink sink) throws IOException {
        CommandRing ring = new CommandRing(256);
        float[] initial = new float[sheet.parameters().size()];
        for (Parameter p : sheet.parameters()) {
            initial[p.index()] = p.initial();
        }
        ParameterSlots params = new ParameterSlots(initial);
        EventRing events = new EventRing(1 << 16);
        Mixer mixer = new Mixer(sheet, ring, params, events, 16);
        List<Event> out = new ArrayList<>();
        EventRing.Slot slot = new EventRing.Slot();
        float[] buf = new float[BLOCK * 2];
        long frame = 0;
        for (Command c : commands) {
            long at = Math.min(endFrame, c.frame());
            frame = renderTo(mixer, buf, frame, at, sink, events, slot, out);
            if (c.arg() < 0) {
                continue;
            }
            if (c.type() == Command.PARAM) {
                params.set(c.arg(), c.value());
            } else {
                ring.offer(c.type(), c.arg());
            }
        }
        renderTo(mixer, buf, frame, endFrame, sink, events, slot, out);
        return out;
    }

    private static long renderTo(Mixer mixer, float[] buf, long frame, long target, Sink sink, EventRing events,
            EventRing.Slot slot, List<Event> out) throws IOException {
        while (frame < target) {
            int n = (int) Math.min(BLOCK, target - frame);
            mixer.render(buf, n);
            if (sink != null) {
                sink.accept(buf, n, frame);
            }
            frame += n;
            while (events.poll(slot)) {
                out.add(new Event(slot.type, slot.frame, slot.at, slot.cue, slot.other, slot.bar, slot.beat));
            }
        }
        return frame;
    }
}
