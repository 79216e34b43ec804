package dev.segue.engine;

import dev.segue.control.EventRing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one interpreter of session scripts: it plays steps on a pulled {@link Host}, each on its exact
 * frame ({@code round(seconds * rate)}), in blocks of {@value #BLOCK} frames, calling the host's
 * {@code update()} after every block and every step. {@code OfflineRender}, the tools' render (the mix
 * and every per-stem lane) and the transition matrix all play through it, so every verb behaves the
 * same everywhere; the same sheet and steps give the same samples.
 *
 * <p>It records the raw events the audio thread wrote, with the indices the mixer knows, for tools
 * that look inside a session.
 */
public final class ScriptPlayer {
    /** Frames per block. */
    public static final int BLOCK = 512;

    /** One scripted event: at {@code seconds}, {@code verb} with {@code args}. */
    public record Step(double seconds, Verb verb, List<String> args) {
        public Step {
            args = List.copyOf(args);
            if (args.size() != verb.arity()) {
                throw new IllegalArgumentException("'" + verb.word() + "' takes " + verb.arity() + " arguments, got " + args);
            }
        }

        /** The frame it lands on at {@code rate}. */
        public long frame(int rate) {
            return Math.round(seconds * rate);
        }
    }

    /** What the mixer reported, with indices as the mixer knows them. See {@code dev.segue.control.Events}. */
    public record Event(int type, long frame, long at, int cue, int other, int bar, int beat) {
    }

    /** Receives each rendered block: {@code frames} interleaved stereo frames starting at music frame {@code at}. */
    @FunctionalInterface
    public interface Sink {
        void accept(float[] block, int frames, long at) throws IOException;
    }

    private final Host host;
    private final float[] buf = new float[BLOCK * 2];
    private final List<Event> events = new ArrayList<>();
    private long frame;

    /** Plays on {@code host}, which must be pulled; with {@code record} every raw event is kept ({@link #events()}). */
    public ScriptPlayer(Host host, boolean record) {
        if (!host.settings().pulled()) {
            throw new IllegalArgumentException("a script plays on an offline or pulled host");
        }
        this.host = host;
        if (record) {
            host.addObserver(new Observer() {
                @Override
                public void event(Engine engine, EventRing.Slot s) {
                    events.add(new Event(s.type, s.frame, s.at, s.cue, s.other, s.bar, s.beat));
                }
            });
        }
    }

    /**
     * Plays {@code steps} (in time order) from the current frame to {@code endFrame}, handing every
     * block to {@code sink} (may be null); an {@link Verb#END} step ends the session early.
     */
    public void play(List<Step> steps, long endFrame, Sink sink) throws IOException {
        int rate = host.engine().sheet().sampleRate();
        for (Step s : steps) {
            renderTo(Math.min(endFrame, s.frame(rate)), sink);
            apply(s);
            host.update();
            if (s.verb() == Verb.END) {
                break;
            }
        }
        renderTo(endFrame, sink);
        host.update();
    }

    /** Sends one step's command now; false (with an ERROR event) if the sheet has no such name. */
    public boolean apply(Step s) {
        Commands c = host.commands();
        List<String> a = s.args();
        return switch (s.verb()) {
            case STATE -> c.setState(a.get(0));
            case PARAM -> c.setParameter(a.get(0), Float.parseFloat(a.get(1)));
            case TRIGGER -> c.trigger(a.get(0));
            case STINGER -> c.playStinger(a.get(0));
            case DUCK -> c.duck(a.get(0), a.get(1).equals("on"));
            case PAUSE -> c.pause();
            case RESUME -> c.resume();
            case END -> true;
        };
    }

    /** Renders up to music frame {@code target} in blocks, handing each to {@code sink} (may be null). */
    public void renderTo(long target, Sink sink) throws IOException {
        while (frame < target) {
            int n = (int) Math.min(BLOCK, target - frame);
            host.render(buf, n);
            if (sink != null) {
                sink.accept(buf, n, frame);
            }
            frame += n;
            host.update();
        }
    }

    /** The host played. */
    public Host host() {
        return host;
    }

    /** Frames rendered so far. */
    public long frame() {
        return frame;
    }

    /** Every raw event so far, in order, when recording (the list grows as rendering goes on). */
    public List<Event> events() {
        return events;
    }
}
