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
     * @throws IOException when {@code relative} is absolute or climbs out of the root (the message names
     *     both)
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

    /**
     * The file on disk this resource is, or null. Hot reload watches files only: {@code watch(true)}
     * with a sheet whose {@code file()} is null makes {@link SegueBuilder#build()} throw an
     * {@link IllegalArgumentException}. A sheet that is a file has its stems resolved beside it as
     * files, with the real-path checks of {@link #ofFile}.
     */
    default Path file() {
        return null;
    }

    /**
     * Opens what a name relative to a root names, as a stream: the sheet's name and, for its stems,
     * theirs resolved against it ({@code music/drums.ogg}). One opener serves the sheet and all its
     * siblings.
     */
    @FunctionalInterface
    interface Opener {
        /**
         * A new stream over {@code name} ({@code /}-separated, relative to the root, already checked
         * not to climb out of it); null or a {@link java.nio.file.NoSuchFileException} when nothing is there.
         */
        InputStream open(String name) throws IOException;
    }

    /**
     * {@code file} on disk: seekable, watched by hot reload, its stems checked to lie beside it (real
     * paths: a symbolic link out of its folder, a pipe, a device or a folder is refused with the reason).
     * {@link #resolve} refuses names that climb above the folder {@code file} is in.
     */
    static Resource ofFile(Path file) {
        return new SourceResource(Sources.file(file));
    }

    /**
     * The resource {@code name} ({@code /}-separated, e.g. {@code "music/score.cues.json"}) of this
     * library's class loader: a file when the class path is a folder, an entry when it is a jar (seekable
     * when stored, read once when compressed; Maven and Gradle compress jar entries by default, which
     * costs nothing for Ogg and MP3 since they do not compress). Its stems may not climb above the
     * folder it is in.
     *
     * @throws IllegalArgumentException when {@code name} climbs out of the class path ({@code ../x})
     */
    static Resource ofClasspath(String name) {
        return ofClasspath(Resource.class.getClassLoader(), name);
    }

    /**
     * As {@link #ofClasspath(String)}, through {@code loader} (the game's own, say). A jar inside a jar
     * (a fat jar's nested library) is read as a stream, once into memory.
     *
     * @throws IllegalArgumentException when {@code name} climbs out of the class path ({@code ../x})
     */
    static Resource ofClasspath(ClassLoader loader, String name) {
        return new SourceResource(SourceResource.checked(() -> Sources.classpath(loader, name)));
    }

    /**
     * The entry {@code entry} ({@code /}-separated) of the jar or zip file {@code jar}: read in place
     * when stored uncompressed (its bytes found from the zip's own directory), inflated once into memory
     * when compressed. Its stems may not climb above the folder of the jar it is in.
     *
     * @throws IllegalArgumentException when {@code entry} is absolute or climbs out of the jar
     */
    static Resource ofJarEntry(Path jar, String entry) {
        return new SourceResource(SourceResource.checked(() -> Sources.jarEntry(jar, entry)));
    }

    /**
     * {@code name} under a root that {@code opener} opens by root-relative name (Android's
     * {@code AssetManager::open}, an engine's virtual file system): every resource is read once into
     * memory. {@code root} only names the root in messages ("assets:"). The sheet's text is read
     * straight from its stream; each stem once per load, and a long one streams from that copy.
     *
     * @throws IllegalArgumentException when {@code name} is absolute or climbs out of the root
     */
    static Resource ofStreams(String root, String name, Opener opener) {
        return new SourceResource(SourceResource.checked(() -> Sources.stream(root, name, opener::open)));
    }
}
