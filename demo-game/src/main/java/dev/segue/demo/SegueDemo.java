package dev.segue.demo;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.assets.AssetManager;
import com.badlogic.gdx.assets.loaders.FileHandleResolver;
import com.badlogic.gdx.assets.loaders.resolvers.AbsoluteFileHandleResolver;
import com.badlogic.gdx.assets.loaders.resolvers.ClasspathFileHandleResolver;
import dev.segue.Segue;
import java.nio.file.Path;

/**
 * The demo as a libGDX application: it loads the score through the {@link AssetManager}, then runs
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
        Path cache;
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
        assets.setLoader(Segue.class, new CueSheetAssetLoader(resolver));
        assets.load(sheetName, Segue.class, params());
        scene = new LoadingScene(this);
    }

    CueSheetAssetLoader.Parameters params() {
        CueSheetAssetLoader.Parameters p = new CueSheetAssetLoader.Parameters();
        p.offline = setup.offline;
        p.blockFrames = settings.latency().frames;
        p.cache = setup.cache;
        p.output = settings.output();
        p.watch = setup.watch;
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
            Segue next = CueSheetAssetLoader.build(setup.sheet != null ? Gdx.files.absolute(sheetName)
                    : Gdx.files.classpath(sheetName), params());
            music.replace(next);
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

    /** The cue sheet file on disk the music plays and a reload reads (a jar's sheet: its cached copy). */
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
