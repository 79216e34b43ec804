package dev.segue.demo;

import dev.segue.demo.Actors.Body;
import dev.segue.demo.Actors.Enemy;
import dev.segue.demo.Actors.Pickup;
import dev.segue.demo.Actors.PickupKind;

/**
 * A scripted player for {@code --autoplay} and the screenshot tour. The hero fights what chases it,
 * gathers the shards, walks through the gate and beats the Conductor; the reckless one walks into
 * the nearest wisp without fighting back, to see the game-over path.
 */
final class Autopilot {
    enum Style { HERO, RECKLESS }

    private final Style style;

    Autopilot(Style style) {
        this.style = style;
    }

    /** Fills {@code c} with this frame's moves in {@code w}. */
    void drive(World w, Controls c) {
        c.clear();
        Actors.Player p = w.player;
        if (style == Style.RECKLESS) {
            Enemy e = nearest(w, false);
            if (e != null) {
                walkTo(p, e.x, e.y, c);
            }
            return;
        }
        if (w.inArena && w.boss.alive()) {
            engage(p, w.boss, 100, c);
            return;
        }
        Enemy hunter = nearest(w, true);
        if (hunter != null && hunter.dist(p) < 420) {
            engage(p, hunter, 58, c);
            return;
        }
        Pickup shard = null;
        for (Pickup k : w.pickups) {
            if (!k.taken && k.kind == PickupKind.SHARD) {
                shard = k;
                break;
            }
        }
        if (shard != null) {
            walkTo(p, shard.x, shard.y, c);
        } else {
            walkTo(p, Level.GATE_X1 + 120, Level.GATE_Y, c);
        }
    }

    private static Enemy nearest(World w, boolean hunting) {
        Enemy best = null;
        for (Enemy e : w.enemies) {
            if (e.alive() && (!hunting || e.hunting()) && (best == null || e.dist(w.player) < best.dist(w.player))) {
                best = e;
            }
        }
        return best;
    }

    /** Closes to {@code range}, turns to face the target and swings. */
    private static void engage(Actors.Player p, Body target, float range, Controls c) {
        float d = p.dist(target);
        float dx = (target.x - p.x) / Math.max(1, d);
        float dy = (target.y - p.y) / Math.max(1, d);
        if (Level.zone(p.x, p.y) != Level.zone(target.x, target.y) && d > range * 2) {
            walkTo(p, target.x, target.y, c);
            return;
        }
        if (d > range) {
            c.moveX = dx;
            c.moveY = dy;
        } else if (dx * p.faceX + dy * p.faceY < 0.9f) {
            c.moveX = dx * 0.25f;
            c.moveY = dy * 0.25f;
        }
        c.attack = d < range + 40;
    }

    /** Walks towards a point, through the doorways when it lies in another zone. */
    static void walkTo(Actors.Player p, float tx, float ty, Controls c) {
        int from = Level.zone(p.x, p.y);
        int to = Level.zone(tx, ty);
        float gx = tx;
        float gy = ty;
        if (from >= 0 && to >= 0 && from != to) {
            boolean forward = to > from;
            float[] door = Level.DOORS[forward ? from : from - 1];
            gx = door[0];
            gy = door[1];
            if (Math.hypot(gx - p.x, gy - p.y) < 40) {
                gx += forward ? 80 : -80;
            }
        }
        float d = (float) Math.hypot(gx - p.x, gy - p.y);
        if (d > 4) {
            c.moveX = (gx - p.x) / d;
            c.moveY = (gy - p.y) / d;
        }
    }
}
