package dev.segue.control;

import dev.segue.Segue;
import dev.segue.SegueEvent;
import java.nio.file.Path;
import java.util.Objects;

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

    /**
     * Loads {@code derived}, a sheet the runtime wrote whose stems may be absolute paths, and queues it
     * to take over at the next bar like a hot reload.
     *
     * @throws dev.segue.CueSheetException if it does not load
     */
    public abstract void swapIn(Segue segue, Path derived);

    /**
     * As {@link #swapIn(Segue, Path)}, swapping at the next beat instead of bar if {@code onBeat}, and
     * moving on to cue {@code moveTo} (or null) at the swap by the derived sheet's rule.
     */
    public abstract void swapIn(Segue segue, Path derived, boolean onBeat, String moveTo);

    /** Whether the sheet playing now is one {@link #swapIn} loaded (false once the score was reloaded). */
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
