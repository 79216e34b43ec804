package dev.segue.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * Where a cue sheet or a stem's bytes come from, inside the runtime: a file, a jar entry, a
 * classpath resource or a stream (see {@link Sources}). The public face is {@code dev.segue.Resource};
 * the two have the same methods.
 */
public interface Source {
    /** A name for messages: a path, {@code classpath:music/a.ogg}, {@code app.jar!/music/a.ogg}. */
    String name();

    /**
     * The source {@code relative} names, relative to the folder this one is in.
     *
     * @throws IOException when it is absolute or climbs above the root this source was made from
     */
    Source resolve(String relative) throws IOException;

    /** Whether {@link #open()} reads in place, seeking cheaply; otherwise it reads a copy in memory. */
    boolean seekable();

    /**
     * A channel over the bytes.
     *
     * @throws java.nio.file.NoSuchFileException when there is nothing there (its message is the name)
     */
    SeekableByteChannel open() throws IOException;

    /** A stream over the bytes. */
    InputStream openStream() throws IOException;

    /** The file this is, or null (hot reload watches files only). */
    default Path file() {
        return null;
    }
}
