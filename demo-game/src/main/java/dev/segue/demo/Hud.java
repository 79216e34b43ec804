package dev.segue.demo;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.utils.Align;
import dev.segue.demo.PlayScene.Phase;
import java.util.Locale;

/** The play scene's screen layer: health, shards, the music line, flashes, pause, cutscene, game over. */
final class Hud {
    /** Where the health pips start (the screenshot test looks for them). */
    static final float HEALTH_X = 28;
    static final float HEALTH_Y = 672;

    private Hud() {
    }

    static void draw(Gfx g, PlayScene play, float beat, float bar, int beatInBar, float flash, Color flashColor,
            float hurt) {
        World w = play.world;
        Music m = play.game.music;
        g.shapesUi();
        if (hurt > 0) {
            g.shapes.setColor(Gfx.FOE.r, Gfx.FOE.g, Gfx.FOE.b, 0.35f * hurt);
            g.shapes.rect(0, 0, Gfx.W, Gfx.H);
        }
        if (flash > 0) {
            g.shapes.setColor(flashColor.r, flashColor.g, flashColor.b, 0.5f * flash);
            g.shapes.rect(0, 0, Gfx.W, Gfx.H);
        }
        float edge = 0.10f * bar;
        g.shapes.setColor(Gfx.GATE.r, Gfx.GATE.g, Gfx.GATE.b, edge);
        g.shapes.rect(0, 0, Gfx.W, 10);
        g.shapes.rect(0, Gfx.H - 10, Gfx.W, 10);
        boolean cut = play.phase == Phase.CUTSCENE || play.phase == Phase.VICTORY;
        if (!cut) {
            for (int i = 0; i < w.player.maxHp; i++) {
                g.shapes.setColor(i < w.player.hp ? Gfx.HERO : Gfx.WALL);
                g.shapes.rect(HEALTH_X + i * 22, HEALTH_Y, 16, 22);
            }
            for (int i = 0; i < World.SHARDS_NEEDED; i++) {
                float x = HEALTH_X + 8 + i * 30;
                float y = HEALTH_Y - 30;
                g.shapes.setColor(i < w.shards ? Gfx.PICKUP : Gfx.WALL);
                g.shapes.triangle(x - 9, y, x, y + 13, x + 9, y);
                g.shapes.triangle(x - 9, y, x, y - 13, x + 9, y);
            }
            for (int i = 0; i < 4; i++) {
                boolean lit = i == beatInBar;
                g.shapes.setColor(lit ? (i == 0 ? Gfx.GATE : Gfx.TEXT) : Gfx.WALL);
                g.shapes.circle(Gfx.W - 110 + i * 24, HEALTH_Y + 11, lit ? 7 + 3 * beat : 6, 16);
            }
            if (w.inArena && w.boss.alive()) {
                g.shapes.setColor(Gfx.WALL);
                g.shapes.rect(Gfx.W / 2 - 300, 40, 600, 16);
                float left = 600f * w.boss.hp / w.boss.maxHp;
                g.shapes.setColor(Gfx.BOSS);
                g.shapes.rect(Gfx.W / 2 - 300, 40, left, 16);
                if (w.boss.flash > 0) {
                    g.shapes.setColor(Color.WHITE);
                    g.shapes.rect(Gfx.W / 2 - 300 + left - 14, 40, 14, 16);
                }
            }
        }
        if (cut) {
            g.shapes.setColor(Color.BLACK);
            g.shapes.rect(0, 0, Gfx.W, 90);
            g.shapes.rect(0, Gfx.H - 90, Gfx.W, 90);
        }
        if (play.phase == Phase.CUTSCENE && play.lineShown) {
            g.shapes.setColor(Gfx.PANEL);
            g.shapes.rect(140, 110, Gfx.W - 280, 130);
            g.shapes.setColor(Gfx.GATE);
            g.shapes.rect(140, 110, 5, 130);
        }
        if (play.paused || play.phase == Phase.DEAD) {
            g.shapes.setColor(0.03f, 0.02f, 0.08f, 0.72f);
            g.shapes.rect(0, 0, Gfx.W, Gfx.H);
        }
        if (play.paused) {
            for (int i = 0; i < PlayScene.PAUSE_ITEMS.length; i++) {
                float y = 380 - i * 60;
                if (Ui.over(g, Gfx.W / 2 - 160, y - 40, 320, 46)) {
                    play.pauseRow = i;
                }
                Ui.box(g, Gfx.W / 2 - 160, y - 40, 320, 46, Gfx.HERO, i == play.pauseRow);
            }
        }
        g.shapes.end();
        g.textUi();
        if (!cut) {
            g.text(String.format(Locale.ROOT, "%s  ·  intensity %.2f", mood(m), m.intensity()), Gfx.W - 150,
                    HEALTH_Y + 18, 1.1f, Gfx.DIM, Align.right);
            g.text(m.status(), Gfx.W - 20, 24, 0.95f, m.segue() == null ? Gfx.FOE : Gfx.DIM, Align.right);
            if (m.song() != null) {
                g.text(SoundtracksScene.printable("your music: " + m.song()), Gfx.W - 20, 44, 0.95f, Gfx.PICKUP, Align.right);
            }
            g.text("F1 composer preview  ·  Esc pause", 20, 24, 0.95f, Gfx.DIM);
            String hint = hint(w);
            if (!hint.isEmpty()) {
                g.text(hint, Gfx.W / 2, 110, 1.3f, Gfx.TEXT, Align.center);
            }
            if (w.inArena && w.boss.alive()) {
                g.text("THE CONDUCTOR", Gfx.W / 2, 84, 1.3f, Gfx.BOSS, Align.center);
            }
        }
        if (play.phase == Phase.VICTORY) {
            g.text("THE CONDUCTOR FALLS", Gfx.W / 2, Gfx.H / 2 + 30, 3.2f, Gfx.BOSS, Align.center);
        }
        if (play.phase == Phase.CUTSCENE && play.lineShown) {
            String[] l = PlayScene.DIALOGUE[play.line];
            g.text(l[0], 170, 220, 1.2f, l[0].equals("YOU") ? Gfx.HERO : Gfx.BOSS);
            g.text(l[1], 170, 180, 1.7f, Gfx.TEXT);
            g.text("Space: next", Gfx.W - 160, 130, 0.95f, Gfx.DIM, Align.right);
        }
        if (play.phase == Phase.DEAD) {
            g.text("YOU FELL", Gfx.W / 2, Gfx.H / 2 + 60, 4f, Gfx.FOE, Align.center);
            g.text("the music stops; press Enter to go back to the title", Gfx.W / 2, Gfx.H / 2 - 20, 1.3f,
                    Gfx.DIM, Align.center);
        }
        if (play.paused) {
            g.text("PAUSED", Gfx.W / 2, 520, 3.5f, Gfx.TEXT, Align.center);
            g.text("the music is muffled and ducked while you wait", Gfx.W / 2, 450, 1.2f, Gfx.DIM, Align.center);
            for (int i = 0; i < PlayScene.PAUSE_ITEMS.length; i++) {
                g.text(PlayScene.PAUSE_ITEMS[i], Gfx.W / 2, 380 - i * 60 - 6, 1.5f,
                        i == play.pauseRow ? Gfx.BG : Gfx.TEXT, Align.center);
            }
        }
        g.batch.end();
        if (play.paused && Ui.clicked(g, Gfx.W / 2 - 160, 380 - play.pauseRow * 60 - 40, 320, 46)) {
            play.choosePause(play.pauseRow);
        }
    }

    private static String mood(Music m) {
        return m.mood() == null ? "-" : m.mood().name().toLowerCase(Locale.ROOT);
    }

    private static String hint(World w) {
        if (w.inArena) {
            return w.boss.intro > 0 ? "The Conductor raises the baton..." : "";
        }
        if (w.time < 6) {
            return "Find the three shards. Space to strike, Shift to dash.";
        }
        if (!w.gateOpen && Math.hypot(Level.GATE_X0 - w.player.x, Level.GATE_Y - w.player.y) < 300) {
            return "The gate hums. It wants " + (World.SHARDS_NEEDED - w.shards) + " more shard"
                    + (World.SHARDS_NEEDED - w.shards == 1 ? "" : "s") + ".";
        }
        if (w.gateOpen && w.time < 9999 && Level.zone(w.player.x, w.player.y) >= 2) {
            return "The gate is open. Something waits beyond it.";
        }
        return "";
    }
}
