package dev.segue.tools.validate;

/**
 * One thing {@code segue validate} says about a sheet.
 *
 * @param severity {@code error} (the sheet does not load) or {@code warning} (it loads, but something
 *                 will not sound as written)
 * @param path     the JSON path concerned ({@code cues.calm.loop.end}), {@code $} for the whole sheet
 * @param line     1-based line in the sheet
 * @param column   1-based column
 * @param message  a plain sentence
 */
public record Finding(String severity, String path, int line, int column, String message) {
    /** An error. */
    public static final String ERROR = "error";
    /** A warning. */
    public static final String WARNING = "warning";

    /** {@code file:line:column: severity: path: message}, the form editors and CI logs link. */
    public String format(String file) {
        return file + ":" + line + ":" + column + ": " + severity + ": " + (path.equals("$") ? "" : path + ": ") + message;
    }
}
