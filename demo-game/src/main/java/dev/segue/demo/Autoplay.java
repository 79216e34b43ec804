package dev.segue.demo;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import dev.segue.SegueEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code --autoplay}: the game on libGDX's headless backend with a scripted player who plays it
 * through twice (a win: title, explore, combat, pickups, the gate, a pause, the boss, the cutscene;
 * then a loss to see game over), while the music renders offline in step with the game's clock into
 * a WAV, and every music event and game fact goes to a log.
 */
final class Autoplay implements SegueDemo.Driver, SegueDemo.Frame {
    static final float STEP = 1 / 60f;
    /** The longest a run may take in game time before it is called stuck. */
    static final float LIMIT = 900;

    /** What a run left behind. */
    record Result(Path wav, Path log, int rate, long frames, List<SegueEvent> events, List<long[]> dialogue,
            List<long[]> pauses, boolean finished, String problem) {
    }

    private final Path dir;
    private final List<SegueEvent> events = new ArrayList<>();
    private final List<long[]> dialogue = new ArrayList<>();
    private final List<long[]> pauses = new ArrayList<>();
    private WavOut wav;
    private BufferedWriter log;
    private float[] buf;
    private long rendered;
    private int titleVisits;
    private float sceneTime;
    private Object scene;
    private Autopilot pilot;
    private boolean wasLine;
    private boolean wasPaused;
    private boolean finished;
    private String problem;

    private Autoplay(Path dir) {
        this.dir = dir;
    }

    /** Plays the game through headless, writing {@code autoplay.wav} and {@code autoplay-events.log} to dir. */
    static Result run(Path dir) throws InterruptedException {
        return run(dir, null);
    }

    /** The same with the cue sheet file {@code sheet} (null: the classpath score). */
    static Result run(Path dir, Path sheet) throws InterruptedException {
        return run(dir, sheet, null);
    }

    /**
     * The same, with the custom soundtracks saved in {@code configDir} playing where they are assigned
     * (null: the score everywhere, whatever the machine's own player chose).
     */
    static Result run(Path dir, Path sheet, Path configDir) throws InterruptedException {
        Autoplay a = new Autoplay(dir);
        SegueDemo.Setup s = new SegueDemo.Setup();
        s.sheet = sheet;
        s.songs = configDir != null;
        s.configDir = configDir;
        s.headless = true;
        s.offline = true;
        s.fixedStep = STEP;
        s.driver = a;
        s.frame = a;
        s.onMusic = a::started;
        CountDownLatch done = new CountDownLatch(1);
        s.onExit = () -> {
            a.finish();
            done.countDown();
        };
        SegueDemo game = new SegueDemo(s);
        HeadlessApplicationConfiguration c = new HeadlessApplicationConfiguration();
        c.updatesPerSecond = 0;
        c.preferencesDirectory = dir.resolve("prefs").toString();
        new HeadlessApplication(game, c);
        if (!done.await(15, TimeUnit.MINUTES)) {
            throw new IllegalStateException("autoplay did not finish in 15 minutes");
        }
        return new Result(dir.resolve("autoplay.wav"), dir.resolve("autoplay-events.log"),
                game.music == null || game.music.segue() == null ? 48_000 : game.music.segue().sampleRate(),
                a.rendered, List.copyOf(a.events), List.copyOf(a.dialogue), List.copyOf(a.pauses), a.finished,
                a.problem);
    }

    private void started(Music music) {
        try {
            Files.createDirectories(dir);
            log = Files.newBufferedWriter(dir.resolve("autoplay-events.log"));
            music.logTo(log);
            if (music.segue() == null) {
                problem = music.status();
                return;
            }
            music.segue().addListener(events::add);
            wav = new WavOut(dir.resolve("autoplay.wav"), music.segue().sampleRate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void drive(SegueDemo game, float dt, Controls c) {
        c.clear();
        Scene now = game.scene();
        if (now != scene) {
            scene = now;
            sceneTime = 0;
            if (now instanceof TitleScene) {
                titleVisits++;
            }
            if (now instanceof PlayScene play) {
                boolean hero = titleVisits == 1;
                pilot = new Autopilot(hero ? Autopilot.Style.HERO : Autopilot.Style.RECKLESS);
                play.world.player.stubborn = hero;
            }
        }
        sceneTime += dt;
        if (game.time() > LIMIT) {
            problem = "the scripted player was still playing after " + LIMIT + " s of game time";
            Gdx.app.exit();
            return;
        }
        if (now instanceof TitleScene) {
            if (titleVisits >= 3 && sceneTime > 3) {
                finished = true;
                Gdx.app.exit();
            } else if (sceneTime > 3) {
                c.confirm = true;
            }
        } else if (now instanceof PlayScene play) {
            playing(play, c);
        }
    }

    private void playing(PlayScene play, Controls c) {
        if (play.phase == PlayScene.Phase.DEAD) {
            c.confirm = play.phaseTime > 3;
            return;
        }
        if (play.phase != PlayScene.Phase.PLAY) {
            return;
        }
        boolean hero = titleVisits == 1;
        if (hero && !play.paused && sceneTime > 12 && sceneTime < 12 + STEP * 1.5f) {
            c.back = true;
            return;
        }
        if (play.paused) {
            c.confirm = sceneTime > 15.5f;
            return;
        }
        pilot.drive(play.world, c);
    }

    @Override
    public void after(SegueDemo game, float dt) {
        if (game.scene() instanceof PlayScene play) {
            if (play.lineShown != wasLine) {
                wasLine = play.lineShown;
                edge(dialogue, wasLine);
            }
            if (play.paused != wasPaused) {
                wasPaused = play.paused;
                edge(pauses, wasPaused);
            }
        } else {
            if (wasLine) {
                wasLine = false;
                edge(dialogue, false);
            }
            if (wasPaused) {
                wasPaused = false;
                edge(pauses, false);
            }
        }
        if (wav == null) {
            return;
        }
        long target = Math.round(game.time() * (double) game.music.segue().sampleRate());
        int n = (int) (target - rendered);
        if (buf == null || buf.length < n * 2) {
            buf = new float[Math.max(n, 1024) * 2];
        }
        game.music.segue().render(buf, n);
        try {
            wav.write(buf, n);
        } catch (IOException e) {
            problem = "cannot write the WAV: " + e.getMessage();
            Gdx.app.exit();
        }
        rendered += n;
    }

    /** Opens a window at the frame the next render starts from, or closes the last one. */
    private void edge(List<long[]> windows, boolean on) {
        if (on) {
            windows.add(new long[] {rendered, -1});
        } else if (!windows.isEmpty()) {
            windows.get(windows.size() - 1)[1] = rendered;
        }
    }

    private void finish() {
        try {
            if (wav != null) {
                wav.close();
            }
            if (log != null) {
                log.close();
            }
        } catch (IOException e) {
            problem = "cannot finish the autoplay files: " + e.getMessage();
        }
    }
}
