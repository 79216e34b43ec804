package dev.segue.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes 16-bit PCM RIFF/WAVE files: the canonical 44-byte header followed by the samples. */
public final class WavWriter {
    private WavWriter() {
    }

    /**
     * Encodes interleaved samples in [-1, 1] (values outside are clipped) as a 16-bit PCM WAV.
     * Rounding is plain round-half-up with no dither, so the bytes depend on the samples only.
     */
    public static byte[] encode16(double[] interleaved, int channels, int sampleRate) {
        if (channels < 1 || interleaved.length % channels != 0) {
            throw new IllegalArgumentException(interleaved.length + " samples do not split into " + channels + " channels");
        }
        int dataBytes = interleaved.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952); // "RIFF"
        b.putInt(36 + dataBytes);
        b.putInt(0x45564157); // "WAVE"
        b.putInt(0x20746d66); // "fmt "
        b.putInt(16);
        b.putShort((short) 1); // PCM
        b.putShort((short) channels);
        b.putInt(sampleRate);
        b.putInt(sampleRate * channels * 2);
        b.putShort((short) (channels * 2));
        b.putShort((short) 16);
        b.putInt(0x61746164); // "data"
        b.putInt(dataBytes);
        for (double v : interleaved) {
            b.putShort(toPcm16(v));
        }
        return b.array();
    }

    /** One sample in [-1, 1] (clipped outside) as 16-bit PCM, rounded half up. */
    public static short toPcm16(double v) {
        double c = Math.max(-1.0, Math.min(1.0, v));
        return (short) Math.floor(c * 32767.0 + 0.5);
    }

    /** Writes {@link #encode16} to {@code file}, creating its folder. */
    public static void write16(Path file, double[] interleaved, int channels, int sampleRate) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, encode16(interleaved, channels, sampleRate));
    }
}
