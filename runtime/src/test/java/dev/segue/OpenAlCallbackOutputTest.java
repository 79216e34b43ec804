package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.output.LoopbackRig;
import dev.segue.output.OutputDriver;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenAL Soft's callback mode ({@code AL_SOFT_callback_buffer}) through a real loopback device: the
 * test pulls with {@code alcRenderSamplesSOFT}, and OpenAL Soft calls Segue's mixer from inside that
 * call, on the test's thread, for the frames it is about to mix. So nothing renders between pulls, and
 * a command sent between two pulls is read exactly at the frames the mixer has rendered so far
 * ({@link OutputDriver#framesWritten()}), which is where the offline reference applies it too.
 */
class OpenAlCallbackOutputTest {
    static final int BLOCK = 256;
    static final int PULL = 512;

    @TempDir
    Path dir;

    private static Segue open(Path sheet, LoopbackRig rig) throws InterruptedException {
        Segue rt = Segue.builder().cueSheet(sheet).blockFrames(BLOCK).output(rig.callbackFactory()).build();
        assertTrue(LoopbackRig.await(rig::pulledReady, 10_000), "the callback output opened and attached the mixer");
        return rt;
    }

    @Test
    void callbackOutputEqualsTheOfflineRenderBitForBit() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir);
        LoopbackRig rig = new LoopbackRig(3, false, true);
        int frames = 200_000;
        float[] out = new float[frames * 2];
        float[] chunk = new float[PULL * 2];
        TreeMap<Long, Consumer<Segue>> script = OpenAlOutputTest.tour();
        TreeMap<Long, Consumer<Segue>> applied = new TreeMap<>();
        int sent = 0;
        try (Segue rt = open(sheet, rig)) {
            OutputDriver d = rt.driver();
            assertEquals("OpenAL Soft loopback", rt.outputName());
            long pulled = 0;
            long lastSent = -1;
            while (pulled < frames) {
                long readAt = d.framesWritten(); // the next frame the mixer renders, in the next pull
                for (var e : script.subMap(lastSent, false, readAt, true).entrySet()) {
                    e.getValue().accept(rt);
                    applied.merge(readAt, e.getValue(), Consumer::andThen);
                    lastSent = e.getKey();
                    sent++;
                }
                int n = (int) Math.min(PULL, frames - pulled);
                rig.renderPulled(chunk, n);
                System.arraycopy(chunk, 0, out, (int) pulled * 2, n * 2);
                pulled += n;
                rt.update();
            }
            assertTrue(d.framesWritten() >= frames, "the mixer rendered what OpenAL mixed: " + d.framesWritten());
            System.out.println("callback mode on the loopback device: the mixer ran " + (d.framesWritten() - frames)
                    + " frames ahead of what OpenAL Soft output");
        }
        assertEquals(script.size(), sent, "every command sent");
        float[] ref = OpenAlOutputTest.offline(sheet, applied, frames);
        assertTrue(Audio.rms(ref, 0, frames) > 0.05, "it made sound");
        for (int i = 0; i < ref.length; i++) {
            if (Float.floatToRawIntBits(ref[i]) != Float.floatToRawIntBits(out[i])) {
                int at = i;
                assertEquals(ref[i], out[i], () -> "first differing sample " + at + " (frame " + at / 2 + ")");
            }
        }
    }

    @Test
    void aParameterChangeIsHeardWithinTheConfiguredLatency() throws Exception {
        Audio.writeFloatWav(dir.resolve("tone.wav"), 1, Audio.constant(48_000, 0.5f));
        Path sheet = Audio.writeText(dir.resolve("p.cues.json"), """
            {"parameters": {"level": {"default": 0}},
             "cues": {"a": {"tempo": {"bpm": 120}, "loop": {"start": 0},
                            "stems": [{"name": "t", "file": "tone.wav", "gainCurve": {"parameter": "level", "points": [[0, 0], [1, 1]]}}]}},
             "states": {"play": "a"}}
            """);
        LoopbackRig rig = new LoopbackRig(3, false, true);
        float[] chunk = new float[PULL * 2];
        try (Segue rt = open(sheet, rig)) {
            OutputDriver d = rt.driver();
            rt.setState("play");
            long pulled = 0;
            long issuedAt = -1;
            long ahead = -1;
            long heardAt = -1;
            while (heardAt < 0 && pulled < 48_000) {
                if (pulled == 10 * PULL) {
                    rt.setParameter("level", 1f);
                    issuedAt = pulled; // the listener has heard exactly this much when the game moves the control
                    ahead = d.framesWritten() - pulled; // rendered, held by OpenAL Soft, not yet out
                }
                rig.renderPulled(chunk, PULL);
                if (issuedAt >= 0) {
                    long f = Audio.firstAbove(chunk, 0, 0.01f);
                    if (f >= 0) {
                        heardAt = pulled + f;
                    }
                }
                pulled += PULL;
            }
            long latency = heardAt - issuedAt;
            OutputStats s = rt.outputStats();
            System.out.println("callback mode: a parameter change was heard " + latency + " frames after the call; OpenAL Soft"
                    + " held " + ahead + " frames the mixer had rendered");
            assertTrue(heardAt > 0, "the change was heard");
            assertTrue(latency >= ahead, "not before what OpenAL already held played out: " + latency + " < " + ahead);
            // nothing is queued: what OpenAL Soft holds (its resampler's look-ahead, 24 frames in 1.24) plus
            // the block that reads the change, as the queue's limit is its queue plus that block
            assertTrue(latency <= ahead + BLOCK, "heard " + latency + " frames after the call, limit " + (ahead + BLOCK));
            assertTrue(ahead < BLOCK, "OpenAL Soft holds less than a block: " + ahead);
            assertEquals(0, s.queueBuffers());
            CommandLatency l = rt.commandLatency();
            assertTrue(l.commands() >= 2, "setState and setParameter were measured: " + l);
            assertTrue(l.toOutput().max() <= l.reaction().max() + BLOCK, "nothing queued ahead beyond a block: " + l);
        }
    }
}
