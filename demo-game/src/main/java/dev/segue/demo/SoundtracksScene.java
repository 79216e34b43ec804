package dev.segue.demo;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.InputAdapter;
import com.badlogic.gdx.InputProcessor;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.utils.Align;
import dev.segue.library.Progress;
import dev.segue.library.ScanReport;
import dev.segue.library.Skipped;
import dev.segue.library.Song;
import dev.segue.library.Soundtrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Custom soundtracks: the player's folders (a typed path, or the default music folder), the scan with
 * its progress (bar, files/s, ETA, cancel), the albums found (click one to make a soundtrack of it),
 * the soundtracks (shuffle, repeat, delete, preview), and what each game context plays, one override,
 * "keep the score for cutscenes" and the crossfade between songs. Every choice is saved at once
 * ({@link Soundtracks}); playback goes through {@link SoundtrackPlayback}. Mouse-driven; Esc goes back
 * (or leaves the path field).
 */
final class SoundtracksScene implements Scene {
    private static final int ALBUM_ROWS = 7;
    private static final int TRACK_ROWS = 6;
    private final SegueDemo game;
    private final Scene back;
    final Soundtracks model;
    final SoundtrackPlayback playback;
    private final StringBuilder typed = new StringBuilder();
    /** The path field has the keyboard (after a click on it). */
    boolean typing;
    private final InputProcessor previousInput;
    private String playbackMessage;
    /** The choices the playback last heard of (a change is handed over once a frame). */
    private dev.segue.library.LibraryStore told;
    private boolean previewed;

    SoundtracksScene(SegueDemo game, Scene back, Soundtracks model, SoundtrackPlayback playback) {
        this.game = game;
        this.back = back;
        this.model = model;
        this.playback = playback;
        this.told = model.store();
        this.previousInput = Gdx.input == null ? null : Gdx.input.getInputProcessor();
        if (Gdx.input != null) {
            Gdx.input.setInputProcessor(new InputAdapter() {
                @Override
                public boolean keyTyped(char ch) {
                    return type(ch);
                }
            });
        }
    }

    /** The path field takes a typed character (Enter adds the folder, Backspace deletes). */
    boolean type(char ch) {
        if (!typing) {
            return false;
        }
        if (ch == '\r' || ch == '\n') {
            if (model.addFolder(typed.toString())) {
                typed.setLength(0);
            }
            typing = false;
        } else if (ch == '\b') {
            if (typed.length() > 0) {
                typed.setLength(typed.length() - 1);
            }
        } else if (ch >= ' ' && ch != 127) {
            typed.append(ch);
        }
        return true;
    }

    @Override
    public void update(float dt, Controls c) {
        model.update();
        if (model.store() != told) {
            told = model.store();
            playback.storeChanged(told);
            playbackMessage = null; // the choice's own message shows
        }
        if (c.back) {
            if (typing) {
                typing = false;
                return;
            }
            leave();
        }
    }

    /** Back to where the player came from; a running scan goes on (its report is here on return). */
    private void leave() {
        if (Gdx.input != null) {
            Gdx.input.setInputProcessor(previousInput);
        }
        if (previewed && game.music != null) {
            game.music.restate(); // the game's own music again
        }
        game.go(back);
    }

    @Override
    public void draw(Gfx g) {
        g.clear(Gfx.BG);
        g.shapesUi();
        List<Runnable> clicks = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        folders(g, clicks, labels);
        library(g, clicks, labels);
        contexts(g, clicks, labels);
        g.shapes.end();
        g.textUi();
        g.text("CUSTOM SOUNDTRACKS", Gfx.W / 2, 708, 3f, Gfx.GATE, Align.center);
        for (Label l : labels) {
            g.text(l.text, l.x, l.y, l.scale, l.color, l.align);
        }
        String msg = playbackMessage != null ? playbackMessage : model.message();
        g.text(printable(fit(msg, 150)), 30, 104, 1.0f, Gfx.PICKUP);
        if (model.notice() != null) {
            List<String> lines = wrap(printable(model.notice()), 160);
            for (int i = 0; i < Math.min(3, lines.size()); i++) {
                g.text(lines.get(i), 30, 80 - i * 16, 0.9f, Gfx.FOE);
            }
        }
        g.text(printable("click to choose  ·  saved at once to " + tail(model.storeFile().toString(), 70) + "  ·  Esc back"),
                Gfx.W / 2, 24, 0.95f, Gfx.DIM, Align.center);
        g.batch.end();
        // act after drawing: a click changes what the next frame shows
        clicks.forEach(Runnable::run);
    }

    /** A line of text to draw; characters the bitmap font lacks become ASCII look-alikes or '?'. */
    private record Label(String text, float x, float y, float scale, Color color, int align) {
        Label {
            text = printable(text);
        }
    }

    /** {@code s} in the characters the demo's font has (Latin-1): dashes, ellipses and quotes made ASCII. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\u2014', '\u2013' -> b.append('-');
                case '\u2026' -> b.append("...");
                case '\u2018', '\u2019' -> b.append('\'');
                case '\u201c', '\u201d' -> b.append('"');
                default -> b.append(c < 256 ? c : '?');
            }
        }
        return b.toString();
    }

    private static Label label(String text, float x, float y, float scale, Color color) {
        return new Label(text, x, y, scale, color, Align.left);
    }

    /** A button: box drawn now, its label queued, its action queued if clicked. */
    private void button(Gfx g, List<Runnable> clicks, List<Label> labels, float x, float y, float w, float h, String text,
            Color accent, boolean on, boolean enabled, Runnable action) {
        Ui.box(g, x, y, w, h, enabled ? accent : Gfx.WALL, on);
        labels.add(new Label(text, x + w / 2, y + h - 6, 0.95f, !enabled ? Gfx.DIM : on ? Gfx.BG : Gfx.TEXT, Align.center));
        if (enabled && Ui.clicked(g, x, y, w, h)) {
            clicks.add(action);
        }
    }

    // ------------------------------------------------------------------ left: folders and the scan

    private void folders(Gfx g, List<Runnable> clicks, List<Label> labels) {
        float x = 30;
        labels.add(label("FOLDERS", x, 650, 1.1f, Gfx.DIM));
        float y = 620;
        List<String> folders = model.store().folders();
        for (int i = 0; i < Math.min(5, folders.size()); i++) {
            String f = folders.get(i);
            labels.add(label(tail(f, 40), x + 8, y, 0.9f, java.nio.file.Files.isDirectory(java.nio.file.Path.of(f))
                    ? Gfx.TEXT : Gfx.FOE));
            button(g, clicks, labels, x + 320, y - 20, 70, 22, "remove", Gfx.FOE, false, !model.scanning(),
                    () -> model.removeFolder(f));
            y -= 28;
        }
        if (folders.isEmpty()) {
            labels.add(label("(none: type a path or add the music folder)", x + 8, y, 0.9f, Gfx.DIM));
        }
        float fy = 450;
        Ui.box(g, x, fy, 300, 28, Gfx.HERO, false);
        if (Ui.clicked(g, x, fy, 300, 28)) {
            clicks.add(() -> typing = true);
        }
        String field = typed.length() == 0 && !typing ? "type a folder path here" : tail(typed.toString(), 34)
                + (typing && (System.nanoTime() / 400_000_000L) % 2 == 0 ? "_" : "");
        labels.add(label(field, x + 10, fy + 21, 0.95f, typed.length() == 0 && !typing ? Gfx.DIM : Gfx.TEXT));
        button(g, clicks, labels, x + 310, fy, 80, 28, "add", Gfx.HERO, false, true, () -> {
            if (model.addFolder(typed.toString())) {
                typed.setLength(0);
            }
            typing = false;
        });
        button(g, clicks, labels, x, fy - 40, 390, 28, "add the music folder (" + fit(dev.segue.library.LibraryPaths
                .musicDir().toString(), 28) + ")", Gfx.HERO, false, true, model::addMusicFolder);
        boolean scanning = model.scanning();
        button(g, clicks, labels, x, fy - 80, 190, 28, scanning ? "scanning…" : "scan", Gfx.PICKUP, scanning, !scanning,
                model::scan);
        button(g, clicks, labels, x + 200, fy - 80, 190, 28, "cancel", Gfx.FOE, false, scanning, model::cancelScan);
        progress(g, labels, x, fy - 110);
    }

    private void progress(Gfx g, List<Label> labels, float x, float y) {
        Progress p = model.progress();
        ScanReport r = model.report();
        g.shapes.setColor(Gfx.FLOOR);
        g.shapes.rect(x, y, 390, 14);
        if (p != null && model.scanning()) {
            g.shapes.setColor(Gfx.PICKUP);
            g.shapes.rect(x, y, (float) (390 * Math.max(0, Math.min(1, p.fraction()))), 14);
            labels.add(label(String.format(Locale.ROOT, "%s: %d / %d files  ·  %.0f files/s  ·  ETA %s", p.phase(), p.done(),
                    p.total(), p.perSecond(), p.etaSeconds() < 0 ? "…" : String.format(Locale.ROOT, "%.0f s",
                            p.etaSeconds())), x, y - 8, 0.9f, Gfx.TEXT));
            labels.add(label(tail(p.current(), 48), x, y - 26, 0.85f, Gfx.DIM));
        } else if (r != null) {
            g.shapes.setColor(r.cancelled() ? Gfx.BOSS : Gfx.HERO);
            g.shapes.rect(x, y, 390, 14);
            labels.add(label(String.format(Locale.ROOT, "%d songs  ·  %d skipped  ·  %.1f s%s", r.songs().size(),
                    r.skipped().size(), r.seconds(), r.cancelled() ? "  ·  cancelled" : ""), x, y - 8, 0.9f, Gfx.TEXT));
            float ly = y - 28;
            for (Skipped s : r.skipped().subList(0, Math.min(6, r.skipped().size()))) {
                labels.add(label(fit(java.nio.file.Path.of(s.path()).getFileName() + ": " + s.reason(), 56), x, ly, 0.8f,
                        Gfx.BOSS));
                ly -= 16;
            }
        } else {
            labels.add(label(model.library().songs().size() + " songs known from earlier scans", x, y - 8, 0.9f, Gfx.DIM));
        }
    }

    // ------------------------------------------------------------------ middle: albums and soundtracks

    private void library(Gfx g, List<Runnable> clicks, List<Label> labels) {
        float x = 450;
        Map<String, List<Song>> albums = model.albums();
        labels.add(label("ALBUMS (" + albums.size() + ")  ·  click: make a soundtrack", x, 650, 1.1f, Gfx.DIM));
        float y = 616;
        int shown = 0;
        for (Map.Entry<String, List<Song>> a : albums.entrySet()) {
            if (shown++ == ALBUM_ROWS) {
                labels.add(label("… and " + (albums.size() - ALBUM_ROWS) + " more", x + 8, y, 0.85f, Gfx.DIM));
                break;
            }
            String name = a.getKey();
            int n = a.getValue().size();
            double secs = a.getValue().stream().mapToDouble(Song::seconds).sum();
            button(g, clicks, labels, x, y - 22, 400, 24, fit(name, 36) + String.format(Locale.ROOT, "  ·  %d %s, %d:%02d",
                    n, n == 1 ? "song" : "songs", (int) secs / 60, (int) secs % 60), Gfx.GATE, false, true, () -> model.fromAlbum(name));
            y -= 28;
        }
        List<Soundtrack> tracks = model.store().soundtracks();
        float ty = 395;
        labels.add(label("SOUNDTRACKS (" + tracks.size() + ")", x, ty + 25, 1.1f, Gfx.DIM));
        for (int i = 0; i < Math.min(TRACK_ROWS, tracks.size()); i++) {
            Soundtrack t = tracks.get(i);
            labels.add(label(fit(t.name(), 22) + "  ·  " + t.songs().size(), x + 4, ty - 4, 0.9f, Gfx.TEXT));
            boolean shuffle = t.order() == Soundtrack.Order.SHUFFLE;
            button(g, clicks, labels, x + 190, ty - 22, 64, 22, "shuffle", Gfx.HERO, shuffle, true,
                    () -> model.toggleShuffle(t.name()));
            button(g, clicks, labels, x + 258, ty - 22, 56, 22, "repeat", Gfx.HERO, t.repeat(), true,
                    () -> model.toggleRepeat(t.name()));
            button(g, clicks, labels, x + 318, ty - 22, 56, 22, "delete", Gfx.FOE, false, true, () -> model.delete(t.name()));
            ty -= 28;
        }
        if (tracks.isEmpty()) {
            labels.add(label("(none yet: scan, then click an album)", x + 4, ty - 4, 0.9f, Gfx.DIM));
        }
        // preview: the first song of the first soundtrack; skip: the next song of the one playing
        Song first = firstSong();
        button(g, clicks, labels, x, 190, 290, 26, first == null ? "preview (no song)" : "preview " + fit(first.title()
                .isEmpty() ? first.file().getFileName().toString() : first.title(), 22), Gfx.PICKUP, false,
                playback.available() && first != null, this::previewFirst);
        button(g, clicks, labels, x + 300, 190, 100, 26, "skip song", Gfx.PICKUP, false, playback.nowPlaying() != null,
                () -> playbackMessage = playback.skip());
        analysis(g, labels, x, 160);
    }

    /** The first song of the first soundtrack, or null. */
    private Song firstSong() {
        List<Soundtrack> tracks = model.store().soundtracks();
        return tracks.isEmpty() || tracks.get(0).songs().isEmpty() ? null
                : model.library().song(tracks.get(0).songs().get(0)).orElse(null);
    }

    /** Auditions the first soundtrack's first song (the preview button) until the player leaves the screen. */
    void previewFirst() {
        Song first = firstSong();
        if (first != null) {
            playbackMessage = playback.preview(first);
            previewed = true;
        }
    }

    /** The background analysis of the assigned songs (loudness, beats): a bar while it runs, its summary after. */
    private void analysis(Gfx g, List<Label> labels, float x, float y) {
        Progress p = playback.analysisProgress();
        if (p != null) {
            g.shapes.setColor(Gfx.FLOOR);
            g.shapes.rect(x, y, 400, 10);
            g.shapes.setColor(Gfx.GATE);
            g.shapes.rect(x, y, (float) (400 * Math.max(0, Math.min(1, p.fraction()))), 10);
            labels.add(label(String.format(Locale.ROOT, "analysing songs (loudness, beats): %d / %d  ·  ETA %s", p.done(),
                    p.total(), p.etaSeconds() < 0 ? "…" : String.format(Locale.ROOT, "%.0f s", p.etaSeconds())), x,
                    y - 6, 0.85f, Gfx.TEXT));
        } else if (playback.analysisNote() != null) {
            labels.add(label(playback.analysisNote(), x, y + 8, 0.85f, Gfx.DIM));
        }
    }

    // ------------------------------------------------------------------ right: what plays where

    private void contexts(Gfx g, List<Runnable> clicks, List<Label> labels) {
        float x = 880;
        labels.add(label("WHAT PLAYS WHERE  ·  click to change", x, 650, 1.1f, Gfx.DIM));
        float y = 616;
        String override = model.store().assignments().override();
        for (String ctx : Soundtracks.CONTEXTS) {
            String a = model.assigned(ctx);
            labels.add(label(ctx, x, y - 4, 1.0f, Gfx.TEXT));
            button(g, clicks, labels, x + 130, y - 22, 240, 24, a == null ? "the score" : fit(a, 26), Gfx.GATE, a != null,
                    override == null, () -> model.cycle(ctx));
            y -= 30;
        }
        y -= 8;
        labels.add(label("override", x, y - 4, 1.0f, Gfx.TEXT));
        button(g, clicks, labels, x + 130, y - 22, 240, 24, override == null ? "none" : fit(override, 26), Gfx.BOSS,
                override != null, true, model::cycleOverride);
        y -= 34;
        boolean keep = model.store().assignments().keepScoreForCutscenes();
        button(g, clicks, labels, x, y - 22, 370, 24, "keep the score for cutscenes: " + (keep ? "on" : "off"), Gfx.HERO,
                keep, true, model::toggleKeepScoreForCutscenes);
        y -= 34;
        double xf = model.store().crossfadeSeconds();
        button(g, clicks, labels, x, y - 22, 370, 24, "between songs: " + (xf == 0 ? "gapless" : "crossfade "
                + (int) xf + " s"), Gfx.HERO, xf > 0, true, model::cycleCrossfade);
        y -= 50;
        labels.add(label("NOW PLAYING", x, y, 1.1f, Gfx.DIM));
        String now = playback.nowPlaying();
        labels.add(label(now == null ? "the score" : fit(now, 40), x, y - 22, 1.0f, Gfx.TEXT));
        if (!playback.available()) {
            float ly = y - 46;
            for (String line : wrap(playback.why(), 52)) {
                labels.add(label(line, x, ly, 0.85f, Gfx.BOSS));
                ly -= 16;
            }
        }
    }

    // ------------------------------------------------------------------ text

    static String fit(String s, int n) {
        return s == null ? "" : s.length() <= n ? s : s.substring(0, Math.max(0, n - 1)) + "…";
    }

    static String tail(String s, int n) {
        return s == null ? "" : s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
    }

    static List<String> wrap(String s, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : s.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + w.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(w);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }
}
