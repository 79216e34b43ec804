package dev.segue;

/**
 * Where the music is.
 *
 * @param frame   the music clock in sample frames (stops while paused)
 * @param seconds the same in seconds
 * @param bar     bar of the playing cue, from 1 (0 when silent)
 * @param beat    beat in that bar, from 1 (0 when silent)
 * @param cue     the playing cue, or null when silent
 */
public record Position(long frame, double seconds, int bar, int beat, String cue) {
}
