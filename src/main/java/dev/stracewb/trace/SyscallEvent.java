package dev.stracewb.trace;

/**
 * A system call. {@code arguments} is the text between the parentheses (for a stitched call, the unfinished and
 * resumed parts joined); {@code path} and {@code path2} are the path arguments unescaped and made absolute where
 * the trace allows, or null.
 */
public record SyscallEvent(
        int row,
        int pid,
        long timeNanos,
        long firstLine,
        long lastLine,
        String name,
        String arguments,
        String result,
        long returnValue,
        String errno,
        String errnoText,
        long durationNanos,
        String path,
        String path2,
        boolean finished) implements TraceEvent {

    /** {@code returnValue} when strace printed {@code ?} or the call never returned. */
    public static final long UNKNOWN_RETURN = Long.MIN_VALUE;
    /** {@code durationNanos} when the trace has no {@code -T} figure. */
    public static final long NO_DURATION = -1;

    public boolean failed() {
        return errno != null;
    }

    @Override
    public EventKind kind() {
        return EventKind.SYSCALL;
    }
}
