package dev.segue.library;

/**
 * What the library measured of a song: its beats and its loudness. With these a song can play at the
 * score's loudness and its transitions can land on its beats.
 *
 * @param beats            tempo and beat grid
 * @param integratedLufs   EBU R128 integrated loudness, LUFS ({@link LoudnessMeter#SILENCE} for
 *                         silence; NaN when not measured, as in an index from an older Segue; a song of more
 *                         than two channels is measured as the stereo it is folded to)
 * @param truePeakDbtp     true peak, dBTP (same conventions)
 * @param loudnessRangeLu  EBU Tech 3342 loudness range, LU
 */
public record SongAnalysis(BeatGrid beats, double integratedLufs, double truePeakDbtp, double loudnessRangeLu) {
    /**
     * The gain in dB that brings this song to {@code targetLufs}, lowered where needed so its true
     * peak stays at or below {@code peakCeilingDbtp} (a quiet song with sharp peaks is raised only
     * as far as its peaks allow). 0 when the loudness is unknown or the song is silent.
     */
    public double gainDb(double targetLufs, double peakCeilingDbtp) {
        if (!Double.isFinite(integratedLufs)) {
            return 0;
        }
        double gain = targetLufs - integratedLufs;
        if (Double.isFinite(truePeakDbtp)) {
            gain = Math.min(gain, peakCeilingDbtp - truePeakDbtp);
        }
        return gain;
    }
}
