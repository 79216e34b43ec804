package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A game ships its music inside its jar: the sheet and its stems load from a jar entry and from the
 * class path (a jar on a class loader) exactly as from files, bit for bit, in memory and streamed,
 * with stored entries read in place and compressed ones read once into memory. The jar is a real
 * one, written with {@link JarOutputStream}, some entries stored and some deflated.
 */
class ResourceTest {
    @TempDir
    Path dir;

    /** The rich sheet's files in a jar under {@code music/}: WAVs alternately stored and deflated. */
    private Path jarOf(Path sheet, Map<String, byte[]> extra) throws IOException {
        return ResourceSourcesTest.jar(dir.resolve("game.jar"), sheet.getParent(), "music/", extra);
    }

    private static float[] render(Segue segue) {
        return StreamingTest.tour(segue, 512).render(600_000);
    }

    @Test
    void aSheetInAJarPlaysAsTheSameSheetOnDisk() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir.resolve("files"));
        float[] files = render(Segue.builder().cueSheet(sheet).offline().build());
        Path jar = jarOf(sheet, Map.of());
        float[] entry = render(Segue.builder().cueSheet(Resource.ofJarEntry(jar, "music/rich.cues.json")).offline().build());
        StreamingTest.assertSameSamples(files, entry, "from a jar entry");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Resource r = Resource.ofClasspath(cl, "music/rich.cues.json");
            assertEquals("classpath:music/rich.cues.json", r.name());
            assertNull(r.file(), "inside a jar, not a file");
            float[] cp = render(Segue.builder().cueSheet(r).offline().build());
            StreamingTest.assertSameSamples(files, cp, "from the class path");
        }
    }

    @Test
    void storedEntriesAreReadInPlaceCompressedOnesOnceIntoMemory() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir.resolve("files"));
        Path jar = jarOf(sheet, Map.of());
        Resource r = Resource.ofJarEntry(jar, "music/rich.cues.json");
        int stored = 0;
        int deflated = 0;
        try (var z = new java.util.zip.ZipFile(jar.toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                Resource stem = r.resolve(e.getName().substring("music/".length()));
                boolean inPlace = e.getMethod() == ZipEntry.STORED;
                assertEquals(inPlace, stem.seekable(), e.getName());
                stored += inPlace ? 1 : 0;
                deflated += inPlace ? 0 : 1;
                byte[] want = z.getInputStream(e).readAllBytes();
                try (var in = stem.openStream()) {
                    assertTrue(java.util.Arrays.equals(want, in.readAllBytes()), e.getName() + " reads its own bytes");
                }
                try (var ch = stem.open()) {
                    assertEquals(want.length, ch.size());
                    ch.position(want.length / 2);
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4);
                    ch.read(b);
                    assertEquals(want[want.length / 2], b.get(0), e.getName() + " seeks");
                }
            }
        }
        assertTrue(stored >= 3 && deflated >= 3, stored + " stored, " + deflated + " deflated");
    }

    @Test
    void streamedStemsStreamFromTheJarInRealTime() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir.resolve("files"));
        int frames = 300_000;
        float[] memory = StreamingTest.tour(Segue.builder().cueSheet(sheet).offline().build(), 512).render(frames);
        Path jar = jarOf(sheet, Map.of());
        try (Segue rt = Segue.builder().cueSheet(Resource.ofJarEntry(jar, "music/rich.cues.json")).pull().streamThreshold(0)
                .streamBuffer(2).build()) {
            assertTrue(rt.streamVoices() > 0, "the stems stream");
            Audio.Session s = StreamingTest.tour(rt, 256);
            float[] out = StreamingTest.renderPaced(s, frames, 2);
            assertEquals(0, rt.streamUnderruns());
            StreamingTest.assertSameSamples(memory, out, "streamed from a jar");
        }
    }

    @Test
    void aStemMayNotClimbOutOfTheSheetsFolderInAJar() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir.resolve("files"));
        String text = Files.readString(sheet).replace("\"a1.wav\"", "\"../secret.wav\"");
        Path jar = jarOf(sheet, Map.of("music/rich.cues.json", text.getBytes(), "secret.wav", Files.readAllBytes(
                sheet.resolveSibling("a1.wav"))));
        CueSheetException e = assertThrows(CueSheetException.class,
                () -> Segue.builder().cueSheet(Resource.ofJarEntry(jar, "music/rich.cues.json")).offline().build());
        assertTrue(e.getMessage().contains("'../secret.wav' climbs out of") && e.getMessage().contains("music/"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resource.ofClasspath("../x.json"));
    }

    @Test
    void aMissingStemInAJarIsAStemFailureNamingIt() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir.resolve("files"));
        String text = Files.readString(sheet).replace("\"b2.wav\"", "\"gone.wav\"");
        Path jar = jarOf(sheet, Map.of("music/rich.cues.json", text.getBytes()));
        CueSheetException e = assertThrows(CueSheetException.class,
                () -> Segue.builder().cueSheet(Resource.ofJarEntry(jar, "music/rich.cues.json")).offline().build());
        assertTrue(e.getMessage().contains(jar + "!/music/rich.cues.json"), "names the sheet: " + e.getMessage());
        assertEquals(List.of("gone.wav"), e.stemFailures().stream().map(CueSheetException.StemFailure::file).toList());
        assertTrue(e.stemFailures().get(0).reason().contains("no such file 'gone.wav'"), e.stemFailures().get(0).reason());
        CueSheetException none = assertThrows(CueSheetException.class,
                () -> Segue.builder().cueSheet(Resource.ofClasspath("no/such.cues.json")).offline().build());
        assertTrue(none.getMessage().contains("classpath:no/such.cues.json") && none.getMessage().contains("no such file"),
                none.getMessage());
    }

    @Test
    void aGamesOwnStreamsLoadAndHotReloadNeedsAFile() throws Exception {
        Path sheet = DeterminismTest.richSheet(dir.resolve("files"));
        float[] files = render(Segue.builder().cueSheet(sheet).offline().build());
        Path folder = sheet.getParent();
        Resource.Opener assets = name -> Files.newInputStream(folder.resolve(name)); // as Android's AssetManager::open
        Resource r = Resource.ofStreams("assets:", "rich.cues.json", assets);
        assertFalse(r.seekable());
        StreamingTest.assertSameSamples(files, render(Segue.builder().cueSheet(r).offline().build()), "from streams");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Segue.builder().cueSheet(r).offline().watch(true).build());
        assertTrue(e.getMessage().contains("assets:rich.cues.json is not a file"), e.getMessage());
    }
}
