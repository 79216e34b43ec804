package dev.segue.gdx;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.LifecycleListener;
import dev.segue.Segue;

/**
 * Segue in a libGDX game: ties a {@link Segue} to the application's lifecycle and delivers its events
 * on the render thread. Adding music to a game is a loader and one call:
 *
 * <pre>{@code
 * public class MyGame extends ApplicationAdapter {
 *     final AssetManager assets = new AssetManager();
 *     Segue music;
 *
 *     @Override public void create() {
 *         assets.setLoader(Segue.class, new CueSheetLoader(assets.getFileHandleResolver()));
 *         assets.load("segue/sample/sample.cues.json", Segue.class); // your sheet: in assets/ or on the classpath
 *         assets.finishLoading();                                     // or poll assets.update() on a loading screen
 *         music = assets.get("segue/sample/sample.cues.json", Segue.class);
 *         music.setState("explore");                                  // then setParameter, playStinger... as the game goes
 *     }
 * }
 * }</pre>
 *
 * The loader plays through {@link GdxAudioOutput} (every backend) unless told otherwise, and attaches
 * the Segue it loads (see {@link CueSheetLoader.Parameters#attach}); a Segue built by hand is attached
 * with {@link #attach(Segue)}.
 *
 * <p><b>Lifecycle.</b> When the application pauses (Android: home button, a call; desktop: the window
 * is minimized or loses focus, as libGDX reports it) the music is paused with {@link Segue#pause()},
 * which fades it out and holds its position; on resume it is resumed with {@link Segue#resume()} where
 * it was; when the application is disposed the Segue is closed (its audio thread ends and its output
 * is released). A game that holds the music paused itself across an application pause should pause it
 * again in its own {@code resume()}: this listener resumes what it paused.
 *
 * <p><b>Events on the render thread.</b> Segue queues its events (beats, bars, cue changes, notices)
 * from the audio thread; {@link Segue#update()} delivers them to the listeners on the thread that calls
 * it. An attached Segue is updated once per frame, on the render thread, through a
 * {@link Application#postRunnable} that posts itself again each time it runs (libGDX runs posted
 * runnables once per frame, between two {@code render()} calls), so listeners may touch the game's
 * state and GL freely. A game that wants to choose the moment itself
 * (in the middle of its own update, say) attaches with {@code updateEachFrame} false and calls
 * {@link Segue#update()} in its {@code render()}.
 */
public final class GdxSegue implements LifecycleListener {
    private final Segue segue;
    private final Application app;
    private final boolean updates;
    private volatile boolean attached = true;
    private boolean pausedHere;
    private final Runnable frame = new Runnable() {
        @Override
        public void run() {
            if (!attached) {
                return;
            }
            segue.update();
            app.postRunnable(this); // runs again next frame, between two render() calls
        }
    };

    private GdxSegue(Segue segue, Application app, boolean updateEachFrame) {
        this.segue = segue;
        this.app = app;
        this.updates = updateEachFrame;
    }

    /**
     * Attaches {@code segue} to {@code Gdx.app}: paused and resumed with the application, closed with
     * it, its events delivered on the render thread once per frame. Call it on the render thread (in
     * {@code create()} or later).
     *
     * @return the attachment, to {@link #detach()} it when the game closes this Segue itself
     */
    public static GdxSegue attach(Segue segue) {
        return attach(segue, true);
    }

    /**
     * {@link #attach(Segue)}, choosing whether the attachment calls {@link Segue#update()} each frame
     * ({@code false}: the game calls it in its {@code render()}).
     */
    public static GdxSegue attach(Segue segue, boolean updateEachFrame) {
        if (segue == null) {
            throw new IllegalArgumentException("no Segue to attach");
        }
        Application app = Gdx.app;
        if (app == null) {
            throw new IllegalStateException("libGDX is not up (Gdx.app is null): attach in create() or later");
        }
        GdxSegue g = new GdxSegue(segue, app, updateEachFrame);
        app.addLifecycleListener(g);
        if (updateEachFrame) {
            app.postRunnable(g.frame);
        }
        return g;
    }

    /** The attached Segue. */
    public Segue segue() {
        return segue;
    }

    /**
     * Detaches: no more pauses, resumes or updates, and the Segue is not closed with the application
     * (the game closes it). Idempotent.
     */
    public void detach() {
        if (attached) {
            attached = false;
            app.removeLifecycleListener(this);
        }
    }

    /** Detaches and closes the Segue. */
    public void close() {
        detach();
        segue.close();
    }

    /** True while attached. */
    public boolean attached() {
        return attached;
    }

    /** True when this attachment updates the Segue each frame. */
    public boolean updatesEachFrame() {
        return updates;
    }

    /** The application paused: the music fades out and holds its position. */
    @Override
    public void pause() {
        if (attached && !pausedHere) {
            pausedHere = segue.pause();
        }
    }

    /** The application resumed: the music this listener paused goes on from where it was. */
    @Override
    public void resume() {
        if (attached && pausedHere) {
            pausedHere = false;
            segue.resume();
        }
    }

    /** The application is being disposed: the Segue is closed. */
    @Override
    public void dispose() {
        if (attached) {
            attached = false;
            segue.close();
        }
    }
}
