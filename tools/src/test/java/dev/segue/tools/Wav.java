package dev.segue.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A WAV file read back for assertions: its fmt fields and its samples as doubles in [-1, 1]. */
record Wav(int format, int channels, int sampleRate, int bits, double[] samples) {

    long frames() {
        return samples.length / channels;
    }

    static Wav read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new AssertionError(file + ": no RIFF/WAVE header");
        }
        if (Integer.toUnsignedLong(b.getInt(4)) != b.capacity() - 8L) {
            throw new AssertionError(file + ": RIFF size " + b.getInt(4) + " does not match the file (" + b.capacity() + " bytes)");
        }
        int pos = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= b.capacity()) {
            int id = b.getInt(pos);
            int len = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // fmt
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if (format == 0xFFFE) {
                    format = b.getShort(body + 24) & 0xFFFF;
                }
            } else if (id == 0x61746164) { // data
                if (format < 0) {
                    throw new AssertionError(file + ": data before fmt");
                }
                if (body + len > b.capacity()) {
                    throw new AssertionError(file + ": data chunk runs past the end of the file");
                }
                int n = len / (bits / 8);
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    if (format == 1 && bits == 16) {
                        x[i] = b.getShort(body + 2 * i) / 32768.0;
                    } else if (format == 3 && bits == 32) {
                        x[i] = b.getFloat(body + 4 * i);
                    } else {
                        throw new AssertionError(file + ": unexpected encoding " + format + "/" + bits);
                    }
                }
                return new Wav(format, channels, rate, bits, x);
            }
            pos = body + len + (len & 1);
        }
        throw new AssertionError(file + ": no data chunk");
    }

    double peak() {
        double p = 0;
        for (double v : samples) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }
}
