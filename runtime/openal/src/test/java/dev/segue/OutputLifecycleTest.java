package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.openal.LoopbackRig;
import dev.segue.output.OutputDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No device, a device lost while playing, pause/resume and close: the music goes on and nothing leaks. */
class OutputLifecycleTest {
    @TempDir
    Path dir;

    /** A 10 s mono stem whose sample i is i / 2^19: every frame OpenAL plays says where in the cue it is. */
    private Path rampSheet() {
        return rampSheet(dir);
    }

    static Path rampSheet(Path dir) {
        int frames = 480_000;
        float[] ramp = new float[frames];
        for (int i = 0; i < frames; i++) {
            ramp[i] = i / (float) (1 << 19);
        }
        Audio.writeFloatWav(dir.resolve("ramp.wav"), 1, ramp);
        return Audio.writeText(dir.resolve("ramp.cues.json"), """
            {"cues": {"a": {"tempo": {"bpm": 240}, "stems": [{"name": "r", "file": "ramp.wav"}]}}, "states": {"play": "a"}}
            """);
    }

    static List<SegueEvent> ofType(List<SegueEvent> events, SegueEvent.Type t) {
        return events.stream().filter(e -> e.type() == t).toList();
    }

    @Test
    void withNoDeviceTheClockRunsInRealTimeEventsArriveAndItIsSaidOnce() throws Exception {
        List<SegueEvent> got = new ArrayList<>();
        try (Segue segue = Segue.builder().cueSheet(rampSheet()).outputDevice("Segue test: no such device").build()) {
            segue.addListener(got::add);
            assertEquals("silent (no audio device)", segue.outputName());
            assertTrue(segue.outputStats().silent());
            segue.setState("play");
            long t0 = System.nanoTime();
            long f0 = segue.position().frame();
            while (ofType(got, SegueEvent.Type.BEAT).size() < 4 && System.nanoTime() - t0 < 10_000_000_000L) {
                segue.update();
                Thread.sleep(5);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double music = (segue.position().frame() - f0) / 48_000.0;
            segue.update();
            List<SegueEvent> notices = ofType(got, SegueEvent.Type.OUTPUT);
            assertEquals(1, notices.size(), "said once: " + notices);
            assertTrue(notices.get(0).message().startsWith("no audio device: OpenAL could not open audio device"
                    + " 'Segue test: no such device'"), notices.get(0).message());
            assertEquals("silent (no audio device)", notices.get(0).other());
            assertTrue(ofType(got, SegueEvent.Type.BEAT).size() >= 4, "beats keep coming: " + got);
            assertTrue(music > 0.5 * wall && music < 1.5 * wall + 0.05, "music clock " + music + " s over " + wall + " s of wall time");
        }
    }

    @Test
    void aLostDeviceFallsSilentKeepsThePositionRetriesAndResumes() throws Exception {
        LoopbackRig rig = new LoopbackRig(3, false, true);
        List<SegueEvent> got = new ArrayList<>();
        float[] chunk = new float[512 * 2];
        try (Segue segue = Segue.builder().cueSheet(rampSheet()).output(rig.factory()).retryMillis(100).build()) {
            segue.addListener(got::add);
            OutputDriver d = segue.driver();
            segue.setState("play");
            long pulled = 0;
            float last = 0;
            for (int i = 0; i < 40; i++) {
                long need = pulled + 768;
                assertTrue(LoopbackRig.await(() -> d.framesWritten() >= need, 10_000));
                rig.render(chunk, 512);
                pulled += 512;
                last = chunk[1022];
            }
            long heardBefore = Math.round(last * (1 << 19)); // the cue frame heard last on the first device
            assertTrue(heardBefore > 10_000, "the ramp plays: " + heardBefore);

            rig.failNextOpens(2); // still unplugged at the first two retries
            rig.disconnect();
            assertTrue(LoopbackRig.await(rig::currentClosed, 10_000), "the lost device is closed");
            assertTrue(LoopbackRig.await(() -> rig.outputsMade() == 4 && !d.silent(), 10_000),
                    "two failed retries, then the device opens again: " + rig.outputsMade() + " outputs");
            assertTrue(LoopbackRig.await(rig::idle, 10_000));
            rig.render(chunk, 512);
            long resumedAt = Math.round(chunk[0] * (1 << 19));
            for (int f = 1; f < 512; f++) {
                assertEquals(resumedAt + f, Math.round(chunk[2 * f] * (1 << 19)), "consecutive frames after resuming");
            }
            // the music went on while silent (about 3 retry periods of real time), and did not restart
            assertTrue(resumedAt > heardBefore + 4_800, "resumed at cue frame " + resumedAt + ", last heard " + heardBefore);
            segue.update();
            List<SegueEvent> notices = ofType(got, SegueEvent.Type.OUTPUT);
            assertEquals(2, notices.size(), notices.toString());
            assertTrue(notices.get(0).message().contains("'OpenAL Soft loopback' was lost"), notices.get(0).message());
            assertEquals("silent (no audio device)", notices.get(0).other());
            assertTrue(notices.get(1).message().contains("is back"), notices.get(1).message());
            assertEquals("OpenAL Soft loopback", notices.get(1).other());
            assertEquals(1, ofType(got, SegueEvent.Type.CUE_STARTED).size(), "the cue started once: " + got);
            assertEquals("OpenAL Soft loopback", segue.outputName());
        }
        assertNothingLeft(rig);
    }

    @Test
    void pauseHoldsThePositionAndCloseReleasesThreadsAndEveryOpenAlHandle() throws Exception {
        LoopbackRig rig = new LoopbackRig(3, false, true);
        float[] chunk = new float[512 * 2];
        Segue segue = Segue.builder().cueSheet(rampSheet()).output(rig.factory()).build();
        OutputDriver d = segue.driver();
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("segue-audio")));
        segue.setState("play");
        long pulled = 0;
        long held = -1;
        for (int i = 0; i < 60; i++) {
            long need = pulled + 768;
            assertTrue(LoopbackRig.await(() -> d.framesWritten() >= need, 10_000));
            if (i == 20) {
                segue.pause();
            }
            if (i == 30) {
                held = segue.position().frame();
            }
            if (i == 45) {
                assertEquals(held, segue.position().frame(), "paused: the music clock holds while the output streams on");
                segue.resume();
            }
            rig.render(chunk, 512);
            pulled += 512;
        }
        long frame = segue.position().frame();
        assertTrue(frame > held && frame < pulled - 15 * 512, "paused for ~25 chunks: music " + frame + " of " + pulled + " output");
        segue.close();
        assertNothingLeft(rig);
        segue.close(); // twice is harmless
    }

    static void assertNothingLeft(LoopbackRig rig) {
        List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("segue-")).toList();
        assertEquals(List.of(), threads, "no segue-* thread outlives close()");
        assertEquals("devices=0 contexts=0 sources=0 buffers=0", LoopbackRig.handles());
        for (long[] h : rig.nativeHandles()) {
            assertFalse(LoopbackRig.stillOpen(h), "OpenAL Soft no longer knows the context");
        }
    }
}
