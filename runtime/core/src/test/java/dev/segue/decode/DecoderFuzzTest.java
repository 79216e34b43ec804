package dev.segue.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Every decoder on hostile bytes. Plain {@code mvn test} replays the seeds (small files from sox,
 * oggenc, lame and flac: mono, stereo, 5.1, 24-bit, float, chained, tagged, looped) and every finding
 * kept in {@code src/test/resources/dev/segue/decode/DecoderFuzzTestInputs/<method>/}; {@code
 * JAZZER_FUZZ=1} fuzzes (see the README's "Fuzzing").
 *
 * <p>What must hold for any input: opening either succeeds or throws an {@link AudioFormatException}
 * naming the source; reading ends, delivers exactly {@link PcmSource#frames()} frames of finite
 * samples (or stops with an {@code AudioFormatException}), and a seek anywhere then reads on. No other
 * exception, no hang, no runaway allocation.
 */
class DecoderFuzzTest {
    /** Frames read at most per input: enough for every seed, bounded for speed. */
    private static final long READ_CAP = 1 << 22;

    interface Opener {
        PcmSource open(Source src) throws IOException;
    }

    @FuzzTest(maxDuration = "30m")
    void ogg(byte[] data) throws IOException {
        decode(data, "fuzz.ogg", OggSource::open);
    }

    @FuzzTest(maxDuration = "30m")
    void mp3(byte[] data) throws IOException {
        decode(data, "fuzz.mp3", Mp3Source::open);
    }

    @FuzzTest(maxDuration = "30m")
    void flac(byte[] data) throws IOException {
        decode(data, "fuzz.flac", FlacSource::open);
    }

    @FuzzTest(maxDuration = "30m")
    void wav(byte[] data) throws IOException {
        decode(data, "fuzz.wav", WavSource::open);
    }

    /** The path a game's stem takes: detection by content, fold to stereo, resampling to 48 kHz. */
    @FuzzTest(maxDuration = "10m")
    void anyFormatAtTheMixerRate(byte[] data) throws IOException {
        decode(data, "fuzz.audio", src -> AudioFiles.open(src, 48_000));
    }

    static void decode(byte[] data, String name, Opener opener) throws IOException {
        Source src = Sources.stream("fuzz", name, n -> new ByteArrayInputStream(data));
        PcmSource s;
        try {
            s = opener.open(src);
        } catch (AudioFormatException e) {
            assertNamed(e, src.name());
            return;
        }
        try (s) {
            int ch = s.channels();
            long frames = s.frames();
            assertTrue(ch >= 1 && s.sampleRate() > 0 && frames >= 0, ch + " channels, " + s.sampleRate() + " Hz, " + frames + " frames");
            float[] buf = new float[1024 * ch];
            long n = 0;
            int got;
            while (n < READ_CAP && (got = s.read(buf, 0, 1024)) >= 0) {
                assertTrue(got <= 1024, "read " + got + " of 1024");
                for (int i = 0; i < got * ch; i++) {
                    assertTrue(Float.isFinite(buf[i]), "sample " + (n * ch + i) + " is " + buf[i]);
                }
                n += got;
                assertTrue(n <= frames, "read " + n + " frames of " + frames);
            }
            if (n < READ_CAP) {
                assertEquals(frames, n, "frames delivered against frames()");
            }
            if (frames > 0) {
                long at = Math.floorMod(data.length * 7919L, frames);
                s.seek(at);
                int after = s.read(buf, 0, 1024);
                assertTrue(after > 0 && after <= Math.min(1024, frames - at), "read " + after + " after a seek to " + at + " of " + frames);
            }
        } catch (AudioFormatException e) {
            assertNamed(e, src.name()); // damage found while reading: reported, never a crash
        }
    }

    private static void assertNamed(AudioFormatException e, String name) {
        assertTrue(e.getMessage() != null && e.getMessage().startsWith(name), "the error names the file: " + e.getMessage());
    }
}
