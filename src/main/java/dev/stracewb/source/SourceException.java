package dev.stracewb.source;

/** A source that cannot be opened; the message says why in words a user can act on. */
public final class SourceException extends Exception {
    public SourceException(String message) {
        super(message);
    }
}
