package dev.stracewb.analysis;

import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;

import java.util.BitSet;

/** The distinct pids seen in the trace. */
public final class ProcessCounter implements EventCollector {
    private final BitSet pids = new BitSet();
    private boolean unnamedProcess;

    @Override
    public synchronized void accept(EventStore store, int row) {
        int pid = store.pid(row);
        if (pid > 0) {
            pids.set(pid);
        } else if (store.kind(row) == EventKind.SYSCALL) {
            unnamedProcess = true;
        }
    }

    /** Processes whose only calls never returned (idle workers blocked in accept) count too. */
    @Override
    public synchronized void finish(EventStore store, int[] unfinishedRows) {
        for (int row : unfinishedRows) {
            accept(store, row);
        }
    }

    /**
     * Distinct pids; a trace without pid prefixes (strace without -f) is one process. Calls without a prefix in
     * a trace that names pids belong to one of the named processes, so they add none.
     */
    public synchronized int count() {
        int named = pids.cardinality();
        return named == 0 && unnamedProcess ? 1 : named;
    }

    public synchronized int[] pids() {
        return pids.stream().toArray();
    }
}
