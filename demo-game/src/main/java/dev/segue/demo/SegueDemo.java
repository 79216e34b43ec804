package dev.segue.demo;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.assets.AssetManager;
import com.badlogic.gdx.assets.loaders.FileHandleResolver;
import com.badlogic.gdx.assets.loaders.resolvers.AbsoluteFileHandleResolver;
import com.badlogic.gdx.assets.loaders.resolvers.ClasspathFileHandleResolver;
import com.badlogic.gdx.files.FileHandle;
import dev.segue.Segue;
import dev.segue.gdx.CueSheetLoader;
import dev.segue.gdx.GdxResources;
import dev.segue.gdx.GdxSegue;
import dev.segue.openal.OpenAl;
import java.nio.file.Path;

/**
 * The demo as a libGDX application: it loads the score through the {@link AssetManager} with
 * segue-gdx's {@link CueSheetLoader} (from the jar's classpath, read in memory, or a sheet file given
 * with {@code --sheet}), ties it to the application's lifecycle with {@link GdxSegue}, then runs
 * one {@link Scene} at a time, fed by a {@link Driver} (the keyboard and gamepad, or a scripted
 * player), with the composer preview as an overlay on F1.
 */
final class SegueDemo extends ApplicationAdapter {
    /** Where this frame's input comes from. */
    interface Driver {
        void drive(SegueDemo game, float dt, Controls c);
    }

    /** Something to do after each frame's update (the offline render, the screenshot tour). */
    interface Frame {
        /** After the scene's update, before the music's events are delivered. */
        void after(SegueDemo game, float dt);

        /** After the frame is drawn (window runs only). */
        default void drawn(SegueDemo game) {
        }
    }

    /** How to run. */
    static final class Setup {
        boolean headless;
        /** Seconds per frame, or 0 for the real frame time. */
        float fixedStep;
        boolean offline;
        /** A cue sheet file given by the player, or null for the classpath score. */
        Path sheet;
        Driver driver;
        Frame frame;
        Settings settings = Settings.defaults();
        /** Called when the application ends, after the music is closed. */
        Runnable onExit;
        /** Read and keep the player's settings in libGDX preferences. */
        boolean prefs;
        /**
         * Hot reload on every save: Segue watches the sheet file and its stems (the window runs; the
         * headless autoplay keeps it off so its render stays deterministic).
         */
        boolean watch;
        /** Called once the music is loaded (or failed). */
        java.util.function.Consumer<Music> onMusic;
        /**
         * Custom soundtracks: the player's saved choices and music library play in the game (the window
         * runs; the headless autoplay leaves them off unless a test asks, so its render does not depend
         * on whose machine it runs).
         */
        boolean songs;
        /** The folder of the player's choices and library index; null for {@link dev.segue.library.LibraryPaths#configDir()}. */
        Path configDir;
    }

    /** Streamed voices for the player's songs: a song, the next one crossfading in, and a preview's. */
    static final int STREAM_VOICES = 8;

    final Setup setup;
    Gfx gfx;
    Music music;
    Settings settings;
    private Scene scene;
    private PreviewPanel overlay;
    private boolean overlayOn;
    private final Controls controls = new Controls();
    private AssetManager assets;
    private String sheetName;
    private ScoreMap map;
    private double time;
    private Soundtracks soundtracks;
    private SoundtrackPlayback playback;
    /** The music's tie to the application: paused with it, closed with it (the demo delivers events itself). */
    private GdxSegue lifecycle;

    SegueDemo(Setup setup) {
        this.setup = setup;
        this.settings = setup.settings;
    }

    @Override
    public void create() {
        if (setup.prefs) {
            settings = Settings.from(Gdx.app.getPreferences("dev.segue.demo"));
        }
        if (!setup.headless) {
            gfx = new Gfx();
        }
        FileHandleResolver resolver;
        if (setup.sheet != null) {
            map = ScoreMap.bestFor(setup.sheet.toString(), java.util.List.of());
            sheetName = setup.sheet.toAbsolutePath().toString();
            resolver = new AbsoluteFileHandleResolver();
        } else {
            map = ScoreMap.find();
            sheetName = map.resource;
            resolver = new ClasspathFileHandleResolver();
        }
        assets = new AssetManager(resolver, false);
        assets.setLoader(Segue.class, new CueSheetLoader(resolver));
        assets.load(sheetName, Segue.class, params(sheetHandle()));
        scene = new LoadingScene(this);
    }

    /** The score's file handle: the sheet given by path, or the classpath one (inside the jar). */
    private FileHandle sheetHandle() {
        return setup.sheet != null ? Gdx.files.absolute(sheetName) : Gdx.files.classpath(sheetName);
    }

    private CueSheetLoader.Parameters params(FileHandle sheet) {
        return params(sheet, setup.offline, settings.latency().frames, settings.output(), setup.watch);
    }

    /**
     * How the demo builds its Segue: offline for the autoplay; else on Segue's own OpenAL output in
     * callback mode (about 20 ms from a call to the ear here, against about 63 ms through libGDX's
     * AudioDevice with its default buffers: see segue-gdx's README), on the player's chosen device or
     * silent; watched for hot reload when asked and the sheet is a file on disk (a sheet inside the jar
     * is read in memory and cannot be watched: {@code --sheet FILE} edits a real one).
     */
    static CueSheetLoader.Parameters params(FileHandle sheet, boolean offline, int blockFrames, String output,
            boolean watch) {
        CueSheetLoader.Parameters p = new CueSheetLoader.Parameters();
        p.offline = offline;
        p.blockFrames = blockFrames;
        p.output = new OpenAl();
        p.watch = watch && GdxResources.of(sheet).file() != null;
        p.attach = false; // attached in loadMusic, so a rebuilt Segue can take the old one's place
        p.configure = b -> {
            if (!offline) {
                RuntimeApi.output(b, output);
            }
            b.streamVoices(STREAM_VOICES); // the player's songs stream (custom soundtracks)
        };
        return p;
    }

    /** Polls the loading score; true once {@link #music} is set (playing or failed). */
    boolean loadMusic() {
        if (music != null) {
            return true;
        }
        try {
            if (setup.headless) {
                assets.finishLoading(); // game time does not wait for the loader thread: block instead
            } else if (!assets.update()) {
                return false;
            }
            Segue segue = assets.get(sheetName, Segue.class);
            if (setup.sheet != null) {
                map = ScoreMap.bestFor(sheetName, segue.states());
            }
            music = new Music(segue, map);
            lifecycle = GdxSegue.attach(segue, false); // Music.update delivers the events, on the game's step
        } catch (RuntimeException e) {
            music = Music.failed(map, sheetName + ": " + rootMessage(e));
        }
        music.volume(settings.volume());
        if (setup.songs) {
            openSoundtracks();
            playback.attach(music.segue());
        }
        if (setup.onMusic != null) {
            setup.onMusic.accept(music);
        }
        return true;
    }

    /**
     * Builds the score again with new options (latency, output) and swaps it in; on failure the old
     * music keeps playing and the reason is returned, else null.
     */
    String rebuildMusic() {
        if (music == null) {
            return "the music is still loading";
        }
        try {
            Segue next = CueSheetLoader.build(sheetHandle(), params(sheetHandle()));
            if (lifecycle != null) {
                lifecycle.detach();
            }
            music.replace(next);
            lifecycle = GdxSegue.attach(next, false);
            if (playback != null) {
                playback.attach(next); // the player's songs follow the music onto its new output
            }
            return null;
        } catch (RuntimeException e) {
            return rootMessage(e);
        }
    }

    /**
     * The preview's "reload sheet": reads the cue sheet file and its stems again from disk
     * ({@link Segue#reload()}); a sound sheet takes over at the next bar (a RELOADED event says where),
     * a broken one changes nothing. Returns the problems, each {@code json.path: sentence}, empty when
     * the sheet was accepted.
     */
    java.util.List<String> reloadMusic() {
        if (music == null) {
            return java.util.List.of("the music is still loading");
        }
        if (music.segue() == null) {
            return java.util.List.of(music.status());
        }
        return music.segue().reload();
    }

    /** The cue sheet the music plays and a reload reads: a file's path, or the classpath name of the jar's. */
    String sheetName() {
        return sheetName;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.toString() : m;
    }

    /**
     * The custom-soundtrack screen over the player's saved choices (opened from the config folder on
     * first use, kept for the rest of the run).
     */
    SoundtracksScene soundtracksScreen(Scene back) {
        if (soundtracks == null) {
            openSoundtracks();
            playback.attach(music == null ? null : music.segue());
        }
        return new SoundtracksScene(this, back, soundtracks, playback);
    }

    private void openSoundtracks() {
        soundtracks = setup.configDir == null ? Soundtracks.open(map) : Soundtracks.open(setup.configDir, map);
        playback = new SoundtrackPlayback(soundtracks, () -> {
            if (music != null) {
                music.restate();
            }
        });
    }

    /** The player's songs in the game, or null before the soundtracks were opened. */
    SoundtrackPlayback playback() {
        return playback;
    }

    /** Switches to another scene. */
    void go(Scene next) {
        scene = next;
        overlayOn = false;
    }

    Scene scene() {
        return scene;
    }

    /** Seconds since the start. */
    double time() {
        return time;
    }

    boolean overlayOn() {
        return overlayOn;
    }

    @Override
    public void render() {
        float dt = setup.fixedStep > 0 ? setup.fixedStep : Math.min(Gdx.graphics.getDeltaTime(), 1 / 20f);
        time += dt;
        setup.driver.drive(this, dt, controls);
        if (controls.preview && scene instanceof PlayScene && music != null) {
            overlayOn = !overlayOn;
        }
        scene.update(dt, controls);
        if (setup.frame != null) {
            setup.frame.after(this, dt);
        }
        if (music != null) {
            music.update(dt);
        }
        if (playback != null) {
            playback.update();
        }
        if (gfx != null) {
            scene.draw(gfx);
            if (overlayOn) {
                if (overlay == null) {
                    overlay = new PreviewPanel(this);
                }
                overlay.update(dt);
                overlay.draw(gfx, true);
            }
            if (setup.frame != null) {
                setup.frame.drawn(this);
            }
        }
    }

    @Override
    public void resize(int width, int height) {
        if (gfx != null) {
            gfx.resize(width, height);
        }
    }

    @Override
    public void dispose() {
        if (soundtracks != null) {
            soundtracks.cancelScan();
            playback.close();
        }
        if (music != null) {
            music.close();
        }
        if (gfx != null) {
            gfx.close();
        }
        if (setup.onExit != null) {
            setup.onExit.run();
        }
    }
}
