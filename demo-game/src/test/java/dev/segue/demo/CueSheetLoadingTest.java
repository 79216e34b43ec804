package dev.segue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.assets.AssetManager;
import com.badlogic.gdx.assets.loaders.resolvers.AbsoluteFileHandleResolver;
import com.badlogic.gdx.assets.loaders.resolvers.ClasspathFileHandleResolver;
import com.badlogic.gdx.backends.headless.HeadlessFiles;
import com.badlogic.gdx.utils.GdxRuntimeException;
import dev.segue.CueSheetException;
import dev.segue.Segue;
import dev.segue.gdx.CueSheetLoader;
import dev.segue.gdx.GdxResources;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cue sheets reach Segue through libGDX's AssetManager (segue-gdx's loader), from folders and from inside jars. */
class CueSheetLoadingTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void files() {
        Gdx.files = new HeadlessFiles();
    }

    /** The sample sheet and stems, copied out of the classpath into a folder of their own. */
    private Path sampleFolder() throws IOException {
        return TestFiles.classpathSheet(ScoreMap.SAMPLE.resource, tmp.resolve("sample"));
    }

    private static CueSheetLoader.Parameters offline(Path sheet) {
        return SegueDemo.params(Gdx.files.absolute(sheet.toString()), true, 0, RuntimeApi.DEFAULT_OUTPUT, false);
    }

    @Test
    void theAssetManagerLoadsASheetIntoASegue() throws IOException {
        Path sheet = sampleFolder();
        AssetManager assets = new AssetManager(new AbsoluteFileHandleResolver(), false);
        assets.setLoader(Segue.class, new CueSheetLoader(new AbsoluteFileHandleResolver()));
        assets.load(sheet.toString(), Segue.class, offline(sheet));
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
        assets.setLoader(Segue.class, new CueSheetLoader(new AbsoluteFileHandleResolver()));
        assets.load(sheet.toString(), Segue.class, offline(sheet));
        GdxRuntimeException e = assertThrows(GdxRuntimeException.class, assets::finishLoading);
        Throwable t = e;
        while (t != null && !(t instanceof CueSheetException)) {
            t = t.getCause();
        }
        assertTrue(t != null, () -> "no CueSheetException under " + e);
        String m = t.getMessage();
        assertTrue(m.contains("missing.wav") && m.contains("sample.cues.json"), m);
    }

    /** The score inside a jar (segue-assets) loads through classpath handles, nothing copied out. */
    @Test
    void aSheetInsideAJarLoadsWithItsStemsInPlace() throws IOException {
        URL where = getClass().getClassLoader().getResource(ScoreMap.SAMPLE.resource);
        assertTrue(where != null, "segue-assets is on the class path");
        AssetManager assets = new AssetManager(new ClasspathFileHandleResolver(), false);
        assets.setLoader(Segue.class, new CueSheetLoader(new ClasspathFileHandleResolver()));
        assets.load(ScoreMap.SAMPLE.resource, Segue.class, SegueDemo.params(Gdx.files.classpath(ScoreMap.SAMPLE.resource),
                true, 0, RuntimeApi.DEFAULT_OUTPUT, true));
        assets.finishLoading();
        try (Segue s = assets.get(ScoreMap.SAMPLE.resource, Segue.class)) {
            assertEquals(List.of("calm", "action", "riser", "pickup"), s.cues());
        }
        assertEquals(null, GdxResources.of(Gdx.files.classpath(ScoreMap.SAMPLE.resource)).file(),
                "a sheet in a jar is read in memory (and so not watched)");
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
        CueSheetLoader.Parameters p = SegueDemo.params(Gdx.files.absolute(sheet.toString()), false, 0,
                "no such output device", true);
        Music m = new Music(CueSheetLoader.build(Gdx.files.absolute(sheet.toString()), p), ScoreMap.SAMPLE);
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
