package dev.segue.cue;

/**
 * A game parameter such as {@code intensity}. Values sent by the game are clamped to [min, max] and
 * approached smoothly: the value moves toward its target with a one-pole lag whose time constant is
 * {@code smoothingMs} (0 = no smoothing, still ramped across one block).
 */
public record Parameter(String name, int index, float min, float max, float initial, float smoothingMs) {
}
