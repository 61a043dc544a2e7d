package dev.stracewb.capture;

/**
 * Notices about a running capture, for a status line. Called from the capture's own threads, never the caller's:
 * a GUI must hand them to its UI thread. The trace lines themselves go to the {@link dev.stracewb.source.LineSink}.
 */
public interface CaptureListener {

    /** strace attached to {@code pid} (one call per process or thread). */
    default void attached(int pid) {
    }

    /** strace detached from {@code pid}. */
    default void detached(int pid) {
    }

    /** Something the user should know that does not end the capture. */
    default void warning(String message) {
    }

    /** The capture is over; strace has exited. */
    default void ended(CaptureResult result) {
    }
}
