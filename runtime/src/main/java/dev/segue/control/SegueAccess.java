package dev.segue.control;

import dev.segue.Segue;
import dev.segue.SegueEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What custom-soundtrack playback ({@code dev.segue.library.CustomMusic}) needs from a {@link Segue}
 * beyond its public API; {@code Segue} installs the one implementation when its class loads. This
 * package is not exported, so games cannot reach it.
 */
public abstract class SegueAccess {
    private static volatile SegueAccess instance;

    /** Installed by {@code Segue}'s static initialiser. */
    public static void set(SegueAccess a) {
        instance = Objects.requireNonNull(a);
    }

    /** The implementation (loads {@code Segue} if nothing has yet). */
    public static SegueAccess get() {
        if (instance == null) {
            try {
                Class.forName(Segue.class.getName(), true, Segue.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** The score's cue sheet file. */
    public abstract Path sheetFile(Segue segue);

    /** Whether the Segue has a streamer (songs stream, so playback needs one). */
    public abstract boolean streams(Segue segue);

    /** Writes a derived sheet's file, off the game thread on a real-time Segue. */
    @FunctionalInterface
    public interface SheetWriter {
        /**
         * Writes the sheet and returns its file (deleted once it is read), or null when a newer sheet
         * replaces this one (nothing is loaded then, nor handed back).
         */
        Path write() throws IOException;
    }

    /** A derived sheet that was loaded, or what went wrong, back on the game thread. */
    @FunctionalInterface
    public interface Loaded {
        /**
         * Queues the sheet to take over like a hot reload, at the playing cue's next bar, or with
         * {@code onBeat} its next beat, moving on to cue {@code moveTo} (or null) at the swap by the
         * derived sheet's rule; or throws what writing or loading it threw. Game thread; cheap.
         *
         * @throws dev.segue.CueSheetException if the sheet did not load
         * @throws IOException if its file could not be written
         */
        void swapIn(boolean onBeat, String moveTo) throws IOException;
    }

    /**
     * Writes ({@code write}) and loads a sheet the runtime derived, whose stems may be absolute paths,
     * and hands the outcome to {@code then} on the game thread. On a real-time Segue the write and the
     * load (the stems opened and decoded) run on the Segue's one worker thread, {@code segue-songs}, in
     * the order asked, and {@code then} runs in a later {@code update()}; on an offline Segue all of it
     * runs now, on the calling thread, before this returns (so an offline render stays deterministic),
     * and so it does with {@code now} (the first sheet, while the game sets up). After {@code close()}
     * nothing runs.
     */
    public abstract void loadDerived(Segue segue, SheetWriter write, boolean now, Consumer<Loaded> then);

    /** Whether the sheet playing now is one {@link #loadDerived} loaded (false once the score was reloaded). */
    public abstract boolean playsDerived(Segue segue);

    /**
     * While {@code r} is set (null clears it), a reload of the score that passed (its file edited,
     * {@code Segue.reload()}) is not swapped in: {@code r} runs on the game thread in the next
     * {@code update()} instead, to derive a sheet from the new score and swap that in.
     */
    public abstract void onScoreReload(Segue segue, Runnable r);

    /** Runs {@code r} on the game thread at the start of the next {@code update()}. Any thread. */
    public abstract void runOnUpdate(Segue segue, Runnable r);

    /** Queues an event for the listeners (delivered by the next {@code update()}). */
    public abstract void post(Segue segue, SegueEvent event);
}
