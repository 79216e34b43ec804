package dev.segue.tools.session;

import dev.segue.SessionScript;
import dev.segue.cue.CueSheet;
import dev.segue.engine.Host;
import dev.segue.engine.ScriptPlayer;
import dev.segue.engine.Settings;
import dev.segue.engine.Verb;
import java.io.IOException;
import java.util.List;

/**
 * Plays a session offline through the runtime's one script player ({@link ScriptPlayer}, the same
 * that {@code OfflineRender} uses: each scripted event on its exact frame, every verb alike) on a
 * sheet of the caller's choosing, so one stem can be heard alone or its gain measured (see
 * {@link CueSheet#withAudio}), and hands the tools what they need to look inside: the raw events
 * with cue and stem indices and every block of audio. The same sheet and script give the same
 * samples as {@code OfflineRender}.
 */
public final class Session {
    /** Frames per block, as {@code OfflineRender} renders. */
    public static final int BLOCK = ScriptPlayer.BLOCK;

    private Session() {
    }

    /** The script's steps as the script player plays them. */
    public static List<ScriptPlayer.Step> steps(SessionScript script) {
        return script.steps().stream().map(s -> new ScriptPlayer.Step(s.seconds(), Verb.of(s.verb()), s.args())).toList();
    }

    /** A player on an offline host of {@code sheet} that records every raw event. */
    public static ScriptPlayer player(CueSheet sheet) {
        return new ScriptPlayer(Host.of(sheet, Settings.offline(sheet.sampleRate())), true);
    }

    /**
     * Renders {@code steps} against {@code sheet} from frame 0 to {@code endFrame}, handing every block
     * to {@code sink}, and returns what the mixer reported.
     */
    public static List<ScriptPlayer.Event> run(CueSheet sheet, List<ScriptPlayer.Step> steps, long endFrame,
            ScriptPlayer.Sink sink) throws IOException {
        ScriptPlayer p = player(sheet);
        try (Host h = p.host()) {
            p.play(steps, endFrame, sink);
        }
        return p.events();
    }
}
