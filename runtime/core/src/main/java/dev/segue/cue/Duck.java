package dev.segue.cue;

import dev.segue.time.MusicalLength;

/**
 * A named duck the game holds on and off (for dialogue, a pause menu): while held, the music (all but
 * stingers) is lowered to {@code gain} with an S-curve {@code attack}, and comes back over
 * {@code release} when let go.
 *
 * @param index position in {@link CueSheet#ducks()}
 * @param gain  linear gain while held (0..1)
 */
public record Duck(String name, int index, float gain, MusicalLength attack, MusicalLength release) {
}
