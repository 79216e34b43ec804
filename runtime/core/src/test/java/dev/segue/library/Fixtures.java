package dev.segue.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** Real files for the library tests: synthesised audio written as WAV, then real encoders. */
public final class Fixtures {
    private Fixtures() {
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code argv} (each argument as given: spaces and Unicode survive); fails the test if it fails. */
    public static void run(Path dir, String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", argv) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", argv) + "\n" + log);
    }

    /**
     * A metronome: a decaying 1 kHz tone burst (1.6 kHz on each bar's first beat) at {@code bpm},
     * the first at {@code firstBeat} seconds, over a faint noise floor.
     */
    public static float[] clicks(int rate, double seconds, double bpm, double firstBeat) {
        int n = (int) Math.round(seconds * rate);
        float[] out = new float[n];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((r.nextDouble() - 0.5) * 0.002);
        }
        double period = 60 / bpm;
        for (int k = 0; firstBeat + k * period < seconds; k++) {
            int start = (int) Math.round((firstBeat + k * period) * rate);
            double hz = k % 4 == 0 ? 1600 : 1000;
            for (int i = 0; i < rate / 20 && start + i < n; i++) {
                double t = i / (double) rate;
                out[start + i] += (float) (0.6 * Math.exp(-t / 0.012) * Math.sin(2 * Math.PI * hz * t));
            }
        }
        return out;
    }

    /** Where the clicks of {@link #clicks} start, in seconds. */
    public static double[] clickTimes(double seconds, double bpm, double firstBeat) {
        int count = 0;
        while (firstBeat + count * 60 / bpm < seconds) {
            count++;
        }
        double[] t = new double[count];
        for (int k = 0; k < count; k++) {
            t[k] = firstBeat + k * 60 / bpm;
        }
        return t;
    }

    /** Writes mono or interleaved {@code samples} as 16-bit PCM WAV. */
    public static Path wav16(Path file, int rate, int channels, float[] samples) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples.length * 2);
        for (float s : samples) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, b.array());
        return file;
    }

    /** Encodes {@code wav} to {@code out} with the encoder {@code out}'s extension calls for, plus {@code tagArgs}. */
    public static Path encode(Path wav, Path out, List<String> tagArgs) throws IOException, InterruptedException {
        String name = out.getFileName().toString();
        List<String> cmd = new java.util.ArrayList<>();
        if (name.endsWith(".ogg")) {
            cmd.addAll(List.of("oggenc", "-Q", "-q", "3"));
            cmd.addAll(tagArgs);
            cmd.addAll(List.of("-o", out.toString(), wav.toString()));
        } else if (name.endsWith(".mp3")) {
            cmd.addAll(List.of("lame", "--quiet", "-b", "128"));
            cmd.addAll(tagArgs);
            cmd.addAll(List.of(wav.toString(), out.toString()));
        } else if (name.endsWith(".flac")) {
            cmd.addAll(List.of("flac", "--silent", "-f"));
            cmd.addAll(tagArgs);
            cmd.addAll(List.of("-o", out.toString(), wav.toString()));
        } else {
            throw new IllegalArgumentException(name);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        run(out.toAbsolutePath().getParent(), cmd.toArray(new String[0]));
        return out;
    }
}
