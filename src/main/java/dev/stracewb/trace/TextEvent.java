package dev.stracewb.trace;

/**
 * A line kept as text: strace's own messages, {@code -k} stack frames, summary-table lines, and unparsed lines
 * (which keep their bytes verbatim, non-UTF-8 included, in the raw log).
 */
public record TextEvent(int row, int pid, long timeNanos, long firstLine, EventKind kind, String text)
        implements TraceEvent {

    public TextEvent {
        if (kind == EventKind.SYSCALL || kind == EventKind.SIGNAL || kind == EventKind.EXIT) {
            throw new IllegalArgumentException("not a text kind: " + kind);
        }
    }

    @Override
    public long lastLine() {
        return firstLine;
    }
}
