package dev.segue.demo;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.PixmapIO;
import java.nio.file.Path;
import java.util.zip.Deflater;

/**
 * {@code --tour DIR}: a real window visits the title, the options, the level, the boss fight with the F1 overlay,
 * the cutscene, the composer preview and the custom soundtracks (scanning the folders the config names) on a wall-clock timetable (and the game's own progress), saving a PNG of each to DIR, then
 * quits. The window test runs it under Xvfb.
 */
final class Tour implements SegueDemo.Driver, SegueDemo.Frame {
    /** The screenshots, in the order they are taken. */
    static final String[] SHOTS = {"title", "options", "level", "boss", "overlay", "cutscene", "preview", "soundtracks"};

    private final Path dir;
    private final Autopilot pilot = new Autopilot(Autopilot.Style.HERO);
    private int step;
    private double stepStart = -1;
    private String pendingShot;
    private boolean shotTaken;
    private boolean asked;
    private boolean scanned;
    private boolean assigned;
    private boolean previewed;

    Tour(Path dir) {
        this.dir = dir;
    }

    @Override
    public void drive(SegueDemo game, float dt, Controls c) {
        c.clear();
        Scene s = game.scene();
        if (s instanceof LoadingScene) {
            return;
        }
        double clock = System.nanoTime() / 1e9;
        if (stepStart < 0) {
            stepStart = clock;
        }
        double t = clock - stepStart;
        switch (step) {
            case 0 -> at(t > 2.0, "title", () -> game.go(new OptionsScene(game, s)));
            case 1 -> at(t > 1.0, "options", () -> game.go(new PlayScene(game)));
            case 2 -> {
                PlayScene p = (PlayScene) s;
                p.world.player.stubborn = true;
                pilot.drive(p.world, c);
                at(p.world.hunters() > 0 && t > 4 || t > 14, "level", p::skipToArena);
            }
            case 3 -> {
                PlayScene p = (PlayScene) s;
                pilot.drive(p.world, c);
                at(t > 5.0, "boss", () -> c.preview = true);
            }
            case 4 -> at(t > 2.0, "overlay", () -> {
                c.preview = true;
                ((PlayScene) s).defeatBoss();
            });
            case 5 -> at(s instanceof PlayScene p && p.lineShown && p.phaseTime > PlayScene.CUTSCENE_LEAD + 1, "cutscene",
                    () -> {
                        ((PlayScene) s).leave();
                        game.go(new PreviewScene(game, game.scene()));
                    });
            case 6 -> {
                if (!asked && t > 2.0 && game.music.segue() != null) {
                    // ask for a change so the timeline shows where it will land and its fades
                    asked = true;
                    game.music.segue().setState(game.music.map().state(ScoreMap.Mood.COMBAT));
                }
                at(t > 2.5, "preview", () -> game.go(game.soundtracksScreen(game.scene())));
            }
            case 7 -> {
                // scan the folders the config names, make a soundtrack of the first album, assign it
                Soundtracks m = ((SoundtracksScene) s).model;
                if (!scanned) {
                    scanned = true;
                    m.scan();
                }
                boolean ready = m.report() != null;
                if (ready && !assigned && !m.albums().isEmpty()) {
                    assigned = true;
                    String name = m.store().soundtracks().isEmpty() ? m.fromAlbum(m.albums().keySet().iterator().next())
                            : m.store().soundtracks().get(0).name();
                    m.assign(dev.segue.library.Assignments.COMBAT, name);
                    m.assign(dev.segue.library.Assignments.BOSS, name);
                }
                SoundtracksScene screen = (SoundtracksScene) s;
                if (assigned && !previewed && t > 0.5) { // the choices reached the playback on the last frame
                    previewed = true;
                    screen.previewFirst();
                }
                at(ready && screen.playback.nowPlaying() != null && t > 1.5 || t > 20, "soundtracks", () -> Gdx.app.exit());
            }
            default -> {
            }
        }
    }

    /** Once {@code due}: a screenshot of this frame, then {@code next} on the one after. */
    private void at(boolean due, String shot, Runnable next) {
        if (!due && !shotTaken) {
            return;
        }
        if (!shotTaken) {
            pendingShot = shot;
            shotTaken = true;
        } else if (pendingShot == null) {
            next.run();
            step++;
            stepStart = -1;
            shotTaken = false;
        }
    }

    @Override
    public void after(SegueDemo game, float dt) {
    }

    @Override
    public void drawn(SegueDemo game) {
        if (pendingShot == null) {
            return;
        }
        int w = Gdx.graphics.getBackBufferWidth();
        int h = Gdx.graphics.getBackBufferHeight();
        Pixmap p = Pixmap.createFromFrameBuffer(0, 0, w, h);
        try {
            // the frame buffer's alpha is whatever blending left there; a screenshot is opaque
            java.nio.ByteBuffer px = p.getPixels();
            for (int i = 3; i < px.limit(); i += 4) {
                px.put(i, (byte) 0xff);
            }
            PixmapIO.writePNG(Gdx.files.absolute(dir.resolve(pendingShot + ".png").toAbsolutePath().toString()), p,
                    Deflater.DEFAULT_COMPRESSION, true);
        } finally {
            p.dispose();
        }
        pendingShot = null;
    }
}
