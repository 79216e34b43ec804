package dev.segue.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** An entry of a zip: in place when stored, else inflated once and kept. */
final class JarSource implements Source {
    private final Path jar;
    private final String root;
    private final String entry;
    private long offset = -1; // of a stored entry's bytes in the jar; -2: compressed
    private long length;
    private byte[] bytes;

    JarSource(Path jar, String root, String entry) {
        this.jar = jar;
        this.root = root;
        this.entry = entry;
    }

    @Override
    public String name() {
        return jar + "!/" + entry;
    }

    @Override
    public Source resolve(String relative) throws IOException {
        return new JarSource(jar, root, Sources.check(root, Sources.clean(Sources.folderOf(entry), relative, jar + "!/"), relative, jar + "!/"));
    }

    @Override
    public synchronized boolean seekable() {
        try {
            locate();
            return offset >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized SeekableByteChannel open() throws IOException {
        locate();
        if (offset >= 0) {
            return new RangeChannel(FileChannel.open(jar, StandardOpenOption.READ), offset, length);
        }
        if (bytes == null) {
            try (ZipFile z = new ZipFile(jar.toFile())) {
                ZipEntry e = z.getEntry(entry);
                bytes = Sources.readAll(z.getInputStream(e), name());
            }
        }
        return new BytesChannel(bytes);
    }

    /** In place when stored; a compressed entry inflating as it is read, not kept (the sheet is read this way). */
    @Override
    public InputStream openStream() throws IOException {
        synchronized (this) {
            locate();
            if (offset >= 0 || bytes != null) {
                return java.nio.channels.Channels.newInputStream(open());
            }
        }
        ZipFile z = new ZipFile(jar.toFile());
        try {
            ZipEntry e = z.getEntry(entry);
            if (e == null) {
                throw new NoSuchFileException(name());
            }
            return new java.io.FilterInputStream(z.getInputStream(e)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        z.close();
                    }
                }
            };
        } catch (IOException | RuntimeException x) {
            z.close();
            throw x;
        }
    }

    /** Finds the entry; a stored one's data range from its local header. */
    private void locate() throws IOException {
        if (offset != -1) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            throw new NoSuchFileException(jar.toString(), null, "no such jar");
        }
        try (ZipFile z = new ZipFile(jar.toFile())) {
            ZipEntry e = z.getEntry(entry);
            if (e == null || e.isDirectory()) {
                throw new NoSuchFileException(name());
            }
            if (e.getMethod() != ZipEntry.STORED) {
                offset = -2;
                return;
            }
            length = e.getSize();
        }
        long local = ZipDirectory.localHeader(jar, entry);
        try (FileChannel ch = FileChannel.open(jar, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(h, local);
            if (h.getInt(0) != 0x04034b50) {
                offset = -2; // not where the directory says: read it through ZipFile
                return;
            }
            offset = local + 30 + (h.getShort(26) & 0xFFFF) + (h.getShort(28) & 0xFFFF);
        }
    }
}
