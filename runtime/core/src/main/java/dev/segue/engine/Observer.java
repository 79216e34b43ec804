package dev.segue.engine;

import dev.segue.control.EventRing;

/**
 * Hears what a {@link Host} delivers in {@link Host#update()}, on the thread that calls it, in order:
 * each event the audio thread wrote (with the engine whose sheet its indices refer to) and each
 * {@link Note}. The facade's event translation is one observer; custom-soundtrack playback another.
 */
public interface Observer {
    /** An event of {@code engine}'s ring; {@code slot} is reused after this returns. */
    default void event(Engine engine, EventRing.Slot slot) {
    }

    /** A note from the game side. */
    default void note(Note note) {
    }
}
