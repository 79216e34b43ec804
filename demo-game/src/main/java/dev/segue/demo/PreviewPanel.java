package dev.segue.demo;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.utils.Align;
import dev.segue.Segue;
import dev.segue.SegueEvent;
import dev.segue.demo.RuntimeApi.Landing;
import dev.segue.demo.RuntimeApi.Now;
import dev.segue.demo.RuntimeApi.Timeline;
import dev.segue.demo.RuntimeApi.Voice;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The composer preview: every state, cue and stinger as a button, a slider per parameter, the live
 * timeline of the playing cue (bars, beats, loop, markers, play head, where the next transition
 * lands and its fades) and each playing stem's meter with mute and solo. A full screen from the title
 * and an overlay in game (F1).
 */
final class PreviewPanel {
    static final float TL_X = 330;
    static final float TL_Y = 430;
    static final float TL_W = 920;
    static final float TL_H = 120;
    private static final Color LOOP = Color.valueOf("2f6b5eff");
    private static final Color LAND = Color.valueOf("ff5d73ff");

    private final SegueDemo game;
    private final Map<String, Timeline> timelines = new HashMap<>();
    private final Deque<String> log = new ArrayDeque<>();
    private Now now;
    private final java.util.function.Consumer<SegueEvent> watcher = this::onEvent;
    private String message = "";

    PreviewPanel(SegueDemo game) {
        this.game = game;
        game.music.watch(watcher);
    }

    private void onEvent(SegueEvent e) {
        if (e.type() == SegueEvent.Type.BEAT || e.type() == SegueEvent.Type.BAR) {
            return;
        }
        log.addLast(e.toString().trim().replaceAll(" +", " "));
        while (log.size() > 9) {
            log.removeFirst();
        }
    }

    void close() {
        game.music.unwatch(watcher);
    }

    void update(float dt) {
        Segue s = game.music.segue();
        now = s == null ? null : RuntimeApi.now(s);
    }

    private Timeline timeline(Segue s, String cue) {
        return timelines.computeIfAbsent(cue, c -> RuntimeApi.timeline(s, c));
    }

    /** Draws and handles clicks; {@code overlay} dims the game beneath instead of clearing. */
    void draw(Gfx g, boolean overlay) {
        Segue s = game.music.segue();
        if (!overlay) {
            g.clear(Gfx.BG);
        }
        g.shapesUi();
        g.shapes.setColor(overlay ? Gfx.PANEL : Gfx.BG);
        g.shapes.rect(0, 0, Gfx.W, Gfx.H);
        g.shapes.end();
        if (s == null) {
            g.textUi();
            g.text("COMPOSER PREVIEW", 20, 700, 1.6f, Gfx.GATE);
            g.text(game.music.status(), 20, 660, 1.2f, Gfx.FOE);
            g.batch.end();
            return;
        }
        buttons(g, s);
        Timeline tl = now == null || now.bed() == null ? null : timeline(s, now.bed());
        timelineShapes(g, tl);
        stems(g, s);
        g.textUi();
        header(g, s);
        buttonLabels(g, s);
        timelineText(g, tl);
        stemText(g);
        int i = 0;
        for (String line : log) {
            g.text(line, 330, 150 - i * 15, 0.8f, Gfx.DIM);
            i++;
        }
        g.batch.end();
    }

    // ------------------------------------------------------------------ left: states, cues, stingers

    private interface Click {
        void on(String name);
    }

    private float column(Gfx g, List<String> names, float y, Color accent, Click click, String current) {
        for (String n : names) {
            Ui.box(g, 20, y - 24, 290, 24, accent, n.equals(current));
            if (Ui.clicked(g, 20, y - 24, 290, 24)) {
                click.on(n);
            }
            y -= 28;
        }
        return y - 30;
    }

    private void buttons(Gfx g, Segue s) {
        g.shapesUi();
        float y = 640;
        y = column(g, s.states(), y, Gfx.HERO, n -> act(s.setState(n), "state " + n), null);
        y = column(g, s.cues(), y, Gfx.GATE, n -> act(s.trigger(n), "trigger " + n), now == null ? null : now.bed());
        column(g, s.stingers(), y, Gfx.PICKUP, n -> act(s.playStinger(n), "stinger " + n), null);
        float px = 1060;
        Ui.box(g, px, 648, 190, 26, Gfx.BOSS, false);
        if (Ui.clicked(g, px, 648, 190, 26)) {
            List<String> problems = game.reloadMusic();
            timelines.clear();
            message = problems.isEmpty() ? "sheet accepted: takes over at the next bar"
                    : "kept the old sheet: " + problems.size() + (problems.size() == 1 ? " problem" : " problems");
        }
        List<String> params = s.parameters();
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            float x = 330 + i * 310;
            float v = game.music.value(p);
            float nv = Ui.drag(g, x, 356, 280, 12, v);
            if (nv != v) {
                game.music.hold(p, nv);
            }
            Ui.slider(g, x, 356, 280, 12, game.music.value(p), game.music.held(p) ? Gfx.BOSS : Gfx.HERO);
            Ui.box(g, x + 200, 372, 80, 20, Gfx.BOSS, game.music.held(p));
            if (Ui.clicked(g, x + 200, 372, 80, 20)) {
                if (game.music.held(p)) {
                    game.music.release(p);
                } else {
                    game.music.hold(p, game.music.value(p));
                }
            }
        }
        g.shapes.end();
    }

    private void act(boolean ok, String what) {
        message = ok ? what : what + " refused (see the log)";
    }

    private void buttonLabels(Gfx g, Segue s) {
        float y = 640;
        y = labels(g, "STATES", s.states(), y, null);
        y = labels(g, "CUES (trigger)", s.cues(), y, now == null ? null : now.bed());
        labels(g, "STINGERS", s.stingers(), y, null);
        g.text("reload sheet", 1155, 667, 1.0f, Gfx.TEXT, Align.center);
        List<String> params = s.parameters();
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            float x = 330 + i * 310;
            g.text(String.format(Locale.ROOT, "%s %.2f", p, game.music.value(p)), x, 390, 1.0f, Gfx.TEXT);
            g.text(game.music.held(p) ? "held" : "game", x + 240, 388, 0.9f, Gfx.TEXT, Align.center);
        }
    }

    /** A column's labels; {@code lit} is the one whose button is lit (dark text on it), or null. */
    private float labels(Gfx g, String title, List<String> names, float y, String lit) {
        g.text(title, 20, y + 18, 0.9f, Gfx.DIM);
        for (String n : names) {
            g.text(n, 30, y - 6, 1.0f, n.equals(lit) ? Gfx.BG : Gfx.TEXT);
            y -= 28;
        }
        return y - 30;
    }

    private void header(Gfx g, Segue s) {
        g.text("COMPOSER PREVIEW", 330, 700, 1.6f, Gfx.GATE);
        String where = now == null ? "position " + s.position() : String.format(Locale.ROOT,
                "frame %d  ·  %.2f s  ·  %s  bar %d beat %d", now.frame(), now.frame() / (double) s.sampleRate(),
                now.bed() == null ? "silence" : now.bed(), now.bar(), now.beat());
        g.text(where, 330, 670, 1.1f, Gfx.TEXT);
        g.text(game.music.status() + (message.isEmpty() ? "" : "  ·  " + message), 330, 645, 0.95f, Gfx.DIM);
        g.text("ducks: " + (game.music.ducks().isEmpty() ? "none" : String.join(", ", game.music.ducks())), 330,
                625, 0.95f, Gfx.DIM);
        String note = game.music.outputNote();
        g.text(SoundtracksScene.printable(SoundtracksScene.fit(RuntimeApi.outputLine(s) + (note == null ? "" : "  ·  " + note),
                150)), 330, 607, 0.85f,
                Gfx.DIM);
        reloadText(g);
    }

    /**
     * The last reload's outcome under the header: its errors in red (path and sentence, the old sheet
     * playing on), else "reloaded at bar N"; the sheet file a reload reads, when nothing happened yet.
     */
    private void reloadText(Gfx g) {
        List<String> errors = game.music.reloadErrors();
        if (!errors.isEmpty()) {
            g.text("reload failed, the old sheet plays on:", 330, 590, 0.85f, Gfx.FOE);
            int shown = Math.min(2, errors.size());
            for (int i = 0; i < shown; i++) {
                g.text(errors.get(i), 600, 590 - i * 14, 0.85f, Gfx.FOE);
            }
            if (errors.size() > shown) {
                g.text("… and " + (errors.size() - shown) + " more", 330, 576, 0.85f, Gfx.FOE);
            }
            return;
        }
        String notice = game.music.reloadNotice();
        g.text(notice != null ? notice : "reload reads " + game.sheetName()
                + (game.setup.watch ? " (and every save of it or a stem)" : ""), 330, 590, 0.85f,
                notice != null ? Gfx.HERO : Gfx.DIM);
    }

    // ------------------------------------------------------------------ the timeline

    private float tx(Timeline tl, long frame) {
        return TL_X + TL_W * Math.max(0, Math.min(1, frame / (float) Math.max(1, tl.length())));
    }

    /** Where the bed's timeline will be at music frame {@code at}, following the loop round. */
    private long cueFrameAt(Timeline tl, Voice bed, long at) {
        long p = bed.position() + (at - now.frame());
        long loop = tl.loopEnd() - tl.loopStart();
        if (loop > 0 && p >= tl.loopEnd()) {
            p = tl.loopStart() + (p - tl.loopStart()) % loop;
        }
        return p;
    }

    private Voice bed() {
        if (now == null) {
            return null;
        }
        for (Voice v : now.voices()) {
            if (v.role().equals("bed")) {
                return v;
            }
        }
        return null;
    }

    private void timelineShapes(Gfx g, Timeline tl) {
        g.shapesUi();
        g.shapes.setColor(Gfx.FLOOR);
        g.shapes.rect(TL_X, TL_Y, TL_W, TL_H);
        if (tl == null) {
            g.shapes.end();
            return;
        }
        if (tl.loopEnd() > tl.loopStart()) {
            g.shapes.setColor(LOOP.r, LOOP.g, LOOP.b, 0.55f);
            g.shapes.rect(tx(tl, tl.loopStart()), TL_Y, tx(tl, tl.loopEnd()) - tx(tl, tl.loopStart()), TL_H);
        }
        g.shapes.setColor(Gfx.GRID);
        for (long b : tl.beats()) {
            g.shapes.rect(tx(tl, b), TL_Y, 1, 18);
        }
        g.shapes.setColor(Gfx.DIM);
        for (long b : tl.bars()) {
            g.shapes.rect(tx(tl, b), TL_Y, 2, TL_H);
        }
        g.shapes.setColor(Gfx.PICKUP);
        for (long m : tl.markers().values()) {
            g.shapes.triangle(tx(tl, m), TL_Y + TL_H, tx(tl, m) + 10, TL_Y + TL_H - 6, tx(tl, m), TL_Y + TL_H - 12);
            g.shapes.rect(tx(tl, m), TL_Y, 1, TL_H);
        }
        g.shapes.setColor(Gfx.HERO);
        g.shapes.rect(tx(tl, tl.entry()) - 1, TL_Y, 3, 10);
        Voice bed = bed();
        Landing land = now.pending();
        if (bed != null && land != null) {
            float lx = tx(tl, cueFrameAt(tl, bed, land.frame()));
            float outW = TL_W * land.fadeOutFrames() / (float) tl.length();
            float inW = TL_W * land.fadeInFrames() / (float) tl.length();
            curve(g, tx(tl, cueFrameAt(tl, bed, land.fadeOutStart())), outW, land.fadeOutCurve(), true, LAND);
            curve(g, tx(tl, cueFrameAt(tl, bed, land.fadeInStart())), inW, land.fadeInCurve(), false, Gfx.HERO);
            g.shapes.setColor(LAND);
            g.shapes.rect(lx - 1.5f, TL_Y - 8, 3, TL_H + 16);
        }
        if (bed != null) {
            float hx = tx(tl, bed.position());
            g.shapes.setColor(Color.WHITE);
            g.shapes.rect(hx - 1, TL_Y - 4, 2, TL_H + 8);
            g.shapes.triangle(hx - 7, TL_Y + TL_H + 10, hx + 7, TL_Y + TL_H + 10, hx, TL_Y + TL_H);
        }
        g.shapes.end();
    }

    /** A fade drawn from the landing point: the outgoing gain falling, the incoming rising. */
    private void curve(Gfx g, float x, float w, String name, boolean out, Color c) {
        if (w <= 0.5f) {
            return;
        }
        g.shapes.setColor(c);
        int n = 24;
        float py = 0;
        for (int i = 0; i <= n; i++) {
            float t = i / (float) n;
            float v = shape(name, t);
            float y = TL_Y + 24 + (TL_H - 34) * (out ? shape(name, 1 - t) : v);
            if (i > 0) {
                g.shapes.rectLine(x + w * (i - 1) / n, py, x + w * t, y, 2);
            }
            py = y;
        }
    }

    static float shape(String curve, float t) {
        String c = curve == null ? "linear" : curve.toLowerCase(Locale.ROOT);
        return switch (c) {
            case "equalpower", "equal_power" -> (float) Math.sin(t * Math.PI / 2);
            case "scurve", "s_curve" -> t * t * (3 - 2 * t);
            case "exponential" -> t * t;
            default -> t;
        };
    }

    private void timelineText(Gfx g, Timeline tl) {
        if (tl == null) {
            g.text(now == null ? "the runtime offers no timeline view" : "silence", TL_X + 10, TL_Y + TL_H / 2 + 8,
                    1.1f, Gfx.DIM);
            return;
        }
        g.text(tl.name() + "   loop shaded · markers yellow · play head white · next landing red", TL_X,
                TL_Y + TL_H + 28, 1.0f, Gfx.TEXT);
        for (int i = 0; i < tl.bars().length; i++) {
            g.text(String.valueOf(i + 1), tx(tl, tl.bars()[i]) + 4, TL_Y + TL_H - 4, 0.85f, Gfx.DIM);
        }
        for (Map.Entry<String, Long> m : tl.markers().entrySet()) {
            g.text(m.getKey(), tx(tl, m.getValue()) + 12, TL_Y + TL_H + 12, 0.8f, Gfx.PICKUP);
        }
        Landing land = now.pending();
        String next = land == null ? "no transition pending" : String.format(Locale.ROOT,
                "next: %s -> %s at frame %d (bar %d beat %d)%s  ·  out %s %d fr  ·  in %s %d fr",
                land.from() == null ? "silence" : land.from(), land.to() == null ? "silence" : land.to(), land.frame(),
                land.bar(), land.beat(), land.bridge() == null ? "" : " via " + land.bridge(), land.fadeOutCurve(),
                land.fadeOutFrames(), land.fadeInCurve(), land.fadeInFrames());
        g.text(next, TL_X, TL_Y - 10, 1.0f, land == null ? Gfx.DIM : LAND);
    }

    // ------------------------------------------------------------------ stems

    /** One stem meter's line: which voice, which stem, where. */
    private record Row(Voice voice, String stem, int index, float y) {
        float db() {
            return index < voice.stemPeaksDb().length ? voice.stemPeaksDb()[index] : Float.NEGATIVE_INFINITY;
        }

        boolean muted() {
            return index < voice.muted().length && voice.muted()[index];
        }

        boolean soloed() {
            return index < voice.soloed().length && voice.soloed()[index];
        }
    }

    /** Every stem of every sounding voice, a line each, as many as fit. */
    private List<Row> rows(Segue s) {
        List<Row> rows = new java.util.ArrayList<>();
        if (now == null) {
            return rows;
        }
        float y = 312;
        for (Voice v : now.voices()) {
            Timeline tl = timeline(s, v.cue());
            if (tl == null) {
                continue;
            }
            for (int i = 0; i < tl.stems().size() && y > 170; i++) {
                rows.add(new Row(v, tl.stems().get(i), i, y));
                y -= 24;
            }
            y -= 8;
        }
        return rows;
    }

    private void stems(Gfx g, Segue s) {
        g.shapesUi();
        for (Row r : rows(s)) {
            float level = Math.max(0, Math.min(1, (r.db() + 60) / 60));
            g.shapes.setColor(Gfx.FLOOR);
            g.shapes.rect(560, r.y() - 14, 420, 12);
            g.shapes.setColor(level > 0.95f ? Gfx.FOE : level > 0.8f ? Gfx.PICKUP : Gfx.HERO);
            g.shapes.rect(560, r.y() - 14, 420 * level, 12);
            Ui.box(g, 1000, r.y() - 18, 40, 20, Gfx.FOE, r.muted());
            Ui.box(g, 1050, r.y() - 18, 40, 20, Gfx.PICKUP, r.soloed());
            if (Ui.clicked(g, 1000, r.y() - 18, 40, 20)) {
                RuntimeApi.mute(s, r.voice().cue(), r.stem(), !r.muted());
            }
            if (Ui.clicked(g, 1050, r.y() - 18, 40, 20)) {
                RuntimeApi.solo(s, r.voice().cue(), r.stem(), !r.soloed());
            }
        }
        g.shapes.end();
    }

    private void stemText(Gfx g) {
        g.text("STEMS (peak dBFS)", 330, 334, 0.9f, Gfx.DIM);
        for (Row r : rows(game.music.segue())) {
            float y = r.y();
            g.text(String.format(Locale.ROOT, "%s/%s (%s)", r.voice().cue(), r.stem(), r.voice().role()), 330, y,
                    0.9f, Gfx.TEXT);
            g.text(r.db() < -119 ? "-inf" : String.format(Locale.ROOT, "%.1f", r.db()), 975, y, 0.8f, Gfx.DIM,
                    Align.right);
            g.text("M", 1020, y, 0.9f, Gfx.TEXT, Align.center);
            g.text("S", 1070, y, 0.9f, Gfx.TEXT, Align.center);
        }
    }
}
