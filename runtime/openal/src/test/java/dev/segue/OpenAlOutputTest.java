package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.openal.LoopbackRig;
import dev.segue.output.OutputDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenAL Soft path, no sound card: Segue's audio thread queues blocks on an OpenAL
 * streaming source of an {@code ALC_SOFT_loopback} device, and the test pulls what OpenAL Soft mixed
 * with {@code alcRenderSamplesSOFT}. Because the loopback device only consumes audio when pulled, the
 * audio thread's pacing follows the test, and every command the test sends while the audio thread is
 * parked (queue full) is read on a known frame: the frames it has written. The offline render of the
 * same commands on the same frames is the reference.
 */
class OpenAlOutputTest {
    static final int BLOCK = 256;
    static final int QUEUE = 3;
    static final int PULL = 512;
    /** The comparisons use a deeper queue: fewer hand-overs between test and audio thread, same samples. */
    static final int DEEP = 12;

    @TempDir
    Path dir;

    /** The game's commands, keyed by the output frame they should happen near. */
    static TreeMap<Long, Consumer<Segue>> tour() {
        TreeMap<Long, Consumer<Segue>> t = new TreeMap<>();
        t.put(0L, g -> g.setState("explore"));
        t.put(12_000L, g -> g.setParameter("intensity", 0.9f));
        t.put(50_000L, g -> g.playStinger("sting"));
        t.put(75_000L, g -> g.setState("combat"));
        t.put(100_000L, g -> g.setParameter("intensity", 0.1f));
        t.put(130_000L, Segue::pause);
        t.put(150_000L, Segue::resume);
        t.put(170_000L, g -> g.setState("explore"));
        return t;
    }

    /** What a real-time session through the loopback device produced. */
    record Played(float[] audio, TreeMap<Long, Consumer<Segue>> appliedAt, int sent, List<SegueEvent> events, String name) {
    }

    static Played play(Path sheet, LoopbackRig rig, int queue, int frames, TreeMap<Long, Consumer<Segue>> script)
            throws Exception {
        int pull = (queue - 1) * BLOCK;
        float[] out = new float[frames * 2];
        float[] chunk = new float[pull * 2];
        TreeMap<Long, Consumer<Segue>> applied = new TreeMap<>();
        List<SegueEvent> events = new CopyOnWriteArrayList<>();
        try (Segue rt = Segue.builder().cueSheet(sheet).blockFrames(BLOCK).output(rig.factory()).build()) {
            rt.addListener(events::add);
            OutputDriver d = rt.driver();
            String name = rt.outputName();
            long pulled = 0;
            long lastApplied = -1;
            int sent = 0;
            while (pulled < frames) {
                int n = (int) Math.min(pull, frames - pulled);
                long full = pulled + (long) queue * BLOCK;
                Long next = script.higherKey(lastApplied);
                if (next != null && next <= full) { // a command is due: send it while the audio thread is parked
                    long readAt = parked(d, rig, full); // the next block the mixer renders starts here
                    for (var e : script.subMap(lastApplied, false, readAt, true).entrySet()) {
                        e.getValue().accept(rt);
                        applied.merge(readAt, e.getValue(), Consumer::andThen);
                        lastApplied = e.getKey();
                        sent++;
                    }
                } else {
                    long need = pulled + n + BLOCK; // never pull the source dry: that is an underrun
                    assertTrue(LoopbackRig.await(() -> d.framesWritten() >= need, 10_000),
                            "audio thread queued " + need + " frames; wrote " + d.framesWritten() + " on " + d.outputName());
                }
                rig.render(chunk, n);
                System.arraycopy(chunk, 0, out, (int) pulled * 2, n * 2);
                pulled += n;
                rt.update();
            }
            assertEquals(0, rig.alErrors(), "no OpenAL error while queueing");
            assertEquals(0, rt.outputStats().underruns(), "no underrun");
            return new Played(out, applied, sent, events, name);
        }
    }

    /**
     * Waits until the audio thread has queued at least {@code frames} and is parked waiting for
     * OpenAL (nothing is pulled meanwhile, so it stays parked); returns the frames it has written,
     * where the next block it renders, and so the next command it reads, begins.
     */
    static long parked(OutputDriver d, LoopbackRig rig, long frames) throws InterruptedException {
        while (true) {
            assertTrue(LoopbackRig.await(() -> d.framesWritten() >= frames && rig.idle(), 10_000),
                    "audio thread refilled the queue: wrote " + d.framesWritten() + ", expected " + frames);
            long w = d.framesWritten();
            Thread.sleep(3);
            if (rig.idle() && d.framesWritten() == w) {
                return w;
            }
        }
    }

    static float[] offline(Path sheet, TreeMap<Long, Consumer<Segue>> appliedAt, int frames) {
        Audio.Session s = new Audio.Session(Audio.offline(sheet));
        appliedAt.forEach(s::at);
        return s.render(frames);
    }

    @Test
    void float32ThroughOpenAlEqualsTheOfflineRenderBitForBit() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir);
        LoopbackRig rig = new LoopbackRig(DEEP, false, true);
        int frames = 200_000;
        Played p = play(sheet, rig, DEEP, frames, tour());
        assertEquals("OpenAL Soft loopback", p.name());
        assertTrue(rig.currentIsFloat32(), "OpenAL Soft has AL_EXT_FLOAT32");
        assertEquals(tour().size(), p.sent(), "every command sent");
        float[] ref = offline(sheet, p.appliedAt(), frames);
        assertTrue(Audio.rms(ref, 0, frames) > 0.05, "it made sound");
        int diff = firstDifference(ref, p.audio());
        assertEquals(-1, diff, () -> "first differing sample " + diff + " (frame " + diff / 2 + "): offline " + ref[diff]
                + ", OpenAL " + p.audio()[diff]);
        assertTrue(p.events().stream().anyMatch(e -> e.type() == SegueEvent.Type.TRANSITION_DONE), p.events().toString());
    }

    @Test
    void sixteenBitThroughOpenAlIsWithinHalfAnLsbUndithered() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir);
        LoopbackRig rig = new LoopbackRig(DEEP, true, false);
        int frames = 200_000;
        Played p = play(sheet, rig, DEEP, frames, tour());
        assertFalse(rig.currentIsFloat32());
        float[] ref = offline(sheet, p.appliedAt(), frames);
        double[] err = errorInLsb(ref, p.audio());
        assertTrue(err[0] <= 0.5 + 1e-3, "rounding to 16 bits: max error " + err[0] + " LSB");
    }

    @Test
    void sixteenBitWithTpdfDitherStaysWithinOneAndAHalfLsbAndCarriesDitherNoise() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir);
        LoopbackRig rig = new LoopbackRig(DEEP, true, true);
        int frames = 200_000;
        Played p = play(sheet, rig, DEEP, frames, tour());
        float[] ref = offline(sheet, p.appliedAt(), frames);
        double[] err = errorInLsb(ref, p.audio());
        // TPDF dither spans +-1 LSB, rounding adds +-0.5: the error never exceeds 1.5 LSB; its RMS is
        // sqrt(1/6 + 1/12) = 0.5 LSB, well above plain rounding's 0.29
        assertTrue(err[0] <= 1.5 + 1e-3, "max error " + err[0] + " LSB");
        assertTrue(err[1] > 0.4 && err[1] < 0.6, "RMS error " + err[1] + " LSB");
    }

    /** {max, rms} of |a - b| in 16-bit LSBs. */
    private static double[] errorInLsb(float[] a, float[] b) {
        double max = 0;
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double e = Math.abs(a[i] - b[i]) * 32768.0;
            max = Math.max(max, e);
            sum += e * e;
        }
        return new double[] {max, Math.sqrt(sum / a.length)};
    }

    static int firstDifference(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return i;
            }
        }
        return -1;
    }

    /** A steady tone whose gain is the parameter "level" (0 at first), looping, in state "play". */
    static Path levelSheet(Path dir) throws Exception {
        Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.constant(48_000, 0.5f));
        return Audio.writeText(dir.resolve("p.cues.json"), """
            {"parameters": {"level": {"default": 0}},
             "cues": {"a": {"tempo": {"bpm": 120}, "loop": {"start": 0},
                            "stems": [{"name": "t", "file": "tone.wav", "gainCurve": {"parameter": "level", "points": [[0, 0], [1, 1]]}}]}},
             "states": {"play": "a"}}
            """);
    }

    @Test
    void aParameterChangeIsHeardWithinTheConfiguredLatency() throws Exception {
        Path sheet = levelSheet(dir);
        LoopbackRig rig = new LoopbackRig(QUEUE, false, true);
        float[] chunk = new float[PULL * 2];
        try (Segue rt = Segue.builder().cueSheet(sheet).blockFrames(BLOCK).output(rig.factory()).build()) {
            OutputDriver d = rt.driver();
            rt.setState("play");
            long pulled = 0;
            long issuedAt = -1;
            long heardAt = -1;
            while (heardAt < 0 && pulled < 48_000) {
                parked(d, rig, pulled + (long) QUEUE * BLOCK);
                if (pulled == 10 * PULL) {
                    rt.setParameter("level", 1f);
                    issuedAt = pulled; // the listener has heard exactly this much when the game moves the control
                }
                rig.render(chunk, PULL);
                if (issuedAt >= 0) {
                    long f = Audio.firstAbove(chunk, 0, 0.01f);
                    if (f >= 0) {
                        heardAt = pulled + f;
                    }
                }
                pulled += PULL;
            }
            OutputStats s = rt.outputStats();
            long latency = heardAt - issuedAt;
            assertTrue(heardAt > 0, "the change was heard");
            assertTrue(latency <= s.worstCaseLatencyFrames(), "heard " + latency + " frames after the call, limit "
                    + s.worstCaseLatencyFrames());
            assertTrue(latency >= (long) QUEUE * BLOCK, "not before the queued audio played out: " + latency);
            assertEquals(1024, s.worstCaseLatencyFrames());
        }
    }
}
