package dev.segue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.assets.AssetManager;
import com.badlogic.gdx.assets.loaders.resolvers.AbsoluteFileHandleResolver;
import com.badlogic.gdx.backends.headless.HeadlessFiles;
import com.badlogic.gdx.utils.GdxRuntimeException;
import dev.segue.CueSheetException;
import dev.segue.Segue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cue sheets reach Segue through libGDX's AssetManager, from folders and from inside jars. */
class CueSheetLoadingTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void files() {
        Gdx.files = new HeadlessFiles();
    }

    /** The sample sheet and stems, copied out of the classpath into a folder of their own. */
    private Path sampleFolder() throws IOException {
        Path sheet = SheetFiles.materialize(ScoreMap.SAMPLE.resource, tmp.resolve("cache"));
        return TestFiles.copySheetFolder(sheet, tmp.resolve("sample"));
    }

    @Test
    void theAssetManagerLoadsASheetIntoASegue() throws IOException {
        Path sheet = sampleFolder();
        AssetManager assets = new AssetManager(new AbsoluteFileHandleResolver(), false);
        assets.setLoader(Segue.class, new CueSheetAssetLoader(new AbsoluteFileHandleResolver()));
        CueSheetAssetLoader.Parameters p = new CueSheetAssetLoader.Parameters();
        p.offline = true;
        assets.load(sheet.toString(), Segue.class, p);
        assets.finishLoading();
        try (Segue s = assets.get(sheet.toString(), Segue.class)) {
            assertEquals(List.of("menu", "explore", "combat", "silence"), s.states());
            assertEquals("offline", s.outputName());
            float[] out = new float[2 * 4800];
            s.setState("explore");
            float peak = 0;
            for (int block = 0; block < 20; block++) {
                s.render(out, 4800);
                for (float v : out) {
                    peak = Math.max(peak, Math.abs(v));
                }
            }
            assertTrue(peak > 0.01f, "the loaded Segue plays");
        }
    }

    @Test
    void aBrokenSheetFailsTheLoadNamingTheFileAndTheProblem() throws IOException {
        Path sheet = sampleFolder();
        Files.writeString(sheet, Files.readString(sheet).replace("\"calm/pad.wav\"", "\"calm/missing.wav\""));
        AssetManager assets = new AssetManager(new AbsoluteFileHandleResolver(), false);
        assets.setLoader(Segue.class, new CueSheetAssetLoader(new AbsoluteFileHandleResolver()));
        CueSheetAssetLoader.Parameters p = new CueSheetAssetLoader.Parameters();
        p.offline = true;
        assets.load(sheet.toString(), Segue.class, p);
        GdxRuntimeException e = assertThrows(GdxRuntimeException.class, assets::finishLoading);
        Throwable t = e;
        while (t != null && !(t instanceof CueSheetException)) {
            t = t.getCause();
        }
        assertTrue(t != null, () -> "no CueSheetException under " + e);
        String m = t.getMessage();
        assertTrue(m.contains("missing.wav") && m.contains("sample.cues.json"), m);
    }

    @Test
    void aSheetInsideAJarIsCopiedOutWithItsStems() throws IOException {
        Path folder = sampleFolder().getParent();
        Path jar = tmp.resolve("score.jar");
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(o);
                Stream<Path> s = Files.walk(folder)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                z.putNextEntry(new ZipEntry("music/sample/" + folder.relativize(f).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        }
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path cache = tmp.resolve("jar-cache");
            Path sheet = SheetFiles.materialize("music/sample/sample.cues.json", cache, cl);
            assertTrue(sheet.startsWith(cache), sheet + " is in the cache");
            assertTrue(Files.isRegularFile(sheet.resolveSibling("action").resolve("drums.wav")));
            long copied = Files.getLastModifiedTime(sheet.resolveSibling("pickup.wav")).toMillis();
            Path again = SheetFiles.materialize("music/sample/sample.cues.json", cache, cl);
            assertEquals(sheet, again);
            assertEquals(copied, Files.getLastModifiedTime(again.resolveSibling("pickup.wav")).toMillis(),
                    "an unchanged stem is not copied twice");
            try (Segue s = Segue.builder().cueSheet(sheet).offline().build()) {
                assertEquals(List.of("calm", "action", "riser", "pickup"), s.cues());
            }
            IOException missing = assertThrows(IOException.class,
                    () -> SheetFiles.materialize("music/none/none.cues.json", cache, cl));
            assertTrue(missing.getMessage().contains("music/none/none.cues.json"), missing.getMessage());
        }
    }

    @Test
    void withABrokenSheetTheGameStillPlaysThroughAndSaysWhy() throws Exception {
        Path sheet = sampleFolder();
        Files.writeString(sheet, "{ \"format\": 1, \"cues\": ");
        Autoplay.Result r = Autoplay.run(tmp.resolve("broken-run"), sheet);
        assertTrue(r.finished(), () -> "the game got stuck without music: " + r.problem());
        assertTrue(r.problem() != null && r.problem().startsWith("no music: ") && r.problem().contains("sample.cues.json"),
                () -> "the reason shown: " + r.problem());
        assertEquals(0, r.frames(), "nothing was rendered");
    }

    /**
     * A window run's music: real time on a device that is not there (Segue plays silently and says so
     * with an OUTPUT event, which the game's notice follows), watching the sheet on disk, so a save
     * of the sheet is reloaded without anyone pressing a button.
     */
    @Test
    void aMissingDeviceIsNoticedAndASavedSheetIsReloadedByTheWatcher() throws Exception {
        Path sheet = sampleFolder();
        CueSheetAssetLoader.Parameters p = new CueSheetAssetLoader.Parameters();
        p.output = "no such output device";
        p.watch = true;
        p.cache = tmp.resolve("cache2");
        Music m = new Music(CueSheetAssetLoader.build(Gdx.files.absolute(sheet.toString()), p), ScoreMap.SAMPLE);
        try {
            m.mood(ScoreMap.Mood.EXPLORE);
            for (int i = 0; i < 200 && m.outputNote() == null; i++) {
                Thread.sleep(25);
                m.update(0.025f);
            }
            assertTrue(m.segue().outputStats().silent(), "plays on the silent output");
            assertTrue(m.outputNote() != null && !m.outputNote().isBlank(), "an OUTPUT event said why");
            assertEquals("no sound device: music runs on Segue's silent output", m.status());
            assertTrue(RuntimeApi.outputs().get(0).equals("default") && RuntimeApi.outputs().contains("silent"),
                    RuntimeApi.outputs().toString());

            Thread.sleep(700); // a save must come after the watcher has taken its first look
            Files.writeString(sheet, Files.readString(sheet).replace("Segue's built-in sample", "An edited sample"));
            for (int i = 0; i < 400 && m.reloads() == 0; i++) {
                Thread.sleep(25);
                m.update(0.025f);
            }
            assertEquals(1, m.reloads(), "the watcher reloaded the saved sheet: " + m.recent());
            assertTrue(m.reloadNotice().startsWith("reloaded at "), m.reloadNotice());
            assertEquals(List.of(), m.reloadErrors());
        } finally {
            m.close();
        }
    }
}
