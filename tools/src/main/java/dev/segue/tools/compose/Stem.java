package dev.segue.tools.compose;

import dev.segue.tools.Synth;

/**
 * One stem being rendered: a stereo timeline of intro, loop pass 1, loop pass 2 and outro, onto which
 * parts place notes. Each part is told the section it is writing (its origin on the timeline); a
 * note's noise is seeded by where it falls in its section, so both loop passes are sample-identical and
 * the second pass, which starts with the first pass's ring-out, wraps onto itself without a seam.
 */
final class Stem {
    /** The sections a part is asked to write. */
    enum Section { INTRO, LOOP, OUTRO }

    final String name;
    final Form form;
    final double[] left;
    final double[] right;
    private final long seed;
    private Section section;
    private int origin;

    Stem(String name, Form form, long seed, int tail) {
        this.name = name;
        this.form = form;
        this.seed = seed;
        int n = form.timelineFrames(tail);
        this.left = new double[n];
        this.right = new double[n];
    }

    /** Runs {@code part} once for each section of the timeline: intro, loop twice, outro. */
    Stem write(Part part) {
        Form f = form;
        if (f.introBars() > 0) {
            run(part, Section.INTRO, 0);
        }
        if (f.loops()) {
            run(part, Section.LOOP, f.introBars() * f.bar());
            run(part, Section.LOOP, (f.introBars() + f.loopBars()) * f.bar());
        }
        if (f.outroBars() > 0) {
            run(part, Section.OUTRO, (f.introBars() + 2 * f.loopBars()) * f.bar());
        }
        return this;
    }

    private void run(Part part, Section s, int at) {
        section = s;
        origin = at;
        part.write(this, s);
    }

    /** A seed for a note at {@code frame} of the current section: the same in both loop passes. */
    long seed(int frame, double pitch) {
        long h = seed * 0x9E3779B97F4A7C15L + section.ordinal() * 0x632BE59BD9B4E019L + frame * 0xD1B54A32D192ED03L
                + (long) (pitch * 1000);
        return h ^ (h >>> 29);
    }

    /** Adds a mono note at {@code frame} of the current section, panned (-1 left .. 1 right). */
    void add(int frame, double[] note, double gain, double pan) {
        double[] p = Synth.pan(pan);
        int at = origin + frame;
        checkFits(at, note.length);
        for (int i = 0; i < note.length; i++) {
            left[at + i] += note[i] * gain * p[0];
            right[at + i] += note[i] * gain * p[1];
        }
    }

    /** Adds a stereo note ({@code {left, right}}) at {@code frame} of the current section. */
    void add(int frame, double[][] note, double gain) {
        int at = origin + frame;
        checkFits(at, note[0].length);
        for (int i = 0; i < note[0].length; i++) {
            left[at + i] += note[0][i] * gain;
            right[at + i] += note[1][i] * gain;
        }
    }

    private void checkFits(int at, int length) {
        if (at < 0 || at + length > left.length) {
            throw new IllegalStateException(name + ": a note at frame " + at + " of " + length
                    + " frames falls outside the timeline of " + left.length);
        }
    }

    /**
     * The file: the intro (its last {@code crossfade} frames crossfading, equal power, into the end of
     * the first loop pass, which is what leads into the second), the second loop pass, then the outro.
     * The file's last 10 ms fade to exact silence.
     */
    double[][] assemble(int crossfade) {
        Form f = form;
        int intro = f.introBars() * f.bar();
        int loop = f.loopFrames();
        int outroFrom = intro + 2 * loop;
        int n = f.fileFrames();
        double[][] out = new double[2][n];
        double[][] src = {left, right};
        for (int c = 0; c < 2; c++) {
            double[] s = src[c];
            double[] o = out[c];
            if (!f.loops()) {
                System.arraycopy(s, 0, o, 0, n);
                continue;
            }
            int xf = intro == 0 ? 0 : Math.min(crossfade, intro);
            for (int t = 0; t < intro; t++) {
                int k = t - (intro - xf);
                if (k < 0) {
                    o[t] = s[t];
                } else {
                    double x = (k + 0.5) / xf;
                    o[t] = s[t] * StrictMath.cos(x * StrictMath.PI / 2) + s[t + loop] * StrictMath.sin(x * StrictMath.PI / 2);
                }
            }
            System.arraycopy(s, intro + loop, o, intro, loop);
            System.arraycopy(s, outroFrom, o, intro + loop, n - intro - loop);
        }
        for (double[] o : out) {
            Synth.fadeOutEnd(o, Synth.frames(0.01));
        }
        return out;
    }

    /** A part: writes its notes for one section. */
    interface Part {
        void write(Stem stem, Section section);
    }
}
