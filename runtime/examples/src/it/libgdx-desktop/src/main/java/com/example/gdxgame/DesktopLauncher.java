package com.example.gdxgame;

import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import java.nio.file.Path;

/** The desktop launcher: {@code java com.example.gdxgame.DesktopLauncher music/game.cues.json}. Needs a display. */
public final class DesktopLauncher {
    private DesktopLauncher() {
    }

    public static void main(String[] args) {
        Lwjgl3ApplicationConfiguration config = new Lwjgl3ApplicationConfiguration();
        config.setTitle("Segue in libGDX");
        config.setForegroundFPS(60);
        config.disableAudio(true); // Segue plays the music on OpenAL itself
        new Lwjgl3Application(new MusicGame(Path.of(args.length > 0 ? args[0] : "music/game.cues.json")), config);
    }
}
