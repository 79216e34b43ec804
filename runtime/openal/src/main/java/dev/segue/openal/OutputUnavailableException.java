package dev.segue.openal;

/** An audio device could not be opened or used; the message says which and why, in plain words. */
final class OutputUnavailableException extends Exception {
    /** True when the device opened but lacks what this kind of output needs (another kind may do). */
    final boolean featureMissing;

    OutputUnavailableException(String message) {
        this(message, false);
    }

    OutputUnavailableException(String message, boolean featureMissing) {
        super(message);
        this.featureMissing = featureMissing;
    }

    OutputUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.featureMissing = false;
    }
}
