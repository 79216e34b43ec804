package dev.segue.gdx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test set-up: a one-cue sheet looping a sine, and WAV reading for what a device wrote. */
final class TestSheets {
    static final int RATE = 48_000;
    /** The tone's frequency: 880 whole cycles in its 2 s loop, so the loop is seamless. */
    static final double HZ = 440;
    static final float AMP = 0.5f;

    private TestSheets() {
    }

    /**
     * Writes {@code tone.cues.json} and its stem {@code stems/tone.wav} (2 s of a 440 Hz sine at 0.5,
     * mono 16-bit) into {@code dir}; state {@code play} loops it, {@code quiet} is silence.
     */
    static Path toneSheet(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("stems"));
        float[] s = new float[2 * RATE];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (AMP * Math.sin(2 * Math.PI * HZ * i / RATE));
        }
        Files.write(dir.resolve("stems/tone.wav"), pcm16Wav(s));
        return Files.writeString(dir.resolve("tone.cues.json"), """
            {"format": 1,
             "cues": {"tone": {"tempo": {"bpm": 240}, "loop": {"start": 0},
                               "stems": [{"name": "sine", "file": "stems/tone.wav"}]}},
             "states": {"play": "tone", "quiet": null}}
            """);
    }

    /** Mono 16-bit PCM WAV bytes at {@link #RATE}. */
    static byte[] pcm16Wav(float[] mono) {
        ByteBuffer b = ByteBuffer.allocate(44 + mono.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + mono.length * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(mono.length * 2);
        for (float v : mono) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        return b.array();
    }

    /** A WAV's samples as floats, interleaved, and its layout. */
    record Wav(int channels, int rate, float[] samples) {
        int frames() {
            return samples.length / channels;
        }
    }

    /**
     * Reads a PCM (16/24/32-bit) or float (32-bit) WAV, extensible or not. A data chunk whose size was
     * never filled in (a writer killed before it closed the file) is read to the end of the file.
     */
    static Wav readWav(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(f + " is not a WAV (" + b.remaining() + " bytes)");
        }
        int pos = 12;
        int format = 0;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if (format == 0xFFFE) {
                    format = b.getShort(body + 24) & 0xffff; // the sub-format GUID's first two bytes
                }
            } else if (id == 0x61746164) { // "data"
                int end = size <= 0 || body + (long) size > b.limit() ? b.limit() : body + size;
                int bytes = bits / 8;
                int n = (end - body) / bytes;
                float[] out = new float[n - n % Math.max(1, channels)];
                for (int i = 0; i < out.length; i++) {
                    int at = body + i * bytes;
                    out[i] = switch (bits) {
                        case 16 -> b.getShort(at) / 32768f;
                        case 24 -> ((b.get(at) & 0xff) | (b.get(at + 1) & 0xff) << 8 | b.get(at + 2) << 16) / 8388608f;
                        case 32 -> format == 3 ? b.getFloat(at) : b.getInt(at) / 2147483648f;
                        default -> throw new IOException(f + ": " + bits + "-bit samples");
                    };
                }
                return new Wav(channels, rate, out);
            }
            pos = body + size + (size & 1);
            if (size < 0) {
                break;
            }
        }
        throw new IOException(f + " has no data chunk");
    }

    /** RMS of channel {@code ch} over frames [from, to). */
    static double rms(Wav w, int ch, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double v = w.samples()[i * w.channels() + ch];
            s += v * v;
        }
        return Math.sqrt(s / Math.max(1, to - from));
    }

    /** The frequency of channel {@code ch} over [from, to) by its upward zero crossings. */
    static double zeroCrossingHz(Wav w, int ch, int from, int to) {
        int crossings = 0;
        float prev = w.samples()[from * w.channels() + ch];
        for (int i = from + 1; i < to; i++) {
            float v = w.samples()[i * w.channels() + ch];
            if (prev < 0 && v >= 0) {
                crossings++;
            }
            prev = v;
        }
        return crossings * (double) w.rate() / (to - from);
    }

    /** Every byte of {@code in}. */
    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        in.transferTo(o);
        return o.toByteArray();
    }
}
