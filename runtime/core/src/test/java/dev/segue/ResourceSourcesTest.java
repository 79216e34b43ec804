package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.cue.CueSheet;
import dev.segue.cue.CueSheetLoader;
import dev.segue.cue.DecodedStems;
import dev.segue.cue.Stem;
import dev.segue.decode.PcmData;
import dev.segue.decode.Sources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ResourceTest} leaves out: a folder on the class path (a file, checked as files are), a
 * game's own {@link Resource} that cannot seek (read once per load, never again per streamed voice),
 * {@link Resource#ofFile} refusing names above its folder, jar entries whose names hold {@code +} and
 * spaces, and the decoded-stem cache keyed by name for stems that are not files.
 */
class ResourceSourcesTest {
    @TempDir
    Path dir;

    /** The files of {@code folder} as entries under {@code prefix} of a new jar; every other one stored, the sheet deflated. */
    static Path jar(Path jar, Path folder, String prefix, Map<String, byte[]> replace) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                entries.put(prefix + f.getFileName(), Files.readAllBytes(f));
            }
        }
        entries.putAll(replace);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            int i = 0;
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                if (i++ % 2 == 0 && !e.getKey().endsWith(".json")) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    z.setMethod(ZipEntry.STORED);
                    z.setSize(e.getValue().length);
                    z.setCrc(crc.getValue());
                }
                out.putNextEntry(z);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    private static float[] render(Segue segue) {
        return StreamingTest.tour(segue, 512).render(600_000);
    }

    @Test
    void aFolderOnTheClassPathIsAFileWithTheFilesChecks() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir.resolve("classes/music"));
        float[] files = render(Segue.builder().cueSheet(sheet).offline().build());
        try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null)) {
            Resource r = Resource.ofClasspath(cl, "music/rich.cues.json");
            assertEquals("classpath:music/rich.cues.json", r.name());
            assertEquals(sheet.toRealPath(), r.file().toRealPath(), "a folder's resource is its file");
            assertTrue(r.seekable());
            StreamingTest.assertSameSamples(files, render(Segue.builder().cueSheet(r).offline().build()), "class path folder");
            try (Segue watched = Segue.builder().cueSheet(r).offline().watch(true).build()) {
                assertTrue(watched.reload().isEmpty(), "a file on the class path reloads");
            }
            // the files' own check: a stem outside the sheet's folder is refused with today's sentence
            Files.writeString(dir.resolve("classes/secret.wav"), "x");
            Files.writeString(sheet, Files.readString(sheet).replace("\"a1.wav\"", "\"../secret.wav\""));
            CueSheetException e = assertThrows(CueSheetException.class,
                    () -> Segue.builder().cueSheet(Resource.ofClasspath(cl, "music/rich.cues.json")).offline().build());
            assertTrue(e.getMessage().contains("'../secret.wav' is outside the sheet's folder"), e.getMessage());
        }
    }

    /** A folder served as a game's own resource would be: no seeking, and every open() reads the whole file anew (as a libGDX asset's does). */
    private static final class Assets implements Resource {
        final Path root;
        final String path;
        final Map<String, AtomicInteger> reads;

        Assets(Path root, String path, Map<String, AtomicInteger> reads) {
            this.root = root;
            this.path = path;
            this.reads = reads;
        }

        @Override
        public String name() {
            return "assets:" + path;
        }

        @Override
        public Resource resolve(String relative) throws IOException {
            if (relative.startsWith("/") || relative.contains("..")) {
                throw new IOException("'" + relative + "' climbs out of assets:");
            }
            int slash = path.lastIndexOf('/');
            return new Assets(root, slash < 0 ? relative : path.substring(0, slash + 1) + relative, reads);
        }

        @Override
        public boolean seekable() {
            return false;
        }

        private byte[] read() throws IOException {
            Path f = root.resolve(path);
            if (!Files.exists(f)) {
                throw new NoSuchFileException(name());
            }
            reads.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            return Files.readAllBytes(f);
        }

        @Override
        public SeekableByteChannel open() throws IOException {
            byte[] b = read();
            return Sources.stream("mem:", "x", n -> new ByteArrayInputStream(b)).open();
        }

        @Override
        public InputStream openStream() throws IOException {
            return new ByteArrayInputStream(read());
        }
    }

    @Test
    void aGamesOwnResourceThatCannotSeekIsReadOncePerLoadAndStreamsFromThatCopy() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir.resolve("assets/music"));
        int frames = 300_000;
        float[] memory = StreamingTest.tour(Segue.builder().cueSheet(sheet).offline().build(), 512).render(frames);
        Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
        Resource r = new Assets(dir.resolve("assets"), "music/rich.cues.json", reads);
        try (Segue rt = Segue.builder().cueSheet(r).pull().streamThreshold(0).streamBuffer(2).build()) {
            assertTrue(rt.streamVoices() > 0, "the stems stream");
            Map<String, Integer> afterLoad = counts(reads);
            float[] out = StreamingTest.renderPaced(StreamingTest.tour(rt, 256), frames, 2);
            assertEquals(0, rt.streamUnderruns());
            StreamingTest.assertSameSamples(memory, out, "streamed from a game's own resource");
            assertEquals(afterLoad, counts(reads), "nothing read again while playing");
        }
        long stems;
        try (var files = Files.list(sheet.getParent())) {
            stems = files.filter(f -> f.toString().endsWith(".wav")).count();
        }
        assertEquals(stems + 1, reads.size(), "the sheet and every stem read: " + reads.keySet());
        reads.forEach((name, n) -> assertEquals(1, n.get(), name + " read once"));
    }

    private static Map<String, Integer> counts(Map<String, AtomicInteger> reads) {
        Map<String, Integer> m = new HashMap<>();
        reads.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    @Test
    void aFileResourceResolvesInsideItsFolderOnly() throws Exception {
        Path sheet = dir.resolve("music/score.cues.json");
        Resource r = Resource.ofFile(sheet);
        assertTrue(r.seekable());
        assertEquals(dir.resolve("music/drums/a.ogg").toAbsolutePath(), r.resolve("drums/../drums/./a.ogg").file());
        Resource drums = r.resolve("drums/a.ogg");
        assertEquals(dir.resolve("music/b.ogg").toAbsolutePath(), drums.resolve("../b.ogg").file(), "up, still inside");
        IOException up = assertThrows(IOException.class, () -> drums.resolve("../../x.ogg"));
        assertTrue(up.getMessage().contains("'../../x.ogg'") && up.getMessage().contains(dir.resolve("music").toString()),
                up.getMessage());
        IOException abs = assertThrows(IOException.class, () -> r.resolve(dir.resolve("x.ogg").toString()));
        assertTrue(abs.getMessage().contains("is absolute"), abs.getMessage());
        assertThrows(NoSuchFileException.class, () -> r.resolve("none.ogg").open());
    }

    @Test
    void jarEntryNamesWithPlusAndSpacesReadInPlaceFromTheClassPath() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir.resolve("files"));
        float[] files = render(Segue.builder().cueSheet(sheet).offline().build());
        Path jar = jar(dir.resolve("game.jar"), sheet.getParent(), "my music+1/", Map.of());
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                var z = new java.util.zip.ZipFile(jar.toFile())) {
            Resource r = Resource.ofClasspath(cl, "my music+1/rich.cues.json");
            for (var e : java.util.Collections.list(z.entries())) {
                String stem = e.getName().substring("my music+1/".length());
                assertEquals(e.getMethod() == ZipEntry.STORED, r.resolve(stem).seekable(), e.getName() + " in place when stored");
            }
            StreamingTest.assertSameSamples(files, render(Segue.builder().cueSheet(r).offline().build()), "'+' and ' ' in names");
        }
    }

    @Test
    void stemsThatAreNotFilesAreCachedByNameAndBytes() throws Exception {
        Path folder = DeterminismTest.richSheet(dir.resolve("files")).getParent();
        Path jar = jar(dir.resolve("one.jar"), folder, "music/", Map.of());
        DecodedStems cache = new DecodedStems();
        CueSheet first = CueSheetLoader.load(Sources.jarEntry(jar, "music/rich.cues.json"), 48_000, Long.MAX_VALUE, 0, cache);
        CueSheet again = CueSheetLoader.load(Sources.jarEntry(jar, "music/rich.cues.json"), 48_000, Long.MAX_VALUE, 0, cache);
        Map<String, PcmData> one = audio(first);
        Map<String, PcmData> two = audio(again);
        assertEquals(one.keySet(), two.keySet());
        one.forEach((f, pcm) -> assertSame(pcm, two.get(f), f + " decoded once"));
        // another jar under the same name, one stem changed: only that one is decoded again
        Path a2 = folder.resolve("a2.wav");
        byte[] changed = Files.readAllBytes(a2);
        changed[changed.length - 1] ^= 1;
        Files.delete(jar);
        jar(jar, folder, "music/", Map.of("music/a2.wav", changed));
        Map<String, PcmData> three = audio(CueSheetLoader.load(Sources.jarEntry(jar, "music/rich.cues.json"), 48_000,
                Long.MAX_VALUE, 0, cache));
        one.forEach((f, pcm) -> {
            if (f.equals("a2.wav")) {
                assertNotSame(pcm, three.get(f), "the changed stem is decoded again");
            } else {
                assertSame(pcm, three.get(f), f + " unchanged, kept");
            }
        });
        assertNotNull(one.get("a2.wav"));
    }

    private static Map<String, PcmData> audio(CueSheet sheet) {
        Map<String, PcmData> m = new HashMap<>();
        for (var c : sheet.cues()) {
            for (Stem s : c.stems()) {
                m.put(s.file(), s.audio());
            }
        }
        assertFalse(m.isEmpty());
        return m;
    }

    @Test
    void aStreamsSheetDoesNotReloadAndSaysWhy() throws Exception {
        Path folder = DeterminismTest.richSheet(dir.resolve("files")).getParent();
        Resource r = Resource.ofStreams("assets:", "rich.cues.json", n -> Files.newInputStream(folder.resolve(n)));
        try (Segue s = Segue.builder().cueSheet(r).offline().build()) {
            assertEquals(List.of("assets:rich.cues.json is not a file: only a sheet on disk reloads"), s.reload());
        }
    }

    @Test
    void aJarInsideAJarIsReadAsAStream() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir.resolve("files"));
        float[] files = render(Segue.builder().cueSheet(sheet).offline().build());
        Path folder = sheet.getParent();
        ClassLoader fat = new ClassLoader(null) { // a fat jar's loader: its libraries' entries are jar URLs with two "!/"
            @Override
            public URL getResource(String name) {
                try {
                    return Files.exists(folder.resolve(name))
                            ? new URL("jar:" + dir.resolve("app.jar").toUri() + "!/BOOT-INF/lib/music.jar!/" + name) : null;
                } catch (java.net.MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public InputStream getResourceAsStream(String name) {
                try {
                    return Files.newInputStream(folder.resolve(name));
                } catch (IOException e) {
                    return null;
                }
            }
        };
        Resource r = Resource.ofClasspath(fat, "rich.cues.json");
        assertFalse(r.seekable(), "read as a stream, not as an entry of app.jar");
        StreamingTest.assertSameSamples(files, render(Segue.builder().cueSheet(r).offline().build()), "a jar in a jar");
    }
}
