package dev.segue.cue;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A cue sheet that cannot be loaded, as the loader reports it: every problem with its JSON path,
 * line and column, and every stem whose audio could not be read as a {@link StemFailure} record.
 * The public face turns it into {@code dev.segue.CueSheetException}.
 */
public final class SheetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * One problem in a sheet.
     *
     * @param path    the JSON path of the value concerned, {@code $} for the whole document
     * @param line    1-based line of that value in the sheet; 0 if unknown
     * @param column  1-based column there; 0 if unknown
     * @param message a plain sentence saying what is wrong
     */
    public record Problem(String path, int line, int column, String message) {
        /** {@code path: message}; the message alone for the whole document. */
        @Override
        public String toString() {
            return path.equals("$") ? message : path + ": " + message;
        }
    }

    /**
     * A stem whose audio could not be read: its cue, its name, the file as the sheet names it and why.
     */
    public record StemFailure(String cue, String stem, String file, String reason) {
    }

    private final String sheet;
    private final transient List<Problem> problems;
    private final transient List<StemFailure> stems;
    private final boolean located;

    SheetException(String sheet, List<Problem> problems, List<StemFailure> stems, boolean located) {
        super(sheet + ": " + problems.size() + (problems.size() == 1 ? " error" : " errors") + "\n  "
                + String.join("\n  ", problems.stream().map(p -> located ? p.line() + ":" + p.column() + "  " + p : p.toString())
                        .collect(Collectors.toList())));
        this.sheet = sheet;
        this.problems = List.copyOf(problems);
        this.stems = List.copyOf(stems);
        this.located = located;
    }

    /** A sheet that could not be read at all (missing, unreadable): one problem for the whole document. */
    static SheetException unreadable(String sheet, String why) {
        return new SheetException(sheet, List.of(new Problem("$", 0, 0, why)), List.of(), false);
    }

    /** The sheet's file as given. */
    public String sheet() {
        return sheet;
    }

    /** Every problem, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    /** Every problem as {@code path: sentence}. */
    public List<String> errors() {
        return problems.stream().map(Problem::toString).collect(Collectors.collectingAndThen(Collectors.toList(), List::copyOf));
    }

    /** The stems whose audio could not be read (each is also one of {@link #problems()}). */
    public List<StemFailure> stemFailures() {
        return stems;
    }

    /** Whether the problems carry their line and column. */
    public boolean located() {
        return located;
    }
}
