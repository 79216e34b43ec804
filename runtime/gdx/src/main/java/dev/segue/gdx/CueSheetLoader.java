package dev.segue.gdx;

import com.badlogic.gdx.assets.AssetDescriptor;
import com.badlogic.gdx.assets.AssetLoaderParameters;
import com.badlogic.gdx.assets.AssetManager;
import com.badlogic.gdx.assets.loaders.AsynchronousAssetLoader;
import com.badlogic.gdx.assets.loaders.FileHandleResolver;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.utils.Array;
import dev.segue.Segue;
import dev.segue.SegueBuilder;
import dev.segue.spi.OutputFactory;
import java.util.function.Consumer;

/**
 * Loads a cue sheet through libGDX's {@link AssetManager} into a playing {@link Segue}. The sheet and
 * its stems are read through the resolver's {@link FileHandle}s ({@link GdxResources}: internal,
 * classpath, local, absolute, external; nothing is copied to disk), and the stems are decoded on the
 * asset manager's loader thread, so a loading screen keeps drawing.
 *
 * <pre>{@code
 * assets.setLoader(Segue.class, new CueSheetLoader(assets.getFileHandleResolver()));
 * assets.load("music/score.cues.json", Segue.class);
 * }</pre>
 *
 * <p>By default the Segue plays through {@link GdxAudioOutput} and is {@linkplain GdxSegue#attach
 * attached} to the application when the load completes, on the render thread: paused and resumed with
 * it, closed when it is disposed, its events delivered once per frame on the render thread; see
 * {@link Parameters} to change either.
 *
 * <p><b>A broken sheet</b> fails the load: the {@code GdxRuntimeException} the asset manager throws
 * from {@code update()} or {@code finishLoading()} has Segue's {@link dev.segue.CueSheetException}
 * (naming the file, with every problem and its JSON path) as its cause. <b>A Segue is not a libGDX
 * {@code Disposable}:</b> {@code AssetManager.unload} does not close it. An attached Segue is closed
 * with the application; close one you unload earlier yourself ({@link GdxSegue#close()} or
 * {@link Segue#close()}).
 */
public final class CueSheetLoader extends AsynchronousAssetLoader<Segue, CueSheetLoader.Parameters> {
    private volatile Segue loaded;

    /** How to build the Segue; every field has a default, so {@code null} parameters are fine. */
    public static final class Parameters extends AssetLoaderParameters<Segue> {
        /**
         * Where it plays; null for a {@link GdxAudioOutput} (every backend). On desktop pass
         * {@code new dev.segue.openal.OpenAl()} for Segue's own OpenAL output (lower latency; disable
         * libGDX's audio then, or keep it: the two coexist).
         */
        public OutputFactory output;
        /** No audio thread: the game pulls audio with {@link Segue#render}. Default false. */
        public boolean offline;
        /** Frames per block; 0 keeps Segue's default (256). */
        public int blockFrames;
        /** Hot reload: watch the sheet and stems, when they are files on disk. Default false. */
        public boolean watch;
        /** Attach the loaded Segue to the application ({@link GdxSegue#attach}); default true. */
        public boolean attach = true;
        /** When attached, deliver its events once per frame on the render thread; default true. */
        public boolean updateEachFrame = true;
        /** Anything else for the builder (stream settings, a device), called last; or null. */
        public Consumer<SegueBuilder> configure;
    }

    /** A loader resolving asset names with {@code resolver}. */
    public CueSheetLoader(FileHandleResolver resolver) {
        super(resolver);
    }

    @Override
    public Array<AssetDescriptor> getDependencies(String fileName, FileHandle file, Parameters p) {
        return null;
    }

    /** Reads the sheet and decodes its stems; on the asset manager's loader thread. */
    @Override
    public void loadAsync(AssetManager manager, String fileName, FileHandle file, Parameters p) {
        loaded = build(file, p);
    }

    /** Hands the Segue over, attaching it first unless told not to; on the render thread. */
    @Override
    public Segue loadSync(AssetManager manager, String fileName, FileHandle file, Parameters p) {
        Segue s = loaded;
        loaded = null;
        if (s != null && (p == null || p.attach)) {
            GdxSegue.attach(s, p == null || p.updateEachFrame);
        }
        return s;
    }

    /** The load was cancelled between the two steps: the Segue built is closed. */
    @Override
    public void unloadAsync(AssetManager manager, String fileName, FileHandle file, Parameters p) {
        Segue s = loaded;
        loaded = null;
        if (s != null) {
            s.close();
        }
    }

    /**
     * Builds a Segue from {@code file} with {@code p} (null for the defaults), on the calling thread and
     * without attaching it: what the loader does, for a game that rebuilds its music outside the asset
     * manager (a new output chosen in the options, say).
     *
     * @throws dev.segue.CueSheetException listing every problem in the sheet
     */
    public static Segue build(FileHandle file, Parameters p) {
        SegueBuilder b = Segue.builder().cueSheet(GdxResources.of(file));
        if (p != null && p.offline) {
            b.offline();
        } else {
            b.output(p == null || p.output == null ? new GdxAudioOutput() : p.output);
        }
        if (p != null && p.blockFrames > 0) {
            b.blockFrames(p.blockFrames);
        }
        if (p != null && p.watch) {
            b.watch(true);
        }
        if (p != null && p.configure != null) {
            p.configure.accept(b);
        }
        return b.build();
    }
}
