package dev.segue.cue;

/**
 * How the music moves from one cue to another.
 *
 * @param from        source cue name, {@code *} or {@code silence}
 * @param to          destination cue name, {@code *} or {@code silence}
 * @param when        where on the source's grid the change lands
 * @param bars        bar count for {@link When#AFTER_BARS}
 * @param marker      marker name for {@link When#NEXT_MARKER}, or null for any marker
 * @param where       where the destination starts
 * @param fadeOut     the source's fade
 * @param fadeIn      the destination's fade
 * @param bridge      index of a cue played once between source and destination, or -1
 * @param outro       whether the source leaves through its outro instead of fading where it is
 * @param path        JSON path of the rule, for messages ({@code transitions[3]}), or {@code default}
 */
public record TransitionRule(String from, String to, When when, int bars, String marker, Where where,
        Fade fadeOut, Fade fadeIn, int bridge, boolean outro, String path) {
}
