package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.segue.decode.AudioFiles;
import dev.segue.decode.PcmData;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamed stems in every format, made by the real encoders: a sawtooth ramp (each channel its own
 * rate, so a slipped or repeated frame shows) as Ogg Vorbis (oggenc), MP3 (lame), FLAC (flac, at
 * 44.1 kHz, so it is also resampled) and WAV (sox), each looped by a cue with an intro and an outro.
 * Streamed, every loop wrap must be exact: the output is the stem decoded whole into memory, frame for
 * frame, at the position the loop says. Then files that break while they stream.
 */
class StreamedFormatsTest {
    static final int LOOP_START = 24_000;
    static final int LOOP_END = 168_000;

    @TempDir
    Path dir;

    private void run(String... cmd) throws Exception {
        FormatsTest.run(dir, cmd);
    }

    static final String[] FILES = {"ramp.ogg", "ramp.mp3", "ramp44.flac", "ramp.wav"};

    @BeforeEach
    void encode() throws Exception {
        for (String tool : new String[] {"sox", "oggenc", "lame", "flac"}) {
            Assumptions.assumeTrue(FormatsTest.onPath(tool), tool + " is not installed (.ci/run installs it)");
        }
        // 4 s ramps: sawtooth at 1 Hz left, 1.5 Hz right
        run("sox", "-n", "-r", "48000", "-c", "2", "-b", "16", "ramp.wav", "synth", "4", "sawtooth", "1", "sawtooth", "1.5",
                "vol", "0.5");
        run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", "ramp44.wav", "synth", "4", "sawtooth", "1", "sawtooth",
                "1.5", "vol", "0.5");
        run("oggenc", "-Q", "-q", "5", "-o", "ramp.ogg", "ramp.wav");
        run("lame", "--quiet", "--preset", "standard", "ramp.wav", "ramp.mp3");
        run("flac", "-s", "-f", "-o", "ramp44.flac", "ramp44.wav");
    }

    /** One cue per file: intro [0, 0.5 s), loop [0.5 s, 3.5 s), outro to the end. */
    private Path sheet() {
        StringBuilder cues = new StringBuilder();
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < FILES.length; i++) {
            cues.append(i > 0 ? "," : "").append("\"c").append(i).append("\": {\"tempo\": {\"bpm\": 120},")
                    .append(" \"loop\": {\"start\": ").append(LOOP_START).append(", \"end\": ").append(LOOP_END).append("},")
                    .append(" \"stems\": [{\"name\": \"ramp\", \"file\": \"").append(FILES[i]).append("\"}]}");
            states.append(i > 0 ? "," : "").append("\"s").append(i).append("\": \"c").append(i).append('"');
        }
        return Audio.writeText(dir.resolve("ramps.cues.json"), "{\"cues\": {" + cues + "}, \"states\": {" + states + "}}");
    }

    @Test
    void streamedLoopsWrapExactlyInEveryFormat() throws Exception {
        Path sheet = sheet();
        int frames = LOOP_END + 3 * (LOOP_END - LOOP_START) + 1000; // three wraps
        for (int i = 0; i < FILES.length; i++) {
            PcmData whole = PcmData.load(AudioFiles.open(dir.resolve(FILES[i]), 48_000));
            assertEquals(192_000, whole.frames(), FILES[i] + " decodes to its exact length");
            int state = i;
            Segue segue = Segue.builder().cueSheet(sheet).offline().streamThreshold(0).build();
            assertTrue(segue.streamVoices() > 0);
            Audio.Session s = new Audio.Session(segue);
            s.block = 300;
            s.at(0, g -> g.setState("s" + state));
            float[] out = s.render(frames);
            assertEquals(0, segue.streamUnderruns());
            assertTrue(s.events(SegueEvent.Type.ERROR).isEmpty(), s.events(SegueEvent.Type.ERROR).toString());
            assertPlaysTheLoop(whole, out, frames, FILES[i] + ", streamed");
        }
        // and through the streamer thread, for Ogg Vorbis
        PcmData whole = PcmData.load(AudioFiles.open(dir.resolve(FILES[0]), 48_000));
        try (Segue rt = Segue.builder().cueSheet(sheet).pull().streamThreshold(0).streamBuffer(2).build()) {
            Audio.Session s = new Audio.Session(rt);
            s.block = 256;
            s.at(0, g -> g.setState("s0"));
            float[] out = StreamingTest.renderPaced(s, frames, 3);
            assertEquals(0, rt.streamUnderruns(), s.events(SegueEvent.Type.ERROR).toString());
            assertPlaysTheLoop(whole, out, frames, "ramp.ogg, streamed in real time");
        }
    }

    /** Output frame f must be the stem's frame at the loop's position for f, bit for bit. */
    private static void assertPlaysTheLoop(PcmData whole, float[] out, int frames, String what) {
        float[] src = whole.samples();
        int len = LOOP_END - LOOP_START;
        for (int f = 0; f < frames; f++) {
            int pos = f < LOOP_END ? f : LOOP_START + (f - LOOP_START) % len;
            for (int c = 0; c < 2; c++) {
                if (Float.floatToRawIntBits(src[2 * pos + c]) != Float.floatToRawIntBits(out[2 * f + c])) {
                    fail(what + ": output frame " + f + " channel " + c + " is " + out[2 * f + c] + "; the stem's frame "
                            + pos + " is " + src[2 * pos + c]);
                }
            }
        }
    }

    /**
     * Plays a 30 s Ogg stem (larger than the decoder's read-ahead, so damage on disk is seen) streamed
     * beside a 20 s WAV in memory; {@code damage} runs before playing or after half a second.
     */
    private List<SegueEvent> breakWhilePlaying(ThrowingRunnable damage, boolean beforePlay) throws Exception {
        run("sox", "-n", "-r", "48000", "-c", "2", "-b", "16", "long.wav", "synth", "30", "sawtooth", "1", "sawtooth", "1.5",
                "vol", "0.5");
        run("oggenc", "-Q", "-q", "9", "-o", "bad.ogg", "long.wav"); // big: the read-ahead holds 4 s or less
        run("sox", "-n", "-r", "48000", "-c", "2", "-b", "16", "steady.wav", "synth", "20", "sine", "440", "vol", "0.3");
        Path sheet = Audio.writeText(dir.resolve("broken.cues.json"), "{\"cues\": {\"c\": {\"tempo\": {\"bpm\": 120},"
                + " \"loop\": {\"start\": 0}, \"stems\": [{\"name\": \"bad\", \"file\": \"bad.ogg\"},"
                + " {\"name\": \"steady\", \"file\": \"steady.wav\"}]}}, \"states\": {\"on\": \"c\"}}");
        PcmData steady = PcmData.load(AudioFiles.open(dir.resolve("steady.wav"), 48_000));
        // the bad stem (30 s) streams, the steady one (20 s) is in memory
        Segue segue = Segue.builder().cueSheet(sheet).offline().streamThreshold(25).build();
        assertEquals(4, segue.streamVoices());
        if (beforePlay) {
            damage.run();
        }
        Audio.Session s = new Audio.Session(segue);
        s.at(0, g -> g.setState("on"));
        if (!beforePlay) {
            s.at(24_000, g -> {
                try {
                    damage.run();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        int frames = 20 * 48_000;
        float[] out = s.render(frames);
        List<SegueEvent> errors = s.events(SegueEvent.Type.ERROR);
        System.out.println("StreamedFormatsTest: " + errors);
        // the steady stem plays on: once the bad one has gone silent, the output is exactly the steady one
        float[] src = steady.samples();
        int tail = frames - 1000;
        int pos = tail;
        assertTrue(Math.abs(src[2 * pos]) > 0.01f);
        assertEquals(src[2 * pos], out[2 * tail], 0f, "the rest of the music goes on: " + errors);
        assertEquals(0, segue.streamUnderruns(), "a failed stream is silence, not underruns");
        return errors;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aStreamedFileDeletedAfterLoadingIsReportedAndPlaysSilence() throws Exception {
        Path f = dir.resolve("bad.ogg");
        List<SegueEvent> errors = breakWhilePlaying(() -> Files.delete(f), true);
        assertEquals(1, errors.size(), errors.toString());
        String m = errors.get(0).message();
        assertTrue(m.contains(f.toString()) && m.contains("no such file") && m.contains("stem 'bad' of cue 'c'"), m);
    }

    @Test
    void aStreamedFileTruncatedWhilePlayingIsReportedAndPlaysSilence() throws Exception {
        Path f = dir.resolve("bad.ogg");
        List<SegueEvent> errors = breakWhilePlaying(() -> {
            long size = Files.size(f);
            try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
                r.setLength(size / 2);
            }
        }, false);
        assertEquals(1, errors.size(), errors.toString());
        String m = errors.get(0).message();
        assertTrue(m.contains(f.toString()) && m.contains("byte"), m);
    }

    @Test
    void aStreamedFileCorruptedWhilePlayingIsReportedWithItsOffset() throws Exception {
        Path f = dir.resolve("bad.ogg");
        List<SegueEvent> errors = breakWhilePlaying(() -> {
            long size = Files.size(f);
            try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
                for (long at = size * 4 / 10; at < size * 4 / 10 + 64; at++) {
                    r.seek(at);
                    int b = r.read();
                    r.seek(at);
                    r.write(b ^ 0x5A);
                }
            }
        }, false);
        assertEquals(1, errors.size(), errors.toString());
        String m = errors.get(0).message();
        assertTrue(m.contains(f.toString()) && m.contains("byte"), m);
    }
}
