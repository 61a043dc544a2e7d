package dev.stracewb.ui;

import dev.stracewb.store.EventStore;
import dev.stracewb.store.StringPool;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.SyscallTable;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Runs a {@link RowFilter} over the store's primitive columns, off the FX thread. Every string test is answered
 * once per distinct string (per syscall name, path or errno id in the store's pools), so the per-row work is a
 * few array reads; the free text also scans the raw text once, front to back. The result is the ascending
 * array of matching rows. Not thread safe: one engine per filter run.
 */
final class RowFilterEngine {
    private final EventStore store;
    private final RowFilter filter;
    private final BooleanSupplier cancelled;

    private boolean[] nameOk;
    private boolean[] pathOk;
    private boolean[] textName;
    private boolean[] textPath;
    private boolean[] textErrno;
    private BitSet errnoIds;
    private Set<Integer> pids;
    private BitSet rawLines;
    private String textLower;

    RowFilterEngine(EventStore store, RowFilter filter, BooleanSupplier cancelled) {
        this.store = store;
        this.filter = filter;
        this.cancelled = cancelled;
    }

    /**
     * Prepares the per-string answers; call before {@link #match}. The raw-text search covers the lines of the
     * rows {@code [fromRow, toRow)}.
     */
    RowFilterEngine prepare(int fromRow, int toRow) throws IOException {
        if (filter.syscallClass() != null || !filter.syscalls().isEmpty()) {
            nameOk = perString(store.names(), n -> (filter.syscallClass() == null
                    || SyscallTable.classOf(n) == filter.syscallClass())
                    && (filter.syscalls().isEmpty() || filter.syscalls().contains(n)));
        }
        if (!filter.pathGlob().isEmpty()) {
            PathGlob glob = PathGlob.of(filter.pathGlob());
            pathOk = perString(store.paths(), glob::matches);
        }
        if (!filter.errnos().isEmpty()) {
            errnoIds = new BitSet();
            for (String e : filter.errnos().split("[,\\s]+")) {
                int id = store.errnos().find(e.strip().toUpperCase(Locale.ROOT));
                if (id >= 0) {
                    errnoIds.set(id);
                }
            }
        }
        if (!filter.pids().isEmpty()) {
            pids = new HashSet<>();
            for (String p : filter.pids().split("[,\\s]+")) {
                try {
                    pids.add(Integer.parseInt(p.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("pid filter: '" + p + "' is not a number");
                }
            }
        }
        if (!filter.text().isEmpty()) {
            textLower = filter.text().toLowerCase(Locale.ROOT);
            textName = perString(store.names(), s -> s.toLowerCase(Locale.ROOT).contains(textLower));
            textPath = perString(store.paths(), s -> s.toLowerCase(Locale.ROOT).contains(textLower));
            textErrno = perString(store.errnos(), s -> s.toLowerCase(Locale.ROOT).contains(textLower));
            long firstLine = fromRow < toRow ? store.firstLine(fromRow) : 1;
            long lastLine = toRow > 0 ? Math.max(store.lastLine(toRow - 1), store.raw().lineCount()) : 0;
            rawLines = RawLineSearch.linesContaining(store.raw(), filter.text(), firstLine, lastLine, cancelled);
        }
        return this;
    }

    /** The matching rows in {@code [from, to)}, ascending. */
    int[] match(int from, int to) {
        int[] out = new int[Math.max(16, Math.min(to - from, 1 << 16))];
        int n = 0;
        for (int row = from; row < to; row++) {
            if ((row & 0xffff) == 0 && cancelled.getAsBoolean()) {
                throw new CancellationException();
            }
            if (matches(row)) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = row;
            }
        }
        return Arrays.copyOf(out, n);
    }

    boolean matches(int row) {
        EventKind kind = store.kind(row);
        if (filter.failedOnly() && !store.isFailed(row)) {
            return false;
        }
        if (filter.syscallsOnly() && kind != EventKind.SYSCALL) {
            return false;
        }
        if (nameOk != null && !has(nameOk, store.nameId(row))) {
            return false;
        }
        if (errnoIds != null && (store.errnoId(row) < 0 || !errnoIds.get(store.errnoId(row)))) {
            return false;
        }
        if (pids != null && !pids.contains(store.pid(row))) {
            return false;
        }
        if (pathOk != null && !has(pathOk, store.pathId(row)) && !has(pathOk, store.path2Id(row))) {
            return false;
        }
        return textLower == null || textMatches(row);
    }

    private boolean textMatches(int row) {
        if (has(textName, store.nameId(row)) || has(textPath, store.pathId(row)) || has(textPath, store.path2Id(row))
                || has(textErrno, store.errnoId(row))) {
            return true;
        }
        long first = store.firstLine(row);
        long last = store.lastLine(row);
        if (rawLines.get((int) first) || (last != first && rawLines.get((int) last))) {
            return true;
        }
        return Integer.toString(store.pid(row)).equals(textLower);
    }

    private static boolean has(boolean[] ok, int id) {
        return id >= 0 && id < ok.length && ok[id];
    }

    private static boolean[] perString(StringPool pool, java.util.function.Predicate<String> test) {
        int n = pool.size();
        boolean[] ok = new boolean[n];
        for (int id = 0; id < n; id++) {
            String s = pool.get(id);
            ok[id] = s != null && test.test(s);
        }
        return ok;
    }
}
