package dev.segue.decode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The runtime's {@link Source}s. A file reads in place. An entry of a jar (or any zip) reads in place
 * when it is stored uncompressed (its bytes are a range of the jar, found from the zip's own
 * directory); a compressed one is inflated once into memory. A classpath resource is a file or a jar
 * entry when its URL says so, else a stream. A stream is read once into memory. Names resolve like
 * paths inside the root the first source was made from: {@code ..} never climbs out of it.
 */
public final class Sources {
    /** Larger than any stem or sheet a game ships: a stream this long is refused, not read into memory. */
    static final int MAX_IN_MEMORY = Integer.MAX_VALUE - 16;

    /** Opens what a relative name (from the root, {@code /}-separated) names, as a stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(String name) throws IOException;
    }

    private Sources() {
    }

    /** {@code file} on disk; names resolved against it may not climb above its folder. */
    public static Source file(Path file) {
        Path f = file.toAbsolutePath().normalize();
        return new FileSource(f.getParent(), f);
    }

    /**
     * {@code s} as one load reads it: itself when it seeks in place or is one of the runtime's own
     * sources that keep what they read; else (a game's own {@code Resource} that cannot seek, a libGDX
     * asset) a source that reads it once, on first use, and then serves every open from that copy, so
     * a streamed stem is never read again per voice.
     */
    public static Source readOnce(Source s) {
        if (s.seekable() || s instanceof JarSource || s instanceof ClasspathSource || s instanceof MemorySource) {
            return s;
        }
        return new MemorySource(s);
    }

    /** The entry {@code entry} ({@code /}-separated) of the jar or zip {@code jar}. */
    public static Source jarEntry(Path jar, String entry) throws IOException {
        String e = clean("", entry, jar + "!/");
        return new JarSource(jar.toAbsolutePath().normalize(), folderOf(e), e);
    }

    /** The resource {@code name} of {@code loader} ({@code /}-separated, no leading slash). */
    public static Source classpath(ClassLoader loader, String name) throws IOException {
        String n = clean("", name.startsWith("/") ? name.substring(1) : name, "classpath:");
        return new ClasspathSource(loader, folderOf(n), n);
    }

    /** {@code name} (under {@code root}-relative names) opened by {@code opener}, read once into memory. */
    public static Source stream(String root, String name, Opener opener) throws IOException {
        String n = clean("", name, root);
        return new MemorySource(new StreamSource(root, folderOf(n), n, opener));
    }

    /**
     * {@code relative} resolved against {@code folder} (both {@code /}-separated, relative to a root):
     * {@code .} and {@code ..} applied, refused when absolute or when it climbs above {@code root}.
     */
    static String clean(String folder, String relative, String where) throws IOException {
        if (relative.isEmpty() || relative.startsWith("/") || relative.startsWith("\\") || relative.indexOf(':') >= 0) {
            throw new IOException("'" + relative + "' is not a relative name inside " + where);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : (folder.isEmpty() ? relative : folder + "/" + relative).replace('\\', '/').split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    throw new IOException("'" + relative + "' climbs out of " + where);
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        if (parts.isEmpty()) {
            throw new IOException("'" + relative + "' names no file inside " + where);
        }
        return String.join("/", parts);
    }

    static String folderOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** The folder root of {@code name}: sibling names may not climb above the folder the first was in. */
    static String check(String rootFolder, String resolved, String relative, String where) throws IOException {
        if (!rootFolder.isEmpty() && !(resolved + "/").startsWith(rootFolder + "/")) {
            throw new IOException("'" + relative + "' climbs out of " + where + rootFolder + "/");
        }
        return resolved;
    }

    /** Everything {@code in} holds, read into memory (closing it). */
    static byte[] readAll(InputStream in, String name) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0;) {
                total += n;
                if (total > MAX_IN_MEMORY) {
                    throw new IOException(name + " is larger than 2 GB");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static final class FileSource implements Source {
        /** The folder the first file was in: names may not climb above it. */
        private final Path root;
        private final Path file;

        FileSource(Path root, Path file) {
            this.root = root;
            this.file = file;
        }

        @Override
        public String name() {
            return file.toString();
        }

        @Override
        public Source resolve(String relative) throws IOException {
            Path rel;
            try {
                rel = Paths.get(relative);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IOException("'" + relative + "' is not a valid path inside " + root);
            }
            if (rel.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
                throw new IOException("'" + relative + "' is absolute; names are relative to " + file.getParent());
            }
            Path p = file.getParent().resolve(rel).normalize();
            if (!p.startsWith(root)) {
                throw new IOException("'" + relative + "' climbs out of " + root);
            }
            return new FileSource(root, p);
        }

        @Override
        public boolean seekable() {
            return true;
        }

        @Override
        public SeekableByteChannel open() throws IOException {
            return Files.newByteChannel(file, StandardOpenOption.READ);
        }

        @Override
        public InputStream openStream() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public Path file() {
            return file;
        }
    }

    /** A classpath resource: a file or a jar entry when its URL says so, else a stream. */
    private static final class ClasspathSource implements Source {
        private final ClassLoader loader;
        private final String root;
        private final String name;
        private Source actual;

        ClasspathSource(ClassLoader loader, String root, String name) {
            this.loader = loader;
            this.root = root;
            this.name = name;
        }

        @Override
        public String name() {
            return "classpath:" + name;
        }

        @Override
        public Source resolve(String relative) throws IOException {
            return new ClasspathSource(loader, root, check(root, clean(folderOf(name), relative, "classpath:"), relative,
                    "classpath:"));
        }

        private synchronized Source actual() throws IOException {
            if (actual == null) {
                URL u = loader.getResource(name);
                if (u == null) {
                    throw new NoSuchFileException(name());
                }
                actual = of(u);
            }
            return actual;
        }

        private Source of(URL u) throws IOException {
            try {
                if (u.getProtocol().equals("file")) {
                    Path f = Paths.get(u.toURI()).toAbsolutePath().normalize();
                    return new FileSource(f.getParent(), f);
                }
                if (u.getProtocol().equals("jar")) {
                    String s = u.getPath(); // file:/path/app.jar!/music/a.ogg
                    int bang = s.indexOf("!/");
                    // '+' is itself in a jar URL, not a space; a jar inside a jar ("!/" twice) is read as a stream
                    String entry = bang < 0 ? null
                            : URLDecoder.decode(s.substring(bang + 2).replace("+", "%2B"), StandardCharsets.UTF_8.name());
                    if (bang > 0 && s.startsWith("file:") && entry.equals(name)) {
                        Path jar = Paths.get(new URL(s.substring(0, bang)).toURI());
                        return new JarSource(jar, "", entry);
                    }
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // an unusual URL: read it as a stream
            }
            return new MemorySource(new StreamSource("classpath:", "", name, n -> loader.getResourceAsStream(n)));
        }

        @Override
        public boolean seekable() {
            try {
                return actual().seekable();
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public SeekableByteChannel open() throws IOException {
            return actual().open();
        }

        @Override
        public InputStream openStream() throws IOException {
            return actual().openStream();
        }

        @Override
        public Path file() {
            try {
                return actual().file();
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** Bytes from an opener, opened afresh each time: {@link MemorySource} keeps the one copy. */
    private static final class StreamSource implements Source {
        private final String where;
        private final String root;
        private final String name;
        private final Opener opener;

        StreamSource(String where, String root, String name, Opener opener) {
            this.where = where;
            this.root = root;
            this.name = name;
            this.opener = opener;
        }

        @Override
        public String name() {
            return where.isEmpty() ? name : where + (where.endsWith("/") || where.endsWith(":") ? "" : "/") + name;
        }

        @Override
        public Source resolve(String relative) throws IOException {
            return new StreamSource(where, root, check(root, clean(folderOf(name), relative, where), relative, where), opener);
        }

        @Override
        public boolean seekable() {
            return false;
        }

        @Override
        public SeekableByteChannel open() throws IOException {
            return new BytesChannel(readAll(openStream(), name()));
        }

        @Override
        public InputStream openStream() throws IOException {
            InputStream in = opener.open(name);
            if (in == null) {
                throw new NoSuchFileException(name());
            }
            return in;
        }
    }
}
