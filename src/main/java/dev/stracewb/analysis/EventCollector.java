package dev.stracewb.analysis;

import dev.stracewb.store.EventStore;

/**
 * An analysis that learns from rows as the trace is read, so a live capture and an opened file are analysed by
 * the same code. Called on the ingest thread; snapshots are taken from other threads, so implementations
 * synchronise their state.
 */
public interface EventCollector {

    /**
     * A row is final: a syscall that returned (complete or stitched), or any other row. Unfinished syscalls are
     * not passed here until they resume.
     */
    void accept(EventStore store, int row);

    /** The input ended; {@code unfinishedRows} are syscalls that never returned. */
    default void finish(EventStore store, int[] unfinishedRows) {
    }
}
