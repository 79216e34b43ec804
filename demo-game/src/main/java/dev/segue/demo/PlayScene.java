package dev.segue.demo;

import dev.segue.demo.ScoreMap.Mood;
import dev.segue.demo.ScoreMap.Sting;
import dev.segue.demo.World.Happening;

/**
 * The game: exploring and fighting in the level, the boss arena, the victory cutscene and game over,
 * with Esc to pause. It tells the music what happens; {@link WorldView} draws it.
 */
final class PlayScene implements Scene {
    /** Where the game is. */
    enum Phase { PLAY, VICTORY, CUTSCENE, DEAD }

    static final float STEP = 1 / 60f;
    /** Music before the first line of dialogue: the cutscene breathes first. */
    static final float CUTSCENE_LEAD = 4.5f;
    static final float LINE = 3.4f;
    static final float GAP = 0.8f;
    static final String[][] DIALOGUE = {
        {"THE CONDUCTOR", "You... kept time with me."},
        {"THE CONDUCTOR", "Every ring I threw, you answered on the bar."},
        {"YOU", "The music told me where you would strike."},
        {"THE CONDUCTOR", "Then the score is yours now. Listen to it change."},
        {"YOU", "It already has."},
    };
    static final String[] PAUSE_ITEMS = {"Resume", "Options", "Quit to title"};

    final SegueDemo game;
    final World world;
    final WorldView view;
    Phase phase = Phase.PLAY;
    boolean paused;
    int pauseRow;
    float phaseTime;
    /** Seconds the music stays in combat after the last hunter is gone. */
    private float combatHold;
    private float accumulator;
    int line = -1;
    boolean lineShown;

    PlayScene(SegueDemo game) {
        this(game, new World(7));
    }

    PlayScene(SegueDemo game, World world) {
        this.game = game;
        this.world = world;
        this.view = new WorldView(this);
        game.music.addPulse(world);
        game.music.addPulse(view);
        game.music.mood(Mood.EXPLORE);
        game.music.paused(false);
    }

    @Override
    public void update(float dt, Controls c) {
        if (c.back && (phase == Phase.PLAY || phase == Phase.VICTORY)) {
            setPaused(!paused);
            return;
        }
        if (paused) {
            pauseMenu(c);
            return;
        }
        phaseTime += dt;
        view.update(dt);
        switch (phase) {
            case PLAY -> play(dt, c);
            case VICTORY -> {
                if (phaseTime > 2.5f) {
                    enter(Phase.CUTSCENE);
                    game.music.mood(Mood.CUTSCENE);
                    game.music.intensity(0.1f);
                }
            }
            case CUTSCENE -> cutscene(c);
            case DEAD -> {
                if (phaseTime > 1.5f && c.confirm) {
                    leave();
                }
            }
        }
    }

    private void play(float dt, Controls c) {
        accumulator += dt;
        Controls once = c;
        while (accumulator >= STEP) {
            accumulator -= STEP;
            world.step(STEP, once);
            react();
            once = held(c);
            if (phase != Phase.PLAY) {
                return;
            }
        }
        direct(dt);
    }

    /** The same controls without this frame's presses, for a second step in one frame. */
    private static Controls held(Controls c) {
        Controls h = new Controls();
        h.moveX = c.moveX;
        h.moveY = c.moveY;
        h.attack = c.attack;
        return h;
    }

    /** Turns what happened in the world into music and juice. */
    private void react() {
        Music m = game.music;
        for (Happening h : world.happened) {
            switch (h) {
                case SHARD, HEALTH -> m.sting(Sting.PICKUP);
                case GATE_SEEN -> m.sting(Sting.DISCOVERY);
                case ENTERED_ARENA -> m.mood(Mood.BOSS);
                case BOSS_DIED -> {
                    m.sting(Sting.VICTORY);
                    enter(Phase.VICTORY);
                }
                case PLAYER_DIED -> {
                    m.sting(Sting.GAME_OVER);
                    m.mood(Mood.SILENCE);
                    enter(Phase.DEAD);
                }
                default -> {
                }
            }
            view.happened(h);
        }
    }

    /** Mood and intensity from the facts of the game. */
    private void direct(float dt) {
        Music m = game.music;
        float hurt = 1 - world.player.hp / (float) world.player.maxHp;
        if (world.inArena) {
            m.mood(Mood.BOSS);
            m.intensity(0.5f + 0.15f * (world.boss.phase() - 1) + 0.2f * hurt);
            return;
        }
        int hunters = world.hunters();
        combatHold = hunters > 0 ? 4f : combatHold - dt;
        m.mood(combatHold > 0 ? Mood.COMBAT : Mood.EXPLORE);
        m.intensity(0.15f + 0.2f * Math.min(3, hunters) + 0.3f * hurt);
    }

    private void cutscene(Controls c) {
        float t = phaseTime - CUTSCENE_LEAD;
        if (t < 0) {
            return;
        }
        int n = (int) (t / (LINE + GAP));
        float in = t - n * (LINE + GAP);
        if (n >= DIALOGUE.length) {
            leave();
            return;
        }
        if (n != line) {
            line = n;
        }
        boolean show = in < LINE;
        if (show && c.confirm) {
            phaseTime += LINE - in;
            show = false;
        }
        if (show != lineShown) {
            lineShown = show;
            game.music.dialogue(show);
            if (show) {
                game.music.note("dialogue " + line + ": " + DIALOGUE[line][1]);
            }
        }
    }

    private void pauseMenu(Controls c) {
        if (c.up) {
            pauseRow = (pauseRow + PAUSE_ITEMS.length - 1) % PAUSE_ITEMS.length;
        }
        if (c.down) {
            pauseRow = (pauseRow + 1) % PAUSE_ITEMS.length;
        }
        if (c.confirm) {
            choosePause(pauseRow);
        }
    }

    void choosePause(int row) {
        switch (row) {
            case 0 -> setPaused(false);
            case 1 -> game.go(new OptionsScene(game, this));
            default -> leave();
        }
    }

    void setPaused(boolean p) {
        paused = p;
        game.music.paused(p);
    }

    private void enter(Phase p) {
        phase = p;
        phaseTime = 0;
    }

    /** Back to the title, letting go of every duck and the pause filter. */
    void leave() {
        game.music.dialogue(false);
        game.music.paused(false);
        game.music.removePulse(world);
        game.music.removePulse(view);
        game.go(new TitleScene(game));
    }

    /** Screenshot tour: the shards found, the player at the gate. */
    void skipToArena() {
        for (Actors.Pickup p : world.pickups) {
            if (p.kind == Actors.PickupKind.SHARD) {
                p.taken = true;
            }
        }
        world.shards = World.SHARDS_NEEDED;
        world.gateOpen = true;
        world.gateSeen = true;
        world.player.x = Level.GATE_X1 + 40;
        world.player.y = Level.GATE_Y;
    }

    /** Screenshot tour: the boss falls. */
    void defeatBoss() {
        world.boss.hp = 0;
        world.bullets.clear();
        game.music.sting(Sting.VICTORY);
        enter(Phase.VICTORY);
    }

    @Override
    public void draw(Gfx g) {
        view.draw(g);
    }
}
