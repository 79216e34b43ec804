package dev.segue.gdx;

import com.badlogic.gdx.files.FileHandle;
import dev.segue.Resource;

/**
 * Cue sheets and stems read through libGDX's {@link FileHandle}s, as {@link Resource}s for
 * {@code SegueBuilder.cueSheet(Resource)}: internal, classpath, local, absolute and external handles,
 * on every backend, with nothing copied to disk.
 *
 * <pre>{@code
 * Segue music = Segue.builder().cueSheet(GdxResources.of(Gdx.files.internal("music/score.cues.json"))).build();
 * }</pre>
 *
 * <p><b>Files and memory.</b> A handle that is a real file (local, absolute, external; an internal one
 * that exists as a file, as on desktop) is read in place: it can seek, so a long stem streams from
 * it, and it is a {@link Resource#file() file}, so hot reload ({@code SegueBuilder.watch}) can watch
 * it. Any other (a classpath handle, an internal one that libGDX finds on the classpath, an Android
 * asset) is read whole into memory once per load, as compressed as it is stored (about 1 MB a minute
 * of stereo Ogg at quality 5); long stems then stream from that copy, so decoded audio is still not
 * held whole. Such resources cannot be watched.
 *
 * <p>The stems a sheet names are resolved against the sheet's folder, with handles of the same type;
 * {@code ..} may go up within the root folder given (by default the sheet's own folder), not above it.
 */
public final class GdxResources {
    private GdxResources() {
    }

    /** The sheet (or stem) {@code file}; names resolved against it stay within its folder. */
    public static Resource of(FileHandle file) {
        return of(file, file.parent());
    }

    /**
     * The sheet (or stem) {@code file}, whose names may climb with {@code ..} up to {@code root} (a
     * folder above it, of the same type: {@code Gdx.files.internal("music")} for a sheet in
     * {@code music/level1/}).
     *
     * @throws IllegalArgumentException when {@code file} is not inside {@code root} or their types differ
     */
    public static Resource of(FileHandle file, FileHandle root) {
        if (file == null || root == null) {
            throw new IllegalArgumentException("no file handle");
        }
        if (file.type() != root.type()) {
            throw new IllegalArgumentException(file + " (" + file.type() + ") and its root " + root + " (" + root.type()
                    + ") are not of one type");
        }
        String f = file.path().replace('\\', '/');
        String r = root.path().replace('\\', '/');
        String rel;
        if (r.isEmpty() || r.equals(".")) {
            rel = f;
        } else {
            String prefix = r.endsWith("/") ? r : r + "/";
            if (!f.startsWith(prefix)) {
                throw new IllegalArgumentException(f + " is not inside " + r);
            }
            rel = f.substring(prefix.length());
        }
        while (rel.startsWith("/")) {
            rel = rel.substring(1); // an absolute handle with the root folder "/"
        }
        if (rel.isEmpty()) {
            throw new IllegalArgumentException(f + " is its root folder, not a file in it");
        }
        return new FileHandleResource(root, rel);
    }
}
