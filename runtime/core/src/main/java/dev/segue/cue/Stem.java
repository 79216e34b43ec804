package dev.segue.cue;

import dev.segue.decode.PcmData;
import dev.segue.decode.StreamedPcm;

/**
 * One sample-locked layer of a cue. Its audio is either decoded whole into memory ({@code audio}) or,
 * when the file is longer than the loader's streaming threshold, streamed ({@code stream}): exactly
 * one of the two is set.
 *
 * @param name   the stem's name, unique in its cue
 * @param file   the path as written in the sheet, relative to the sheet's folder
 * @param audio  the decoded audio, or null if streamed
 * @param stream the streamed file's definition, or null if in memory
 * @param gain   static linear gain
 * @param curve  parameter-driven gain, or null for none
 */
public record Stem(String name, String file, PcmData audio, StreamedPcm stream, float gain, GainCurve curve) {

    /** Frames of audio at the mixer rate. */
    public long frames() {
        return audio != null ? audio.frames() : stream.frames();
    }

    /** Whether the stem is streamed from its file rather than held in memory. */
    public boolean streamed() {
        return stream != null;
    }
}
