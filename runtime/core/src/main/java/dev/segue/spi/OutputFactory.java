package dev.segue.spi;

import java.util.List;

/**
 * Makes the real-time outputs Segue plays on; pass one to
 * {@link dev.segue.SegueBuilder#output(OutputFactory)}. Each {@link #newOutput()} is a fresh,
 * unopened output: Segue's audio thread opens it, and makes another when a lost device is tried
 * again.
 *
 * <p>An output module also registers its factory as a {@link java.util.ServiceLoader} service (in
 * {@code META-INF/services/dev.segue.spi.OutputFactory} and, for the module path, a
 * {@code provides} clause), with a public no-argument constructor giving its defaults: a game that
 * names no output plays on the registered factory of highest {@link #priority()}, and on the
 * silent output (clock and events in real time, no sound) with one
 * {@link dev.segue.SegueEvent.Type#OUTPUT} event when there is none.
 */
public interface OutputFactory {

    /** A fresh, unopened output. Called on Segue's audio thread. */
    AudioOutput newOutput();

    /** What this factory plays on, for logs and the options screen ("OpenAL", "libGDX AudioDevice"). */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** The devices this factory can play on, the system default first; empty if it cannot tell. */
    default List<String> devices() {
        return List.of();
    }

    /**
     * This factory on the named device (one of {@link #devices()}); {@code null} is the system
     * default. A factory without a choice of device returns itself.
     */
    default OutputFactory onDevice(String device) {
        return this;
    }

    /** Among registered factories, the highest is the default; 0 unless the module says otherwise. */
    default int priority() {
        return 0;
    }
}
