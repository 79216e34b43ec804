package dev.segue.output;

import java.util.List;
import java.util.function.Supplier;

/** The OpenAL output as the rest of the runtime sees it: device listing and a factory. */
public final class OpenAl {
    private OpenAl() {
    }

    /**
     * A factory of outputs on the named OpenAL device ({@code null}: the system default), each
     * queueing {@code queueBuffers} blocks. Each call of the supplier makes a fresh, unopened output.
     */
    public static Supplier<AudioOutput> output(String deviceName, int queueBuffers) {
        if (queueBuffers < 2 || queueBuffers > 64) {
            throw new IllegalArgumentException("queue of " + queueBuffers + " buffers outside 2..64");
        }
        return () -> new OpenAlOutput(rate -> AlDevice.open(deviceName, rate), queueBuffers, OpenAlOutput.Format.AUTO, true);
    }

    /**
     * A factory of callback-mode outputs ({@code AL_SOFT_callback_buffer}) on the named device, each
     * falling back to a queue of {@code queueBuffers} blocks on a device without that extension.
     */
    public static Supplier<AudioOutput> callbackOutput(String deviceName, int queueBuffers) {
        Supplier<AudioOutput> queue = output(deviceName, queueBuffers);
        return () -> new CallbackOrQueue(() -> new OpenAlCallbackOutput(rate -> AlDevice.open(deviceName, rate)), queue);
    }

    /**
     * Asks OpenAL Soft for {@code periodFrames}-frame mixing periods (at 48 kHz), {@code periods} of
     * them in the device buffer, for every device the process opens from now on (see
     * {@link OpenAlSoftConfig}); 0 frames asks nothing. Null when set, else why not. A device that
     * opens at another period says so in its {@link AudioOutput#openNotice()}.
     */
    public static String configure(int periodFrames, int periods) {
        return OpenAlSoftConfig.request(periodFrames, periods);
    }

    /**
     * A device's whole buffer in nanoseconds: what it holds when the mixer has just filled it, so how
     * long OpenAL's mixer thread may be held up before the device runs dry (in callback mode, an
     * underrun). Its own latency plus the period being filled, at least two periods; an unknown
     * period (0) counts as OpenAL Soft's default 20 ms.
     */
    public static long bufferNanos(int periodFrames, long latencyNanos, int rate) {
        long period = periodFrames > 0 ? periodFrames * 1_000_000_000L / rate : 20_000_000L;
        return Math.max(2 * period, latencyNanos + period);
    }

    /** Output devices OpenAL can open, the default first; empty when OpenAL cannot load here. */
    public static List<String> devices() {
        return AlDevice.devices();
    }
}
