package dev.segue.gdx;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.assets.AssetManager;
import dev.segue.Segue;

/** The README's "add music to your libGDX game", as written there; {@link MyGameTest} runs it. */
public class MyGame extends ApplicationAdapter {
    final AssetManager assets = new AssetManager();
    Segue music;

    @Override public void create() {
        assets.setLoader(Segue.class, new CueSheetLoader(assets.getFileHandleResolver()));
        assets.load("segue/sample/sample.cues.json", Segue.class); // your sheet: in assets/ or on the classpath
        assets.finishLoading();                                     // or poll assets.update() on a loading screen
        music = assets.get("segue/sample/sample.cues.json", Segue.class);
        music.setState("explore");                                  // then setParameter, playStinger... as the game goes
    }
}
