package dev.segue.openal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segue.Segue;
import dev.segue.SegueEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A game's build that mixed LWJGL's jars (lwjgl of one version, lwjgl-openal of another, as Maven's
 * nearest-wins can give): segue-openal does not open OpenAL, the music clock keeps running on the
 * silent output, and the one OUTPUT event names what was found, what is needed and the fix. Runs in
 * the lwjgl-mixed surefire execution, which puts lwjgl 3.3.3 beside lwjgl-openal 3.3.6.
 */
class LwjglMixedTest {
    @TempDir
    Path dir;

    @Test
    void mixedLwjglJarsGiveOneOutputEventNamingThemAndTheFixWhileTheClockRuns() throws Exception {
        String mixed = System.getProperty("segue.lwjgl.mixed");
        assumeTrue(mixed != null, "run by the lwjgl-mixed surefire execution");
        String core = Lwjgl.release(org.lwjgl.Version.getVersion());
        String openal = Lwjgl.release(org.lwjgl.openal.AL.class.getPackage().getSpecificationVersion());
        assertEquals(mixed, "lwjgl " + core + ", lwjgl-openal " + openal, "the class path this execution set up");
        assertTrue(!core.equals(openal), core + " / " + openal);

        String problem = Lwjgl.problem();
        assertEquals("LWJGL's jars are of two versions (lwjgl " + core + ", lwjgl-openal " + openal + "): segue-openal needs"
                + " org.lwjgl:lwjgl and org.lwjgl:lwjgl-openal of one version, " + Lwjgl.OLDEST + " or later: import"
                + " org.lwjgl:lwjgl-bom (or dev.segue:segue-bom, which aligns it) in your build's dependencyManagement so"
                + " every LWJGL jar has one version", problem);

        Path sheet = sheet();
        List<SegueEvent> got = new CopyOnWriteArrayList<>();
        try (Segue segue = Segue.builder().cueSheet(sheet).build()) { // the default output: OpenAL, found as a service
            segue.addListener(got::add);
            assertTrue(segue.outputStats().silent(), segue.outputName());
            segue.setState("play");
            long t0 = System.nanoTime();
            long f0 = segue.position().frame();
            while (System.nanoTime() - t0 < 1_000_000_000L) {
                segue.update();
                Thread.sleep(10);
            }
            segue.update();
            double wall = (System.nanoTime() - t0) / 1e9;
            double music = (segue.position().frame() - f0) / (double) segue.sampleRate();
            assertTrue(music > 0.5 * wall && music < 1.5 * wall + 0.05, "music clock " + music + " s over " + wall + " s");
            List<SegueEvent> notices = got.stream().filter(e -> e.type() == SegueEvent.Type.OUTPUT).toList();
            assertEquals(1, notices.size(), "said once: " + notices);
            String m = notices.get(0).message();
            assertTrue(m.contains(problem), m);
            assertEquals("silent (no audio device)", notices.get(0).other());
            System.out.println("[LWJGL mixed] " + m);
        }
    }

    private Path sheet() throws Exception {
        int frames = 48_000;
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + frames * 2).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(48_000).putInt(96_000)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(frames * 2);
        for (int i = 0; i < frames; i++) {
            b.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 48_000.0)));
        }
        Files.write(dir.resolve("a.wav"), b.array());
        return Files.writeString(dir.resolve("s.cues.json"), """
            {"cues": {"a": {"tempo": {"bpm": 240}, "loop": {"start": 0}, "stems": [{"name": "a", "file": "a.wav"}]}},
             "states": {"play": "a"}}
            """, StandardCharsets.UTF_8);
    }
}
