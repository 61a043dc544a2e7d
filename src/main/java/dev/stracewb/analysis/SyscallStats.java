package dev.stracewb.analysis;

import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.SyscallEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Calls, errors and time per syscall, indexed by the store's name ids. */
public final class SyscallStats implements EventCollector {
    private long[] calls = new long[64];
    private long[] errors = new long[64];
    private long[] nanos = new long[64];
    private long[] unfinished = new long[64];

    @Override
    public synchronized void accept(EventStore store, int row) {
        if (store.kind(row) != EventKind.SYSCALL) {
            return;
        }
        int id = store.nameId(row);
        ensure(id);
        calls[id]++;
        if (store.isFailed(row)) {
            errors[id]++;
        }
        long d = store.durationNanos(row);
        if (d != SyscallEvent.NO_DURATION) {
            nanos[id] += d;
        }
    }

    /** Calls that never returned count as calls, and as unfinished. */
    @Override
    public synchronized void finish(EventStore store, int[] unfinishedRows) {
        for (int row : unfinishedRows) {
            int id = store.nameId(row);
            if (id < 0) {
                continue;
            }
            ensure(id);
            calls[id]++;
            unfinished[id]++;
        }
    }

    private void ensure(int id) {
        if (id >= calls.length) {
            int n = Math.max(id + 1, calls.length * 2);
            calls = java.util.Arrays.copyOf(calls, n);
            errors = java.util.Arrays.copyOf(errors, n);
            nanos = java.util.Arrays.copyOf(nanos, n);
            unfinished = java.util.Arrays.copyOf(unfinished, n);
        }
    }

    /** Rows sorted by time spent, then by calls, like {@code strace -c}. */
    public synchronized List<SyscallStat> table(EventStore store) {
        List<SyscallStat> out = new ArrayList<>();
        for (int id = 0; id < calls.length; id++) {
            if (calls[id] > 0) {
                out.add(new SyscallStat(store.names().get(id), calls[id], errors[id], nanos[id] / 1e9, unfinished[id]));
            }
        }
        out.sort(Comparator.comparingDouble(SyscallStat::seconds).reversed()
                .thenComparing(Comparator.comparingLong(SyscallStat::calls).reversed())
                .thenComparing(SyscallStat::name));
        return out;
    }

    public synchronized long totalCalls() {
        long t = 0;
        for (long c : calls) {
            t += c;
        }
        return t;
    }

    public synchronized long totalErrors() {
        long t = 0;
        for (long c : errors) {
            t += c;
        }
        return t;
    }
}
