package dev.segue.tools.matrix;

import dev.segue.engine.Commands;
import dev.segue.engine.ScriptPlayer;
import dev.segue.control.Events;
import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.TransitionRule;
import dev.segue.output.WavWriter;
import dev.segue.time.TempoMap;
import dev.segue.tools.session.Progress;
import dev.segue.tools.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Every move a sheet can make, rendered and listened to: each cue a state or rule can play (and
 * silence, where a state asks for it) to each other, from several points of the source (on a bar,
 * mid-bar, just before the loop end), on the real mixer. Each case plays the source from its entry,
 * asks for the destination at the chosen point, renders until the transition is done and two seconds
 * more, keeps the stretch from a second before the request, and {@link Audit}s it.
 */
public final class Matrix {
    /** Audio kept before the request and after the transition is done. */
    static final double BEFORE_S = 1.0;
    static final double AFTER_S = 2.0;
    /** A transition still not done this long after its request is cut off (and reported). */
    static final double LIMIT_S = 40;

    /** Where in the source the request is made. */
    public enum Point {
        ON_BAR("on a bar"), MID_BAR("mid-bar"), NEAR_LOOP_END("near the loop end"), START("from silence");

        final String label;

        Point(String label) {
            this.label = label;
        }

        /** The label used in reports. */
        public String label() {
            return label;
        }
    }

    /** One move to try: cue indices ({@code -1} = silence), the point, and the source frame of the request. */
    public record Case(int from, int to, Point point, long sourcePos) {
    }

    private Matrix() {
    }

    /** The cues a game can be in: state cues, silence if a state asks for it, and the cues rules name. */
    public static List<Integer> nodes(CueSheet sheet) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int s = 0; s < sheet.states().size(); s++) {
            out.add(sheet.stateCue(s));
        }
        for (TransitionRule r : sheet.rules()) {
            for (String name : new String[] {r.from(), r.to()}) {
                if (name.equals("silence")) {
                    out.add(-1);
                } else if (sheet.cue(name) != null) {
                    out.add(sheet.cue(name).index());
                }
            }
        }
        List<Integer> list = new ArrayList<>(out);
        list.sort((a, b) -> Integer.compare(a < 0 ? Integer.MAX_VALUE : a, b < 0 ? Integer.MAX_VALUE : b)); // silence last
        return list;
    }

    /** Every case for {@code sheet}: each ordered pair of distinct nodes, from each point that exists in the source. */
    public static List<Case> cases(CueSheet sheet) {
        List<Case> out = new ArrayList<>();
        List<Integer> nodes = nodes(sheet);
        for (int from : nodes) {
            for (int to : nodes) {
                if (from == to) {
                    continue;
                }
                if (from < 0) {
                    out.add(new Case(from, to, Point.START, 0));
                    continue;
                }
                Cue c = sheet.cues().get(from);
                TempoMap t = c.tempo();
                long end = c.loops() ? c.loopEnd() : c.length();
                long bar = t.nextBar(c.entry() + 1);
                if (bar >= end) {
                    bar = c.entry();
                }
                long mid = bar + t.barsToFrames(bar, 0.5);
                long nearEnd = end - Math.max(1, Math.round(t.framesPerBeatAt(Math.max(0, end - 1)) / 2));
                out.add(new Case(from, to, Point.ON_BAR, bar));
                if (mid < end) {
                    out.add(new Case(from, to, Point.MID_BAR, mid));
                }
                if (nearEnd > mid && nearEnd > c.entry()) {
                    out.add(new Case(from, to, Point.NEAR_LOOP_END, nearEnd));
                }
            }
        }
        return out;
    }

    /**
     * Renders and audits every case, {@code threads} at a time, writing one WAV per case under
     * {@code wavDir}; the results come back in {@link #cases} order.
     */
    public static List<Result> run(CueSheet sheet, List<Case> cases, Path wavDir, Audit.Thresholds th, int threads,
            Progress progress) throws IOException {
        Files.createDirectories(wavDir);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "segue-matrix");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Case c : cases) {
                futures.add(pool.submit(() -> {
                    Result r = one(sheet, c, wavDir, th);
                    progress.step();
                    return r;
                }));
            }
            List<Result> out = new ArrayList<>();
            for (Future<Result> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Renders and audits one case. */
    static Result one(CueSheet sheet, Case c, Path wavDir, Audit.Thresholds th) throws IOException {
        int rate = sheet.sampleRate();
        ScriptPlayer p = Session.player(sheet);
        long request;
        Recorder rec;
        if (c.from() >= 0) {
            // the source comes in from silence through the sheet's rule; find where it starts sounding, at
            // which position, and ask for the destination when it reaches the case's point
            goTo(p, sheet, c.from());
            long startFrame = -1;
            long startPos = 0;
            while (startFrame < 0 && p.frame() < Math.round(LIMIT_S * rate)) {
                p.renderTo(p.frame() + Session.BLOCK, null);
                for (ScriptPlayer.Event e : p.events()) {
                    if (e.type() == Events.CUE_STARTED && e.cue() == c.from()) {
                        startFrame = e.frame();
                        startPos = e.at();
                        break;
                    }
                }
            }
            request = Math.max(p.frame(), Math.max(0, startFrame) + c.sourcePos() - startPos);
        } else {
            request = rate; // a second of silence first
        }
        long keepFrom = Math.max(p.frame(), request - Math.round(BEFORE_S * rate));
        rec = new Recorder(keepFrom);
        p.renderTo(request, rec);
        int before = p.events().size();
        goTo(p, sheet, c.to());
        long limit = request + Math.round(LIMIT_S * rate);
        long landing = -1;
        long done = -1;
        long step = rate / 10;
        while (p.frame() < limit && done < 0) {
            p.renderTo(p.frame() + step, rec);
            for (int i = before; i < p.events().size(); i++) {
                ScriptPlayer.Event e = p.events().get(i);
                if (e.type() == Events.TRANSITION_SCHEDULED && landing < 0) {
                    landing = e.at();
                }
                if (e.type() == Events.TRANSITION_DONE && landing >= 0 && e.frame() >= landing) {
                    done = e.frame();
                    break;
                }
            }
        }
        boolean finished = done >= 0;
        if (!finished) {
            done = p.frame();
        }
        if (landing < 0) {
            landing = request; // nothing was scheduled: the move was a no-op
        }
        p.renderTo(done + Math.round(AFTER_S * rate), rec);
        float[] audio = rec.samples();
        List<ScriptPlayer.Event> events = List.copyOf(p.events());
        TransitionRule rule = sheet.rule(c.from(), c.to());
        Window w = new Window(keepFrom, request, landing, done, finished, audio, events, rule);
        Path wav = wavDir.resolve(fileName(sheet, c));
        try (WavWriter out = new WavWriter(wav, rate, 2)) {
            out.write(audio, audio.length / 2);
        }
        return new Result(c, w, Audit.of(sheet, c, w, th), wav);
    }

    /** Asks for cue {@code cue} now, through the sheet's rules; -1 asks for silence. */
    private static void goTo(ScriptPlayer p, CueSheet sheet, int cue) {
        p.host().commands().trigger(cue < 0 ? Commands.SILENCE : sheet.cues().get(cue).name());
    }

    /** {@code calm--action--mid-bar.wav}. */
    static String fileName(CueSheet sheet, Case c) {
        return name(sheet, c.from()) + "--" + name(sheet, c.to()) + "--" + c.point().name().toLowerCase().replace('_', '-')
                + ".wav";
    }

    static String name(CueSheet sheet, int cue) {
        return cue < 0 ? "silence" : sheet.cues().get(cue).name().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * What one case rendered: music frames of the kept stretch's start, the request, the landing and
     * the end of the transition; the audio from {@code keptFrom}; every event of the case.
     */
    public record Window(long keptFrom, long request, long landing, long done, boolean finished, float[] audio,
            List<ScriptPlayer.Event> events, TransitionRule rule) {
        /** Index into {@link #audio} frames of music frame {@code f}. */
        public int index(long f) {
            return (int) Math.max(0, Math.min(audio.length / 2, f - keptFrom));
        }

        /** Frames kept. */
        public int frames() {
            return audio.length / 2;
        }
    }

    /** A case, what it rendered, what the audit found, and its WAV. */
    public record Result(Case c, Window window, List<Audit.Issue> issues, Path wav) {
    }

    /** Keeps the rendered audio from a music frame on. */
    static final class Recorder implements ScriptPlayer.Sink {
        private final long from;
        private float[] data = new float[1 << 16];
        private int size;

        Recorder(long from) {
            this.from = from;
        }

        @Override
        public void accept(float[] block, int frames, long at) {
            long skip = Math.max(0, from - at);
            if (skip >= frames) {
                return;
            }
            int n = (int) (frames - skip) * 2;
            if (size + n > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + n));
            }
            System.arraycopy(block, (int) skip * 2, data, size, n);
            size += n;
        }

        float[] samples() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
