package dev.segue;

import java.util.Locale;

/**
 * Something that happened in the music, delivered to {@link SegueListener}s on the game thread.
 *
 * @param type    what happened
 * @param frame   the music frame it happened on (exact)
 * @param seconds the same in seconds
 * @param bar     the playing cue's bar at that frame, from 1 (0 when silent)
 * @param beat    the playing cue's beat in the bar, from 1 (0 when silent)
 * @param cue     the cue concerned (for transitions: the one left), or null
 * @param other   the second name: the destination of a transition, the marker, the stinger, the state;
 *                for cue events the playback's role: {@code bed}, {@code outgoing}, {@code bridge},
 *                {@code stinger} or {@code outro}; for {@link Type#OUTPUT} the output now playing
 * @param at      for {@link Type#TRANSITION_SCHEDULED}: the frame it will land on; otherwise 0
 * @param message for {@link Type#ERROR}, {@link Type#STINGER_SKIPPED} and {@link Type#OUTPUT}: a plain
 *                sentence; else null
 */
public record SegueEvent(Type type, long frame, double seconds, int bar, int beat, String cue, String other,
        long at, String message) {

    /** Kinds of event. */
    public enum Type {
        CUE_STARTED, CUE_ENDED, TRANSITION_SCHEDULED, TRANSITION_DONE, BEAT, BAR, MARKER, STINGER,
        STINGER_SKIPPED, STATE, ERROR, PAUSED, RESUMED,
        /**
         * The audio output changed: no device could be opened (playing silently), the device was lost
         * (playing silently, retrying) or it came back. {@code message} says which, {@code other} names
         * the output now playing.
         */
        OUTPUT,
        /**
         * A hot reload took over: from {@code frame} on the music plays the reloaded sheet; {@code cue}
         * is the cue it goes on with (null in silence). See {@link Segue#reload()}.
         */
        RELOADED,
        /**
         * Custom soundtracks: one of the player's songs began to play ({@code cue} is its cue,
         * {@code other} its title, {@code message} "title — artist"). See
         * {@link CustomMusic}.
         */
        SONG_STARTED,
        /** Custom soundtracks: a song stopped sounding (it ended, or the music moved on). */
        SONG_ENDED,
        /**
         * Custom soundtracks: a song was skipped, by {@code CustomMusic.skip()} or because its file is
         * missing, unreadable or broke while it played; {@code message} names the file and why.
         */
        SONG_SKIPPED
    }

    /** A log line: frame, seconds, bar:beat, type and details. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%10d %8.3fs %6s  %-21s", frame, seconds,
                bar > 0 ? bar + ":" + beat : "-", type));
        switch (type) {
            case TRANSITION_SCHEDULED -> b.append(name(cue)).append(" -> ").append(name(other))
                    .append(" at frame ").append(at);
            case TRANSITION_DONE -> b.append(name(cue)).append(" -> ").append(name(other));
            case MARKER -> b.append(cue).append(" marker ").append(other);
            case STINGER -> b.append(other).append(" (cue ").append(cue).append(')');
            case STATE -> b.append(other);
            case OUTPUT -> b.append(other);
            case CUE_STARTED, CUE_ENDED -> {
                b.append(cue);
                if (other != null && !other.equals("bed")) {
                    b.append(" (").append(other).append(')');
                }
            }
            default -> {
                if (cue != null) {
                    b.append(cue);
                }
            }
        }
        if (message != null) {
            b.append(cue != null || other != null ? ": " : "").append(message);
        }
        int end = b.length();
        while (end > 0 && Character.isWhitespace(b.charAt(end - 1))) {
            end--;
        }
        return b.substring(0, end);
    }

    private static String name(String cue) {
        return cue == null ? "silence" : cue;
    }
}
