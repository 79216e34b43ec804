package dev.segue.output;

import dev.segue.report.BugReport;
import dev.segue.spi.AudioOutput;
import dev.segue.spi.OutputFactory;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Segue's audio thread ({@code segue-audio}): renders a block, hands it to the output, repeats.
 *
 * <p>It opens the output on its own thread (OpenAL contexts are thread-local there). If the device
 * cannot be opened it plays on a {@link SilentOutput} instead, which keeps the music clock, beats and
 * callbacks in real time, and posts one notice saying so. If the device is lost while playing it
 * switches to silent output at once (the mixer never stops, so the musical position is kept), tries
 * the device again every {@code retryMillis}, and moves back to it when it opens. Notices are
 * collected by the game thread with {@link #pollNotice()}.
 */
public final class OutputDriver {
    /** Renders the next {@code frames} stereo frames into {@code out}. Called on the audio thread. */
    public interface Renderer {
        void render(float[] out, int frames);
    }

    /** What the game should hear about the output: a plain sentence and whether it is now silent. */
    public record Notice(String message, boolean silent, String device) {
    }

    private final Renderer renderer;
    private final int rate;
    private final int block;
    private final OutputFactory device;
    private final long retryNanos;
    private final Queue<Notice> notices = new ConcurrentLinkedQueue<>();
    private final CountDownLatch opened = new CountDownLatch(1);
    private final LatencyMeter latency;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile AudioOutput current;
    private volatile Throwable failure;

    private volatile long blocks;
    private volatile long renderNanosLast;
    private volatile long renderNanosMax;
    private volatile long longestGapNanos;
    private long lastStartNanos;
    private volatile double loadAverage;
    private volatile long framesWritten;
    private volatile long underrunsBefore; // underruns of outputs already closed

    /**
     * @param device opens the real device (a fresh output each call), or null to play silently
     * @param retryMillis how often to try a lost device again
     */
    public OutputDriver(Renderer renderer, int sampleRate, int blockFrames, OutputFactory device, long retryMillis) {
        this.renderer = renderer;
        this.rate = sampleRate;
        this.block = blockFrames;
        this.device = device;
        this.retryNanos = retryMillis * 1_000_000L;
        this.latency = new LatencyMeter(sampleRate, 4096);
        this.thread = BugReport.thread(this::run, "segue-audio");
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    /** Starts the audio thread and waits until it has opened its output (the device or silence). */
    public void start() {
        thread.start();
        try {
            opened.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        float[] buf = new float[block * 2];
        long blockNanos = block * 1_000_000_000L / rate;
        long nextRetry = Long.MAX_VALUE;
        AudioOutput out = null;
        try {
            out = device == null ? null : tryOpen(device.newOutput(), true);
            if (out == null) {
                out = openSilent();
                if (device == null) {
                    notices.add(new Notice("playing on the silent output, as asked: the music clock, beats and events run"
                            + " in real time with no sound", true, out.name()));
                }
            }
            current = out;
            if (out.pulls()) {
                out.attach(this::renderPulled);
            }
            opened.countDown();
            while (running) {
                if (out.pulls()) {
                    LockSupport.parkNanos(blockNanos); // the device pulls; this thread only watches it
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                } else {
                    out.awaitRoom();
                    renderTimed(buf, block, out.framesAhead());
                    out.write(buf, block);
                    framesWritten += block; // after the write: only what the output holds counts
                }
                if (out.lost()) {
                    String was = out.name();
                    String why = out.lostReason();
                    underrunsBefore += out.underruns();
                    out.close();
                    out = openSilent();
                    current = out;
                    notices.add(new Notice("audio device '" + was + "' was lost" + (why == null ? "" : " (" + why + ")") + "; playing silently (the music keeps its"
                            + " position) and trying the device again every " + retryNanos / 1_000_000 + " ms", true, out.name()));
                    nextRetry = System.nanoTime() + retryNanos;
                } else if (nextRetry != Long.MAX_VALUE && System.nanoTime() >= nextRetry) {
                    AudioOutput back = tryOpen(device.newOutput(), false);
                    if (back != null) {
                        out.close();
                        out = back;
                        current = out;
                        if (out.pulls()) {
                            out.attach(this::renderPulled);
                        }
                        nextRetry = Long.MAX_VALUE;
                        notices.add(new Notice("audio device '" + out.name() + "' is back; playing on it again", false,
                                out.name()));
                    } else {
                        nextRetry = System.nanoTime() + retryNanos;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        } finally {
            opened.countDown();
            if (out != null) {
                underrunsBefore += out.underruns();
                out.close(); // on this thread: an OpenAL output releases its thread-local context here
            }
        }
    }

    /**
     * Renders and keeps the statistics, on this thread or on the device's for a pulling output; the
     * commands posted so far are in this block, {@code framesAhead} frames play before it.
     */
    private void renderTimed(float[] buf, int frames, int framesAhead) {
        long t0 = System.nanoTime();
        latency.blockStart(t0, framesAhead);
        if (lastStartNanos != 0 && t0 - lastStartNanos > longestGapNanos) {
            longestGapNanos = t0 - lastStartNanos;
        }
        lastStartNanos = t0;
        renderer.render(buf, frames);
        long dt = System.nanoTime() - t0;
        renderNanosLast = dt;
        if (dt > renderNanosMax) {
            renderNanosMax = dt;
        }
        loadAverage += (dt * (double) rate / (frames * 1e9) - loadAverage) * 0.01;
        blocks++;
    }

    /** For a pulling output: what it renders counts as written at once. */
    private void renderPulled(float[] buf, int frames, int framesAhead) {
        renderTimed(buf, frames, framesAhead);
        framesWritten += frames;
    }

    /**
     * Opens {@code out}, or returns null (after closing it) if it cannot; the first failure is a
     * notice, and so is what the output has to say when it first opens.
     */
    private AudioOutput tryOpen(AudioOutput out, boolean first) {
        try {
            out.open(rate, block);
            String note = out.openNotice();
            if (note != null && first) {
                notices.add(new Notice(note, false, out.name()));
            }
            return out;
        } catch (Exception | LinkageError e) {
            out.close();
            if (first) {
                notices.add(new Notice("no audio device: " + e.getMessage() + ". Playing silently: the music clock, beats"
                        + " and events keep running in real time", true, "silent (no audio device)"));
            }
            return null;
        }
    }

    private AudioOutput openSilent() {
        AudioOutput s = new SilentOutput();
        try {
            s.open(rate, block);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    /** The next notice for the game, or null. */
    public Notice pollNotice() {
        return notices.poll();
    }

    /** A failure that stopped the audio thread, once; then null. */
    public Throwable takeFailure() {
        Throwable t = failure;
        failure = null;
        return t;
    }

    /** The output playing now. */
    public AudioOutput output() {
        return current;
    }

    /** The playing output's name. */
    public String outputName() {
        AudioOutput o = current;
        return o == null ? "none" : o.name();
    }

    /** True while playing on the silent output. */
    public boolean silent() {
        return current instanceof SilentOutput;
    }

    /** Underruns over every device this driver has played on. */
    public long underruns() {
        AudioOutput o = current;
        return underrunsBefore + (o == null ? 0 : o.underruns());
    }

    /** Blocks rendered so far. */
    public long blocks() {
        return blocks;
    }

    /** Frames handed to outputs so far. */
    public long framesWritten() {
        return framesWritten;
    }

    /** Render time of the last block, in nanoseconds. */
    public long renderNanosLast() {
        return renderNanosLast;
    }

    /** Longest render time of one block, in nanoseconds. */
    public long renderNanosMax() {
        return renderNanosMax;
    }

    /** The longest time between the starts of two consecutive blocks, in nanoseconds. */
    public long longestGapNanos() {
        return longestGapNanos;
    }

    /** Render time over block time, averaged over the last hundred or so blocks. */
    public double load() {
        return loadAverage;
    }

    /** Call-to-OpenAL latency of the game's commands ({@link LatencyMeter#called} after each one). */
    public LatencyMeter latency() {
        return latency;
    }

    /** Frames per block. */
    public int blockFrames() {
        return block;
    }

    /** The audio thread (for tests that check it ends). */
    Thread thread() {
        return thread;
    }

    /** Stops the audio thread, which closes its output, and waits for it (at most 2 s). */
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
