package dev.segue.demo;

/**
 * The one level: a quiet start room (exploring music first), a corridor, the great hall where the
 * wisps wait, a corridor to the gate and the boss arena. Walkable space is a union of rectangles;
 * everything else is wall.
 */
final class Level {
    /** Walkable rectangles {x, y, width, height}; index = zone, in path order. */
    static final float[][] FLOORS = {
        {0, 300, 900, 800},        // 0: the start room
        {880, 620, 440, 160},      // 1: corridor to the hall
        {1300, 100, 1000, 1200},   // 2: the great hall
        {2280, 620, 380, 160},     // 3: corridor to the gate
        {2640, 150, 1100, 1100},   // 4: the arena
    };
    /** Doorways between zone i and i+1, where the autopilot walks through. */
    static final float[][] DOORS = {{890, 700}, {1310, 700}, {2290, 700}, {2700, 700}};
    /** The gate's span in x; it blocks the corridor until the shards are found. */
    static final float GATE_X0 = 2590;
    static final float GATE_X1 = 2640;
    static final float GATE_Y = 700;
    /** Seeing the gate from this far is a discovery. */
    static final float GATE_SEEN = 420;
    static final float START_X = 260;
    static final float START_Y = 700;
    static final float BOSS_X = 3190;
    static final float BOSS_Y = 700;
    static final float[][] ENEMIES = {
        {1520, 420}, {1700, 1120}, {1950, 700}, {2120, 300}, {2150, 1120}, {1620, 760}, {2000, 1000},
    };
    static final float[][] SHARDS = {{140, 420}, {1420, 1200}, {2200, 200}};
    static final float[][] HEALTH = {{1950, 1220}, {1420, 190}};

    private Level() {
    }

    /** The zone containing the point, or -1 in a wall. */
    static int zone(float x, float y) {
        for (int i = 0; i < FLOORS.length; i++) {
            float[] f = FLOORS[i];
            if (x >= f[0] && x <= f[0] + f[2] && y >= f[1] && y <= f[1] + f[3]) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a circle at (x, y) of radius r stands on floor (its centre and four extremes do). */
    static boolean walkable(float x, float y, float r) {
        return zone(x, y) >= 0 && zone(x - r, y) >= 0 && zone(x + r, y) >= 0 && zone(x, y - r) >= 0
                && zone(x, y + r) >= 0;
    }
}
