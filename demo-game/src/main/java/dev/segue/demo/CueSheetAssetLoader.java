package dev.segue.demo;

import com.badlogic.gdx.Files.FileType;
import com.badlogic.gdx.assets.AssetDescriptor;
import com.badlogic.gdx.assets.AssetLoaderParameters;
import com.badlogic.gdx.assets.AssetManager;
import com.badlogic.gdx.assets.loaders.AsynchronousAssetLoader;
import com.badlogic.gdx.assets.loaders.FileHandleResolver;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.GdxRuntimeException;
import dev.segue.Segue;
import dev.segue.SegueBuilder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a cue sheet through libGDX's {@link AssetManager} into a ready {@link Segue}: decoding the
 * stems happens on the asset manager's loader thread, so a loading screen keeps drawing.
 *
 * <pre>{@code
 * assets.setLoader(Segue.class, new CueSheetAssetLoader(new ClasspathFileHandleResolver()));
 * assets.load("segue/score/score.cues.json", Segue.class);
 * }</pre>
 *
 * <p>Classpath sheets inside a jar are copied to a cache folder first ({@link SheetFiles}); local,
 * internal and absolute handles are read where they are. A broken sheet fails the load with Segue's
 * {@link dev.segue.CueSheetException} (every problem, with its JSON path) as the cause; the asset
 * manager reports it and the game carries on. A Segue is not a libGDX {@code Disposable}: whoever
 * takes it from the manager closes it.
 */
public final class CueSheetAssetLoader extends AsynchronousAssetLoader<Segue, CueSheetAssetLoader.Parameters> {
    /** Streamed voices for the player's songs: a song, the next one crossfading in, and a preview's. */
    static final int STREAM_VOICES = 8;
    private volatile Segue loaded;

    /** How to build the Segue. */
    public static final class Parameters extends AssetLoaderParameters<Segue> {
        /** Offline: no audio thread, the game pulls audio with {@code render()}. */
        public boolean offline;
        /** Audio thread block size in frames (latency); 0 keeps Segue's default. */
        public int blockFrames;
        /** The output device by name ("default" lets Segue choose, "silent" plays to no device). */
        public String output = "default";
        /** Where sheets from jars are copied; null for {@link SheetFiles#defaultCache()}. */
        public Path cache;
        /**
         * Hot reload: watch the sheet file and its stems on disk and reload on every save (the copy
         * in the cache folder for a sheet from a jar, the file itself for a sheet given by path).
         */
        public boolean watch;
    }

    /** A loader resolving names with {@code resolver}. */
    public CueSheetAssetLoader(FileHandleResolver resolver) {
        super(resolver);
    }

    @Override
    public void loadAsync(AssetManager manager, String fileName, FileHandle file, Parameters p) {
        loaded = build(file, p);
    }

    @Override
    public Segue loadSync(AssetManager manager, String fileName, FileHandle file, Parameters p) {
        Segue s = loaded;
        loaded = null;
        return s;
    }

    @Override
    public Array<AssetDescriptor> getDependencies(String fileName, FileHandle file, Parameters p) {
        return null;
    }

    @Override
    public void unloadAsync(AssetManager manager, String fileName, FileHandle file, Parameters p) {
        // nothing is held between loadAsync and loadSync once the asset is handed over
    }

    /** Builds a Segue from {@code file} with {@code p} (may be null); used by the loader and directly. */
    static Segue build(FileHandle file, Parameters p) {
        Path path = path(file, p == null || p.cache == null ? SheetFiles.defaultCache() : p.cache);
        SegueBuilder b = Segue.builder().cueSheet(path);
        if (p != null && p.offline) {
            b.offline();
        }
        if (p != null && !p.offline) {
            RuntimeApi.output(b, p.output);
        }
        if (p != null && p.blockFrames > 0) {
            b.blockFrames(p.blockFrames);
        }
        b.streamVoices(STREAM_VOICES); // the player's songs stream (custom soundtracks)
        if (p != null && p.watch) {
            b.watch(true);
        }
        return b.build();
    }

    private static Path path(FileHandle file, Path cache) {
        if (file.type() == FileType.Classpath || (file.type() == FileType.Internal && !file.file().exists())) {
            try {
                return SheetFiles.materialize(file.path(), cache);
            } catch (IOException e) {
                throw new GdxRuntimeException(e.getMessage(), e);
            }
        }
        return file.file().toPath().toAbsolutePath();
    }
}
