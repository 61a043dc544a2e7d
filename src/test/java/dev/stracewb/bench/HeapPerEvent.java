package dev.stracewb.bench;

import dev.stracewb.session.TraceSession;
import dev.stracewb.source.Sources;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap bytes per event of a loaded trace: used heap after GC with the session loaded, minus before, divided by
 * the store's rows (events) and by input lines. Run by src/test/scripts/bench-analyze.sh:
 * {@code java -cp target/test-classes:target/stracewb.jar dev.stracewb.bench.HeapPerEvent TRACE}.
 */
public final class HeapPerEvent {
    private HeapPerEvent() {
    }

    public record Figures(long heapBytes, long rows, long syscalls, long lines) {
        public double perRow() {
            return (double) heapBytes / rows;
        }

        public double perLine() {
            return (double) heapBytes / lines;
        }
    }

    public static long usedAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Loads the trace and measures; the session is closed afterwards. */
    public static Figures measure(TraceSession session) throws Exception {
        long before = usedAfterGc();
        session.run();
        if (session.error() != null) {
            throw new IllegalStateException(session.error());
        }
        long after = usedAfterGc();
        Figures f = new Figures(after - before, session.store().size(), session.stats().totalCalls(),
                session.accounting().lines());
        // keep the session reachable until after the measurement
        if (session.store().size() < 0) {
            System.out.println(session);
        }
        return f;
    }

    public static void main(String[] args) throws Exception {
        try (TraceSession s = TraceSession.of(Sources.open(args[0]))) {
            Figures f = measure(s);
            System.out.printf("heap %d bytes; %d rows (%d syscalls), %d lines: %.1f bytes/row, %.1f bytes/line%n",
                    f.heapBytes(), f.rows(), f.syscalls(), f.lines(), f.perRow(), f.perLine());
        }
    }
}
