package dev.segue.demo;

/**
 * What the player asks for this frame, from the keyboard, a gamepad or the autopilot. Movement is
 * continuous (-1..1 each axis); the rest are presses (true on the frame they happen) except
 * {@link #attack}, which is held.
 */
final class Controls {
    float moveX;
    float moveY;
    boolean attack;
    boolean dash;
    boolean up;
    boolean down;
    boolean left;
    boolean right;
    boolean confirm;
    boolean back;
    boolean preview;

    void clear() {
        moveX = 0;
        moveY = 0;
        attack = false;
        dash = false;
        up = false;
        down = false;
        left = false;
        right = false;
        confirm = false;
        back = false;
        preview = false;
    }
}
