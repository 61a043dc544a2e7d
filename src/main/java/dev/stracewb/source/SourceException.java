package dev.stracewb.source;

/** A source that cannot be opened; the message says why in words a user can act on. */
public final class SourceException extends Exception {
    private final boolean notATrace;

    public SourceException(String message) {
        this(message, false);
    }

    private SourceException(String message, boolean notATrace) {
        super(message);
        this.notATrace = notATrace;
    }

    /** The input can be read, but it is not strace output (a binary file, say). */
    public static SourceException notATrace(String message) {
        return new SourceException(message, true);
    }

    public boolean isNotATrace() {
        return notATrace;
    }
}
