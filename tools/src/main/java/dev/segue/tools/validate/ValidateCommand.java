package dev.segue.tools.validate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code segue validate SHEET... [--json]}. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = dev.segue.tools.SegueCli.Version.class,
        description = {
            "Checks cue sheets: every error and warning, with its JSON path, line and column.",
            "",
            "Errors are what the runtime refuses to load (bad JSON, unknown fields, missing or undecodable "
                    + "audio, positions past the end ...). Warnings are what loads but will not sound as "
                    + "written: a loop longer than a stem, stems of different lengths, a loop that wraps "
                    + "with a click, a loop that is not whole bars, markers, exits or entries off the beat, "
                    + "silent or gainless stems, unused cues, rules no move ever picks, nextMarker rules from "
                    + "cues without the marker, samePosition between cues of different tempo, states whose "
                    + "cue does not loop.",
            "",
            "Each finding is printed as FILE:LINE:COLUMN: SEVERITY: PATH: SENTENCE (editors and CI logs link it).",
            "",
            "Exit status: 0 no errors (warnings allowed); 1 a sheet has errors."
        })
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SHEET", description = "Cue sheets (.cues.json).")
    Path[] sheets;

    @Option(names = "--json", description = "Print the findings as one JSON document instead.")
    boolean json;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "48000",
            description = "Mixer rate positions are resolved at (default: ${DEFAULT-VALUE}).")
    int rate;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        boolean failed = false;
        StringBuilder doc = new StringBuilder("[");
        for (Path sheet : sheets) {
            Validation v = Validation.of(sheet, rate);
            failed |= v.count(Finding.ERROR) > 0;
            if (json) {
                doc.append(doc.length() > 1 ? ",\n " : "").append(toJson(sheet, v));
                continue;
            }
            for (Finding f : v.findings()) {
                w.println(f.format(sheet.toString()));
            }
            long e = v.count(Finding.ERROR);
            long wn = v.count(Finding.WARNING);
            w.printf(Locale.ROOT, "%s: %s%n", sheet, e == 0 && wn == 0 ? "ok" : plural(e, "error") + ", " + plural(wn, "warning"));
        }
        if (json) {
            w.println(doc.append("]"));
        }
        w.flush();
        return failed ? 1 : 0;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static String toJson(Path sheet, Validation v) {
        StringBuilder b = new StringBuilder("{\"sheet\": ").append(quote(sheet.toString()))
                .append(", \"errors\": ").append(v.count(Finding.ERROR))
                .append(", \"warnings\": ").append(v.count(Finding.WARNING)).append(", \"findings\": [");
        for (int i = 0; i < v.findings().size(); i++) {
            Finding f = v.findings().get(i);
            b.append(i == 0 ? "\n  " : ",\n  ").append("{\"severity\": ").append(quote(f.severity()))
                    .append(", \"path\": ").append(quote(f.path())).append(", \"line\": ").append(f.line())
                    .append(", \"column\": ").append(f.column()).append(", \"message\": ").append(quote(f.message()))
                    .append('}');
        }
        return b.append("]}").toString();
    }

    static String quote(String s) {
        return new com.google.gson.JsonPrimitive(s).toString();
    }
}
