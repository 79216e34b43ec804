package dev.segue.tools;

import dev.segue.engine.ScriptPlayer;
import dev.segue.SessionScript;
import dev.segue.cue.CueSheet;
import dev.segue.cue.CueSheetLoader;
import dev.segue.tools.picture.Timeline;
import dev.segue.tools.session.Capture;
import dev.segue.tools.session.Progress;
import dev.segue.tools.session.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code segue render --png/--stems}: captures the session stem by stem and draws it. */
final class SessionPicture {
    private SessionPicture() {
    }

    static void render(Path sheetFile, SessionScript script, Path png, Path stemsDir, PrintWriter out, PrintWriter err)
            throws IOException {
        CueSheet sheet = CueSheetLoader.load(sheetFile, 48_000);
        List<ScriptPlayer.Step> steps = Session.steps(script);
        long end = Math.round(script.endSeconds() * sheet.sampleRate());
        int columns = Timeline.columnsFor(script.endSeconds());
        Progress progress = Progress.on(err, "segue render", "renders", 1);
        Capture cap = Capture.of(sheet, steps, end, columns, stemsDir, Runtime.getRuntime().availableProcessors(),
                progress);
        progress.finish();
        if (png != null) {
            Timeline.write(cap, sheetFile.getFileName() + "  ·  " + Path.of(script.name()).getFileName(),
                    String.format(java.util.Locale.ROOT, "%.1f s at %d Hz · %d stem lanes · %d cues", end / (double) sheet.sampleRate(),
                            sheet.sampleRate(), cap.lanes().size(), sheet.cues().size()), png);
            out.println("timeline -> " + png);
        }
        if (stemsDir != null) {
            for (Capture.Lane l : cap.lanes()) {
                out.println("stem " + l.cue().name() + "/" + l.stem().name() + " -> " + l.wav());
            }
        }
        out.flush();
    }
}
