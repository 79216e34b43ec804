package dev.segue.engine;

/**
 * A streamed stem whose file could no longer be read while it played: it plays silence from
 * {@code frame} while the rest of the music goes on.
 *
 * @param cue    the cue it belongs to
 * @param stem   the stem's name
 * @param file   the file as the stream opened it
 * @param reason what went wrong
 */
public record StreamFailure(String cue, String stem, String file, String reason) {
}
