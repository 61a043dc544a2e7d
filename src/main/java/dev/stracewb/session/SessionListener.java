package dev.stracewb.session;

/**
 * Hears about a session's progress from its ingest thread, in batches (at most every few thousand lines or
 * every 100 ms), never per line. A GUI must hand these over to its own thread.
 */
public interface SessionListener {

    /** More rows are in the store (and earlier rows may have been completed). */
    default void rowsAdded(TraceSession session, int rowCount, long lineCount) {
    }

    /** The input ended, or failed with {@code error} (null when it ended normally). */
    default void finished(TraceSession session, Throwable error) {
    }
}
