package dev.segue.demo;

import com.badlogic.gdx.utils.Align;

/** Shown while the asset manager decodes the score; then the title. */
final class LoadingScene implements Scene {
    private final SegueDemo game;
    private float t;

    LoadingScene(SegueDemo game) {
        this.game = game;
    }

    @Override
    public void update(float dt, Controls c) {
        t += dt;
        if (game.loadMusic()) {
            game.go(new TitleScene(game));
        }
    }

    @Override
    public void draw(Gfx g) {
        g.clear(Gfx.BG);
        g.shapesUi();
        for (int i = 0; i < 8; i++) {
            float a = (float) (0.3 + 0.7 * Math.max(0, Math.sin(t * 6 - i * 0.6)));
            g.shapes.setColor(Gfx.HERO.r, Gfx.HERO.g, Gfx.HERO.b, a);
            g.shapes.circle(Gfx.W / 2 - 105 + i * 30, Gfx.H / 2 - 40, 8);
        }
        g.shapes.end();
        g.textUi();
        g.text("tuning the orchestra...", Gfx.W / 2, Gfx.H / 2 + 30, 1.6f, Gfx.DIM, Align.center);
        g.batch.end();
    }
}
