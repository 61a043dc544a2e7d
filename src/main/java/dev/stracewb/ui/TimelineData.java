package dev.stracewb.ui;

import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.TraceEvent;

import java.util.function.BooleanSupplier;

/**
 * Events and errors per time bucket, with the first row of each bucket to jump to. The bucket width is a round
 * figure (1 ms, 2 ms, 5 ms ... 1 s ... 1 h) chosen so the whole trace fits in at most {@link #MAX_BUCKETS}.
 * Computed off the FX thread in one pass over the store's time column.
 */
record TimelineData(long startNanos, long bucketNanos, int[] events, int[] errors, int[] firstRow, int maxEvents) {
    static final int MAX_BUCKETS = 240;
    private static final long[] STEPS = {1_000L, 2_000L, 5_000L, 10_000L, 20_000L, 50_000L, 100_000L, 200_000L,
            500_000L, 1_000_000L, 2_000_000L, 5_000_000L, 10_000_000L, 20_000_000L, 50_000_000L, 100_000_000L,
            200_000_000L, 500_000_000L, 1_000_000_000L, 2_000_000_000L, 5_000_000_000L, 10_000_000_000L,
            15_000_000_000L, 30_000_000_000L, 60_000_000_000L, 120_000_000_000L, 300_000_000_000L,
            600_000_000_000L, 1_800_000_000_000L, 3_600_000_000_000L, 7_200_000_000_000L, 21_600_000_000_000L,
            86_400_000_000_000L};

    static final TimelineData EMPTY = new TimelineData(0, 1, new int[0], new int[0], new int[0], 0);

    static TimelineData compute(EventStore store, int rows, BooleanSupplier cancelled) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int r = 0; r < rows; r++) {
            long t = store.timeNanos(r);
            if (t != TraceEvent.NO_TIME) {
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        if (min > max) {
            return EMPTY;
        }
        long span = Math.max(1, max - min + 1);
        long step = STEPS[STEPS.length - 1];
        for (long s : STEPS) {
            if (span / s < MAX_BUCKETS) {
                step = s;
                break;
            }
        }
        long start = Math.floorDiv(min, step) * step;
        int n = (int) ((max - start) / step) + 1;
        int[] events = new int[n];
        int[] errors = new int[n];
        int[] first = new int[n];
        java.util.Arrays.fill(first, -1);
        for (int r = 0; r < rows; r++) {
            if ((r & 0xfffff) == 0 && cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException();
            }
            long t = store.timeNanos(r);
            if (t == TraceEvent.NO_TIME) {
                continue;
            }
            EventKind k = store.kind(r);
            if (k != EventKind.SYSCALL && k != EventKind.SIGNAL && k != EventKind.EXIT) {
                continue;
            }
            int b = (int) ((t - start) / step);
            events[b]++;
            if (store.isFailed(r)) {
                errors[b]++;
            }
            if (first[b] < 0) {
                first[b] = r;
            }
        }
        int peak = 0;
        for (int e : events) {
            peak = Math.max(peak, e);
        }
        return new TimelineData(start, step, events, errors, first, peak);
    }

    int buckets() {
        return events.length;
    }

    /** "10 ms", "1 s", "5 min". */
    String bucketLabel() {
        long s = bucketNanos;
        if (s < 1_000_000L) {
            return s / 1000 + " µs";
        }
        if (s < 1_000_000_000L) {
            return s / 1_000_000 + " ms";
        }
        if (s < 60_000_000_000L) {
            return s / 1_000_000_000L + " s";
        }
        if (s < 3_600_000_000_000L) {
            return s / 60_000_000_000L + " min";
        }
        return s / 3_600_000_000_000L + " h";
    }

    /** The bucket of a time, or -1 outside the chart. */
    int bucketOf(long nanos) {
        if (nanos == TraceEvent.NO_TIME || events.length == 0) {
            return -1;
        }
        long b = (nanos - startNanos) / bucketNanos;
        return b < 0 || b >= events.length ? -1 : (int) b;
    }
}
