package dev.segue.gdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.assets.AssetManager;
import com.badlogic.gdx.assets.loaders.FileHandleResolver;
import com.badlogic.gdx.assets.loaders.resolvers.ClasspathFileHandleResolver;
import com.badlogic.gdx.assets.loaders.resolvers.InternalFileHandleResolver;
import com.badlogic.gdx.assets.loaders.resolvers.LocalFileHandleResolver;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.badlogic.gdx.backends.headless.HeadlessFiles;
import com.badlogic.gdx.utils.GdxRuntimeException;
import dev.segue.CueSheetException;
import dev.segue.Resource;
import dev.segue.Segue;
import dev.segue.SegueEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CueSheetLoader} through a real {@link AssetManager} on libGDX's headless backend (its
 * {@code Gdx.files} are the desktop ones): a sheet and its stems from a jar on the classpath and from
 * a local file, a broken sheet; and {@link GdxSegue} on a real headless application loop.
 */
class CueSheetLoaderTest {
    static final String SAMPLE = "segue/sample/sample.cues.json";
    /** A folder below the working directory, for local handles (relative to it). */
    static Path local;

    @BeforeAll
    static void files() throws Exception {
        Gdx.files = new HeadlessFiles();
        Path target = GdxAudioOutputWindowTest.targetDir();
        Path cwd = Path.of("").toAbsolutePath();
        local = cwd.relativize(target.resolve("loader-local").toAbsolutePath());
    }

    static Segue load(FileHandleResolver resolver, String name, CueSheetLoader.Parameters p) {
        AssetManager assets = new AssetManager(resolver, false);
        assets.setLoader(Segue.class, new CueSheetLoader(resolver));
        assets.load(name, Segue.class, p);
        assets.finishLoading();
        return assets.get(name, Segue.class);
    }

    static CueSheetLoader.Parameters offline() {
        CueSheetLoader.Parameters p = new CueSheetLoader.Parameters();
        p.offline = true;
        p.attach = false;
        return p;
    }

    static float peak(Segue s, String state, int blocks) {
        s.setState(state);
        float[] out = new float[2 * 4800];
        float peak = 0;
        for (int b = 0; b < blocks; b++) {
            s.render(out, 4800);
            for (float v : out) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        return peak;
    }

    @Test
    void aSheetInAJarOnTheClasspathLoadsWithItsStems() throws IOException {
        URL where = getClass().getClassLoader().getResource(SAMPLE);
        assertNotNull(where, "segue-assets is on the test class path");
        try (Segue s = load(new ClasspathFileHandleResolver(), SAMPLE, offline())) {
            assertEquals(List.of("menu", "explore", "combat", "silence"), s.states());
            assertEquals(List.of("calm", "action", "riser", "pickup"), s.cues());
            assertTrue(peak(s, "combat", 40) > 0.05f, "the stems from the jar play");
        }
        Resource r = GdxResources.of(Gdx.files.classpath(SAMPLE));
        assertFalse(r.seekable(), "a classpath resource is read into memory");
        assertNull(r.file());
        assertEquals("classpath:" + SAMPLE, r.name());
        Resource stem = r.resolve("action/../calm/pad.wav");
        assertEquals("classpath:segue/sample/calm/pad.wav", stem.name());
        try (SeekableByteChannel c = stem.open(); InputStream in = where.openStream()) {
            ByteBuffer head = ByteBuffer.allocate(12);
            c.position(0).read(head);
            assertEquals("RIFF", new String(head.array(), 0, 4));
            assertTrue(c.size() > 1000);
            assertTrue(TestSheets.readAll(in).length > 100);
        }
        assertThrows(NoSuchFileException.class, () -> r.resolve("calm/none.wav").open());
        IOException out = assertThrows(IOException.class, () -> r.resolve("../../x.wav"));
        assertTrue(out.getMessage().contains("climbs out"), out.getMessage());
        assertThrows(IOException.class, () -> r.resolve("/etc/passwd"));
    }

    @Test
    void aLocalSheetIsReadInPlaceAndPlaysItsStem() throws IOException {
        Path sheet = TestSheets.toneSheet(local.resolve("tone"));
        String name = sheet.toString().replace('\\', '/');
        Resource r = GdxResources.of(Gdx.files.local(name));
        assertTrue(r.seekable(), "a local file is read in place");
        assertEquals(sheet.toAbsolutePath(), r.file());
        assertEquals(sheet.resolveSibling("stems").resolve("tone.wav").toAbsolutePath(),
                r.resolve("stems/tone.wav").file());
        try (Segue s = load(new LocalFileHandleResolver(), name, offline())) {
            s.setState("play");
            float[] out = new float[2 * TestSheets.RATE];
            s.render(out, TestSheets.RATE);
            s.render(out, TestSheets.RATE);
            TestSheets.Wav w = new TestSheets.Wav(2, TestSheets.RATE, out);
            double rms = TestSheets.rms(w, 0, 0, TestSheets.RATE);
            double hz = TestSheets.zeroCrossingHz(w, 0, 0, TestSheets.RATE);
            assertTrue(rms > 0.15, "the tone plays: rms " + rms);
            assertEquals(TestSheets.HZ, hz, 2, "at 440 Hz");
        }
        // an internal handle that is a file on desktop is read in place too
        assertTrue(GdxResources.of(Gdx.files.internal(name)).seekable());
        // one that libGDX finds on the classpath is not
        assertFalse(GdxResources.of(Gdx.files.internal(SAMPLE)).seekable());
        try (Segue s = load(new InternalFileHandleResolver(), SAMPLE, offline())) {
            assertEquals(4, s.cues().size());
        }
    }

    @Test
    void aBrokenSheetFailsTheLoadWithACueSheetExceptionNamingTheFile() throws IOException {
        Path sheet = TestSheets.toneSheet(local.resolve("broken"));
        Files.writeString(sheet, Files.readString(sheet).replace("stems/tone.wav", "stems/missing.wav"));
        String name = sheet.toString().replace('\\', '/');
        AssetManager assets = new AssetManager(new LocalFileHandleResolver(), false);
        assets.setLoader(Segue.class, new CueSheetLoader(new LocalFileHandleResolver()));
        assets.load(name, Segue.class, offline());
        GdxRuntimeException e = assertThrows(GdxRuntimeException.class, assets::finishLoading);
        Throwable t = e;
        while (t != null && !(t instanceof CueSheetException)) {
            t = t.getCause();
        }
        assertNotNull(t, () -> "no CueSheetException under " + e);
        String m = t.getMessage();
        assertTrue(m.contains("missing.wav") && m.contains("tone.cues.json"), m);
        assertFalse(assets.isLoaded(name));

        Files.writeString(sheet, "{ \"format\": 1, \"cues\": ");
        assets.load(name, Segue.class, offline());
        GdxRuntimeException json = assertThrows(GdxRuntimeException.class, assets::finishLoading);
        Throwable j = json;
        while (j != null && !(j instanceof CueSheetException)) {
            j = j.getCause();
        }
        assertNotNull(j, () -> "no CueSheetException under " + json);
        assertTrue(j.getMessage().contains("tone.cues.json"), j.getMessage());
    }

    /**
     * On a real (headless) application loop: the loader attaches the Segue, its events arrive on the
     * loop's thread with nobody calling update; an application pause holds the music clock, a resume
     * lets it go on, and the application's end closes the Segue.
     */
    @Test
    void theAttachedSegueFollowsTheApplication() throws Exception {
        Path sheet = TestSheets.toneSheet(local.resolve("lifecycle"));
        String name = sheet.toString().replace('\\', '/');
        List<Thread> eventThreads = new CopyOnWriteArrayList<>();
        List<SegueEvent> events = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> loop = new AtomicReference<>();
        AtomicReference<Segue> segue = new AtomicReference<>();
        CountDownLatch disposed = new CountDownLatch(1);
        HeadlessApplicationConfiguration c = new HeadlessApplicationConfiguration();
        c.updatesPerSecond = 60;
        App app = new App(new ApplicationAdapter() {
            @Override
            public void create() {
                loop.set(Thread.currentThread());
                CueSheetLoader.Parameters p = new CueSheetLoader.Parameters();
                p.configure = b -> b.silentOutput(); // real time, no device here
                Segue s = load(new LocalFileHandleResolver(), name, p);
                s.addListener(e -> {
                    events.add(e);
                    eventThreads.add(Thread.currentThread());
                });
                s.setState("play");
                segue.set(s);
            }

            @Override
            public void dispose() {
                disposed.countDown();
            }
        }, c);
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (events.stream().filter(e -> e.type() == SegueEvent.Type.BEAT).count() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(events.stream().filter(e -> e.type() == SegueEvent.Type.BEAT).count() >= 4, events::toString);
            assertTrue(eventThreads.stream().allMatch(t -> t == loop.get()), "events on the render thread");

            Segue s = segue.get();
            // the application pauses: as libGDX tells its lifecycle listeners
            CountDownLatch paused = new CountDownLatch(1);
            app.postRunnable(() -> {
                app.pauseOrResume(true);
                paused.countDown();
            });
            assertTrue(paused.await(5, TimeUnit.SECONDS));
            Thread.sleep(400); // the pause fades out, then the clock holds
            long a = s.frame();
            Thread.sleep(300);
            long b = s.frame();
            assertEquals(a, b, "the music clock holds while the application is paused");
            app.postRunnable(() -> app.pauseOrResume(false));
            Thread.sleep(300);
            assertTrue(s.frame() > b + TestSheets.RATE / 10, "the music goes on after resume");
        } finally {
            app.exit();
            assertTrue(disposed.await(10, TimeUnit.SECONDS), "the application ended");
        }
        Segue s = segue.get();
        long a = s.frame();
        Thread.sleep(200);
        assertEquals(a, s.frame(), "the Segue was closed with the application");
    }

    /** The headless backend, able to pause and resume as a phone's backend does. */
    static final class App extends HeadlessApplication {
        App(com.badlogic.gdx.ApplicationListener l, HeadlessApplicationConfiguration c) {
            super(l, c);
        }

        /** What a backend does on an application pause or resume: every lifecycle listener hears it. */
        void pauseOrResume(boolean pause) {
            synchronized (lifecycleListeners) {
                for (com.badlogic.gdx.LifecycleListener l : lifecycleListeners) {
                    if (pause) {
                        l.pause();
                    } else {
                        l.resume();
                    }
                }
            }
        }
    }
}
