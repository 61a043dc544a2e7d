package dev.stracewb.capture;

import java.io.IOException;

/**
 * A capture could not start or ended badly, with a one-line message that says what to do
 * ("strace is not installed: apt-get install strace"). The CLI prints {@link #getMessage()} as is and exits non-zero;
 * the GUI shows it in place. It extends IOException so a running capture can raise it from
 * {@link dev.stracewb.source.LineSource#readLines}.
 */
public class CaptureException extends IOException {

    private final Reason reason;

    public CaptureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CaptureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** What went wrong, for callers (and tests) that react differently per cause. */
    public Reason reason() {
        return reason;
    }

    public enum Reason {
        STRACE_MISSING,
        STRACE_UNUSABLE,
        NO_SUCH_PROCESS,
        OWN_PROCESS,
        ALREADY_TRACED,
        NO_SERVER_FOUND,
        NOT_PERMITTED,
        COMMAND_NOT_FOUND,
        OUTPUT_NOT_WRITABLE,
        DISK_FULL,
        BAD_ARGUMENTS,
        FAILED
    }
}
