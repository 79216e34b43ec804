package dev.segue.demo;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.utils.Align;
import dev.segue.demo.ScoreMap.Mood;

/** The title menu: play, options, custom soundtracks, the composer preview, quit. */
final class TitleScene implements Scene {
    static final String[] ITEMS = {"Play", "Options", "Custom soundtracks", "Composer preview", "Quit"};
    private final SegueDemo game;
    private int selected;
    private float t;

    TitleScene(SegueDemo game) {
        this.game = game;
        game.music.mood(Mood.TITLE);
        game.music.intensity(0.2f);
        game.music.paused(false);
    }

    @Override
    public void update(float dt, Controls c) {
        t += dt;
        if (c.up) {
            selected = (selected + ITEMS.length - 1) % ITEMS.length;
        }
        if (c.down) {
            selected = (selected + 1) % ITEMS.length;
        }
        if (c.confirm) {
            choose(selected);
        }
    }

    private void choose(int i) {
        switch (i) {
            case 0 -> game.go(new PlayScene(game));
            case 1 -> game.go(new OptionsScene(game, this));
            case 2 -> game.go(game.soundtracksScreen(this));
            case 3 -> game.go(new PreviewScene(game, this));
            default -> Gdx.app.exit();
        }
    }

    int selected() {
        return selected;
    }

    @Override
    public void draw(Gfx g) {
        Music m = game.music;
        g.clear(Gfx.BG);
        g.shapesUi();
        float beat = m.beatGlow();
        float bar = m.barGlow();
        for (int i = 0; i < 14; i++) {
            float r = 60 + i * 55 + bar * 18;
            float a = 0.05f + 0.05f * (float) Math.sin(t + i * 0.5) + (i % 4 == 0 ? beat * 0.10f : 0);
            g.shapes.setColor(Gfx.GATE.r, Gfx.GATE.g, Gfx.GATE.b, Math.max(0.03f, a * 1.1f));
            g.ring(Gfx.W / 2, Gfx.H * 0.62f, r, 4 + 4 * (i % 4 == 0 ? beat : 0), 72);
        }
        float y0 = 340;
        for (int i = 0; i < ITEMS.length; i++) {
            float y = y0 - i * 50;
            if (Ui.over(g, Gfx.W / 2 - 170, y - 38, 340, 42)) {
                selected = i;
                if (Ui.clicked(g, Gfx.W / 2 - 170, y - 38, 340, 42)) {
                    choose(i);
                }
            }
            Ui.box(g, Gfx.W / 2 - 170, y - 38, 340, 42, Gfx.HERO, i == selected);
        }
        g.shapes.end();
        g.textUi();
        float drop = 5 + 5 * bar;
        g.text("SEGUE", Gfx.W / 2 + drop, 560 - drop, 6, Gfx.GATE, Align.center);
        g.text("SEGUE", Gfx.W / 2, 560, 6, Gfx.TEXT, Align.center);
        g.text("the music follows the game", Gfx.W / 2, 440, 1.5f, Gfx.DIM, Align.center);
        for (int i = 0; i < ITEMS.length; i++) {
            Color c = i == selected ? Gfx.BG : Gfx.TEXT;
            g.text(ITEMS[i], Gfx.W / 2, y0 - i * 50 - 6, 1.5f, c, Align.center);
        }
        g.text("arrows / WASD / stick to move  ·  Space/Enter/A to choose  ·  F1 composer preview in game", Gfx.W / 2,
                60, 1.0f, Gfx.DIM, Align.center);
        g.text(m.status(), Gfx.W / 2, 32, 1.0f, m.segue() == null ? Gfx.FOE : Gfx.PICKUP, Align.center);
        g.batch.end();
    }
}
