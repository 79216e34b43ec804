package dev.segue.output;

import dev.segue.spi.AudioOutput;
import java.util.concurrent.locks.LockSupport;

/**
 * An output that plays nothing but keeps real time: each block "plays" for exactly its duration
 * on the wall clock, so the music clock, beats and callbacks run as if a device were there. Used
 * when no audio device can be opened.
 */
public final class SilentOutput implements AudioOutput {
    private int rate;
    private long startNanos;
    private long framesWritten;
    /** How far ahead of the wall clock rendering may run, in frames (a device's queue). */
    private long ahead;

    @Override
    public void open(int sampleRate, int blockFrames) {
        rate = sampleRate;
        ahead = 2L * blockFrames;
        startNanos = System.nanoTime();
        framesWritten = 0;
    }

    @Override
    public void write(float[] interleaved, int frames) throws InterruptedException {
        framesWritten += frames;
        while (true) {
            long played = (System.nanoTime() - startNanos) * rate / 1_000_000_000L;
            long lead = framesWritten - played;
            if (lead <= ahead) {
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            LockSupport.parkNanos((lead - ahead) * 1_000_000_000L / rate);
        }
    }

    /** Frames written ahead of the wall clock. */
    @Override
    public int framesAhead() {
        long played = (System.nanoTime() - startNanos) * rate / 1_000_000_000L;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, framesWritten - played));
    }

    @Override
    public String name() {
        return "silent (no audio device)";
    }

    @Override
    public void close() {
    }
}
