package dev.segue.demo;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.controllers.Controller;
import com.badlogic.gdx.controllers.ControllerMapping;
import com.badlogic.gdx.controllers.Controllers;

/**
 * The player's hands: arrows or WASD to move, Space/J to strike, Shift/K to dash, Enter/Space to
 * choose, Esc to pause or go back, F1 for the composer preview; and the first gamepad (left stick or
 * d-pad, A strike/choose, B dash, Start pause, Back preview) when one is connected.
 */
final class KeyboardDriver implements SegueDemo.Driver {
    private boolean padBroken;
    private final boolean[] was = new boolean[8];

    @Override
    public void drive(SegueDemo game, float dt, Controls c) {
        c.clear();
        var in = Gdx.input;
        float x = 0;
        float y = 0;
        if (in.isKeyPressed(Keys.LEFT) || in.isKeyPressed(Keys.A)) {
            x -= 1;
        }
        if (in.isKeyPressed(Keys.RIGHT) || in.isKeyPressed(Keys.D)) {
            x += 1;
        }
        if (in.isKeyPressed(Keys.UP) || in.isKeyPressed(Keys.W)) {
            y += 1;
        }
        if (in.isKeyPressed(Keys.DOWN) || in.isKeyPressed(Keys.S)) {
            y -= 1;
        }
        c.moveX = x;
        c.moveY = y;
        c.attack = in.isKeyPressed(Keys.SPACE) || in.isKeyPressed(Keys.J);
        c.dash = in.isKeyJustPressed(Keys.SHIFT_LEFT) || in.isKeyJustPressed(Keys.SHIFT_RIGHT)
                || in.isKeyJustPressed(Keys.K);
        c.up = in.isKeyJustPressed(Keys.UP) || in.isKeyJustPressed(Keys.W);
        c.down = in.isKeyJustPressed(Keys.DOWN) || in.isKeyJustPressed(Keys.S);
        c.left = in.isKeyJustPressed(Keys.LEFT) || in.isKeyJustPressed(Keys.A);
        c.right = in.isKeyJustPressed(Keys.RIGHT) || in.isKeyJustPressed(Keys.D);
        c.confirm = in.isKeyJustPressed(Keys.ENTER) || in.isKeyJustPressed(Keys.SPACE);
        c.back = in.isKeyJustPressed(Keys.ESCAPE);
        c.preview = in.isKeyJustPressed(Keys.F1);
        if (!padBroken) {
            try {
                pad(c);
            } catch (RuntimeException | LinkageError e) {
                padBroken = true;
                Gdx.app.log("segue-demo", "gamepads unavailable: " + e);
            }
        }
    }

    private void pad(Controls c) {
        Controller pad = Controllers.getCurrent();
        if (pad == null) {
            return;
        }
        ControllerMapping m = pad.getMapping();
        float sx = pad.getAxis(m.axisLeftX);
        float sy = -pad.getAxis(m.axisLeftY);
        if (Math.hypot(sx, sy) > 0.25) {
            c.moveX = sx;
            c.moveY = sy;
        }
        boolean up = pad.getButton(m.buttonDpadUp) || sy > 0.6f;
        boolean down = pad.getButton(m.buttonDpadDown) || sy < -0.6f;
        boolean left = pad.getButton(m.buttonDpadLeft) || sx < -0.6f;
        boolean right = pad.getButton(m.buttonDpadRight) || sx > 0.6f;
        if (pad.getButton(m.buttonDpadLeft)) {
            c.moveX = -1;
        }
        if (pad.getButton(m.buttonDpadRight)) {
            c.moveX = 1;
        }
        if (pad.getButton(m.buttonDpadUp)) {
            c.moveY = 1;
        }
        if (pad.getButton(m.buttonDpadDown)) {
            c.moveY = -1;
        }
        boolean a = pad.getButton(m.buttonA);
        boolean b = pad.getButton(m.buttonB);
        boolean start = pad.getButton(m.buttonStart);
        boolean back = pad.getButton(m.buttonBack);
        c.attack |= a;
        c.up |= press(0, up);
        c.down |= press(1, down);
        c.left |= press(2, left);
        c.right |= press(3, right);
        c.confirm |= press(4, a);
        c.dash |= press(5, b);
        c.back |= press(6, start);
        c.preview |= press(7, back);
    }

    private boolean press(int i, boolean now) {
        boolean edge = now && !was[i];
        was[i] = now;
        return edge;
    }
}
