package dev.stracewb.report;

import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.SyscallTable;
import dev.stracewb.trace.TraceEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one pass over the store tells a report that the session's analyses do not (yet): the trace's first and
 * last event, per-process facts (first and last line, calls, failures, signals, end, parent from fork/clone
 * return values, last execve), the rows of strace's own messages and the calls still unfinished at the end.
 * Holds rows, never text; the builder reads the few lines it shows.
 *
 * <p>Must stay a single linear scan over the columns with no text reads, so a report on a ten-million-line trace
 * costs seconds, not minutes.
 */
final class TraceFacts {

    static final Set<String> WRITES = Set.of("write", "writev", "sendto", "sendmsg", "send", "pwrite64",
            "sendfile", "sendmmsg");

    int firstRow = -1;
    int lastTimedRow = -1;
    int firstTimedRow = -1;
    final Map<Integer, Proc> processes = new TreeMap<>();
    final List<Integer> messageRows = new ArrayList<>();
    final List<Integer> unfinishedRows = new ArrayList<>();
    final List<Integer> execRows = new ArrayList<>();
    boolean durations;

    /**
     * Rows of successful write-family calls whose text starts an HTTP status line: the fallback for the impact
     * when no request could be reconstructed (reads the text of every such write, so only then).
     */
    static List<Integer> responseRows(EventStore store, int size) {
        List<Integer> out = new ArrayList<>();
        for (int row = 0; row < size; row++) {
            if (store.kind(row) != EventKind.SYSCALL || store.isFailed(row) || store.returnValue(row) <= 0) {
                continue;
            }
            String name = store.name(row);
            if (name != null && WRITES.contains(name) && HttpStatus.of(store.raw().line(store.firstLine(row))) != null) {
                out.add(row);
            }
        }
        return out;
    }

    /** Per-process facts. */
    static final class Proc {
        final int pid;
        int parent;
        int firstRow = -1;
        int lastRow = -1;
        long syscalls;
        long failed;
        final List<Integer> signalRows = new ArrayList<>();
        int exitRow = -1;
        int forkRow = -1;

        Proc(int pid) {
            this.pid = pid;
        }
    }

    static TraceFacts scan(EventStore store, int size) {
        TraceFacts f = new TraceFacts();
        for (int row = 0; row < size; row++) {
            f.accept(store, row);
        }
        return f;
    }

    private void accept(EventStore store, int row) {
        if (firstRow < 0) {
            firstRow = row;
        }
        if (store.timeNanos(row) != TraceEvent.NO_TIME) {
            if (firstTimedRow < 0) {
                firstTimedRow = row;
            }
            lastTimedRow = row;
        }
        EventKind kind = store.kind(row);
        int pid = store.pid(row);
        Proc p = pid > 0 ? process(pid) : null;
        if (p != null && kind != EventKind.STRACE_MESSAGE && kind != EventKind.UNPARSED) {
            if (p.firstRow < 0) {
                p.firstRow = row;
            }
            p.lastRow = row;
        }
        switch (kind) {
            case SYSCALL -> syscall(store, row, p);
            case SIGNAL -> {
                if (p != null) {
                    p.signalRows.add(row);
                }
            }
            case EXIT -> {
                if (p != null) {
                    p.exitRow = row;
                }
            }
            case STRACE_MESSAGE -> messageRows.add(row);
            default -> {
            }
        }
    }

    private void syscall(EventStore store, int row, Proc p) {
        String name = store.name(row);
        if (store.durationNanos(row) >= 0) {
            durations = true;
        }
        if (p != null) {
            p.syscalls++;
            if (store.isFailed(row)) {
                p.failed++;
            }
        }
        if (!store.isFinished(row)) {
            unfinishedRows.add(row);
            return;
        }
        if (name == null) {
            return;
        }
        if (SyscallTable.createsProcess(name) && !store.isFailed(row)) {
            long child = store.returnValue(row);
            if (child > 0 && child <= Integer.MAX_VALUE && p != null) {
                Proc c = process((int) child);
                c.parent = p.pid;
                c.forkRow = row;
            }
        } else if ((name.equals("execve") || name.equals("execveat")) && !store.isFailed(row)) {
            execRows.add(row);
        }
    }

    private Proc process(int pid) {
        return processes.computeIfAbsent(pid, Proc::new);
    }
}
