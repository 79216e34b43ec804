package dev.segue.library;

import dev.segue.decode.AudioFiles;
import dev.segue.decode.PcmSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** One pass over a song's audio: the onset envelope for the beat tracker and the loudness meter together. */
final class Analyzer {
    private Analyzer() {
    }

    /** Analyses {@code file}; null if cancelled. */
    static SongAnalysis analyze(Path file, BooleanSupplier cancelled) throws IOException {
        try (PcmSource s = AudioFiles.open(file)) {
            LoudnessMeter meter = s.channels() <= 2 ? new LoudnessMeter(s.sampleRate(), s.channels()) : null;
            OnsetEnvelope env = OnsetEnvelope.of(s, cancelled, meter == null ? null : meter::accept);
            if (env == null) {
                return null;
            }
            BeatGrid beats = BeatTracker.track(env);
            if (meter == null) {
                return new SongAnalysis(beats, Double.NaN, Double.NaN, Double.NaN);
            }
            return new SongAnalysis(beats, meter.integratedLufs(), meter.truePeakDbtp(), meter.loudnessRangeLu());
        }
    }
}
