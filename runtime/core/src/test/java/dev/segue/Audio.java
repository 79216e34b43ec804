package dev.segue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Test toolkit: writes stems, writes sheets, renders sessions into memory. */
final class Audio {
    static final int RATE = 48_000;

    private Audio() {
    }

    /** Writes interleaved float samples as a 32-bit float WAV. */
    static Path writeFloatWav(Path file, int channels, float[] samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        int data = samples.length * 4;
        b.putInt(0x46464952).putInt(36 + data).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 3).putShort((short) channels).putInt(RATE)
                .putInt(RATE * channels * 4).putShort((short) (channels * 4)).putShort((short) 32);
        b.putInt(0x61746164).putInt(data);
        for (float s : samples) {
            b.putFloat(s);
        }
        return write(file, b.array());
    }

    /** Writes interleaved samples as 16-bit PCM WAV. */
    static Path writePcm16Wav(Path file, int channels, float[] samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        int data = samples.length * 2;
        b.putInt(0x46464952).putInt(36 + data).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) channels).putInt(RATE)
                .putInt(RATE * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        b.putInt(0x61746164).putInt(data);
        for (float s : samples) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32768))));
        }
        return write(file, b.array());
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeText(Path file, String text) {
        return write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static float[] constant(int frames, float v) {
        float[] a = new float[frames];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static float[] impulseAt(int frames, int at, float v) {
        float[] a = new float[frames];
        a[at] = v;
        return a;
    }

    static float[] noise(int frames, long seed, float amp) {
        Random r = new Random(seed);
        float[] a = new float[frames];
        for (int i = 0; i < frames; i++) {
            a[i] = (float) (r.nextGaussian() * amp);
        }
        return a;
    }

    static float[] sine(int frames, double hz, float amp) {
        float[] a = new float[frames];
        for (int i = 0; i < frames; i++) {
            a[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return a;
    }

    static Segue offline(Path sheet) {
        return Segue.builder().cueSheet(sheet).offline().build();
    }

    /** A session: actions at exact frames, rendered in blocks of {@code block} frames. */
    static final class Session {
        final Segue segue;
        final TreeMap<Long, List<Consumer<Segue>>> actions = new TreeMap<>();
        final List<SegueEvent> events = new ArrayList<>();
        int block = 512;

        Session(Segue segue) {
            this.segue = segue;
            segue.addListener(events::add);
        }

        Session at(long frame, Consumer<Segue> action) {
            actions.computeIfAbsent(frame, k -> new ArrayList<>()).add(action);
            return this;
        }

        private long rendered;

        /** Renders {@code frames} frames; returns interleaved stereo. */
        float[] render(int frames) {
            return renderNext(frames);
        }

        /** Renders the next {@code frames} frames of the session (actions keep their absolute frames). */
        float[] renderNext(int frames) {
            float[] out = new float[frames * 2];
            float[] buf = new float[block * 2];
            long f = rendered;
            long end = rendered + frames;
            while (f < end) {
                for (Consumer<Segue> a : actions.getOrDefault(f, List.of())) {
                    a.accept(segue);
                }
                Long nextAction = actions.higherKey(f);
                long limit = Math.min(end, nextAction == null ? Long.MAX_VALUE : nextAction);
                int n = (int) Math.min(block, limit - f);
                segue.render(buf, n);
                System.arraycopy(buf, 0, out, (int) (f - rendered) * 2, n * 2);
                f += n;
                segue.update();
            }
            rendered = end;
            return out;
        }

        List<SegueEvent> events(SegueEvent.Type type) {
            return events.stream().filter(e -> e.type() == type).toList();
        }
    }

    static float left(float[] stereo, long frame) {
        return stereo[(int) frame * 2];
    }

    static float right(float[] stereo, long frame) {
        return stereo[(int) frame * 2 + 1];
    }

    /** First frame whose left or right sample magnitude exceeds {@code threshold}, or -1. */
    static long firstAbove(float[] stereo, long from, float threshold) {
        for (long f = from; f < stereo.length / 2; f++) {
            if (Math.abs(left(stereo, f)) > threshold || Math.abs(right(stereo, f)) > threshold) {
                return f;
            }
        }
        return -1;
    }

    /** RMS of both channels over [from, from + n). */
    static double rms(float[] stereo, long from, int n) {
        double s = 0;
        for (long f = from; f < from + n; f++) {
            s += left(stereo, f) * left(stereo, f) + right(stereo, f) * right(stereo, f);
        }
        return Math.sqrt(s / (2.0 * n));
    }
}
