package dev.segue;

import dev.segue.cue.SheetException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A cue sheet that cannot be loaded. {@link #errors()} lists every problem found, each as
 * {@code json.path: plain sentence}, so a composer can fix them all in one pass; {@link #problems()}
 * gives the same with the line and column of the sheet where each one is.
 */
public class CueSheetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * One problem in a sheet.
     *
     * @param path    the JSON path of the value concerned ({@code cues.boss.stems[2].file}), {@code $}
     *                for the whole document
     * @param line    1-based line in the sheet where that value (or, if it is missing, the object that
     *                should hold it) is written; 0 if unknown
     * @param column  1-based column there; 0 if unknown
     * @param message a plain sentence saying what is wrong
     */
    public record Problem(String path, int line, int column, String message) {
        /** {@code path: message}, as in {@link CueSheetException#errors()}; the message alone for the whole document. */
        @Override
        public String toString() {
            return path.equals("$") ? message : path + ": " + message;
        }
    }

    /**
     * A stem whose audio could not be read.
     *
     * @param cue    its cue
     * @param stem   its name
     * @param file   the file as the sheet names it
     * @param reason what is wrong with it
     */
    public record StemFailure(String cue, String stem, String file, String reason) {
    }

    private final String sheet;
    private final List<String> errors;
    private final transient List<Problem> problems;
    private final transient List<StemFailure> stems;

    /** The loader's report, as the public face shows it (the same message). */
    CueSheetException(SheetException e) {
        super(e.getMessage());
        this.sheet = e.sheet();
        this.problems = e.problems().stream().map(p -> new Problem(p.path(), p.line(), p.column(), p.message())).collect(Collectors.collectingAndThen(Collectors.toList(), List::copyOf));
        this.errors = problems.stream().map(Problem::toString).collect(Collectors.collectingAndThen(Collectors.toList(), List::copyOf));
        this.stems = e.stemFailures().stream().map(f -> new StemFailure(f.cue(), f.stem(), f.file(), f.reason())).collect(Collectors.collectingAndThen(Collectors.toList(), List::copyOf));
    }

    /** The sheet file. */
    public String sheet() {
        return sheet;
    }

    /** Every error, in the order found, as {@code json.path: plain sentence}. */
    public List<String> errors() {
        return errors;
    }

    /** Every error, in the order found, with its path, line and column. */
    public List<Problem> problems() {
        return problems;
    }

    /** The stems whose audio could not be read (each is also one of the {@link #problems()}). */
    public List<StemFailure> stemFailures() {
        return stems;
    }
}
