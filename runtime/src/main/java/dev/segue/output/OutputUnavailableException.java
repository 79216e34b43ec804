package dev.segue.output;

/** An audio device could not be opened or used; the message says which and why, in plain words. */
final class OutputUnavailableException extends Exception {
    OutputUnavailableException(String message) {
        super(message);
    }

    OutputUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
