package dev.segue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import dev.segue.decode.Sources;
import java.nio.file.Path;

/**
 * Where a cue sheet and the stems it names come from: a file, a classpath resource, an entry of a
 * jar, a libGDX {@code FileHandle} (see {@code dev.segue.gdx.GdxResources}), or anything a game can
 * open as a stream. Pass the sheet's to {@link SegueBuilder#cueSheet(Resource)}; the stems the sheet
 * names are {@linkplain #resolve resolved} against it.
 *
 * <p><b>Memory.</b> A resource that can {@linkplain #seekable() seek} (a file, a jar entry stored
 * uncompressed) is read in place: long stems stream from it as from a file. One that cannot (a
 * compressed jar entry, an Android asset, a stream) is read whole, once per load, into memory, as
 * compressed as it is stored (about 1 MB a minute for a stereo Ogg at quality 5), and long stems
 * stream from that copy; the decoded audio is never held whole for them.
 *
 * <p>Implementations are immutable and may be used from any thread.
 */
public interface Resource {

    /** A name for messages and logs: a path, {@code classpath:music/score.cues.json}, an entry of a jar. */
    String name();

    /**
     * The resource {@code relative} names, relative to the folder this one is in ({@code /}-separated;
     * {@code ..} may not climb above the root this resource was made from).
     *
     * @throws IOException when {@code relative} is absolute or climbs out of the root
     */
    Resource resolve(String relative) throws IOException;

    /** Whether {@link #open()} reads in place and can seek cheaply (see the class note on memory). */
    boolean seekable();

    /**
     * Opens the resource for reading. A seekable resource's channel reads in place; any other's reads
     * a copy in memory made here.
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist (the message names it)
     */
    SeekableByteChannel open() throws IOException;

    /** Opens the resource as a stream (the sheet's text is read this way). */
    InputStream openStream() throws IOException;

    /** The file on disk this resource is, or null: hot reload watches files only. */
    default Path file() {
        return null;
    }

    /** Opens what a name relative to a root names, as a stream; null or {@code NoSuchFileException} when nothing is there. */
    @FunctionalInterface
    interface Opener {
        InputStream open(String name) throws IOException;
    }

    /** {@code file} on disk: seekable, watched by hot reload, its stems checked to lie beside it (real paths). */
    static Resource ofFile(Path file) {
        return new SourceResource(Sources.file(file));
    }

    /**
     * The resource {@code name} ({@code /}-separated, e.g. {@code "music/score.cues.json"}) of this
     * library's class loader: a file when the class path is a folder, an entry when it is a jar (seekable
     * when stored, read once when compressed; Maven and Gradle compress jar entries by default, which
     * costs nothing for Ogg and MP3 since they do not compress). Its stems may not climb above the
     * folder it is in.
     */
    static Resource ofClasspath(String name) {
        return ofClasspath(Resource.class.getClassLoader(), name);
    }

    /** As {@link #ofClasspath(String)}, through {@code loader} (the game's own, say). */
    static Resource ofClasspath(ClassLoader loader, String name) {
        return new SourceResource(SourceResource.checked(() -> Sources.classpath(loader, name)));
    }

    /** The entry {@code entry} ({@code /}-separated) of the jar or zip file {@code jar}. */
    static Resource ofJarEntry(Path jar, String entry) {
        return new SourceResource(SourceResource.checked(() -> Sources.jarEntry(jar, entry)));
    }

    /**
     * {@code name} under a root that {@code opener} opens by root-relative name (Android's
     * {@code AssetManager::open}, an engine's virtual file system): every resource is read once into
     * memory. {@code root} only names the root in messages ("assets:").
     */
    static Resource ofStreams(String root, String name, Opener opener) {
        return new SourceResource(SourceResource.checked(() -> Sources.stream(root, name, opener::open)));
    }
}
