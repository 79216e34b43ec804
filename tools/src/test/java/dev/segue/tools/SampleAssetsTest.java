package dev.segue.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleAssetsTest {
    static final int BAR = 96_000;
    static final int LOOP_START = BAR;
    static final int LOOP_END = 5 * BAR;
    static final List<String> STEMS = List.of("calm/pad.wav", "calm/bass.wav", "action/pad.wav", "action/bass.wav",
            "action/drums.wav");

    @TempDir
    static Path first;
    @TempDir
    static Path second;

    @BeforeAll
    static void generateTwice() {
        for (Path dir : List.of(first, second)) {
            Cli r = Cli.run("sample-assets", "--out", dir.toString());
            assertEquals(0, r.exitCode(), r.all());
        }
    }

    @Test
    void generatorIsDeterministic() throws IOException {
        Map<String, byte[]> a = files(first);
        Map<String, byte[]> b = files(second);
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.keySet().containsAll(STEMS), a.keySet().toString());
        assertTrue(a.keySet().containsAll(List.of("riser.wav", "pickup.wav", "sample.cues.json", "tour.script")));
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name + " differs between two runs");
        }
    }

    @Test
    void committedSampleIsTheGeneratorsOutput() throws IOException {
        Path committed = Path.of("..", "assets", "sample");
        Map<String, byte[]> generated = files(first);
        Map<String, byte[]> repo = files(committed);
        assertEquals(generated.keySet(), repo.keySet(), "assets/sample holds other files than the generator writes");
        for (String name : generated.keySet()) {
            assertArrayEquals(generated.get(name), repo.get(name),
                    "assets/sample/" + name + " is stale: run ./segue sample-assets --out assets/sample");
        }
    }

    @Test
    void everyLoopWrapsWithoutADiscontinuity() throws IOException {
        for (String stem : STEMS) {
            double[] x = Wav.read(first.resolve(stem)).samples();
            double largest = 0;
            for (int i = LOOP_START + 1; i < LOOP_END; i++) {
                largest = Math.max(largest, Math.abs(x[i] - x[i - 1]));
            }
            assertTrue(largest > 0, stem + ": the loop is silent");
            double wrap = Math.abs(x[LOOP_START] - x[LOOP_END - 1]);
            assertTrue(wrap <= 2 * largest, stem + ": loop wrap jumps " + wrap + ", largest step in the loop " + largest);
            // and the two linear seams: intro into the loop, loop into the outro
            assertTrue(Math.abs(x[LOOP_START] - x[LOOP_START - 1]) <= 2 * largest, stem + ": intro -> loop");
            assertTrue(Math.abs(x[LOOP_END] - x[LOOP_END - 1]) <= 2 * largest, stem + ": loop -> outro");
            assertEquals(0, x[0], 1e-4, stem + " starts from silence");
            assertEquals(0, x[x.length - 1], 1e-4, stem + " ends in silence");
        }
    }

    @Test
    void formatsLengthsAndLevels() throws IOException {
        double limit = Math.pow(10, -3 / 20.0);
        Map<String, Double> cuePeakSum = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, byte[]> f : files(first).entrySet()) {
            if (!f.getKey().endsWith(".wav")) {
                continue;
            }
            total += f.getValue().length;
            Wav w = Wav.read(first.resolve(f.getKey()));
            assertEquals(1, w.format(), f.getKey());
            assertEquals(1, w.channels(), f.getKey());
            assertEquals(48_000, w.sampleRate(), f.getKey());
            assertEquals(16, w.bits(), f.getKey());
            assertTrue(w.peak() <= limit, f.getKey() + " peaks above -3 dBFS: " + w.peak());
            assertTrue(w.peak() > 0.1, f.getKey() + " is nearly silent");
            long expected = switch (f.getKey()) {
                case "riser.wav" -> BAR;
                case "pickup.wav" -> 36_000;
                default -> 6 * BAR;
            };
            assertEquals(expected, w.frames(), f.getKey());
            int slash = f.getKey().indexOf('/');
            if (slash > 0) {
                cuePeakSum.merge(f.getKey().substring(0, slash), w.peak(), Double::sum);
            }
        }
        for (Map.Entry<String, Double> cue : cuePeakSum.entrySet()) {
            assertTrue(cue.getValue() < 1, cue.getKey() + ": stem peaks add up to " + cue.getValue() + ", the sum could clip");
        }
        assertTrue(total < 6_200_000, "sample WAVs take " + total + " bytes");
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
