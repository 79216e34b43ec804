package dev.segue.openal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import dev.segue.spi.OutputFactory;

/**
 * Test bridge to the real OpenAL path without a sound card: outputs made by {@link #factory()} play
 * on OpenAL Soft loopback devices ({@code ALC_SOFT_loopback}), which mix only when the test pulls
 * samples with {@link #render}; the audio thread's pacing then follows the test exactly.
 */
public final class LoopbackRig {
    private final int queueBuffers;
    private final OpenAlOutput.Format format;
    private final boolean dither;
    private final List<OpenAlOutput> made = new CopyOnWriteArrayList<>();
    private final List<OpenAlCallbackOutput> pulling = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final List<long[]> opened = new CopyOnWriteArrayList<>();

    public LoopbackRig(int queueBuffers, boolean pcm16, boolean dither) {
        this.queueBuffers = queueBuffers;
        this.format = pcm16 ? OpenAlOutput.Format.PCM16 : OpenAlOutput.Format.AUTO;
        this.dither = dither;
    }

    /** Outputs on fresh loopback devices; the next {@link #failNextOpens} opens fail as if unplugged. */
    public OutputFactory factory() {
        return () -> {
            OpenAlOutput o = new OpenAlOutput(this::openLoopback, queueBuffers, format, dither);
            made.add(o);
            return o;
        };
    }

    /**
     * Callback-mode outputs ({@code AL_SOFT_callback_buffer}) on fresh loopback devices: OpenAL Soft
     * calls the mixer from inside {@link #renderPulled}, on the test's own thread, for exactly what it
     * mixes.
     */
    public OutputFactory callbackFactory() {
        return () -> {
            OpenAlCallbackOutput o = new OpenAlCallbackOutput(this::openLoopback);
            pulling.add(o);
            return o;
        };
    }

    /** Pulls {@code frames} frames from the current callback-mode output's loopback device. */
    public void renderPulled(float[] out, int frames) {
        pulling.get(pulling.size() - 1).device().render(out, frames);
    }

    /** Callback-mode outputs made so far. */
    public int pulledMade() {
        return pulling.size();
    }

    /** Makes the current callback-mode output's device report itself disconnected. */
    public void disconnectPulled() {
        pulling.get(pulling.size() - 1).device().simulateDisconnect();
    }

    /** True once the current callback-mode output has closed its device. */
    public boolean pulledClosed() {
        return pulling.get(pulling.size() - 1).device() == null;
    }

    /** True once the current callback-mode output is open and its source is playing (the renderer attached). */
    public boolean pulledReady() {
        return !pulling.isEmpty() && pulling.get(pulling.size() - 1).attached();
    }

    /** A fresh loopback device, unless a failure was asked for ({@link #failNextOpens}). */
    private AlDevice openLoopback(int rate) throws OutputUnavailableException {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new OutputUnavailableException("loopback device unplugged (test)");
        }
        AlDevice d = AlDevice.openLoopback(rate);
        opened.add(new long[] {d.device, d.context});
        return d;
    }

    public void failNextOpens(int n) {
        failNext.set(n);
    }

    /** The most recently made output. */
    public OpenAlOutput current() {
        return made.get(made.size() - 1);
    }

    public int outputsMade() {
        return made.size();
    }

    /** Pulls {@code frames} frames from the current output's loopback device. */
    public void render(float[] out, int frames) {
        current().device().render(out, frames);
    }

    /** True once the current output is open and parked waiting for OpenAL to finish a buffer. */
    public boolean idle() {
        OpenAlOutput o = current();
        return o.device() != null && o.waiting();
    }

    /** Frames queued on the current output's source and not yet pulled. */
    public int queued() {
        return current().queuedFrames();
    }

    public int alErrors() {
        return current().alErrors();
    }

    public boolean currentIsFloat32() {
        return current().isFloat32();
    }

    /** Makes the current device report itself disconnected. */
    public void disconnect() {
        current().device().simulateDisconnect();
    }

    /** True once the current output has closed its device. */
    public boolean currentClosed() {
        return current().device() == null;
    }

    /** The native device and context handles of every loopback device opened so far. */
    public List<long[]> nativeHandles() {
        return opened;
    }

    /**
     * True if OpenAL Soft still knows the device or the context: it validates handles against its
     * own lists, so asking about a closed one is safe (and answers false).
     */
    public static boolean stillOpen(long[] deviceAndContext) {
        return org.lwjgl.openal.ALC10.alcGetContextsDevice(deviceAndContext[1]) != 0;
    }

    /** Live OpenAL handles across every output: "devices=0 contexts=0 sources=0 buffers=0" when all are released. */
    public static String handles() {
        return Handles.describe();
    }

    /** Waits up to {@code millis} for {@code condition}; returns it. */
    public static boolean await(BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
