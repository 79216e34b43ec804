package dev.segue;

import dev.segue.decode.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * The public {@link Resource} over one of the runtime's {@link Source}s, and back: a game's own
 * {@code Resource} (a libGDX {@code FileHandle}'s, say) becomes a {@code Source} for the loader.
 */
final class SourceResource implements Resource {
    interface Make {
        Source make() throws IOException;
    }

    private final Source source;

    SourceResource(Source source) {
        this.source = source;
    }

    /** A source made now; a name that cannot be one ({@code ../x}) is an IllegalArgumentException saying why. */
    static Source checked(Make m) {
        try {
            return m.make();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The loader's view of any resource. */
    static Source source(Resource r) {
        if (r instanceof SourceResource) {
            return ((SourceResource) r).source;
        }
        return new Source() {
            @Override
            public String name() {
                return r.name();
            }

            @Override
            public Source resolve(String relative) throws IOException {
                return source(r.resolve(relative));
            }

            @Override
            public boolean seekable() {
                return r.seekable();
            }

            @Override
            public SeekableByteChannel open() throws IOException {
                return r.open();
            }

            @Override
            public InputStream openStream() throws IOException {
                return r.openStream();
            }

            @Override
            public Path file() {
                return r.file();
            }
        };
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public Resource resolve(String relative) throws IOException {
        return new SourceResource(source.resolve(relative));
    }

    @Override
    public boolean seekable() {
        return source.seekable();
    }

    @Override
    public SeekableByteChannel open() throws IOException {
        return source.open();
    }

    @Override
    public InputStream openStream() throws IOException {
        return source.openStream();
    }

    @Override
    public Path file() {
        return source.file();
    }

    @Override
    public String toString() {
        return name();
    }
}
