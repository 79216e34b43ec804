package dev.segue.tools.compose;

import dev.segue.tools.Synth;

/**
 * The shape of a cue in frames: tempo, meter, and intro, loop and outro lengths in bars. The rendering
 * timeline is intro, the loop twice, then the outro (see {@link Stem}); the file keeps the intro, the
 * second loop pass and the outro.
 *
 * @param bpm beats a minute; {@code 60 * RATE / bpm} must be a whole number of frames
 * @param beatsPerBar beats in a bar
 * @param introBars bars before the loop (0 for none)
 * @param loopBars bars in the loop (0 for a cue that plays once)
 * @param outroBars bars after the loop, or the whole cue when it does not loop
 */
record Form(int bpm, int beatsPerBar, int introBars, int loopBars, int outroBars) {
    Form {
        if ((60L * Synth.RATE) % bpm != 0) {
            throw new IllegalArgumentException(bpm + " BPM is not a whole number of frames a beat");
        }
    }

    /** A cue that plays once: {@code bars} long. */
    static Form once(int bpm, int beatsPerBar, int bars) {
        return new Form(bpm, beatsPerBar, 0, 0, bars);
    }

    int beat() {
        return 60 * Synth.RATE / bpm;
    }

    int bar() {
        return beat() * beatsPerBar;
    }

    int loopFrames() {
        return loopBars * bar();
    }

    /** Frames in the file the engine plays. */
    int fileFrames() {
        return (introBars + loopBars + outroBars) * bar();
    }

    /** Frames of the rendering timeline: intro, two loop passes, outro, and a tail for the reverb to ring. */
    int timelineFrames(int tail) {
        return (introBars + 2 * loopBars + outroBars) * bar() + tail;
    }

    boolean loops() {
        return loopBars > 0;
    }

    /** A frame offset from bar 1 beat 1 of a section: {@code bar} and {@code beat} 0-based, beats may be fractional. */
    int at(int bar, double beat) {
        return bar * bar() + (int) StrictMath.round(beat * beat());
    }
}
