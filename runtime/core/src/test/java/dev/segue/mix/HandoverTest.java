package dev.segue.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segue.control.CommandRing;
import dev.segue.control.EventRing;
import dev.segue.control.Events;
import dev.segue.control.ParameterSlots;
import dev.segue.cue.CueSheet;
import dev.segue.cue.CueSheetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-over's race window: a command or parameter write the game sent to the old sheet's ring
 * and slots as the swap happened reaches the new mixer, in the new sheet's indices. Stems made by sox.
 */
class HandoverTest {
    @TempDir
    Path dir;

    private static final String A = """
            {"parameters": {"p": {"default": 0}},
             "cues": {"x": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "s", "file": "x.wav"}]},
                      "y": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "s", "file": "y.wav"}]}},
             "states": {"x": "x", "y": "y"}}
            """;
    /** The same music, every index changed: a new state, cue and parameter listed first. */
    private static final String B = """
            {"parameters": {"q": {"default": 0}, "p": {"default": 0}},
             "cues": {"z": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "s", "file": "y.wav"}]},
                      "y": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "s", "file": "y.wav"}]},
                      "x": {"tempo": {"bpm": 120}, "loop": {}, "stems": [{"name": "s", "file": "x.wav"}]}},
             "states": {"z": "z", "y": "y", "x": "x"}}
            """;

    private static final class Rig {
        final CueSheet sheet;
        final CommandRing commands = new CommandRing(64);
        final ParameterSlots slots;
        final EventRing events = new EventRing(1024);
        final Mixer mixer;

        Rig(Path file) {
            sheet = CueSheetLoader.load(file, 48_000);
            slots = new ParameterSlots(new float[sheet.parameters().size()]);
            mixer = new Mixer(sheet, commands, slots, events, 8);
        }

        List<int[]> drain() {
            List<int[]> out = new ArrayList<>();
            EventRing.Slot s = new EventRing.Slot();
            while (events.poll(s)) {
                out.add(new int[] {s.type, (int) s.frame, s.cue, s.other});
            }
            return out;
        }
    }

    private static void sox(Path out, String hz) throws Exception {
        Process p = new ProcessBuilder("sox", "-n", "-r", "48000", "-c", "1", "-b", "16", out.toString(), "synth", "4",
                "sine", hz, "vol", "0.3").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
    }

    @Test
    void lateCommandsAndParameterWritesToTheOldSheetAreForwardedByName() throws Exception {
        sox(dir.resolve("x.wav"), "440");
        sox(dir.resolve("y.wav"), "660");
        Files.writeString(dir.resolve("a.json"), A);
        Files.writeString(dir.resolve("b.json"), B);
        Rig a = new Rig(dir.resolve("a.json"));
        Rig b = new Rig(dir.resolve("b.json"));
        Handover<String> h = new Handover<>(a.mixer, a.commands, a.slots, "a", 512);
        float[] buf = new float[1024];
        a.commands.offer(CommandRing.SET_STATE, a.sheet.stateIndex("x"));
        h.render(buf, 512);
        h.prepare(b.mixer, b.commands, b.slots, "b");
        assertTrue(h.waiting());
        while (h.owner().equals("a")) {
            h.render(buf, 512);
        }
        assertEquals(b.mixer, h.mixer());
        // the game had read the old sheet just before the swap: its command and write land in the old ring
        a.commands.offer(CommandRing.SET_STATE, a.sheet.stateIndex("y"));
        a.slots.set(a.sheet.parameterIndex("p"), 0.75f);
        h.render(buf, 512);
        assertEquals(0.75f, b.slots.get(b.sheet.parameterIndex("p")), "the write, in the new slot of p");
        assertEquals(0f, b.slots.get(b.sheet.parameterIndex("q")));
        List<int[]> ev = b.drain();
        int[] reloaded = ev.stream().filter(e -> e[0] == Events.RELOADED).findFirst().orElseThrow();
        assertEquals(96_000, reloaded[1], "the first bar after the prepare");
        assertEquals(b.sheet.cue("x").index(), reloaded[2], "goes on with x, in its new index");
        int[] state = ev.stream().filter(e -> e[0] == Events.STATE).findFirst().orElseThrow();
        assertEquals(b.sheet.stateIndex("y"), state[3], "the late state change, read in the new indices");
        assertTrue(a.drain().stream().noneMatch(e -> e[0] == Events.STATE && e[1] >= 96_000), "the old mixer is silent");
        for (int i = 0; i < 200; i++) {
            h.render(buf, 512);
        }
        assertEquals(b.sheet.cue("y").index(), bedCueOf(b.mixer), "the transition the late command asked for happened");
    }

    private static int bedCueOf(Mixer m) {
        long[] p = new long[4];
        m.position(p);
        return (int) p[1];
    }
}
