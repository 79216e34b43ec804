package dev.segue.library;

import java.util.Arrays;

/**
 * A song's estimated tempo and beats: what lets a context change, a stinger or a fade over a
 * player's song land on its beat.
 *
 * @param bpm        the tempo, beats per minute
 * @param firstBeat  the first beat, in sample frames of the song from its start
 * @param beats      every beat found, in sample frames, ascending
 * @param sampleRate the song's frames per second
 * @param confidence how clearly the song has a beat, 0 to 1: its pulse's autocorrelation peak above the
 *                   median over the tempo range, relative to its energy. Grooves and click tracks
 *                   score about 0.3 to 0.95; music with no percussive onsets (pads, sustained
 *                   strings) under 0.1, its tempo then a guess not to quantize on
 */
public record BeatGrid(double bpm, long firstBeat, long[] beats, int sampleRate, double confidence) {
    /** Copies the beats. */
    public BeatGrid {
        beats = beats.clone();
    }

    /** The beats (a copy). */
    @Override
    public long[] beats() {
        return beats.clone();
    }

    /** How many beats. */
    public int beatCount() {
        return beats.length;
    }

    /** Beat {@code i} in frames. */
    public long beat(int i) {
        return beats[i];
    }

    /** The first beat at or after {@code frame}, or -1 if none remains. */
    public long nextBeat(long frame) {
        int i = Arrays.binarySearch(beats, frame);
        int at = i >= 0 ? i : -i - 1;
        return at < beats.length ? beats[at] : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BeatGrid g && g.bpm == bpm && g.firstBeat == firstBeat && Arrays.equals(g.beats, beats)
                && g.sampleRate == sampleRate && g.confidence == confidence;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(bpm) * 31 + Arrays.hashCode(beats);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "BeatGrid[%.2f bpm, first beat %d, %d beats, %d Hz, confidence %.2f]",
                bpm, firstBeat, beats.length, sampleRate, confidence);
    }
}
