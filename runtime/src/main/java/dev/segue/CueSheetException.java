package dev.segue;

import java.util.List;

/**
 * A cue sheet that cannot be loaded. {@link #errors()} lists every problem found, each as
 * {@code json.path: plain sentence}, so a composer can fix them all in one pass.
 */
public class CueSheetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sheet;
    private final List<String> errors;

    public CueSheetException(String sheet, List<String> errors) {
        super(sheet + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors") + "\n  "
                + String.join("\n  ", errors));
        this.sheet = sheet;
        this.errors = List.copyOf(errors);
    }

    /** The sheet file. */
    public String sheet() {
        return sheet;
    }

    /** Every error, in the order found. */
    public List<String> errors() {
        return errors;
    }
}
