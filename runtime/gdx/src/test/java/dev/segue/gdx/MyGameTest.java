package dev.segue.gdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import dev.segue.Segue;
import dev.segue.SegueEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The README's ten lines run on libGDX's headless backend: the sample score loads from the
 * segue-assets jar through an internal handle (which libGDX finds on the classpath), plays in real
 * time (on Segue's silent output: the headless backend has no audio, and the output says so), delivers
 * its events with nobody calling update, and is closed when the application ends.
 */
class MyGameTest {
    @Test
    void theTenLinesPlayTheScore() throws Exception {
        MyGame game = new MyGame();
        HeadlessApplicationConfiguration c = new HeadlessApplicationConfiguration();
        c.updatesPerSecond = 60;
        HeadlessApplication app = new HeadlessApplication(game, c);
        List<SegueEvent> events = new CopyOnWriteArrayList<>();
        Segue music;
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (game.music == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            music = game.music;
            assertTrue(music != null, "the score loaded");
            app.postRunnable(() -> music.addListener(events::add));
            while (events.stream().filter(e -> e.type() == SegueEvent.Type.BEAT).count() < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("calm", music.position().cue(), "explore plays the sample's calm cue");
            assertTrue(events.stream().anyMatch(e -> e.type() == SegueEvent.Type.BEAT), events::toString);
            assertTrue(music.outputStats().silent(), "no audio on the headless backend: " + music.outputName());
        } finally {
            app.exit();
        }
        Thread.sleep(500);
        long a = music.frame();
        Thread.sleep(200);
        assertEquals(a, music.frame(), "closed with the application");
    }
}
