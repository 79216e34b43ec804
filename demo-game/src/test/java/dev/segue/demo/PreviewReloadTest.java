package dev.segue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.segue.SegueEvent;
import dev.segue.SegueEvent.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composer preview's hot reload, in the real game on libGDX's headless backend with the music
 * rendered offline in step: a copy of the score is edited on disk (a stem's gain), the preview's
 * "reload sheet" takes it over at the next bar; then the sheet is broken, and the preview shows the
 * error (path and sentence) while the old sheet plays on.
 */
class PreviewReloadTest {
    @TempDir
    Path tmp;

    /** What the scripted composer saw. */
    static final class Seen {
        final List<SegueEvent> events = new ArrayList<>();
        List<String> goodReload;
        long goodAt = -1;
        String notice;
        List<String> badReload;
        long badAt = -1;
        List<String> shownErrors;
        double peakAfterBad;
        long rendered;
        String problem;
    }

    @Test
    void anEditedSheetTakesOverOnABarAndABrokenOneIsShownWhileTheOldPlaysOn() throws Exception {
        Path original = TestFiles.classpathSheet(ScoreMap.find().resource, tmp.resolve("cache"));
        Path sheet = TestFiles.copySheetFolder(original, tmp.resolve("sheet"));
        Seen seen = run(sheet);
        assertTrue(seen.problem == null, seen.problem);
        System.out.println("PreviewReloadTest: " + seen.notice + "; the broken sheet refused with " + seen.shownErrors);

        assertEquals(List.of(), seen.goodReload, "the edited sheet is accepted");
        List<SegueEvent> reloaded = seen.events.stream().filter(e -> e.type() == Type.RELOADED).toList();
        assertEquals(1, reloaded.size(), "one reload took over: " + reloaded);
        SegueEvent r = reloaded.get(0);
        assertTrue(r.frame() >= seen.goodAt, "after the request");
        assertTrue(seen.events.stream().anyMatch(e -> e.type() == Type.BAR && e.frame() == r.frame()),
                "the swap landed on a bar line: " + r);
        assertNotNull(r.cue(), "it goes on with a cue");
        assertEquals(String.format(java.util.Locale.ROOT, "reloaded at bar %d of %s (frame %d)", r.bar(), r.cue(),
                r.frame()), seen.notice);

        assertFalse(seen.badReload.isEmpty(), "the broken sheet is refused");
        assertEquals(seen.badReload, seen.shownErrors, "the preview shows the refused reload's problems");
        String all = String.join("\n", seen.shownErrors);
        assertTrue(all.contains("gainDb"), "names the path of the bad value: " + all);
        assertTrue(seen.events.stream().anyMatch(e -> e.type() == Type.ERROR && e.frame() >= seen.badAt
                && String.valueOf(e.message()).contains(sheet.getFileName().toString())), "an ERROR event names the file");
        assertTrue(seen.events.stream().anyMatch(e -> e.type() == Type.BEAT && e.frame() > seen.badAt + 48_000),
                "beats go on after the refused reload");
        assertTrue(seen.peakAfterBad > 0.01, "the old sheet keeps sounding: peak " + seen.peakAfterBad);
        assertEquals(1, seen.events.stream().filter(e -> e.type() == Type.RELOADED).count(), "nothing swapped");
    }

    private Seen run(Path sheet) throws InterruptedException {
        Seen seen = new Seen();
        SegueDemo.Setup s = new SegueDemo.Setup();
        s.sheet = sheet;
        s.headless = true;
        s.offline = true;
        s.fixedStep = 1 / 60f;
        s.onMusic = m -> {
            if (m.segue() != null) {
                m.segue().addListener(seen.events::add);
            } else {
                seen.problem = m.status();
            }
        };
        float[] buf = new float[800 * 2];
        s.driver = (game, dt, c) -> {
            c.clear();
            if (game.scene() instanceof TitleScene t && game.time() > 0.5) {
                game.go(new PreviewScene(game, t));
            }
        };
        s.frame = (game, dt) -> {
            if (game.music == null || game.music.segue() == null) {
                if (game.time() > 5) {
                    Gdx.app.exit();
                }
                return;
            }
            double t = game.time();
            long now = game.music.segue().frame();
            if (seen.goodReload == null && t > 3) {
                edit(sheet, top -> stem(top).addProperty("gainDb", -12));
                seen.goodAt = now;
                seen.goodReload = game.reloadMusic();
            }
            if (seen.notice == null && game.music.reloadNotice() != null) {
                seen.notice = game.music.reloadNotice();
            }
            if (seen.notice != null && seen.badReload == null) {
                edit(sheet, top -> stem(top).addProperty("gainDb", "loud"));
                seen.badAt = now;
                seen.badReload = game.reloadMusic();
            }
            if (seen.badReload != null && seen.shownErrors == null) {
                seen.shownErrors = game.music.reloadErrors();
            }
            int n = 800;
            game.music.segue().render(buf, n);
            seen.rendered += n;
            if (seen.badReload != null && now > seen.badAt + 24_000) {
                for (float v : buf) {
                    seen.peakAfterBad = Math.max(seen.peakAfterBad, Math.abs(v));
                }
            }
            if ((seen.badReload != null && now > seen.badAt + 4 * 48_000) || t > 60) {
                if (seen.badReload == null) {
                    seen.problem = "no reload took over within 60 s of game time";
                }
                Gdx.app.exit();
            }
        };
        CountDownLatch done = new CountDownLatch(1);
        s.onExit = done::countDown;
        HeadlessApplicationConfiguration c = new HeadlessApplicationConfiguration();
        c.updatesPerSecond = 0;
        c.preferencesDirectory = tmp.resolve("prefs").toString();
        new HeadlessApplication(new SegueDemo(s), c);
        assertTrue(done.await(5, TimeUnit.MINUTES), "the game ended");
        return seen;
    }

    /** The title cue's last stem (the strings). */
    private static JsonObject stem(JsonObject top) {
        var cues = top.get("cues");
        JsonObject cue = cues.isJsonArray() ? cues.getAsJsonArray().get(0).getAsJsonObject()
                : cues.getAsJsonObject().entrySet().iterator().next().getValue().getAsJsonObject();
        var stems = cue.getAsJsonArray("stems");
        return stems.get(stems.size() - 1).getAsJsonObject();
    }

    private static void edit(Path sheet, java.util.function.Consumer<JsonObject> change) {
        try {
            JsonObject top = JsonParser.parseString(Files.readString(sheet)).getAsJsonObject();
            change.accept(top);
            Files.writeString(sheet, top.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
