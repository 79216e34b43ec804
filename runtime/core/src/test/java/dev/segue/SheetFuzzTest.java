package dev.segue;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.segue.cue.CueSheetLoader;
import dev.segue.cue.DecodedStems;
import dev.segue.cue.SheetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cue sheets and session scripts on hostile text. Seeds: the demo score and the sample sheet, sheets
 * using every construct, and the tour scripts. Every stem file a seed names exists in the sheet's
 * folder as a short tone (the loader detects formats by content, so a WAV may be named {@code .ogg}).
 *
 * <p>{@code sheet}: loading ends in a sheet or a {@link SheetException} whose message names the file;
 * a sheet that loads then plays every state and stinger for a few blocks with finite samples only.
 * {@code script}: parsing ends in a script or an {@code IllegalArgumentException} naming the line.
 */
class SheetFuzzTest {
    private static final Pattern FILE = Pattern.compile("\"file\"\\s*:\\s*\"([^\"]+)\"");
    @TempDir
    static Path dir;
    private static DecodedStems decoded;

    @BeforeAll
    static void folder() throws IOException {
        decoded = new DecodedStems();
        Set<String> names = new LinkedHashSet<>(Set.of("tone.wav", "a.wav", "b.wav", "hit.wav"));
        for (String seed : new String[] {"score.cues.json", "sample.cues.json"}) {
            try (InputStream in = SheetFuzzTest.class.getResourceAsStream("SheetFuzzTestInputs/sheet/" + seed)) {
                if (in != null) {
                    Matcher m = FILE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        for (String n : names) {
            Audio.writeFloatWav(dir.resolve(n), 1, Audio.sine(Audio.RATE, 220, 0.25f));
        }
    }

    @FuzzTest(maxDuration = "30m")
    void sheet(byte[] data) throws IOException {
        Path file = Files.write(dir.resolve("fuzz.cues.json"), data);
        try {
            CueSheetLoader.load(file, Audio.RATE, Long.MAX_VALUE, 0, decoded);
        } catch (SheetException e) {
            assertTrue(e.getMessage().startsWith(file.toString()), "the error names the sheet: " + e.getMessage());
            return;
        }
        try (Segue segue = Segue.builder().cueSheet(file).offline().build()) {
            float[] block = new float[2 * 512];
            for (String s : segue.states()) {
                segue.setState(s);
                play(segue, block);
            }
            for (String s : segue.stingers()) {
                segue.playStinger(s);
                play(segue, block);
            }
        }
    }

    private static void play(Segue segue, float[] block) {
        for (int b = 0; b < 4; b++) {
            segue.render(block, 512);
            segue.update();
            for (float v : block) {
                assertTrue(Float.isFinite(v), "a sample of " + v + " reached the output");
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void script(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            SessionScript s = SessionScript.parse("fuzz.script", text);
            assertTrue(s.endSeconds() >= 0 || s.steps().isEmpty(), "end " + s.endSeconds());
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("fuzz.script:"), "the error names the script and line: " + e.getMessage());
        }
    }
}
