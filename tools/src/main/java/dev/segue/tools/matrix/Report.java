package dev.segue.tools.matrix;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.segue.cue.CueSheet;
import dev.segue.cue.TransitionRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The matrix as a report: Markdown for people, JSON for scripts and CI. */
final class Report {
    private Report() {
    }

    static String rule(TransitionRule r) {
        StringBuilder b = new StringBuilder(r.path()).append(": ").append(camel(r.when().name()));
        if (r.bridge() >= 0) {
            b.append(", bridge");
        }
        if (r.outro()) {
            b.append(", outro");
        }
        return b.toString();
    }

    /** {@code NEXT_BAR} → {@code nextBar}, as sheets write it. */
    static String camel(String enumName) {
        StringBuilder b = new StringBuilder();
        for (String part : enumName.toLowerCase(Locale.ROOT).split("_")) {
            b.append(b.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return b.toString();
    }

    static String markdown(CueSheet sheet, List<Matrix.Result> results, Audit.Thresholds th, Path dir) {
        int rate = sheet.sampleRate();
        long flagged = results.stream().filter(r -> !r.issues().isEmpty()).count();
        StringBuilder b = new StringBuilder();
        b.append("# Transition matrix: ").append(sheet.file().getFileName()).append("\n\n");
        b.append(String.format(Locale.ROOT, "%d transitions rendered, %d flagged. Thresholds: level jump > %.1f dB, "
                + "dip > %.1f dB, silence gap > %.0f ms; clicks stand %.0f× above the local variation.%n%n",
                results.size(), flagged, th.jumpDb(), th.dipDb(), th.gapMs(), dev.segue.tools.signal.Clicks.RATIO));
        b.append("![contact sheet](matrix.png)\n\n");
        b.append("| from | to | from point | rule | landing | done | result | audio |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Matrix.Result r : results) {
            Matrix.Window w = r.window();
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | +%.3f s | +%.3f s | %s | [wav](%s) |%n",
                    Matrix.name(sheet, r.c().from()), Matrix.name(sheet, r.c().to()), r.c().point().label(),
                    rule(w.rule()), (w.landing() - w.request()) / (double) rate, (w.done() - w.request()) / (double) rate,
                    r.issues().isEmpty() ? "ok" : "**" + r.issues().size() + " issue" + (r.issues().size() == 1 ? "" : "s")
                            + "**", dir.relativize(r.wav()).toString().replace('\\', '/')));
        }
        List<String> unused = new java.util.ArrayList<>();
        for (TransitionRule rule : sheet.rules()) {
            if (results.stream().noneMatch(r -> r.window().rule() == rule)) {
                unused.add(rule.path());
            }
        }
        if (!unused.isEmpty()) {
            b.append("\nRules no case went through: ").append(String.join(", ", unused)).append(" (a more specific rule "
                    + "wins for every move they match, or they name cues no state or rule plays; `segue validate` "
                    + "says which).\n");
        }
        if (flagged > 0) {
            b.append("\n## Issues\n\n");
            for (Matrix.Result r : results) {
                for (Audit.Issue i : r.issues()) {
                    b.append(String.format(Locale.ROOT, "- **%s → %s** (%s), %+.3f s from the landing: %s%n",
                            Matrix.name(sheet, r.c().from()), Matrix.name(sheet, r.c().to()), r.c().point().label(),
                            i.at(), i.message()));
                }
            }
        }
        return b.toString();
    }

    static String json(CueSheet sheet, List<Matrix.Result> results, Audit.Thresholds th, Path dir) {
        int rate = sheet.sampleRate();
        JsonObject root = new JsonObject();
        root.addProperty("sheet", sheet.file().toString());
        JsonObject t = new JsonObject();
        t.addProperty("jumpDb", th.jumpDb());
        t.addProperty("dipDb", th.dipDb());
        t.addProperty("gapMs", th.gapMs());
        t.addProperty("clickRatio", dev.segue.tools.signal.Clicks.RATIO);
        root.add("thresholds", t);
        root.addProperty("transitions", results.size());
        root.addProperty("flagged", results.stream().filter(r -> !r.issues().isEmpty()).count());
        JsonArray cases = new JsonArray();
        for (Matrix.Result r : results) {
            Matrix.Window w = r.window();
            JsonObject o = new JsonObject();
            o.addProperty("from", Matrix.name(sheet, r.c().from()));
            o.addProperty("to", Matrix.name(sheet, r.c().to()));
            o.addProperty("point", r.c().point().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            o.addProperty("rule", w.rule().path());
            o.addProperty("requestSeconds", w.request() / (double) rate);
            o.addProperty("landingSeconds", w.landing() / (double) rate);
            o.addProperty("doneSeconds", w.done() / (double) rate);
            o.addProperty("wav", dir.relativize(r.wav()).toString().replace('\\', '/'));
            o.addProperty("wavStartSeconds", w.keptFrom() / (double) rate);
            JsonArray issues = new JsonArray();
            for (Audit.Issue i : r.issues()) {
                JsonObject io = new JsonObject();
                io.addProperty("kind", i.kind());
                io.addProperty("fromLandingSeconds", Math.round(i.at() * 1e6) / 1e6);
                io.addProperty("value", Math.round(i.value() * 100) / 100.0);
                io.addProperty("message", i.message());
                issues.add(io);
            }
            o.add("issues", issues);
            cases.add(o);
        }
        root.add("cases", cases);
        return new com.google.gson.GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }
}
