package dev.segue.gdx;

import com.badlogic.gdx.Files.FileType;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.utils.GdxRuntimeException;
import dev.segue.Resource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A {@link Resource} over a libGDX {@link FileHandle}; see {@link GdxResources#of(FileHandle)}.
 * {@code path} is this resource's path below {@code root}, {@code /}-separated and normalized.
 */
final class FileHandleResource implements Resource {
    private final FileHandle root;
    private final String path;
    private final FileHandle handle;

    FileHandleResource(FileHandle root, String path) {
        this.root = root;
        this.path = path;
        this.handle = path.isEmpty() ? root : root.child(path);
    }

    FileHandle handle() {
        return handle;
    }

    @Override
    public String name() {
        FileType t = handle.type();
        String p = handle.path();
        if (t == FileType.Absolute) {
            return p;
        }
        if (t == FileType.External || t == FileType.Local) {
            File f = fileOrNull();
            if (f != null) {
                return f.getPath();
            }
        }
        return t.name().toLowerCase(Locale.ROOT) + ":" + p;
    }

    @Override
    public Resource resolve(String relative) throws IOException {
        if (relative == null || relative.isEmpty()) {
            throw new IOException("an empty path, relative to " + name());
        }
        String r = relative.replace('\\', '/');
        if (r.startsWith("/") || (r.length() > 1 && r.charAt(1) == ':')) {
            throw new IOException("'" + relative + "' is absolute; a sheet names its stems relative to itself ("
                    + name() + ")");
        }
        Deque<String> parts = new ArrayDeque<>();
        int slash = path.lastIndexOf('/');
        if (slash >= 0) {
            for (String s : path.substring(0, slash).split("/")) {
                parts.addLast(s);
            }
        }
        for (String s : r.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (parts.isEmpty()) {
                    throw new IOException("'" + relative + "' climbs out of " + rootName() + ", relative to " + name());
                }
                parts.removeLast();
            } else {
                parts.addLast(s);
            }
        }
        if (parts.isEmpty()) {
            throw new IOException("'" + relative + "' names a folder, relative to " + name());
        }
        return new FileHandleResource(root, String.join("/", parts));
    }

    private String rootName() {
        return "the folder " + new FileHandleResource(root, "").name();
    }

    @Override
    public boolean seekable() {
        return fileOrNull() != null;
    }

    @Override
    public SeekableByteChannel open() throws IOException {
        File f = fileOrNull();
        if (f != null) {
            try {
                return Files.newByteChannel(f.toPath(), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(name());
            }
        }
        // not a file (a classpath handle, an Android asset): the bytes read once, through the core's own
        // in-memory channel (the core reads such a resource once per load, see Resource)
        return Resource.ofStreams("", "bytes", name -> openStream()).open();
    }

    @Override
    public InputStream openStream() throws IOException {
        File f = fileOrNull();
        if (f != null) {
            try {
                return Files.newInputStream(f.toPath());
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(name());
            }
        }
        if (!handle.exists()) {
            throw new NoSuchFileException(name());
        }
        try {
            return handle.read();
        } catch (GdxRuntimeException e) {
            throw new IOException(name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path file() {
        File f = fileOrNull();
        return f == null ? null : f.toPath();
    }

    /**
     * The file on disk this handle is, or null: local, absolute and external handles are files; an
     * internal one is a file when it exists as one (desktop), not when it is an Android asset or falls
     * back to the classpath; a classpath handle never is.
     */
    private File fileOrNull() {
        FileType t = handle.type();
        if (t == FileType.Classpath) {
            return null;
        }
        File f;
        try {
            f = handle.file();
        } catch (RuntimeException e) {
            return null;
        }
        if (f == null) {
            return null;
        }
        if (t == FileType.Internal && !f.isFile()) {
            return null; // an Android asset, or a desktop internal file that is really on the classpath
        }
        return f.getAbsoluteFile();
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileHandleResource r && r.handle.type() == handle.type()
                && r.handle.path().equals(handle.path());
    }

    @Override
    public int hashCode() {
        return handle.type().hashCode() * 31 + handle.path().hashCode();
    }
}
