package dev.stracewb.analysis;

import dev.stracewb.session.TraceSession;
import dev.stracewb.source.Sources;
import dev.stracewb.store.EventStore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Profiling aid: the steps of RequestTracker's per-row work, timed one by one over a loaded trace. */
public final class RequestTrackerCost {
    private RequestTrackerCost() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty(TraceSession.CORE_ONLY_PROPERTY, "true");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (TraceSession s = TraceSession.of(Sources.open(args[0]))) {
            s.run();
            EventStore store = s.store();
            for (int run = 0; run < 6; run++) {
                SyscallKinds kinds = new SyscallKinds();
                CallText text = new CallText();
                long t0 = threads.getCurrentThreadCpuTime();
                int socketRows = 0;
                for (int row = 0; row < store.size(); row++) {
                    byte k = kinds.of(store, row);
                    if (k >= SyscallKinds.ACCEPT && k <= SyscallKinds.SHUTDOWN) {
                        socketRows++;
                    }
                }
                long t1 = threads.getCurrentThreadCpuTime();
                int loaded = 0;
                for (int row = 0; row < store.size(); row++) {
                    byte k = kinds.of(store, row);
                    if (k >= SyscallKinds.ACCEPT && k <= SyscallKinds.SHUTDOWN && text.loadIfSocket(store, row)) {
                        loaded++;
                    }
                }
                long t2 = threads.getCurrentThreadCpuTime();
                int keys = 0;
                for (int row = 0; row < store.size(); row++) {
                    byte k = kinds.of(store, row);
                    if (k >= SyscallKinds.ACCEPT && k <= SyscallKinds.SHUTDOWN && text.loadIfSocket(store, row)
                            && text.fdDecoration(0) != null) {
                        keys++;
                    }
                }
                long t3 = threads.getCurrentThreadCpuTime();
                RequestTracker tracker = new RequestTracker();
                for (int row = 0; row < store.size(); row++) {
                    if (store.isFinished(row)) {
                        tracker.accept(store, row);
                    }
                }
                long t4 = threads.getCurrentThreadCpuTime();
                System.out.printf("kinds %d ms (%d rows); +load %d ms (%d loaded); +key %d ms (%d); tracker %d ms%n",
                        (t1 - t0) / 1_000_000, socketRows, (t2 - t1) / 1_000_000, loaded, (t3 - t2) / 1_000_000,
                        keys, (t4 - t3) / 1_000_000);
            }
        }
    }
}
