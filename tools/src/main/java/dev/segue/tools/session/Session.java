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
    /** Frames per block, as {@code OfflineRender} renders. */
    public static final int BLOCK = 512;

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
        Player p = new Player(sheet);
        for (Command c : commands) {
            p.renderTo(Math.min(endFrame, c.frame()), sink);
            p.send(c);
        }
        p.renderTo(endFrame, sink);
        return p.events();
    }

    /** The real mixer driven step by step: send commands, render up to a frame, read the events so far. */
    public static final class Player {
        private final CommandRing ring = new CommandRing(256);
        private final ParameterSlots params;
        private final EventRing ring2 = new EventRing(1 << 16);
        private final Mixer mixer;
        private final List<Event> out = new ArrayList<>();
        private final EventRing.Slot slot = new EventRing.Slot();
        private final float[] buf = new float[BLOCK * 2];
        private long frame;

        public Player(CueSheet sheet) {
            float[] initial = new float[sheet.parameters().size()];
            for (Parameter p : sheet.parameters()) {
                initial[p.index()] = p.initial();
            }
            params = new ParameterSlots(initial);
            mixer = new Mixer(sheet, ring, params, ring2, 16);
        }

        /** Sends {@code c} now (its frame is the caller's business); one naming nothing is skipped. */
        public void send(Command c) {
            if (c.arg() < 0) {
                return;
            }
            if (c.type() == Command.PARAM) {
                params.set(c.arg(), c.value());
            } else {
                ring.offer(c.type(), c.arg());
            }
        }

        /** Asks for cue {@code cue} now, through the sheet's rules; -1 asks for silence. */
        public void goTo(int cue) {
            ring.offer(CommandRing.GOTO_CUE, cue);
        }

        /** Renders up to music frame {@code target}, in blocks of {@value Session#BLOCK} frames. */
        public void renderTo(long target, Sink sink) throws IOException {
            while (frame < target) {
                int n = (int) Math.min(BLOCK, target - frame);
                mixer.render(buf, n);
                if (sink != null) {
                    sink.accept(buf, n, frame);
                }
                frame += n;
                while (ring2.poll(slot)) {
                    out.add(new Event(slot.type, slot.frame, slot.at, slot.cue, slot.other, slot.bar, slot.beat));
                }
            }
        }

        /** Frames rendered so far. */
        public long frame() {
            return frame;
        }

        /** Every event so far, in order (the list grows as rendering goes on). */
        public List<Event> events() {
            return out;
        }
    }
}
