package dev.stracewb.trace;

/** What one row of a trace is. Every input line ends up in exactly one row, or inside a stitched syscall row. */
public enum EventKind {
    /** A system call, complete or stitched from {@code <unfinished ...>} and {@code <... resumed>}. */
    SYSCALL,
    /** {@code --- SIGxxx {...} ---} */
    SIGNAL,
    /** {@code +++ exited with N +++} or {@code +++ killed by SIGxxx +++} */
    EXIT,
    /** strace's own words: {@code strace: Process N attached}, detached, warnings. */
    STRACE_MESSAGE,
    /** A {@code -k} stack frame line: {@code  > /lib/x86_64-linux-gnu/libc.so.6(open64+0x1b) [0xf1c2b]}. */
    STACK_FRAME,
    /** A line of a {@code -c}/{@code -C} summary table. */
    SUMMARY,
    /** Anything the parser did not recognise, kept verbatim. */
    UNPARSED;

    private static final EventKind[] VALUES = values();

    public static EventKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
