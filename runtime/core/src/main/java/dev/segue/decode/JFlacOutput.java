package dev.segue.decode;

import java.io.PrintStream;

/**
 * jFLAC 1.5.2 prints {@code readResidual elsecase, pEsc = N} to {@code System.out} for every
 * escape-coded residual partition it reads: hundreds of lines a second from a damaged file (and from
 * valid files whose encoder used escape codes), in a game's console. {@link #quiet()} puts a filter in
 * front of {@code System.out} that drops exactly those lines and passes everything else through as
 * it was; it is checked at every FLAC open, so a game that sets its own {@code System.out} later is
 * wrapped in turn.
 */
final class JFlacOutput {
    private static final String NOISE = "readResidual elsecase";

    private JFlacOutput() {
    }

    /** Makes sure {@code System.out} drops jFLAC's debugging lines. */
    static void quiet() {
        PrintStream out = System.out;
        if (!(out instanceof Filter)) {
            synchronized (JFlacOutput.class) {
                if (!(System.out instanceof Filter)) {
                    System.setOut(new Filter(System.out));
                }
            }
        }
    }

    /** {@code System.out} as it was, without jFLAC's lines. */
    static final class Filter extends PrintStream {
        private final PrintStream to;

        Filter(PrintStream to) {
            super(to, true);
            this.to = to;
        }

        @Override
        public void println(String x) {
            if (x == null || !x.startsWith(NOISE)) {
                to.println(x);
            }
        }
    }
}
