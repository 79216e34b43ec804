package dev.segue;

/**
 * Receives Segue's events. Called on the game thread, inside {@link Segue#update()}, never on the
 * audio thread; so a listener may touch game state freely.
 */
@FunctionalInterface
public interface SegueListener {
    void onEvent(SegueEvent event);
}
