package com.example.game;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A WAV read into floats (16/24/32-bit PCM or 32-bit float, plain or extensible), and the checks the tests make. */
final class Wav {
    final int rate;
    final int channels;
    final float[] samples; // interleaved

    private Wav(int rate, int channels, float[] samples) {
        this.rate = rate;
        this.channels = channels;
        this.samples = samples;
    }

    int frames() {
        return samples.length / channels;
    }

    static Wav read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(file + " is not a WAV");
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
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if (format == 0xFFFE) {
                    format = b.getShort(body + 24) & 0xFFFF; // the sub-format GUID starts with the format code
                }
            } else if (id == 0x61746164) { // "data": to the end if the size was never written
                int bytes = size <= 0 || body + size > b.limit() ? b.limit() - body : size;
                int width = bits / 8;
                float[] s = new float[bytes / width];
                for (int i = 0; i < s.length; i++) {
                    int at = body + i * width;
                    s[i] = format == 3 ? b.getFloat(at)
                            : bits == 16 ? b.getShort(at) / 32768f
                            : bits == 24 ? ((b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8 | b.get(at + 2) << 16) / 8388608f
                            : b.getInt(at) / 2147483648f;
                }
                return new Wav(rate, channels, s);
            }
            pos = body + size + (size & 1);
        }
        throw new IOException(file + " has no data chunk");
    }

    /** Channel {@code c} of frames [from, from + n). */
    float[] channel(int c, int from, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = samples[(from + i) * channels + c];
        }
        return out;
    }

    static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * (double) v;
        }
        return Math.sqrt(sum / x.length);
    }

    /** RMS of the part of {@code x} at {@code hz} (Goertzel over the whole window). */
    static double toneRms(float[] x, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double re = 0;
        double im = 0;
        for (int i = 0; i < x.length; i++) {
            re += x[i] * Math.cos(w * i);
            im -= x[i] * Math.sin(w * i);
        }
        return Math.sqrt(re * re + im * im) * 2 / x.length / Math.sqrt(2);
    }

    /**
     * The best normalized correlation of {@code window} with {@code reference} at any lag in
     * [0, maxLag): 1 means the same waveform at some gain.
     */
    static double bestCorrelation(float[] window, float[] reference, int maxLag) {
        double ww = 0;
        for (float v : window) {
            ww += v * (double) v;
        }
        double best = -1;
        for (int lag = 0; lag < maxLag && lag + window.length <= reference.length; lag++) {
            double wr = 0;
            double rr = 0;
            for (int i = 0; i < window.length; i++) {
                float r = reference[lag + i];
                wr += window[i] * (double) r;
                rr += r * (double) r;
            }
            if (rr > 0 && ww > 0) {
                best = Math.max(best, wr / Math.sqrt(ww * rr));
            }
        }
        return best;
    }

    /** Writes mono 16-bit PCM at {@code rate}. */
    static Path writeMono16(Path file, int rate, float[] s) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + s.length * 2).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(s.length * 2);
        for (float v : s) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
        }
        return Files.write(file, b.array());
    }
}
