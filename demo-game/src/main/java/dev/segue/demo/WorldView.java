package dev.segue.demo;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.OrthographicCamera;
import dev.segue.demo.Actors.Bullet;
import dev.segue.demo.Actors.Enemy;
import dev.segue.demo.Actors.EnemyMode;
import dev.segue.demo.Actors.Pickup;
import dev.segue.demo.World.Happening;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Draws the play scene: the level, its people, the juice (shake, flashes, beat pulses) and the HUD. */
final class WorldView implements Music.Pulse {
    private final PlayScene play;
    private final World world;
    private final OrthographicCamera cam = new OrthographicCamera(Gfx.W, Gfx.H);
    private final Random shakeRandom = new Random(3);
    private final List<float[]> bursts = new ArrayList<>();
    private float camX = Level.START_X;
    private float camY = Level.START_Y;
    private float trauma;
    private float flash;
    private Color flashColor = Color.WHITE;
    private float hurtFlash;
    private float beat;
    private float bar;
    private int beatInBar;

    WorldView(PlayScene play) {
        this.play = play;
        this.world = play.world;
    }

    @Override
    public void beat(boolean downbeat) {
        beat = 1;
        beatInBar = downbeat ? 0 : (beatInBar + 1) % 4;
        if (downbeat) {
            bar = 1;
            if (world.inArena && world.boss.alive() && world.boss.intro <= 0) {
                trauma = Math.max(trauma, 0.18f);
                burst(world.boss.x, world.boss.y, Gfx.BOSS, 120);
            }
        }
    }

    void happened(Happening h) {
        Actors.Player p = world.player;
        switch (h) {
            case ENEMY_HIT -> trauma = Math.max(trauma, 0.15f);
            case ENEMY_DIED -> {
                trauma = Math.max(trauma, 0.35f);
                for (Enemy e : world.enemies) {
                    if (!e.alive() && e.flash > 0) {
                        burst(e.x, e.y, Gfx.FOE, 90);
                    }
                }
            }
            case PLAYER_HURT -> {
                trauma = Math.max(trauma, 0.5f);
                hurtFlash = 1;
            }
            case SHARD, HEALTH -> {
                burst(p.x, p.y, Gfx.PICKUP, 70);
                flash(Gfx.PICKUP, 0.25f);
            }
            case GATE_SEEN, GATE_OPEN -> {
                burst(Level.GATE_X0, Level.GATE_Y, Gfx.GATE, 200);
                flash(Gfx.GATE, 0.3f);
            }
            case ENTERED_ARENA -> trauma = 0.7f;
            case BOSS_HIT -> trauma = Math.max(trauma, 0.12f);
            case BOSS_PHASE -> {
                trauma = 0.8f;
                flash(Gfx.BOSS, 0.6f);
                burst(world.boss.x, world.boss.y, Gfx.BOSS, 260);
            }
            case BOSS_DIED -> {
                trauma = 1;
                flash(Color.WHITE, 1);
                burst(world.boss.x, world.boss.y, Gfx.BOSS, 420);
            }
            case PLAYER_DIED -> {
                trauma = 1;
                flash(Gfx.FOE, 0.8f);
            }
        }
    }

    private void flash(Color c, float a) {
        flashColor = c;
        flash = Math.max(flash, a);
    }

    private void burst(float x, float y, Color c, float size) {
        bursts.add(new float[] {x, y, 0, size, c.r, c.g, c.b});
    }

    void update(float dt) {
        trauma = Math.max(0, trauma - dt * 1.6f);
        flash = Math.max(0, flash - dt * 2.5f);
        hurtFlash = Math.max(0, hurtFlash - dt * 3);
        beat = Math.max(0, beat - dt * 4);
        bar = Math.max(0, bar - dt * 2);
        for (int i = bursts.size() - 1; i >= 0; i--) {
            float[] b = bursts.get(i);
            b[2] += dt * 2.2f;
            if (b[2] >= 1) {
                bursts.remove(i);
            }
        }
        float tx = world.inArena ? (world.player.x + world.boss.x) / 2 : world.player.x;
        float ty = world.inArena ? (world.player.y + world.boss.y) / 2 : world.player.y;
        float k = 1 - (float) Math.pow(0.002, dt);
        camX += (tx - camX) * k;
        camY += (ty - camY) * k;
    }

    void draw(Gfx g) {
        g.clear(Gfx.BG);
        g.viewport.apply();
        float s = trauma * trauma * 22;
        cam.position.set(camX + (shakeRandom.nextFloat() * 2 - 1) * s, camY + (shakeRandom.nextFloat() * 2 - 1) * s, 0);
        cam.update();
        g.shapesIn(cam.combined);
        drawLevel(g);
        drawThings(g);
        g.shapes.end();
        Hud.draw(g, play, beat, bar, beatInBar, flash, flashColor, hurtFlash);
    }

    private void drawLevel(Gfx g) {
        g.shapes.setColor(Gfx.WALL);
        for (float[] f : Level.FLOORS) {
            g.shapes.rect(f[0] - 14, f[1] - 14, f[2] + 28, f[3] + 28);
        }
        g.shapes.setColor(Gfx.FLOOR);
        for (float[] f : Level.FLOORS) {
            g.shapes.rect(f[0], f[1], f[2], f[3]);
        }
        float glow = 0.35f + 0.65f * Math.max(beat * 0.6f, bar);
        g.shapes.setColor(lerp(Gfx.FLOOR, Gfx.GRID, glow));
        for (float[] f : Level.FLOORS) {
            for (float x = (float) Math.ceil(f[0] / 80) * 80; x < f[0] + f[2]; x += 80) {
                g.shapes.rect(x, f[1], 2, f[3]);
            }
            for (float y = (float) Math.ceil(f[1] / 80) * 80; y < f[1] + f[3]; y += 80) {
                g.shapes.rect(f[0], y, f[2], 2);
            }
        }
        float[] c2 = Level.FLOORS[3];
        if (!world.gateOpen) {
            Color gate = world.inArena ? Gfx.FOE : Gfx.GATE;
            for (int i = 0; i < 5; i++) {
                g.shapes.setColor(gate.r, gate.g, gate.b, 0.6f + 0.4f * beat);
                g.shapes.rect(Level.GATE_X0 + i * 10, c2[1], 5, c2[3]);
            }
        } else {
            g.shapes.setColor(Gfx.GATE.r, Gfx.GATE.g, Gfx.GATE.b, 0.25f + 0.3f * beat);
            g.shapes.rect(Level.GATE_X0, c2[1], 4, c2[3]);
            g.shapes.rect(Level.GATE_X1 - 4, c2[1], 4, c2[3]);
        }
    }

    private void drawThings(Gfx g) {
        float t = world.time;
        for (Pickup p : world.pickups) {
            if (p.taken) {
                continue;
            }
            float r = 10 + 3 * beat + (float) Math.sin(t * 3 + p.x) * 1.5f;
            if (p.kind == Actors.PickupKind.SHARD) {
                g.shapes.setColor(Gfx.PICKUP.r, Gfx.PICKUP.g, Gfx.PICKUP.b, 0.25f);
                g.shapes.circle(p.x, p.y, r * 2.2f, 24);
                g.shapes.setColor(Gfx.PICKUP);
                g.shapes.triangle(p.x - r, p.y, p.x, p.y + r * 1.6f, p.x + r, p.y);
                g.shapes.triangle(p.x - r, p.y, p.x, p.y - r * 1.6f, p.x + r, p.y);
            } else {
                g.shapes.setColor(Gfx.HERO.r, Gfx.HERO.g, Gfx.HERO.b, 0.25f);
                g.shapes.circle(p.x, p.y, r * 2, 24);
                g.shapes.setColor(Color.WHITE);
                g.shapes.rect(p.x - r, p.y - r / 3, r * 2, r * 2 / 3);
                g.shapes.rect(p.x - r / 3, p.y - r, r * 2 / 3, r * 2);
            }
        }
        for (Enemy e : world.enemies) {
            if (!e.alive()) {
                continue;
            }
            if (e.mode == EnemyMode.WINDUP) {
                g.shapes.setColor(Gfx.FOE.r, Gfx.FOE.g, Gfx.FOE.b, 0.35f);
                g.shapes.circle(e.x, e.y, e.r + 14 * (1 - e.timer / 0.45f) + 4, 24);
            }
            g.shapes.setColor(e.flash > 0 ? Color.WHITE : Gfx.FOE);
            g.shapes.circle(e.x, e.y, e.r + (e.hunting() ? 2 * beat : 0), 24);
            g.shapes.setColor(Gfx.BG);
            float ex = Math.signum(world.player.x - e.x) * 5;
            g.shapes.circle(e.x - 6 + ex, e.y + 4, 3.5f, 8);
            g.shapes.circle(e.x + 6 + ex, e.y + 4, 3.5f, 8);
        }
        drawBoss(g, t);
        g.shapes.setColor(Gfx.PICKUP);
        for (Bullet b : world.bullets) {
            g.shapes.setColor(Gfx.BOSS);
            g.shapes.circle(b.x, b.y, 8, 12);
            g.shapes.setColor(Color.WHITE);
            g.shapes.circle(b.x, b.y, 4, 8);
        }
        drawPlayer(g);
        for (float[] b : bursts) {
            float r = b[3] * (0.2f + 0.8f * b[2]);
            g.shapes.setColor(b[4], b[5], b[6], 1 - b[2]);
            g.ring(b[0], b[1], r, 2 + 6 * (1 - b[2]), 40);
        }
    }

    private void drawBoss(Gfx g, float t) {
        Actors.Boss b = world.boss;
        if (!b.alive()) {
            if (b.awake) {
                float glow = 0.35f + 0.25f * bar;
                g.shapes.setColor(Gfx.BOSS.r * glow, Gfx.BOSS.g * glow, Gfx.BOSS.b * glow, 1);
                g.shapes.circle(b.x, b.y, b.r * 0.8f, 48);
                g.shapes.setColor(Gfx.BOSS.r, Gfx.BOSS.g, Gfx.BOSS.b, 0.5f + 0.5f * beat);
                g.ring(b.x, b.y, b.r * 0.8f + 10 + 6 * bar, 3, 48);
                g.shapes.rectLine(b.x - b.r, b.y - b.r * 0.9f, b.x + b.r * 1.2f, b.y - b.r * 0.5f, 5);
            }
            return;
        }
        Color body = b.phase() == 1 ? Gfx.BOSS : b.phase() == 2 ? lerp(Gfx.BOSS, Gfx.FOE, 0.5f) : Gfx.FOE;
        float r = b.r + 6 * bar;
        g.shapes.setColor(body.r, body.g, body.b, 0.2f);
        g.shapes.circle(b.x, b.y, r * 1.6f, 48);
        for (int i = 0; i < 6; i++) {
            double a = b.spin + i * Math.PI / 3;
            g.shapes.setColor(body);
            g.shapes.rectLine(b.x, b.y, b.x + (float) Math.cos(a) * r * 1.4f, b.y + (float) Math.sin(a) * r * 1.4f, 5);
        }
        g.shapes.setColor(b.flash > 0 ? Color.WHITE : body);
        g.shapes.circle(b.x, b.y, r, 48);
        g.shapes.setColor(Gfx.BG);
        g.shapes.circle(b.x, b.y, r * 0.45f, 32);
        g.shapes.setColor(Color.WHITE);
        double look = Math.atan2(world.player.y - b.y, world.player.x - b.x);
        g.shapes.circle(b.x + (float) Math.cos(look) * r * 0.2f, b.y + (float) Math.sin(look) * r * 0.2f, r * 0.18f, 16);
    }

    private void drawPlayer(Gfx g) {
        Actors.Player p = world.player;
        if (!p.alive()) {
            return;
        }
        if (p.swing > 0) {
            float deg = (float) Math.toDegrees(Math.atan2(p.faceY, p.faceX));
            g.shapes.setColor(Gfx.HERO.r, Gfx.HERO.g, Gfx.HERO.b, 0.45f * p.swing / 0.14f + 0.2f);
            g.shapes.arc(p.x, p.y, 78, deg - 63, 126, 20);
        }
        boolean blink = play.phase == PlayScene.Phase.PLAY && p.invulnerable > 0 && ((int) (world.time * 20)) % 2 == 0;
        if (!blink) {
            g.shapes.setColor(Gfx.HERO.r, Gfx.HERO.g, Gfx.HERO.b, 0.25f + 0.2f * beat);
            g.shapes.circle(p.x, p.y, p.r + 8, 24);
            g.shapes.setColor(p.flash > 0 ? Gfx.FOE : Gfx.HERO);
            g.shapes.circle(p.x, p.y, p.r, 24);
            g.shapes.setColor(Gfx.BG);
            g.shapes.circle(p.x + p.faceX * 7, p.y + p.faceY * 7, 4.5f, 10);
        }
    }

    static Color lerp(Color a, Color b, float t) {
        return new Color(a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, 1);
    }
}
