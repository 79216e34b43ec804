package dev.segue.tools.session;

import dev.segue.engine.ScriptPlayer;
import dev.segue.control.Events;
import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.Stem;
import dev.segue.decode.PcmData;
import dev.segue.output.WavWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A session looked at from inside: the mix and, for every stem of every cue that sounds, what that stem
 * contributed (its audio with all its gains and fades, heard alone) and its gain over time. Each stem
 * takes two extra renders of the whole session on the real mixer: one where every other stem is
 * silent, one where the stem plays a constant 1.0 (so the output is exactly its gain). The mix is a sum,
 * so the stems' contributions add up to it. Renders run in parallel; the result does not depend on
 * their order.
 */
public final class Capture {
    /** One stem of one cue: what it contributed, and its gain. */
    public record Lane(Cue cue, int stemIndex, Columns audio, Columns gain, Path wav) {
        public Stem stem() {
            return cue.stems()[stemIndex];
        }
    }

    private final CueSheet sheet;
    private final long endFrame;
    private final List<ScriptPlayer.Event> events;
    private final Columns mix;
    private final List<Lane> lanes;

    private Capture(CueSheet sheet, long endFrame, List<ScriptPlayer.Event> events, Columns mix, List<Lane> lanes) {
        this.sheet = sheet;
        this.endFrame = endFrame;
        this.events = List.copyOf(events);
        this.mix = mix;
        this.lanes = List.copyOf(lanes);
    }

    /**
     * Captures the session {@code steps} plays on {@code sheet} up to {@code endFrame}, summarised
     * into {@code width} columns; with {@code stemsDir}, each stem's contribution is also written there
     * as a 32-bit float WAV ({@code 01-calm-pad.wav}, ...).
     */
    public static Capture of(CueSheet sheet, List<ScriptPlayer.Step> steps, long endFrame, int width, Path stemsDir,
            int threads, Progress progress) throws IOException {
        Columns mix = new Columns(width, endFrame);
        List<ScriptPlayer.Event> events = Session.run(sheet, steps, endFrame, mix);
        TreeSet<Integer> sounding = new TreeSet<>();
        for (ScriptPlayer.Event e : events) {
            if (e.type() == Events.CUE_STARTED || e.type() == Events.STINGER) {
                sounding.add(e.cue());
            }
        }
        List<int[]> refs = new ArrayList<>();
        for (int c : sounding) {
            for (int s = 0; s < sheet.cues().get(c).stems().length; s++) {
                refs.add(new int[] {c, s});
            }
        }
        progress.addTotal(2L * refs.size());
        progress.step();
        if (stemsDir != null) {
            Files.createDirectories(stemsDir);
        }
        Silence silence = new Silence();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "segue-capture");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Columns>> audio = new ArrayList<>();
            List<Future<Columns>> gain = new ArrayList<>();
            List<Path> wavs = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                int cue = refs.get(i)[0];
                int stem = refs.get(i)[1];
                Cue c = sheet.cues().get(cue);
                Path wav = stemsDir == null ? null : stemsDir.resolve(String.format(Locale.ROOT, "%02d-%s-%s.wav", i + 1,
                        safe(c.name()), safe(c.stems()[stem].name())));
                wavs.add(wav);
                audio.add(pool.submit(() -> pass(solo(sheet, cue, stem, false, silence), steps, endFrame, width, wav,
                        progress)));
                gain.add(pool.submit(() -> pass(solo(sheet, cue, stem, true, silence), steps, endFrame, width, null,
                        progress)));
            }
            List<Lane> lanes = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                lanes.add(new Lane(sheet.cues().get(refs.get(i)[0]), refs.get(i)[1], get(audio.get(i)), get(gain.get(i)),
                        wavs.get(i)));
            }
            return new Capture(sheet, endFrame, events, mix, lanes);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Columns get(Future<Columns> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Columns pass(CueSheet variant, List<ScriptPlayer.Step> steps, long endFrame, int width, Path wav,
            Progress progress) throws IOException {
        Columns cols = new Columns(width, endFrame);
        if (wav == null) {
            Session.run(variant, steps, endFrame, cols);
        } else {
            try (WavWriter out = new WavWriter(wav, variant.sampleRate(), 2)) {
                Session.run(variant, steps, endFrame, (b, n, at) -> {
                    cols.accept(b, n, at);
                    out.write(b, n);
                });
            }
        }
        progress.step();
        return cols;
    }

    /**
     * {@code sheet} with only stem {@code stem} of cue {@code cue} sounding: its own audio, or with
     * {@code dc} a constant 1.0 of the same length (so the mix is its gain); every other stem silent.
     */
    static CueSheet solo(CueSheet sheet, int cue, int stem, boolean dc, Silence silence) {
        Stem target = sheet.cues().get(cue).stems()[stem];
        return sheet.withAudio((c, s) -> {
            if (s == target) {
                return dc ? silence.ones(s.audio().frames(), sheet.sampleRate()) : s.audio();
            }
            return silence.zeros(s.audio(), sheet.sampleRate());
        });
    }

    /** Shared silent and constant buffers, one per length: variants of a big score stay small. */
    static final class Silence {
        private final Map<Long, PcmData> zeros = new HashMap<>();
        private final Map<Integer, PcmData> ones = new HashMap<>();

        synchronized PcmData zeros(PcmData like, int rate) {
            long key = ((long) like.frames() << 2) | like.channels();
            return zeros.computeIfAbsent(key, k -> new PcmData("silence", like.channels(), rate,
                    new float[like.frames() * like.channels()]));
        }

        synchronized PcmData ones(int frames, int rate) {
            return ones.computeIfAbsent(frames, k -> {
                float[] x = new float[frames];
                java.util.Arrays.fill(x, 1f);
                return new PcmData("unity", 1, rate, x);
            });
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public CueSheet sheet() {
        return sheet;
    }

    /** Frames in the session. */
    public long endFrame() {
        return endFrame;
    }

    /** Everything the mixer reported, in order. */
    public List<ScriptPlayer.Event> events() {
        return events;
    }

    /** The mix, summarised. */
    public Columns mix() {
        return mix;
    }

    /** One lane per stem of each cue that sounded, in sheet order. */
    public List<Lane> lanes() {
        return lanes;
    }
}
