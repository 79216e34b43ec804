package dev.segue.demo;

/** The composer preview as its own screen, from the title menu; Esc goes back. */
final class PreviewScene implements Scene {
    private final SegueDemo game;
    private final Scene back;
    private final PreviewPanel panel;

    PreviewScene(SegueDemo game, Scene back) {
        this.game = game;
        this.back = back;
        this.panel = new PreviewPanel(game);
    }

    @Override
    public void update(float dt, Controls c) {
        panel.update(dt);
        if (c.back) {
            panel.close();
            game.go(back);
        }
    }

    @Override
    public void draw(Gfx g) {
        panel.draw(g, false);
    }
}
