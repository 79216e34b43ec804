package com.example.game;

import dev.segue.Segue;
import dev.segue.SegueEvent;
import java.nio.file.Path;

/**
 * A game's main loop with Segue's music: build it from a cue sheet (segue-openal on the class path
 * makes OpenAL the output, with nothing to configure), set a state, call {@code update()} every
 * frame, close it on the way out.
 *
 * <p>{@code java com.example.game.Game sheet.cues.json [seconds]} plays the sheet's "play" state for
 * that long (default 5 s), prints what Segue says about its output, then a summary as
 * {@code key=value} lines the example's test reads.
 */
public final class Game {
    private Game() {
    }

    public static void main(String[] args) throws Exception {
        Path sheet = Path.of(args.length > 0 ? args[0] : "music/game.cues.json");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        int outputEvents = 0;
        boolean silentFallback = false;
        try (Segue music = Segue.builder().cueSheet(sheet).build()) {
            java.util.List<SegueEvent> said = new java.util.concurrent.CopyOnWriteArrayList<>();
            music.addListener(e -> {
                if (e.type() == SegueEvent.Type.OUTPUT) {
                    said.add(e);
                    System.out.println("[music] " + e.message());
                }
            });
            music.setState("play");
            long start = System.nanoTime();
            long firstFrame = music.position().frame();
            while (System.nanoTime() - start < seconds * 1e9) {
                music.update(); // once a frame, on the game's thread: events arrive here
                Thread.sleep(16);
            }
            music.update();
            double wall = (System.nanoTime() - start) / 1e9;
            double played = (music.position().frame() - firstFrame) / (double) music.sampleRate();
            for (SegueEvent e : said) {
                outputEvents++;
                silentFallback |= "silent (no audio device)".equals(e.other());
            }
            System.out.println("output=" + music.outputName());
            System.out.println("silent=" + music.outputStats().silent());
            System.out.println("outputEvents=" + outputEvents);
            System.out.println("silentFallback=" + silentFallback);
            System.out.println("musicSeconds=" + played);
            System.out.println("wallSeconds=" + wall);
            System.out.println("lwjgl=" + org.lwjgl.Version.getVersion());
        }
    }
}
