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
                byte[] buf = new byte[1 << 16];
                long bytes = 0;
                for (int row = 0; row < store.size(); row++) {
                    byte k = kinds.of(store, row);
                    if (k >= SyscallKinds.ACCEPT && k <= SyscallKinds.SHUTDOWN) {
                        int n = store.raw().lineBytesInto(store.firstLine(row), buf);
                        if (!CallText.isNonSocketFd(buf, n)) {
                            bytes += n;
                            if (store.lastLine(row) != store.firstLine(row)) {
                                bytes += store.raw().lineBytesInto(store.lastLine(row), buf);
                            }
                        }
                    }
                }
                long t1b = threads.getCurrentThreadCpuTime();
                System.out.printf("read back only %d ms (%d bytes); ", (t1b - t1) / 1_000_000, bytes);
                t1 = t1b;
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
                RequestTracker socketsOnly = new RequestTracker();
                for (int row = 0; row < store.size(); row++) {
                    byte k = kinds.of(store, row);
                    if (store.isFinished(row) && k >= SyscallKinds.ACCEPT && k <= SyscallKinds.SHUTDOWN) {
                        socketsOnly.accept(store, row);
                    }
                }
                long t5 = threads.getCurrentThreadCpuTime();
                System.out.printf("tracker on socket rows only %d ms; ", (t5 - t4) / 1_000_000);
                System.out.printf("kinds %d ms (%d rows); +load %d ms (%d loaded); +key %d ms (%d); tracker %d ms%n",
                        (t1 - t0) / 1_000_000, socketRows, (t2 - t1) / 1_000_000, loaded, (t3 - t2) / 1_000_000,
                        keys, (t4 - t3) / 1_000_000);
            }
        }
    }
}
