package dev.segue.demo;

/** The things in the world; plain mutable state, simulated by {@link World}. */
final class Actors {
    private Actors() {
    }

    /** Something round that moves. */
    static class Body {
        float x;
        float y;
        float vx;
        float vy;
        float r;
        int hp;
        int maxHp;
        /** Seconds of white flash left after a hit. */
        float flash;

        Body(float x, float y, float r, int hp) {
            this.x = x;
            this.y = y;
            this.r = r;
            this.hp = hp;
            this.maxHp = hp;
        }

        float dist(Body o) {
            return (float) Math.hypot(o.x - x, o.y - y);
        }

        boolean alive() {
            return hp > 0;
        }
    }

    static final class Player extends Body {
        float faceX = 1;
        float faceY;
        float attackCooldown;
        /** Seconds left of the visible swing. */
        float swing;
        float dashTime;
        float dashCooldown;
        float invulnerable;
        /** Never drops below 1 hit point (the autopilot's first run, so it always reaches the end). */
        boolean stubborn;

        Player(float x, float y) {
            super(x, y, 16, 10);
        }
    }

    enum EnemyMode { IDLE, CHASE, WINDUP, LUNGE, RECOVER }

    static final class Enemy extends Body {
        final float homeX;
        final float homeY;
        EnemyMode mode = EnemyMode.IDLE;
        float timer;
        float lungeX;
        float lungeY;
        float phase;

        Enemy(float x, float y, float phase) {
            super(x, y, 18, 3);
            this.homeX = x;
            this.homeY = y;
            this.phase = phase;
        }

        boolean hunting() {
            return alive() && mode != EnemyMode.IDLE;
        }
    }

    static final class Boss extends Body {
        boolean awake;
        /** Seconds of the entrance left (no attacks while the bridge plays). */
        float intro;
        float spin;

        Boss(float x, float y) {
            super(x, y, 46, 45);
        }

        /** 1, 2 or 3 as its health falls. */
        int phase() {
            return hp > 30 ? 1 : hp > 15 ? 2 : 3;
        }
    }

    static final class Bullet {
        float x;
        float y;
        float vx;
        float vy;
        float life;

        Bullet(float x, float y, float vx, float vy) {
            this.x = x;
            this.y = y;
            this.vx = vx;
            this.vy = vy;
            this.life = 4;
        }
    }

    enum PickupKind { SHARD, HEALTH }

    static final class Pickup {
        final float x;
        final float y;
        final PickupKind kind;
        boolean taken;

        Pickup(float x, float y, PickupKind kind) {
            this.x = x;
            this.y = y;
            this.kind = kind;
        }
    }
}
