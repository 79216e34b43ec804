package dev.segue;

import java.util.List;

/**
 * What the music is doing right now, for a composer preview or a debug overlay: every sounding
 * playback with a level meter per stem, and the transition in flight. Taken by
 * {@link Segue#snapshot()}; a copy, safe to keep.
 *
 * @param frame   the music clock
 * @param bed     the cue the game hears as the music (null in silence)
 * @param bar     the bed's bar, from 1 (0 in silence)
 * @param beat    the bed's beat in the bar, from 1 (0 in silence)
 * @param voices  every sounding playback
 * @param pending the transition scheduled or under way, or null
 */
public record Snapshot(long frame, String bed, int bar, int beat, List<Voice> voices, Pending pending) {

    /**
     * One sounding playback of a cue.
     *
     * @param cue          the cue
     * @param role         {@code bed}, {@code outgoing}, {@code bridge}, {@code stinger} or {@code outro}
     * @param position     its timeline position in frames (where its stems are reading)
     * @param gain         its bus gain now (fades, ducking, pause, volume), linear
     * @param stemPeaksDb  per stem, in the cue's stem order: the level heard, peak-hold dBFS
     *                     ({@code -Infinity} for silence)
     * @param muted        per stem: muted by {@link Segue#setStemMute}
     * @param soloed       per stem: soloed by {@link Segue#setStemSolo}
     */
    public record Voice(String cue, String role, long position, float gain, float[] stemPeaksDb, boolean[] muted,
            boolean[] soloed) {
    }

    /**
     * A transition that is scheduled or under way.
     *
     * @param from           the cue it leaves (null from silence)
     * @param to             the cue it goes to (null to silence)
     * @param landingFrame   the music frame it lands on
     * @param landingBar     the source's bar at the landing, from 1 (0 from silence)
     * @param landingBeat    the source's beat in that bar, from 1 (0 from silence)
     * @param fadeOutStart   music frame where the source's fade begins
     * @param fadeOutFrames  its length in frames
     * @param fadeOutCurve   its curve: {@code linear}, {@code equalPower}, {@code sCurve}, {@code exponential}
     * @param fadeInStart    music frame where the destination's fade-in begins
     * @param fadeInFrames   its length (0: the destination starts at full level)
     * @param fadeInCurve    its curve
     * @param bridge         the bridge cue played between them, or null
     */
    public record Pending(String from, String to, long landingFrame, int landingBar, int landingBeat,
            long fadeOutStart, long fadeOutFrames, String fadeOutCurve, long fadeInStart, long fadeInFrames,
            String fadeInCurve, String bridge) {
    }
}
