package com.example.gdxgame;

import com.badlogic.gdx.ApplicationAdapter;
import dev.segue.Segue;
import dev.segue.SegueEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A libGDX game whose music is Segue's: built in {@code create()} (segue-openal on the class path
 * makes OpenAL Soft the output), {@code update()} once a frame in {@code render()}, closed in
 * {@code dispose()}. Segue owns OpenAL here; the launcher turns libGDX's own audio off.
 */
public class MusicGame extends ApplicationAdapter {
    private final Path cueSheet;
    private final List<SegueEvent> outputEvents = new CopyOnWriteArrayList<>();
    private Segue music;
    private volatile String outputName;
    private volatile boolean silent;
    private volatile long frames;

    public MusicGame(Path cueSheet) {
        this.cueSheet = cueSheet;
    }

    @Override
    public void create() {
        music = Segue.builder().cueSheet(cueSheet).build();
        music.addListener(e -> {
            if (e.type() == SegueEvent.Type.OUTPUT) {
                outputEvents.add(e);
                System.out.println("[music] " + e.message());
            }
        });
        outputName = music.outputName();
        music.setState("play");
    }

    @Override
    public void render() {
        music.update(); // events arrive here, on libGDX's thread
        silent = music.outputStats().silent();
        frames = music.position().frame();
    }

    @Override
    public void dispose() {
        if (music != null) {
            music.close();
        }
    }

    /** What Segue said about its output (OUTPUT events), for the test. */
    public List<SegueEvent> outputEvents() {
        return outputEvents;
    }

    public String outputName() {
        return outputName;
    }

    public boolean silent() {
        return silent;
    }

    /** The music's position in frames at the last render. */
    public long musicFrames() {
        return frames;
    }
}
