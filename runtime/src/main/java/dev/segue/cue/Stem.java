package dev.segue.cue;

import dev.segue.decode.PcmData;

/**
 * One sample-locked layer of a cue.
 *
 * @param name  the stem's name, unique in its cue
 * @param file  the path as written in the sheet, relative to the sheet's folder
 * @param audio the decoded audio
 * @param gain  static linear gain
 * @param curve parameter-driven gain, or null for none
 */
public record Stem(String name, String file, PcmData audio, float gain, GainCurve curve) {
}
