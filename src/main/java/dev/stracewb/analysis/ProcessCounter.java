package dev.stracewb.analysis;

import dev.stracewb.store.EventStore;

import java.util.BitSet;

/** The distinct pids seen in the trace. */
public final class ProcessCounter implements EventCollector {
    private final BitSet pids = new BitSet();

    @Override
    public synchronized void accept(EventStore store, int row) {
        int pid = store.pid(row);
        if (pid > 0) {
            pids.set(pid);
        }
    }

    public synchronized int count() {
        return pids.cardinality();
    }

    public synchronized int[] pids() {
        return pids.stream().toArray();
    }
}
