package dev.segue;

import java.util.List;

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

    private final String sheet;
    private final List<String> errors;
    private final transient List<Problem> problems;

    /** A sheet with {@code errors}, each {@code path: sentence}, whose lines are unknown. */
    public CueSheetException(String sheet, List<String> errors) {
        this(sheet, errors.stream().map(e -> unlocated(e)).toList(), false);
    }

    private CueSheetException(String sheet, List<Problem> problems, boolean located) {
        super(sheet + ": " + problems.size() + (problems.size() == 1 ? " error" : " errors") + "\n  "
                + String.join("\n  ", problems.stream().map(p -> located ? p.line() + ":" + p.column() + "  " + p : p.toString())
                        .toList()));
        this.sheet = sheet;
        this.problems = List.copyOf(problems);
        this.errors = this.problems.stream().map(Problem::toString).toList();
    }

    /** A sheet with {@code problems} whose lines and columns are known. */
    public static CueSheetException located(String sheet, List<Problem> problems) {
        return new CueSheetException(sheet, problems, true);
    }

    private static Problem unlocated(String error) {
        int cut = error.indexOf(": ");
        return cut < 0 ? new Problem("$", 0, 0, error) : new Problem(error.substring(0, cut), 0, 0, error.substring(cut + 2));
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
}
