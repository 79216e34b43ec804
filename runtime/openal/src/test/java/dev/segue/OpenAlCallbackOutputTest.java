package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.openal.LoopbackRig;
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
        int diff = OpenAlOutputTest.firstDifference(ref, out);
        assertEquals(-1, diff, () -> "first differing sample " + diff + " (frame " + diff / 2 + "): offline " + ref[diff]
                + ", OpenAL " + out[diff]);
    }

    @Test
    void aParameterChangeIsHeardWithinTheConfiguredLatency() throws Exception {
        Path sheet = OpenAlOutputTest.levelSheet(dir);
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

    @Test
    void aLostDeviceFallsSilentKeepsThePositionRetriesAndResumes() throws Exception {
        LoopbackRig rig = new LoopbackRig(3, false, true);
        java.util.List<SegueEvent> got = new java.util.ArrayList<>();
        float[] chunk = new float[PULL * 2];
        try (Segue segue = Segue.builder().cueSheet(OutputLifecycleTest.rampSheet(dir)).output(rig.callbackFactory())
                .retryMillis(100).build()) {
            segue.addListener(got::add);
            OutputDriver d = segue.driver();
            assertTrue(LoopbackRig.await(rig::pulledReady, 10_000));
            segue.setState("play");
            float last = 0;
            for (int i = 0; i < 40; i++) {
                rig.renderPulled(chunk, PULL);
                last = chunk[2 * PULL - 2];
            }
            long heardBefore = Math.round(last * (1 << 19)); // the cue frame heard last on the first device
            assertTrue(heardBefore > 10_000, "the ramp plays: " + heardBefore);

            rig.failNextOpens(2); // still unplugged at the first two retries
            rig.disconnectPulled();
            assertTrue(LoopbackRig.await(rig::pulledClosed, 10_000), "the lost device is closed");
            assertTrue(LoopbackRig.await(() -> rig.pulledMade() == 4 && rig.pulledReady() && !d.silent(), 10_000),
                    "two failed retries, then the device opens again: " + rig.pulledMade() + " outputs");
            rig.renderPulled(chunk, PULL);
            long resumedAt = Math.round(chunk[0] * (1 << 19));
            for (int f = 1; f < PULL; f++) {
                assertEquals(resumedAt + f, Math.round(chunk[2 * f] * (1 << 19)), "consecutive frames after resuming");
            }
            // the music went on while silent (about 3 retry periods of real time), and did not restart
            assertTrue(resumedAt > heardBefore + 4_800, "resumed at cue frame " + resumedAt + ", last heard " + heardBefore);
            segue.update();
            java.util.List<SegueEvent> notices = OutputLifecycleTest.ofType(got, SegueEvent.Type.OUTPUT);
            assertEquals(2, notices.size(), notices.toString());
            assertTrue(notices.get(0).message().contains("'OpenAL Soft loopback' was lost"), notices.get(0).message());
            assertTrue(notices.get(1).message().contains("is back"), notices.get(1).message());
            assertEquals(1, OutputLifecycleTest.ofType(got, SegueEvent.Type.CUE_STARTED).size(), "the cue started once: " + got);
        }
        OutputLifecycleTest.assertNothingLeft(rig);
    }
}
