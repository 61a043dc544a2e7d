package dev.stracewb.trace;

/**
 * One row of a trace, materialised for display or analysis. The store keeps rows in primitive columns;
 * these records are made on demand and never held in bulk.
 */
public sealed interface TraceEvent permits SyscallEvent, SignalEvent, ExitEvent, TextEvent {

    /** Row index in the store. */
    int row();

    /** Process or thread id; 0 when the trace names none. */
    int pid();

    /** Nanoseconds: of the epoch (-ttt), of the day (-t, -tt) or since the previous line (-r); {@link #NO_TIME} if none. */
    long timeNanos();

    /** 1-based number of the first input line of this event. */
    long firstLine();

    /** 1-based number of the last input line (the {@code resumed} line of a stitched call). */
    long lastLine();

    EventKind kind();

    long NO_TIME = Long.MIN_VALUE;
}
