package dev.stracewb.report;

import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.analysis.Findings;
import dev.stracewb.analysis.Hang;
import dev.stracewb.analysis.ProcessNode;
import dev.stracewb.analysis.Request;
import dev.stracewb.analysis.SourceReference;
import dev.stracewb.analysis.Suggestion;
import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.TimeFormat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The report's root-cause candidates and hangs, each with a few evidence lines, from the session's analyses.
 *
 * <p>Order, culprit first: failed paths with an extension no successful access has (the outage's
 * {@code .phpp}), then crashes (a process killed by a signal that means one), then hangs, then the other
 * unexpected failed paths in the failure analysis' order. A crash or a call that never returns explains a failed
 * request more often than one more missing file does; a file name no other file in the trace shares explains it
 * best.
 */
final class Candidates {
    private static final Set<String> WRITES = Set.of("write", "writev", "pwrite64", "sendto", "sendmsg");
    private static final Set<String> READS = Set.of("read", "pread64", "readv");
    /** How far after a failing call to look for the error message that names the file. */
    private static final int RELATED_WINDOW = 400;
    /** Source references shown per missing file. */
    private static final int REFERENCES_PER_FINDING = 5;

    private final EventStore store;
    private final TraceFacts facts;
    private final Findings analysis;
    private final int size;
    private final ReportOptions options;
    private final UnaryOperator<String> clean;

    Candidates(EventStore store, TraceFacts facts, Findings analysis, int size, ReportOptions options,
               UnaryOperator<String> clean) {
        this.store = store;
        this.facts = facts;
        this.analysis = analysis;
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
        for (ProcessNode p : analysis.processes()) {
            if (p.crashed()) {
                drafts.add(() -> crash(p));
            }
        }
        for (Report.Hang h : hangs) {
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
                             String firstTime, List<String> flags, List<Report.EvidenceLine> evidence,
                             Report.Suggestion suggestion, List<Report.SourceReference> references) {
        Report.RootCause ranked(int rank) {
            return new Report.RootCause(rank, kind, title, path, count, errnos, syscalls, pids, firstLine, lastLine,
                    firstTime, flags, evidence, suggestion, references);
        }
    }

    private Candidate failedPath(FailureGroup g) {
        String path = clean.apply(g.path());
        List<String> flags = new ArrayList<>();
        Suggestion s = analysis.suggestions().get(g.path());
        String ext = g.extension() == null ? null : clean.apply(g.extension());
        if (g.unusualExtension() && ext != null) {
            flags.add("unusual extension ." + ext + ": no file with it was accessed successfully in this trace");
        }
        if (s != null && Boolean.FALSE.equals(s.extensionInDocroot()) && ext != null) {
            flags.add("no file under the document root has the extension ." + ext);
        }
        Report.Suggestion suggestion = null;
        if (s != null && s.suggestion() != null) {
            String reason = s.distance() == 0 ? "differs in case only"
                    : s.distance() + " " + ReportBuilder.plural(s.distance(), "edit") + " away";
            suggestion = new Report.Suggestion(clean.apply(s.suggestion()), s.source(), reason);
        }
        List<Report.SourceReference> refs = new ArrayList<>();
        for (SourceReference r : analysis.references().references()) {
            if (r.missing().equals(g.path()) && refs.size() < REFERENCES_PER_FINDING) {
                refs.add(new Report.SourceReference(path, clean.apply(r.file()), r.line(), clean.apply(r.text())));
            }
        }
        String title = g.mainErrno() + " on " + path;
        return new Candidate("failed-path", title, path, g.count(), new LinkedHashMap<>(g.errnos()),
                g.syscalls(), g.pids(), g.firstLine(), g.lastLine(), ReportBuilder.blankToNull(g.firstTime()),
                flags, failedPathEvidence(g), suggestion, refs);
    }

    /**
     * The first calls and the last one, with what surrounds the first: the read of the request it served, the
     * read of the source that names the missing file (when strace's -s let it show), and the error message that
     * names it right after.
     */
    private List<Report.EvidenceLine> failedPathEvidence(FailureGroup g) {
        int[] rows = g.rows();
        int n = options.evidencePerFinding();
        List<Long> lines = new ArrayList<>();
        long request = requestLine(g.firstRow());
        if (request > 0) {
            lines.add(request);
        }
        long source = sourceRead(g);
        if (source > 0 && !lines.contains(source)) {
            lines.add(source);
        }
        int context = lines.size();
        for (int i = 0; i < rows.length && lines.size() - context < n - 1; i++) {
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
        }
        lines.sort(Long::compare);
        return evidence(lines);
    }

    /** The first line of the request the row was served for (its request line read), or -1. */
    private long requestLine(int row) {
        int pid = store.pid(row);
        for (Request r : analysis.requests()) {
            if (r.pid() == pid && r.spans(row)) {
                return r.firstLine();
            }
        }
        return -1;
    }

    /** A read by the same process shortly before the first failure whose text names the file (its source). */
    private long sourceRead(FailureGroup g) {
        int first = g.firstRow();
        int pid = store.pid(first);
        String name = g.fileName();
        if (name.isEmpty()) {
            return -1;
        }
        for (int row = first - 1; row >= Math.max(0, first - RELATED_WINDOW); row--) {
            if (store.pid(row) != pid || store.kind(row) != EventKind.SYSCALL || store.isFailed(row)) {
                continue;
            }
            String call = store.name(row);
            if (call != null && READS.contains(call) && store.returnValue(row) > 0) {
                String text = store.raw().line(store.firstLine(row));
                if (text.contains(name)) {
                    return store.firstLine(row);
                }
            }
        }
        return -1;
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

    private Candidate crash(ProcessNode node) {
        String title = "pid " + node.pid() + " " + node.outcome();
        TraceFacts.Proc p = facts.processes.get(node.pid());
        List<Long> lines = new ArrayList<>();
        String time = node.start();
        if (p != null) {
            int n = options.evidencePerFinding();
            int anchor = !p.signalRows.isEmpty() ? p.signalRows.get(0) : p.exitRow;
            int before = anchor >= 0 ? previousRowOf(p.pid, anchor) : -1;
            if (before >= 0) {
                lines.add(store.firstLine(before));
            }
            for (int row : p.signalRows) {
                if (lines.size() >= n - 1) {
                    break;
                }
                lines.add(store.firstLine(row));
            }
            if (p.exitRow >= 0) {
                lines.add(store.firstLine(p.exitRow));
                time = store.formatTime(p.exitRow);
            }
        }
        List<String> flags = node.coreDumped() ? List.of("core dumped") : List.of();
        long first = lines.isEmpty() ? node.firstLine() : lines.get(0);
        long last = lines.isEmpty() ? node.lastLine() : lines.get(lines.size() - 1);
        return new Candidate("crash", title, null, 1, Map.of(), List.of(), List.of(node.pid()), first, last,
                ReportBuilder.blankToNull(time), flags, evidence(lines), null, List.of());
    }

    private Candidate hang(Report.Hang h) {
        String title = h.syscall() + (h.target() != null ? " on " + h.target() : "")
                + (h.unfinished() ? " never returned (blocked ≥ " : " took ")
                + MarkdownReport.seconds(h.blockedSeconds()) + (h.unfinished() ? ", " + h.reason() + ")" : ")")
                + (h.request() != null ? " while serving " + h.request() : "");
        List<Report.EvidenceLine> evidence = new ArrayList<>();
        int row = rowAtLine(h.line());
        int before = row >= 0 ? previousRowOf(h.pid(), row) : -1;
        if (before >= 0) {
            evidence.add(evidenceLine(store.firstLine(before)));
        }
        evidence.add(h.evidence());
        return new Candidate("hang", title, null, 1, Map.of(), List.of(h.syscall()), List.of(h.pid()), h.line(),
                h.line(), h.started(), List.of(), evidence, null, List.of());
    }

    /** The hangs that are not a server idly waiting for work: calls that never returned, or slow ones. */
    List<Report.Hang> hangs() {
        List<Report.Hang> out = new ArrayList<>();
        for (Hang h : analysis.realHangs()) {
            out.add(new Report.Hang(h.pid(), h.syscall(), h.target() == null ? null : clean.apply(h.target()),
                    ReportBuilder.blankToNull(h.start()), h.firstLine(), Math.round(h.blockedNanos() / 1e3) / 1e6,
                    h.unfinished(), h.reason(), h.requestTitle() == null ? null : clean.apply(h.requestTitle()),
                    evidenceLine(h.firstLine())));
        }
        return out;
    }

    long idleWaits() {
        return analysis.idleWaits();
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
        for (Hang h : analysis.hangs()) {
            if (h.firstLine() == line) {
                return h.row();
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
}
