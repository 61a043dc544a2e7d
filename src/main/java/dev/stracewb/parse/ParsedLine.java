package dev.stracewb.parse;

import dev.stracewb.trace.SyscallEvent;
import dev.stracewb.trace.TraceEvent;

/**
 * The parser's output for one line: offsets into the caller's buffer, no copies. One instance is reused for
 * every line, so the hot path allocates nothing but interned names.
 */
public final class ParsedLine {
    public LineShape shape;
    public int pid;
    /** Time as printed (of day, of the epoch, or relative), in nanoseconds; {@link TraceEvent#NO_TIME} if none. */
    public long timeNanos;
    public boolean relativeTime;
    /** Interned syscall name, signal name, or null. */
    public String name;
    /** Arguments (for RESUMED: the part after {@code resumed>}), as [argsStart, argsEnd) in the buffer. */
    public int argsStart;
    public int argsEnd;
    /** The result text after {@code " = "}, without errno and duration, as [resultStart, resultEnd). */
    public int resultStart;
    public int resultEnd;
    public long returnValue;
    /** Interned errno name (ENOENT) or null. */
    public String errno;
    public int errnoTextStart;
    public int errnoTextEnd;
    public long durationNanos;
    /** For EXIT: the exit code, or -1 when killed. */
    public int exitCode;
    public boolean coreDumped;
    /** Where the text after the prefix starts (the body used for strace messages and unparsed lines). */
    public int bodyStart;
    /**
     * For UNFINISHED: strace broke the call's line with its own {@code strace: Process N attached} (or
     * detached) message; the next line may hold the rest of the call ({@link LineParser#parseContinuation}).
     */
    public boolean interrupted;

    void reset() {
        shape = LineShape.UNPARSED;
        pid = 0;
        timeNanos = TraceEvent.NO_TIME;
        relativeTime = false;
        name = null;
        argsStart = argsEnd = resultStart = resultEnd = errnoTextStart = errnoTextEnd = bodyStart = 0;
        returnValue = SyscallEvent.UNKNOWN_RETURN;
        errno = null;
        durationNanos = SyscallEvent.NO_DURATION;
        exitCode = -1;
        coreDumped = false;
        interrupted = false;
    }
}
