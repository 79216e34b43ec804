package dev.segue.decode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A game's own source that cannot seek, read whole on first use and then served from memory. */
final class MemorySource implements Source {
    private final Source of;
    private byte[] bytes;

    MemorySource(Source of) {
        this.of = of;
    }

    private synchronized byte[] bytes() throws IOException {
        if (bytes == null) {
            InputStream in = of.openStream();
            if (in == null) {
                throw new NoSuchFileException(name());
            }
            bytes = Sources.readAll(in, name());
        }
        return bytes;
    }

    @Override
    public String name() {
        return of.name();
    }

    @Override
    public Source resolve(String relative) throws IOException {
        return Sources.readOnce(of.resolve(relative));
    }

    @Override
    public boolean seekable() {
        return false;
    }

    @Override
    public SeekableByteChannel open() throws IOException {
        return new BytesChannel(bytes());
    }

    /** From the copy once {@link #open()} made it; else straight from the source, keeping nothing (the sheet is read this way, bounded by its reader). */
    @Override
    public InputStream openStream() throws IOException {
        synchronized (this) {
            if (bytes != null) {
                return new ByteArrayInputStream(bytes);
            }
        }
        InputStream in = of.openStream();
        if (in == null) {
            throw new NoSuchFileException(name());
        }
        return in;
    }

    @Override
    public Path file() {
        return of.file();
    }
}
