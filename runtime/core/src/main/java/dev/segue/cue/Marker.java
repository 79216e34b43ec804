package dev.segue.cue;

/** A named position in a cue's timeline, in frames from the cue's start. */
public record Marker(String name, long frame) {
}
