package dev.stracewb.report;

import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.TimeFormat;
import dev.stracewb.trace.TraceEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The report's root-cause candidates and hangs, each with a few evidence lines.
 *
 * <p>Order, culprit first: failed paths with an extension no successful access has (the outage's
 * {@code .phpp}), then crashes (a process killed by a signal), then hangs, then the other unexpected failed paths
 * in the failure analysis' order. A crash or a call that never returns explains a failed request more often than
 * one more missing file does; a file name no other file in the trace shares explains it best.
 */
final class Findings {
    private static final Set<String> WRITES = Set.of("write", "writev", "pwrite64", "sendto", "sendmsg");
    /** How far after a failing call to look for the error message that names the file. */
    private static final int RELATED_WINDOW = 400;
    /** Calls never returning from these are the process ending, not a hang. */
    private static final Set<String> ENDINGS = Set.of("exit", "exit_group", "execve", "execveat", "rt_sigreturn");

    private final EventStore store;
    private final TraceFacts facts;
    private final int size;
    private final ReportOptions options;
    private final UnaryOperator<String> clean;

    Findings(EventStore store, TraceFacts facts, int size, ReportOptions options, UnaryOperator<String> clean) {
        this.store = store;
        this.facts = facts;
        this.size = size;
        this.options = options;
        this.clean = clean;
    }

    List<Report.RootCause> rootCauses(List<FailureGroup> unexpected, List<Report.Hang> hangs) {
        List<Draft> drafts = new ArrayList<>();
        for (FailureGroup g : unexpected) {
            if (g.unusualExtension()) {
                drafts.add(() -> failedPath(g));
            }
        }
        for (TraceFacts.Proc p : facts.processes.values()) {
            if (p.exitRow >= 0 && store.name(p.exitRow) != null) {
                drafts.add(() -> crash(p));
            }
        }
        for (int i = 0; i < hangs.size(); i++) {
            Report.Hang h = hangs.get(i);
            drafts.add(() -> hang(h));
        }
        for (FailureGroup g : unexpected) {
            if (!g.unusualExtension()) {
                drafts.add(() -> failedPath(g));
            }
        }
        List<Report.RootCause> out = new ArrayList<>();
        for (Draft d : drafts) {
            if (out.size() == options.maxRootCauses()) {
                break;
            }
            out.add(d.make().ranked(out.size() + 1));
        }
        return out;
    }

    /** A candidate made only if it is listed (evidence costs raw-line reads). */
    private interface Draft {
        Candidate make();
    }

    /** A root cause before its rank is known. */
    private record Candidate(String kind, String title, String path, long count, Map<String, Long> errnos,
                             List<String> syscalls, List<Integer> pids, long firstLine, long lastLine,
                             String firstTime, List<String> flags, List<Report.EvidenceLine> evidence) {
        Report.RootCause ranked(int rank) {
            return new Report.RootCause(rank, kind, title, path, count, errnos, syscalls, pids, firstLine, lastLine,
                    firstTime, flags, evidence, null, List.of());
        }
    }

    private Candidate failedPath(FailureGroup g) {
        String path = clean.apply(g.path());
        List<String> flags = new ArrayList<>();
        if (g.unusualExtension() && g.extension() != null) {
            flags.add("unusual extension ." + clean.apply(g.extension())
                    + ": no file with it was accessed successfully in this trace");
        }
        String title = g.mainErrno() + " on " + path;
        return new Candidate("failed-path", title, path, g.count(), new LinkedHashMap<>(g.errnos()),
                g.syscalls(), g.pids(), g.firstLine(), g.lastLine(), ReportBuilder.blankToNull(g.firstTime()),
                flags, failedPathEvidence(g));
    }

    /** The first calls, the last one, and the error message that names the file right after the first. */
    private List<Report.EvidenceLine> failedPathEvidence(FailureGroup g) {
        int[] rows = g.rows();
        int n = options.evidencePerFinding();
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < rows.length && lines.size() < n - 1; i++) {
            lines.add(store.firstLine(rows[i]));
        }
        if (rows.length > 0) {
            long last = store.firstLine(rows[rows.length - 1]);
            if (!lines.contains(last)) {
                lines.add(last);
            }
        }
        long related = relatedMessage(g);
        if (related > 0 && !lines.contains(related)) {
            lines.add(related);
            lines.sort(Long::compare);
        }
        return evidence(lines);
    }

    /** A write by the same process soon after the first failure whose text names the file (an error log line). */
    private long relatedMessage(FailureGroup g) {
        int first = g.firstRow();
        int pid = store.pid(first);
        String name = g.fileName();
        if (name.isEmpty()) {
            return -1;
        }
        int end = Math.min(size, first + RELATED_WINDOW);
        for (int row = first + 1; row < end; row++) {
            if (store.pid(row) != pid || store.kind(row) != EventKind.SYSCALL || store.isFailed(row)) {
                continue;
            }
            String call = store.name(row);
            if (call != null && WRITES.contains(call)) {
                String text = store.raw().line(store.firstLine(row));
                if (text.contains(name)) {
                    return store.firstLine(row);
                }
            }
        }
        return -1;
    }

    private Candidate crash(TraceFacts.Proc p) {
        int exit = p.exitRow;
        String signal = store.name(exit);
        boolean core = store.isFailed(exit);
        String title = "pid " + p.pid + " killed by " + signal + (core ? " (core dumped)" : "");
        List<Long> lines = new ArrayList<>();
        int n = options.evidencePerFinding();
        for (int row : p.signalRows) {
            if (lines.size() >= n - 2) {
                break;
            }
            lines.add(store.firstLine(row));
        }
        int before = previousRowOf(p.pid, p.signalRows.isEmpty() ? exit : p.signalRows.get(0));
        if (before >= 0) {
            lines.add(0, store.firstLine(before));
        }
        lines.add(store.firstLine(exit));
        return new Candidate("crash", title, null, 1, Map.of(), List.of(), List.of(p.pid),
                lines.get(0), store.firstLine(exit), ReportBuilder.blankToNull(store.formatTime(exit)),
                core ? List.of("core dumped") : List.of(), evidence(lines));
    }

    private Candidate hang(Report.Hang h) {
        String title = h.syscall() + (h.target() != null ? " on " + h.target() : "") + " never returned (blocked "
                + seconds(h.blockedSeconds()) + " until the end of the trace)";
        List<Report.EvidenceLine> evidence = new ArrayList<>();
        int row = rowAtLine(h.line());
        int before = row >= 0 ? previousRowOf(h.pid(), row) : -1;
        if (before >= 0) {
            evidence.add(evidenceLine(store.firstLine(before)));
        }
        evidence.add(h.evidence());
        return new Candidate("hang", title, null, 1, Map.of(), List.of(h.syscall()), List.of(h.pid()), h.line(),
                h.line(), h.started(), List.of(), evidence);
    }

    /** Calls still unfinished when the trace ended, other than idle waits and process endings. */
    List<Report.Hang> hangs() {
        List<Report.Hang> out = new ArrayList<>();
        long end = facts.lastTimedRow >= 0 ? store.timeNanos(facts.lastTimedRow) : TraceEvent.NO_TIME;
        for (int row : facts.unfinishedRows) {
            String call = store.name(row);
            if (call == null || TraceFacts.IDLE_WAITS.contains(call) || ENDINGS.contains(call)) {
                continue;
            }
            TraceFacts.Proc p = facts.processes.get(store.pid(row));
            if (p != null && p.exitRow >= 0) {
                continue;
            }
            long start = store.timeNanos(row);
            double blocked = start == TraceEvent.NO_TIME || end == TraceEvent.NO_TIME ? 0
                    : elapsedNanos(store.timeFormat(), start, end) / 1e9;
            String raw = store.raw().line(store.firstLine(row));
            String target = FdTarget.of(raw, call);
            out.add(new Report.Hang(store.pid(row), call, target == null ? null : clean.apply(target),
                    ReportBuilder.blankToNull(store.formatTime(row)), store.firstLine(row),
                    Math.round(blocked * 1e6) / 1e6, true, null, evidenceLine(store.firstLine(row))));
        }
        return out;
    }

    private int previousRowOf(int pid, int row) {
        for (int r = row - 1; r >= Math.max(0, row - 200); r--) {
            if (store.pid(r) == pid && store.kind(r) == EventKind.SYSCALL) {
                return r;
            }
        }
        return -1;
    }

    private int rowAtLine(long line) {
        for (int row : facts.unfinishedRows) {
            if (store.firstLine(row) == line) {
                return row;
            }
        }
        return -1;
    }

    private List<Report.EvidenceLine> evidence(List<Long> lines) {
        List<Report.EvidenceLine> out = new ArrayList<>(lines.size());
        for (long line : lines) {
            out.add(evidenceLine(line));
        }
        return out;
    }

    private Report.EvidenceLine evidenceLine(long line) {
        return new Report.EvidenceLine(line, clean.apply(store.raw().line(line)));
    }

    /** The time of a group's line (its first or last), or null when the row is not among those kept. */
    static String timeAtLine(EventStore store, FailureGroup g, long line) {
        int[] rows = g.rows();
        for (int i = rows.length - 1; i >= 0; i--) {
            if (store.firstLine(rows[i]) == line || store.lastLine(rows[i]) == line) {
                return store.formatTime(rows[i]);
            }
        }
        return null;
    }

    /** Nanoseconds from start to end; a time-of-day trace that passes midnight wraps once. */
    static long elapsedNanos(TimeFormat format, long start, long end) {
        long d = end - start;
        if (d < 0 && format == TimeFormat.TIME_OF_DAY) {
            d += 86_400_000_000_000L;
        }
        return Math.max(0, d);
    }

    static String seconds(double s) {
        return s >= 10 ? String.format(java.util.Locale.ROOT, "%.0f s", s)
                : String.format(java.util.Locale.ROOT, "%.1f s", s);
    }
}
