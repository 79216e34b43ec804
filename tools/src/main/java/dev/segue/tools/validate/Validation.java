package dev.segue.tools.validate;

import dev.segue.cue.CueSheet;
import dev.segue.cue.CueSheetLoader;
import dev.segue.cue.SheetException;
import dev.segue.cue.JsonLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a cue sheet: loads it as the runtime does (every error, with its line and column) and, if it
 * loads, audits it against its audio and tempo ({@link SheetAudit}).
 *
 * @param sheet    the loaded sheet, or null if it has errors
 * @param findings errors first (in the order the loader found them), then warnings
 */
public record Validation(CueSheet sheet, List<Finding> findings) {

    /** Validates {@code file} at mixer rate {@code rate}. */
    public static Validation of(Path file, int rate) {
        List<Finding> out = new ArrayList<>();
        CueSheet sheet;
        try {
            sheet = CueSheetLoader.load(file, rate);
        } catch (SheetException e) {
            for (SheetException.Problem p : e.problems()) {
                out.add(new Finding(Finding.ERROR, p.path(), Math.max(1, p.line()), Math.max(1, p.column()), p.message()));
            }
            return new Validation(null, out);
        }
        JsonLocator where;
        try {
            where = JsonLocator.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            where = JsonLocator.of("");
        }
        for (String[] w : SheetAudit.of(sheet)) {
            JsonLocator.Location at = where.locate(w[0]);
            out.add(new Finding(Finding.WARNING, w[0], at.line(), at.column(), w[1]));
        }
        return new Validation(sheet, out);
    }

    /** How many findings have {@code severity}. */
    public long count(String severity) {
        return findings.stream().filter(f -> f.severity().equals(severity)).count();
    }
}
