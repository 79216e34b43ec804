package dev.segue.demo;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.graphics.Color;

/** Small immediate-mode widgets for the menus and the preview: buttons and sliders the mouse can use. */
final class Ui {
    private Ui() {
    }

    /** Whether the mouse is over the box. */
    static boolean over(Gfx g, float x, float y, float w, float h) {
        float mx = g.mouseX();
        float my = g.mouseY();
        return mx >= x && mx <= x + w && my >= y && my <= y + h;
    }

    /** Whether the box was clicked this frame. */
    static boolean clicked(Gfx g, float x, float y, float w, float h) {
        return Gdx.input.isButtonJustPressed(Input.Buttons.LEFT) && over(g, x, y, w, h);
    }

    /** Draws a button's box (shapes must be begun); lit when hovered or {@code on}. */
    static void box(Gfx g, float x, float y, float w, float h, Color accent, boolean on) {
        boolean hot = over(g, x, y, w, h);
        g.shapes.setColor(on ? accent : hot ? Gfx.GRID : Gfx.FLOOR);
        g.shapes.rect(x, y, w, h);
        g.shapes.setColor(accent);
        g.shapes.rect(x, y, 3, h);
    }

    /** A horizontal slider's value from a drag, or {@code value} when not dragged. */
    static float drag(Gfx g, float x, float y, float w, float h, float value) {
        if (Gdx.input.isButtonPressed(Input.Buttons.LEFT) && over(g, x, y - 4, w, h + 8)) {
            return Math.max(0, Math.min(1, (g.mouseX() - x) / w));
        }
        return value;
    }

    /** Draws a slider (shapes begun) at 0..1 {@code value}. */
    static void slider(Gfx g, float x, float y, float w, float h, float value, Color accent) {
        g.shapes.setColor(Gfx.FLOOR);
        g.shapes.rect(x, y, w, h);
        g.shapes.setColor(accent);
        g.shapes.rect(x, y, w * value, h);
        g.shapes.setColor(Gfx.TEXT);
        g.shapes.rect(x + w * value - 2, y - 3, 4, h + 6);
    }
}
