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
        try (PcmSource s = AudioFiles.open(file)) { // mono or stereo: more channels are folded to stereo
            LoudnessMeter meter = new LoudnessMeter(s.sampleRate(), s.channels());
            OnsetEnvelope env = OnsetEnvelope.of(s, cancelled, meter::accept);
            if (env == null) {
                return null;
            }
            BeatGrid beats = BeatTracker.track(env);
            return new SongAnalysis(beats, meter.integratedLufs(), meter.truePeakDbtp(), meter.loudnessRangeLu());
        }
    }
}
