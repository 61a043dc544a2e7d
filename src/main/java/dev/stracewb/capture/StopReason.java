package dev.stracewb.capture;

/** Why a capture ended. */
public enum StopReason {
    /** {@link StraceCaptureSource#stop()} was called (Ctrl-C in the CLI, Stop in the GUI). */
    STOPPED,
    /** {@code --duration} ran out. */
    DURATION,
    /** Every traced process exited, so strace did too. */
    TARGETS_EXITED,
    /** The JVM is shutting down (SIGINT, SIGTERM, System.exit). */
    JVM_EXIT,
    /** strace failed (attach refused, disk full...). */
    FAILED
}
