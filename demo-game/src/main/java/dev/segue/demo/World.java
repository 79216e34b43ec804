package dev.segue.demo;

import dev.segue.demo.Actors.Boss;
import dev.segue.demo.Actors.Bullet;
import dev.segue.demo.Actors.Enemy;
import dev.segue.demo.Actors.EnemyMode;
import dev.segue.demo.Actors.Pickup;
import dev.segue.demo.Actors.PickupKind;
import dev.segue.demo.Actors.Player;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The game's rules, with no drawing and no sound: the player, the wisps that chase, the shards that
 * open the gate, and the Conductor, the boss who attacks on the music's beats. Stepped at a fixed
 * rate; the same controls give the same game.
 */
final class World implements Music.Pulse {
    /** What happened during the last step. */
    enum Happening {
        ENEMY_HIT, ENEMY_DIED, PLAYER_HURT, SHARD, HEALTH, GATE_SEEN, GATE_OPEN, ENTERED_ARENA, BOSS_HIT,
        BOSS_PHASE, BOSS_DIED, PLAYER_DIED
    }

    static final int SHARDS_NEEDED = Level.SHARDS.length;
    private static final float ATTACK_REACH = 62;

    final Player player = new Player(Level.START_X, Level.START_Y);
    final List<Enemy> enemies = new ArrayList<>();
    final List<Pickup> pickups = new ArrayList<>();
    final List<Bullet> bullets = new ArrayList<>();
    final Boss boss = new Boss(Level.BOSS_X, Level.BOSS_Y);
    final Set<Happening> happened = EnumSet.noneOf(Happening.class);
    private final Random random;
    int shards;
    boolean gateSeen;
    boolean gateOpen;
    boolean inArena;
    float time;
    private int lastPhase = 1;

    World(long seed) {
        random = new Random(seed);
        for (float[] e : Level.ENEMIES) {
            enemies.add(new Enemy(e[0], e[1], random.nextFloat() * 6.28f));
        }
        for (float[] s : Level.SHARDS) {
            pickups.add(new Pickup(s[0], s[1], PickupKind.SHARD));
        }
        for (float[] h : Level.HEALTH) {
            pickups.add(new Pickup(h[0], h[1], PickupKind.HEALTH));
        }
    }

    /** Enemies chasing the player now. */
    int hunters() {
        int n = 0;
        for (Enemy e : enemies) {
            if (e.hunting() && e.dist(player) < 650) {
                n++;
            }
        }
        return n;
    }

    boolean won() {
        return !boss.alive();
    }

    /** Advances the world by {@code dt} seconds under {@code c}. */
    void step(float dt, Controls c) {
        happened.clear();
        time += dt;
        if (!player.alive() || won()) {
            return;
        }
        stepPlayer(dt, c);
        for (Enemy e : enemies) {
            if (e.alive()) {
                stepEnemy(e, dt);
            }
        }
        stepBoss(dt);
        stepBullets(dt);
        for (Pickup p : pickups) {
            if (!p.taken && Math.hypot(p.x - player.x, p.y - player.y) < player.r + 14) {
                take(p);
            }
        }
        if (!gateSeen && Math.hypot(Level.GATE_X0 - player.x, Level.GATE_Y - player.y) < Level.GATE_SEEN) {
            gateSeen = true;
            happened.add(Happening.GATE_SEEN);
        }
        if (!inArena && player.x - player.r > Level.GATE_X1 + 4) {
            inArena = true;
            gateOpen = false;
            boss.awake = true;
            boss.intro = 2.0f;
            bullets.clear();
            happened.add(Happening.ENTERED_ARENA);
        }
    }

    private void stepPlayer(float dt, Controls c) {
        Player p = player;
        p.attackCooldown -= dt;
        p.swing -= dt;
        p.dashCooldown -= dt;
        p.invulnerable -= dt;
        p.flash -= dt;
        float mx = c.moveX;
        float my = c.moveY;
        float len = (float) Math.hypot(mx, my);
        if (len > 1) {
            mx /= len;
            my /= len;
            len = 1;
        }
        if (len > 0.2f) {
            p.faceX = mx / len;
            p.faceY = my / len;
        }
        if (c.dash && p.dashCooldown <= 0) {
            p.dashTime = 0.18f;
            p.dashCooldown = 0.75f;
            p.invulnerable = Math.max(p.invulnerable, 0.22f);
        }
        float speed = 270;
        float vx = mx * speed;
        float vy = my * speed;
        if (p.dashTime > 0) {
            p.dashTime -= dt;
            vx = p.faceX * 720;
            vy = p.faceY * 720;
        }
        vx += p.vx;
        vy += p.vy;
        p.vx *= (float) Math.pow(0.0005, dt);
        p.vy *= (float) Math.pow(0.0005, dt);
        move(p, vx * dt, vy * dt);
        if (c.attack && p.attackCooldown <= 0) {
            p.attackCooldown = 0.32f;
            p.swing = 0.14f;
            strike();
        }
    }

    private void strike() {
        Player p = player;
        for (Enemy e : enemies) {
            if (e.alive() && inArc(e)) {
                e.hp--;
                e.flash = 0.12f;
                float d = Math.max(1, e.dist(p));
                e.vx = (e.x - p.x) / d * 520;
                e.vy = (e.y - p.y) / d * 520;
                e.mode = EnemyMode.RECOVER;
                e.timer = 0.35f;
                happened.add(e.alive() ? Happening.ENEMY_HIT : Happening.ENEMY_DIED);
            }
        }
        if (boss.awake && boss.alive() && inArc(boss)) {
            boss.hp--;
            boss.flash = 0.1f;
            happened.add(boss.alive() ? Happening.BOSS_HIT : Happening.BOSS_DIED);
            if (boss.alive() && boss.phase() != lastPhase) {
                lastPhase = boss.phase();
                happened.add(Happening.BOSS_PHASE);
            }
            if (!boss.alive()) {
                bullets.clear();
            }
        }
    }

    private boolean inArc(Actors.Body b) {
        Player p = player;
        float dx = b.x - p.x;
        float dy = b.y - p.y;
        float d = (float) Math.hypot(dx, dy);
        if (d > ATTACK_REACH + p.r + b.r) {
            return false;
        }
        return d < b.r + p.r || (dx * p.faceX + dy * p.faceY) / d > 0.45f;
    }

    private void stepEnemy(Enemy e, float dt) {
        e.flash -= dt;
        e.timer -= dt;
        float d = e.dist(player);
        float dx = (player.x - e.x) / Math.max(1, d);
        float dy = (player.y - e.y) / Math.max(1, d);
        float vx = 0;
        float vy = 0;
        switch (e.mode) {
            case IDLE -> {
                e.phase += dt;
                vx = (float) Math.cos(e.phase * 0.9f) * 40 + (e.homeX - e.x) * 0.6f;
                vy = (float) Math.sin(e.phase * 1.3f) * 40 + (e.homeY - e.y) * 0.6f;
                if (d < 380 && Level.zone(e.x, e.y) == Level.zone(player.x, player.y)) {
                    e.mode = EnemyMode.CHASE;
                }
            }
            case CHASE -> {
                vx = dx * 150;
                vy = dy * 150;
                if (d > 700) {
                    e.mode = EnemyMode.IDLE;
                } else if (d < 130) {
                    e.mode = EnemyMode.WINDUP;
                    e.timer = 0.45f;
                }
            }
            case WINDUP -> {
                vx = -dx * 30;
                vy = -dy * 30;
                if (e.timer <= 0) {
                    e.mode = EnemyMode.LUNGE;
                    e.timer = 0.26f;
                    e.lungeX = dx;
                    e.lungeY = dy;
                }
            }
            case LUNGE -> {
                vx = e.lungeX * 470;
                vy = e.lungeY * 470;
                if (e.timer <= 0) {
                    e.mode = EnemyMode.RECOVER;
                    e.timer = 0.5f;
                }
            }
            case RECOVER -> {
                if (e.timer <= 0) {
                    e.mode = EnemyMode.CHASE;
                }
            }
        }
        for (Enemy o : enemies) {
            float od = e.dist(o);
            if (o != e && o.alive() && od < e.r + o.r + 6 && od > 0.01f) {
                vx += (e.x - o.x) / od * 120;
                vy += (e.y - o.y) / od * 120;
            }
        }
        vx += e.vx;
        vy += e.vy;
        e.vx *= (float) Math.pow(0.002, dt);
        e.vy *= (float) Math.pow(0.002, dt);
        move(e, vx * dt, vy * dt);
        if (e.dist(player) < e.r + player.r) {
            hurt(e.mode == EnemyMode.LUNGE ? 2 : 1, e.x, e.y);
        }
    }

    private void stepBoss(float dt) {
        if (!boss.awake || !boss.alive()) {
            return;
        }
        boss.flash -= dt;
        boss.intro -= dt;
        boss.spin += dt * (0.4f + 0.3f * boss.phase());
        if (boss.intro > 0) {
            return;
        }
        float d = boss.dist(player);
        float speed = 50 + 30 * boss.phase();
        if (d > 150) {
            move(boss, (player.x - boss.x) / d * speed * dt, (player.y - boss.y) / d * speed * dt);
        }
        if (d < boss.r + player.r) {
            hurt(2, boss.x, boss.y);
        }
    }

    /** On every beat the Conductor attacks: a ring on the downbeat, aimed shots on the others. */
    @Override
    public void beat(boolean downbeat) {
        if (!boss.awake || !boss.alive() || boss.intro > 0 || !player.alive()) {
            return;
        }
        int phase = boss.phase();
        float speed = 170 + 40 * phase;
        if (downbeat) {
            int n = 6 + 4 * phase;
            for (int i = 0; i < n; i++) {
                double a = boss.spin + i * Math.PI * 2 / n;
                bullets.add(new Bullet(boss.x, boss.y, (float) Math.cos(a) * speed, (float) Math.sin(a) * speed));
            }
        } else if (phase >= 2) {
            double aim = Math.atan2(player.y - boss.y, player.x - boss.x);
            int shots = phase == 3 ? 3 : 1;
            for (int i = 0; i < shots; i++) {
                double a = aim + (i - (shots - 1) / 2.0) * 0.25;
                bullets.add(new Bullet(boss.x, boss.y, (float) Math.cos(a) * speed * 1.2f,
                        (float) Math.sin(a) * speed * 1.2f));
            }
        }
    }

    private void stepBullets(float dt) {
        for (int i = bullets.size() - 1; i >= 0; i--) {
            Bullet b = bullets.get(i);
            b.x += b.vx * dt;
            b.y += b.vy * dt;
            b.life -= dt;
            boolean gone = b.life <= 0 || Level.zone(b.x, b.y) < 0;
            if (!gone && Math.hypot(b.x - player.x, b.y - player.y) < player.r + 7) {
                gone = hurt(1, b.x, b.y);
            }
            if (gone) {
                bullets.remove(i);
            }
        }
    }

    private boolean hurt(int damage, float fromX, float fromY) {
        Player p = player;
        if (p.invulnerable > 0 || !p.alive()) {
            return false;
        }
        p.hp = p.stubborn ? Math.max(1, p.hp - damage) : p.hp - damage;
        p.invulnerable = 0.9f;
        p.flash = 0.2f;
        float d = Math.max(1, (float) Math.hypot(p.x - fromX, p.y - fromY));
        p.vx = (p.x - fromX) / d * 380;
        p.vy = (p.y - fromY) / d * 380;
        happened.add(p.alive() ? Happening.PLAYER_HURT : Happening.PLAYER_DIED);
        return true;
    }

    private void take(Pickup p) {
        if (p.kind == PickupKind.HEALTH) {
            if (player.hp >= player.maxHp) {
                return;
            }
            player.hp = Math.min(player.maxHp, player.hp + 4);
            happened.add(Happening.HEALTH);
        } else {
            shards++;
            happened.add(Happening.SHARD);
            if (shards == SHARDS_NEEDED) {
                gateOpen = true;
                happened.add(Happening.GATE_OPEN);
            }
        }
        p.taken = true;
    }

    /** Moves a body, sliding along walls, stopped by the gate when it is shut. */
    private void move(Actors.Body b, float dx, float dy) {
        if (free(b, b.x + dx, b.y)) {
            b.x += dx;
        } else {
            b.vx = 0;
        }
        if (free(b, b.x, b.y + dy)) {
            b.y += dy;
        } else {
            b.vy = 0;
        }
    }

    private boolean free(Actors.Body b, float x, float y) {
        if (!Level.walkable(x, y, b.r)) {
            return false;
        }
        boolean outside = b.x + b.r <= Level.GATE_X0 + 1;
        if (!gateOpen && !inArena && x + b.r > Level.GATE_X0) {
            return false;
        }
        if (b != player && outside && x + b.r > Level.GATE_X0) {
            return false;
        }
        return !(inArena && x - b.r < Level.GATE_X1 && b.x - b.r >= Level.GATE_X1 - 1);
    }
}
