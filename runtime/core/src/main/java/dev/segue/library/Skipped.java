package dev.segue.library;

/**
 * A file or folder a scan passed over, and why: not audio, broken audio, unreadable, a link loop.
 *
 * @param path   the file or folder
 * @param reason a plain sentence saying why it was skipped
 */
public record Skipped(String path, String reason) {
}
