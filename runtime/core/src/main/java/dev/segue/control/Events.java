package dev.segue.control;

/**
 * Event codes carried by the {@link EventRing}; they are the ordinals of
 * {@code dev.segue.SegueEvent.Type} (a test keeps the two in step).
 */
public final class Events {
    public static final int CUE_STARTED = 0;
    public static final int CUE_ENDED = 1;
    public static final int TRANSITION_SCHEDULED = 2;
    public static final int TRANSITION_DONE = 3;
    public static final int BEAT = 4;
    public static final int BAR = 5;
    public static final int MARKER = 6;
    public static final int STINGER = 7;
    public static final int STINGER_SKIPPED = 8;
    public static final int STATE = 9;
    public static final int ERROR = 10;
    public static final int PAUSED = 11;
    public static final int RESUMED = 12;
    /** Not sent by the mixer: the game thread makes these from output notices. */
    public static final int OUTPUT = 13;
    public static final int RELOADED = 14;
    /** Not sent by the mixer: custom-soundtrack playback makes these on the game thread. */
    public static final int SONG_STARTED = 15;
    public static final int SONG_ENDED = 16;
    public static final int SONG_SKIPPED = 17;

    /** Error: every playback slot is busy; the request was dropped. */
    public static final int ERR_VOICES_FULL = 1;
    /** Error: the rule's marker cannot be reached from here; the transition landed on the next bar. */
    public static final int ERR_NO_MARKER = 2;
    /**
     * Error: a streamed stem's ring did not hold the frames to play (they played as silence); the
     * frame count is in the event's {@code at} above its low 8 bits, the stem index in {@code other}.
     */
    public static final int ERR_UNDERRUN = 3;
    /** Error: no stream voice was free for a streamed stem (stem index in {@code other}); it plays silence. */
    public static final int ERR_STREAMS_FULL = 4;

    /** Stinger skipped: still cooling down. */
    public static final int SKIP_COOLDOWN = 1;
    /** Stinger skipped: no free playback slot. */
    public static final int SKIP_VOICES = 2;

    private Events() {
    }
}
