package dev.stracewb.report;

/** A report could not be written; the message says what to do (the CLI prints it as one line). */
public final class ReportException extends Exception {
    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
