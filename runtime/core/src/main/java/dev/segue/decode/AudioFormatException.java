package dev.segue.decode;

import java.io.IOException;

/**
 * An audio file Segue cannot read: the message names the file, the byte offset where reading failed
 * and what is wrong there.
 */
public class AudioFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;
    private final String reason;

    /**
     * @param file   the file (or stream name) being read
     * @param offset the byte offset where the problem was found, or -1 if not known
     * @param reason a plain sentence saying what is wrong
     */
    public AudioFormatException(String file, long offset, String reason) {
        super(file + (offset >= 0 ? " (byte " + offset + ")" : "") + ": " + reason);
        this.file = file;
        this.offset = offset;
        this.reason = reason;
    }

    /** What is wrong, without the file name. */
    public String reason() {
        return reason + (offset >= 0 ? " (at byte " + offset + ")" : "");
    }

    /** The file or stream that failed. */
    public String file() {
        return file;
    }

    /** The byte offset of the failure, or -1. */
    public long offset() {
        return offset;
    }
}
