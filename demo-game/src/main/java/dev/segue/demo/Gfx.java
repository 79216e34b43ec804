package dev.segue.demo;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.OrthographicCamera;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.GlyphLayout;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.math.Matrix4;
import com.badlogic.gdx.math.Vector3;
import com.badlogic.gdx.utils.Align;
import com.badlogic.gdx.utils.viewport.FitViewport;

/**
 * Drawing: one shape renderer, one sprite batch and font, the palette, and a 1280×720 screen space
 * fitted to the window. Absent in headless runs.
 */
final class Gfx implements AutoCloseable {
    static final float W = 1280;
    static final float H = 720;

    /** The palette: night indigo, teal hero, coral foes, amber boss, lemon pickups, violet gate. */
    static final Color BG = Color.valueOf("14122bff");
    static final Color FLOOR = Color.valueOf("1f1b3dff");
    static final Color GRID = Color.valueOf("2c2757ff");
    static final Color WALL = Color.valueOf("3b3470ff");
    static final Color HERO = Color.valueOf("7ae7c7ff");
    static final Color FOE = Color.valueOf("ff5d73ff");
    static final Color BOSS = Color.valueOf("ffb84dff");
    static final Color PICKUP = Color.valueOf("ffe66dff");
    static final Color GATE = Color.valueOf("8d7cffff");
    static final Color TEXT = Color.valueOf("f4f1ffff");
    static final Color DIM = Color.valueOf("9a93c9ff");
    static final Color PANEL = Color.valueOf("0d0b1ee6");

    final ShapeRenderer shapes = new ShapeRenderer();
    final SpriteBatch batch = new SpriteBatch();
    final BitmapFont font = new BitmapFont();
    final OrthographicCamera ui = new OrthographicCamera();
    final FitViewport viewport = new FitViewport(W, H, ui);
    private final GlyphLayout layout = new GlyphLayout();
    private final Vector3 tmp = new Vector3();
    private boolean nearest;

    Gfx() {
        font.getRegion().getTexture().setFilter(Texture.TextureFilter.Linear, Texture.TextureFilter.Linear);
        font.setUseIntegerPositions(false);
        viewport.update(Gdx.graphics.getWidth(), Gdx.graphics.getHeight(), true);
    }

    void resize(int w, int h) {
        viewport.update(w, h, true);
    }

    void clear(Color c) {
        Gdx.gl.glClearColor(c.r, c.g, c.b, 1);
        Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
    }

    /** Starts filled shapes in screen space, with blending. */
    void shapesUi() {
        shapesIn(ui.combined);
    }

    /** Starts filled shapes under {@code projection} (a world camera), with blending. */
    void shapesIn(Matrix4 projection) {
        viewport.apply();
        Gdx.gl.glEnable(GL20.GL_BLEND);
        Gdx.gl.glBlendFunc(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
        shapes.setProjectionMatrix(projection);
        shapes.begin(ShapeRenderer.ShapeType.Filled);
    }

    /** A ring of {@code thick} width (shapes begun), drawn as segments so what lies beneath shows. */
    void ring(float x, float y, float r, float thick, int segments) {
        float px = x + r;
        float py = y;
        for (int i = 1; i <= segments; i++) {
            double a = i * Math.PI * 2 / segments;
            float nx = x + (float) Math.cos(a) * r;
            float ny = y + (float) Math.sin(a) * r;
            shapes.rectLine(px, py, nx, ny, thick);
            px = nx;
            py = ny;
        }
    }

    /** Starts text in screen space. */
    void textUi() {
        viewport.apply();
        batch.setProjectionMatrix(ui.combined);
        batch.begin();
    }

    /** Draws text at (x, y) (its top), scaled, aligned (Align.left/center/right); returns its width. */
    float text(String s, float x, float y, float scale, Color c, int align) {
        boolean big = scale >= 2.5f;
        if (big != nearest) {
            // headings: whole-pixel scaling, crisp blocks; body text: smooth
            batch.flush();
            Texture.TextureFilter f = big ? Texture.TextureFilter.Nearest : Texture.TextureFilter.Linear;
            font.getRegion().getTexture().setFilter(f, f);
            nearest = big;
        }
        font.getData().setScale(big ? Math.round(scale) : scale);
        font.setColor(c);
        layout.setText(font, s);
        float w = layout.width;
        float ax = align == Align.center ? x - w / 2 : align == Align.right ? x - w : x;
        font.draw(batch, s, ax, y);
        return w;
    }

    float text(String s, float x, float y, float scale, Color c) {
        return text(s, x, y, scale, c, Align.left);
    }

    /** The mouse in screen space. */
    float mouseX() {
        tmp.set(Gdx.input.getX(), Gdx.input.getY(), 0);
        viewport.unproject(tmp);
        return tmp.x;
    }

    float mouseY() {
        tmp.set(Gdx.input.getX(), Gdx.input.getY(), 0);
        viewport.unproject(tmp);
        return tmp.y;
    }

    @Override
    public void close() {
        shapes.dispose();
        batch.dispose();
        font.dispose();
    }
}
