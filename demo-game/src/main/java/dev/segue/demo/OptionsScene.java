package dev.segue.demo;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.utils.Align;
import java.util.List;

/**
 * Music volume, output device (Segue's list of this machine's devices) and latency; a change of
 * device or latency rebuilds the music. Also the way to the custom-soundtrack screen.
 */
final class OptionsScene implements Scene {
    private static final String[] ROWS = {"Music volume", "Output device", "Latency", "Custom soundtracks", "Back"};
    private final SegueDemo game;
    private final Scene back;
    private int row;
    private String message = "";

    OptionsScene(SegueDemo game, Scene back) {
        this.game = game;
        this.back = back;
    }

    @Override
    public void update(float dt, Controls c) {
        if (c.up) {
            row = (row + ROWS.length - 1) % ROWS.length;
        }
        if (c.down) {
            row = (row + 1) % ROWS.length;
        }
        int step = (c.right ? 1 : 0) - (c.left ? 1 : 0);
        if (c.confirm && row == 3) {
            game.go(game.soundtracksScreen(this));
            return;
        }
        if (step == 0 && c.confirm && row != 4) {
            step = 1;
        }
        if (step != 0 && row < 3) {
            change(row, step);
        }
        if (c.back || (c.confirm && row == 4)) {
            game.go(back);
        }
    }

    private void change(int r, int step) {
        Settings s = game.settings;
        switch (r) {
            case 0 -> {
                s.volume(s.volume() + step * 0.05f);
                game.music.volume(s.volume());
            }
            case 1 -> {
                List<String> outs = RuntimeApi.outputs();
                int i = Math.max(0, outs.indexOf(s.output()));
                s.output(outs.get(Math.floorMod(i + step, outs.size())));
                rebuild();
            }
            case 2 -> {
                Settings.Latency[] all = Settings.Latency.values();
                s.latency(all[Math.floorMod(s.latency().ordinal() + step, all.length)]);
                rebuild();
            }
            default -> {
            }
        }
    }

    private void rebuild() {
        String problem = game.rebuildMusic();
        message = problem == null ? "music restarted: " + game.music.status() : "kept the old music: " + problem;
    }

    private String value(int r) {
        Settings s = game.settings;
        return switch (r) {
            case 0 -> Math.round(s.volume() * 100) + " %";
            case 1 -> s.output();
            case 2 -> s.latency().label;
            case 3 -> "folders, soundtracks, what plays where";
            default -> "";
        };
    }

    @Override
    public void draw(Gfx g) {
        g.clear(Gfx.BG);
        g.shapesUi();
        for (int i = 0; i < ROWS.length; i++) {
            float y = 520 - i * 72;
            if (Ui.clicked(g, 240, y - 50, 800, 60)) {
                row = i;
                if (i == 0) {
                    continue;
                }
                if (i == 3) {
                    game.go(game.soundtracksScreen(this));
                } else if (i == 4) {
                    game.go(back);
                } else {
                    change(i, 1);
                }
            }
            Ui.box(g, 240, y - 50, 800, 60, Gfx.HERO, i == row);
        }
        float v = game.settings.volume();
        float nv = Ui.drag(g, 700, 485, 300, 12, v);
        if (nv != v) {
            game.settings.volume(nv);
            game.music.volume(game.settings.volume());
        }
        Ui.slider(g, 700, 485, 300, 12, game.settings.volume(), Gfx.PICKUP);
        g.shapes.end();
        g.textUi();
        g.text("OPTIONS", Gfx.W / 2, 640, 3f, Gfx.TEXT, Align.center);
        for (int i = 0; i < ROWS.length; i++) {
            float y = 520 - i * 72;
            Color c = i == row ? Gfx.BG : Gfx.TEXT;
            g.text(ROWS[i], 270, y - 10, 1.6f, c);
            if (i != 0 && i != 4) {
                g.text(value(i), 1010, y - 10, 1.4f, c, Align.right);
            } else {
                g.text(value(i), 680, y - 10, 1.4f, c, Align.right);
            }
        }
        g.text("up/down choose · left/right change · Esc back", Gfx.W / 2, 150, 1.1f, Gfx.DIM, Align.center);
        g.text(message.isEmpty() ? game.music.status() : message, Gfx.W / 2, 110, 1.1f, Gfx.PICKUP, Align.center);
        g.batch.end();
    }
}
