package dev.segue;

import java.util.List;
import java.util.Map;

/**
 * A cue's timeline, in frames at the mixer rate, for drawing it: sections, markers, and its bar and
 * beat grid. From {@link Segue#cueInfo(String)}.
 *
 * @param name      the cue's name
 * @param length    frames in its timeline
 * @param loopStart first frame of the loop, or -1 if it does not loop
 * @param loopEnd   frame after the loop's last, or -1
 * @param entry     where it starts when entered at its entry cue
 * @param exits     frames where an {@code exitCue} transition may leave
 * @param stems     its stems' names, in sheet order
 * @param markers   its markers: name → frame, in timeline order
 * @param bars      the frame of each bar line from the start up to the end
 * @param beats     the frame of each beat from the start up to the end
 */
public record CueInfo(String name, long length, long loopStart, long loopEnd, long entry, long[] exits,
        List<String> stems, Map<String, Long> markers, long[] bars, long[] beats) {
}
