package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.openal.LoopbackRig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAL outputs' audio paths allocate nothing: the queue's audio thread and the thread OpenAL
 * Soft calls back on. Interpreted ({@code -Xint}, its own JVM: see the pom), for the reasons the
 * core's {@code AllocationFreeTest} gives.
 */
class OpenAlAllocationFreeTest {
    @TempDir
    Path dir;

    /**
     * The real-time path allocates nothing either: Segue's own audio thread ({@code segue-audio})
     * renders and queues blocks on a real OpenAL Soft source (a loopback device the test pulls),
     * through parameter sweeps, state changes and stingers. Its allocation counter must not move
     * once warm.
     */
    @Test
    void theOpenAlAudioThreadAllocatesNothingInSteadyState() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        mx.setThreadAllocatedMemoryEnabled(true);
        LoopbackRig rig = new LoopbackRig(3, false, true);
        float[] chunk = new float[512 * 2];
        try (Segue segue = Segue.builder().cueSheet(DeterminismTest.richSheet(dir)).blockFrames(256)
                .output(rig.factory()).build()) {
            dev.segue.output.OutputDriver d = segue.driver();
            Thread audio = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("segue-audio"))
                    .findFirst().orElseThrow();
            String[] states = {"explore", "combat", "quiet", "explore"};
            long pulled = 0;
            long before = 0;
            int warm = 600;
            int total = 1800;
            for (int i = 0; i < total; i++) {
                long need = pulled + 768;
                assertTrue(LoopbackRig.await(() -> d.framesWritten() >= need && rig.idle(), 20_000));
                if (i == warm) {
                    before = mx.getThreadAllocatedBytes(audio.getId()); // parked, waiting for OpenAL
                }
                segue.setParameter("intensity", (float) (0.5 + 0.5 * Math.sin(i / 9.0)));
                if (i % 90 == 0) {
                    segue.setState(states[(i / 90) % states.length]);
                }
                if (i % 37 == 0) {
                    segue.playStinger("sting");
                }
                rig.render(chunk, 512);
                pulled += 512;
                segue.update();
            }
            long need = pulled + 768;
            assertTrue(LoopbackRig.await(() -> d.framesWritten() >= need && rig.idle(), 20_000));
            long allocated = mx.getThreadAllocatedBytes(audio.getId()) - before;
            assertEquals(0, segue.outputStats().underruns());
            assertEquals(0, allocated, "bytes allocated by segue-audio over " + (total - warm) * 512 / 48_000 + " s through OpenAL");
        }
    }
    /**
     * Callback mode allocates nothing on the thread OpenAL Soft mixes on: on a loopback device that is
     * the thread pulling with {@code alcRenderSamplesSOFT} (here the test's), from which OpenAL Soft calls
     * into Segue's mixer through LWJGL's upcall. What that thread allocates while inside the pulls is
     * counted; the game's calls between pulls are not.
     */
    @Test
    void theCallbackPathAllocatesNothingInSteadyState() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        mx.setThreadAllocatedMemoryEnabled(true);
        LoopbackRig rig = new LoopbackRig(3, false, true);
        float[] chunk = new float[512 * 2];
        try (Segue segue = Segue.builder().cueSheet(DeterminismTest.richSheet(dir)).blockFrames(256)
                .output(rig.callbackFactory()).build()) {
            assertTrue(LoopbackRig.await(rig::pulledReady, 10_000));
            String[] states = {"explore", "combat", "quiet", "explore"};
            int warm = 600;
            int total = 1800;
            long allocated = 0;
            for (int i = 0; i < total; i++) {
                segue.setParameter("intensity", (float) (0.5 + 0.5 * Math.sin(i / 9.0)));
                if (i % 90 == 0) {
                    segue.setState(states[(i / 90) % states.length]);
                }
                if (i % 37 == 0) {
                    segue.playStinger("sting");
                }
                long before = mx.getCurrentThreadAllocatedBytes();
                rig.renderPulled(chunk, 512);
                long after = mx.getCurrentThreadAllocatedBytes();
                if (i >= warm) {
                    allocated += after - before;
                }
                segue.update();
            }
            long noop = mx.getCurrentThreadAllocatedBytes();
            long cost = mx.getCurrentThreadAllocatedBytes() - noop; // what asking costs, if anything
            assertEquals(0, segue.outputStats().underruns());
            assertEquals(0, allocated - cost * (total - warm), "bytes allocated inside " + (total - warm)
                    + " pulls of 512 frames through the callback");
        }
    }
}
