package dev.segue.demo;

/** One screen of the demo: its rules ({@link #update}) apart from its drawing ({@link #draw}). */
interface Scene {
    /** Advances the scene; {@code c} holds this frame's input. */
    void update(float dt, Controls c);

    /** Draws it (never called in headless runs). */
    void draw(Gfx g);
}
