package dev.segue.cue;

import dev.segue.time.MusicalLength;

/**
 * A one-shot cue played over the bed, quantized to the bed's grid, with a cooldown and ducking.
 *
 * @param cue         index of the cue to play once
 * @param when        {@link When#IMMEDIATE}, {@link When#NEXT_BEAT} or {@link When#NEXT_BAR}
 * @param cooldown    a request sooner than this after the last play is skipped
 * @param duckGain    linear gain applied to the bed while the stinger sounds (1 = no ducking)
 * @param duckAttack  time for the bed to reach the ducked gain
 * @param duckRelease time for the bed to come back after the stinger ends
 * @param gain        linear gain of the stinger
 */
public record Stinger(String name, int index, int cue, When when, MusicalLength cooldown, float duckGain,
        MusicalLength duckAttack, MusicalLength duckRelease, float gain) {
}
