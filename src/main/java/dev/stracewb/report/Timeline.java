package dev.stracewb.report;

import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.analysis.Request;
import dev.stracewb.store.EventStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's timeline in trace order: capture start and stop, first and last failure of the top failed paths,
 * hangs, and process events (forks, execs, signals, exits, attach and detach), the latter capped so that a
 * trace of a busy server does not bury the failures; crashes are always kept.
 */
final class Timeline {
    /** Failed paths whose first and last failure go on the timeline. */
    private static final int FAILED_PATHS = 3;
    private static final Set<String> FATAL = Set.of("SIGSEGV", "SIGBUS", "SIGABRT", "SIGILL", "SIGFPE", "SIGKILL",
            "SIGSYS", "SIGTRAP");
    private static final Pattern MESSAGE = Pattern.compile("Process (\\d+) (attached|detached)");

    private final EventStore store;
    private final TraceFacts facts;
    private final ReportOptions options;
    private final UnaryOperator<String> clean;

    Timeline(EventStore store, TraceFacts facts, ReportOptions options, UnaryOperator<String> clean) {
        this.store = store;
        this.facts = facts;
        this.options = options;
        this.clean = clean;
    }

    List<Report.TimelineEntry> entries(List<FailureGroup> unexpected, List<Report.Hang> hangs,
                                       List<Request> requests, Report.CaptureDetails capture) {
        List<Report.TimelineEntry> body = new ArrayList<>(failedRequests(requests));
        int n = 0;
        for (FailureGroup g : unexpected) {
            if (n++ == FAILED_PATHS) {
                break;
            }
            String path = clean.apply(g.path());
            body.add(new Report.TimelineEntry(g.firstTime(), g.firstLine(), store.pid(g.firstRow()),
                    "first-failure", "first failure: " + g.mainErrno() + " (" + g.count() + " in all) on", path));
            if (g.lastLine() != g.firstLine()) {
                String t = Candidates.timeAtLine(store, g, g.lastLine());
                int lastRow = g.rows().length > 0 ? g.rows()[g.rows().length - 1] : g.firstRow();
                body.add(new Report.TimelineEntry(t == null ? "" : t, g.lastLine(), store.pid(lastRow),
                        "last-failure", "last failure: " + g.mainErrno() + " on", path));
            }
        }
        for (Report.Hang h : hangs) {
            body.add(new Report.TimelineEntry(h.started() == null ? "" : h.started(), h.line(), h.pid(), "hang",
                    "pid " + h.pid() + " calls " + h.syscall() + ", which never returns" + (h.target() != null ? ", on" : ""),
                    h.target()));
        }
        body.addAll(processEvents());
        body.sort(Comparator.comparing((Report.TimelineEntry e) -> e.kind().equals("note"))
                .thenComparingLong(Report.TimelineEntry::line).thenComparing(Report.TimelineEntry::kind));

        List<Report.TimelineEntry> out = new ArrayList<>();
        out.add(start(capture));
        out.addAll(body);
        out.add(stop(capture));
        return out;
    }

    /** The first and the last request answered with a 5xx status or not at all. */
    private List<Report.TimelineEntry> failedRequests(List<Request> requests) {
        List<Request> failed = requests.stream()
                .filter(r -> r.protocol().equals("http") || requests.stream().noneMatch(x -> x.protocol().equals("http")))
                .filter(r -> r.status() == null || r.status() >= 500).toList();
        List<Report.TimelineEntry> out = new ArrayList<>();
        if (failed.isEmpty()) {
            return out;
        }
        Request first = failed.get(0);
        out.add(request(first, "first-failed-request", "first failed request (" + outcome(first) + ", "
                + failed.size() + " in all):"));
        if (failed.size() > 1) {
            Request last = failed.get(failed.size() - 1);
            out.add(request(last, "last-failed-request", "last failed request (" + outcome(last) + "):"));
        }
        return out;
    }

    private Report.TimelineEntry request(Request r, String kind, String text) {
        return new Report.TimelineEntry(r.start() == null ? "" : r.start(), r.firstLine(), r.pid(), kind, text,
                clean.apply(r.title()));
    }

    private static String outcome(Request r) {
        return r.status() == null ? "no response" : String.valueOf(r.status());
    }

    private Report.TimelineEntry start(Report.CaptureDetails capture) {
        if (capture.started() != null) {
            return new Report.TimelineEntry(capture.started(), 0, 0, "capture-start", "capture started", null);
        }
        int row = facts.firstRow;
        if (row < 0) {
            return new Report.TimelineEntry("", 0, 0, "capture-start", "the trace is empty", null);
        }
        return new Report.TimelineEntry(store.formatTime(row), store.firstLine(row), store.pid(row),
                "capture-start", "first event of the trace", null);
    }

    private Report.TimelineEntry stop(Report.CaptureDetails capture) {
        if (capture.stopped() != null) {
            return new Report.TimelineEntry(capture.stopped(), 0, 0, "capture-stop", "capture stopped", null);
        }
        int row = facts.lastTimedRow >= 0 ? facts.lastTimedRow : facts.firstRow;
        if (row < 0) {
            return new Report.TimelineEntry("", 0, 0, "capture-stop", "the trace is empty", null);
        }
        return new Report.TimelineEntry(store.formatTime(row), store.lastLine(row), store.pid(row),
                "capture-stop", "last event of the trace", null);
    }

    /** Process events, at most {@link ReportOptions#maxTimelineEvents()}; crashes first in the budget. */
    private List<Report.TimelineEntry> processEvents() {
        List<Report.TimelineEntry> important = new ArrayList<>();
        List<Report.TimelineEntry> other = new ArrayList<>();
        for (TraceFacts.Proc p : facts.processes.values()) {
            if (p.forkRow >= 0) {
                other.add(at(p.forkRow, p.parent, "process-start",
                        "pid " + p.parent + " starts pid " + p.pid + " (" + store.name(p.forkRow) + ")"));
            }
            for (int row : p.signalRows) {
                String signal = store.name(row);
                (FATAL.contains(signal) ? important : other).add(at(row, p.pid, "signal",
                        "pid " + p.pid + " receives " + signal));
            }
            if (p.exitRow >= 0) {
                String signal = store.name(p.exitRow);
                if (signal != null) {
                    important.add(at(p.exitRow, p.pid, "process-killed", "pid " + p.pid + " killed by " + signal
                            + (store.isFailed(p.exitRow) ? " (core dumped)" : "")));
                } else {
                    other.add(at(p.exitRow, p.pid, "process-exit",
                            "pid " + p.pid + " exits with " + store.returnValue(p.exitRow)));
                }
            }
        }
        for (int row : facts.execRows) {
            String program = store.path(row);
            other.add(at(row, store.pid(row), "process-exec", "pid " + store.pid(row) + " runs",
                    program == null ? null : clean.apply(program)));
        }
        for (int row : facts.messageRows) {
            Matcher m = MESSAGE.matcher(store.raw().line(store.firstLine(row)));
            if (m.find()) {
                other.add(at(row, Integer.parseInt(m.group(1)), m.group(2),
                        "strace " + m.group(2) + " pid " + m.group(1)));
            }
        }
        int budget = options.maxTimelineEvents();
        List<Report.TimelineEntry> out = new ArrayList<>(important.subList(0, Math.min(budget, important.size())));
        other.sort(Comparator.comparingLong(Report.TimelineEntry::line));
        int room = Math.max(0, budget - out.size());
        out.addAll(other.subList(0, Math.min(room, other.size())));
        int left = important.size() + other.size() - out.size();
        if (left > 0) {
            out.add(new Report.TimelineEntry("", 0, 0, "note", left + " more process "
                    + ReportBuilder.plural(left, "event") + " not listed (see Processes)", null));
        }
        return out;
    }

    private Report.TimelineEntry at(int row, int pid, String kind, String text) {
        return at(row, pid, kind, text, null);
    }

    private Report.TimelineEntry at(int row, int pid, String kind, String text, String subject) {
        return new Report.TimelineEntry(store.formatTime(row), store.firstLine(row), pid, kind, text, subject);
    }
}
