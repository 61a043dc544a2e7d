package dev.stracewb.trace;

/** {@code +++ exited with 255 +++} or {@code +++ killed by SIGKILL (core dumped) +++}. */
public record ExitEvent(int row, int pid, long timeNanos, long firstLine, Integer exitCode, String killedBy,
                        boolean coreDumped) implements TraceEvent {

    @Override
    public long lastLine() {
        return firstLine;
    }

    @Override
    public EventKind kind() {
        return EventKind.EXIT;
    }
}
