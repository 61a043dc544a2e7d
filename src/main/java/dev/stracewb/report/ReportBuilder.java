package dev.stracewb.report;

import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.analysis.Findings;
import dev.stracewb.analysis.RequestSummary;
import dev.stracewb.analysis.SyscallStat;
import dev.stracewb.session.LineAccounting;
import dev.stracewb.session.TraceSession;
import dev.stracewb.store.EventStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Builds the {@link Report} of a session: the postmortem's sections from the session's analyses, a few evidence
 * lines per finding, and every trace string through the {@link Redactor}.
 *
 * <p>Redaction runs in two passes: the first shows the redactor every string the report will hold, so that a
 * secret found in one line (a cookie in a request) is also taken out of another (the same value in a log
 * write) whichever comes first. Works on a snapshot ({@code store.size()} when called) of a live session too.
 */
public final class ReportBuilder {

    private final TraceSession session;
    private final EventStore store;
    private final ReportOptions options;
    private final TraceFacts facts;
    private final Findings analysis;
    private final int size;
    private final UnaryOperator<String> clean;

    private ReportBuilder(TraceSession session, ReportOptions options, TraceFacts facts, Findings analysis,
                          int size, UnaryOperator<String> clean) {
        this.session = session;
        this.store = session.store();
        this.options = options;
        this.facts = facts;
        this.analysis = analysis;
        this.size = size;
        this.clean = clean;
    }

    /**
     * The report of what the session has read so far. Runs the session's analyses ({@link TraceSession#findings()},
     * which reads the document root from disk): call it off the FX thread.
     */
    public static Report build(TraceSession session, ReportOptions options) {
        return build(session, session.findings(), options);
    }

    /** The same with the analyses already at hand (the GUI keeps them), so they are not run again. */
    public static Report build(TraceSession session, Findings analysis, ReportOptions options) {
        int size = session.store().size();
        TraceFacts facts = TraceFacts.scan(session.store(), size);
        Redactor redactor = options.redact() ? Redactor.create() : Redactor.disabled();
        if (redactor.enabled()) {
            new ReportBuilder(session, options, facts, analysis, size, s -> {
                redactor.learn(s);
                return s;
            }).assemble(redactor);
        }
        return new ReportBuilder(session, options, facts, analysis, size, redactor::redact).assemble(redactor);
    }

    private Report assemble(Redactor redactor) {
        List<FailureGroup> failures = analysis.failures();
        List<FailureGroup> unexpected = failures.stream().filter(g -> !g.isExpected()).toList();
        Candidates candidates = new Candidates(store, facts, analysis, size, options, clean);
        List<Report.Hang> hangs = candidates.hangs();
        List<Report.RootCause> causes = candidates.rootCauses(unexpected, hangs);
        Report.Impact impact = impact();
        Report.Summary summary = summary(unexpected, causes, impact);
        List<Report.ProcessInfo> processes = new ProcessList(store, facts, analysis.processes(), clean).processes();
        Report.CaptureDetails capture = new CaptureDetailsBuilder(session, facts, options, clean).details();
        List<Report.TimelineEntry> timeline = new Timeline(store, facts, options, clean)
                .entries(unexpected, hangs, analysis.requests(), capture);
        return new Report(
                Report.SCHEMA,
                title(causes),
                generated(),
                summary,
                timeline,
                causes,
                normalMisses(failures),
                hangs,
                processes,
                Report.Postmortem.blank(),
                capture,
                redaction(redactor),
                syscalls(),
                unavailable(impact));
    }

    private Report.Generated generated() {
        String version = ReportBuilder.class.getPackage().getImplementationVersion();
        return new Report.Generated("stracewb " + (version == null ? "dev" : version),
                options.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                options.host());
    }

    private String title(List<Report.RootCause> causes) {
        if (causes.isEmpty()) {
            return "No unexpected failure in the trace";
        }
        return causes.get(0).title();
    }

    private Report.Summary summary(List<FailureGroup> unexpected, List<Report.RootCause> causes,
                                   Report.Impact impact) {
        String first = null;
        String last = null;
        long failedCalls = 0;
        long firstLine = Long.MAX_VALUE;
        long lastLine = 0;
        for (FailureGroup g : unexpected) {
            failedCalls += g.count();
            if (g.firstLine() < firstLine) {
                firstLine = g.firstLine();
                first = g.firstTime();
            }
            if (g.lastLine() > lastLine) {
                lastLine = g.lastLine();
                last = Candidates.timeAtLine(store, g, g.lastLine());
            }
        }
        String what = causes.isEmpty()
                ? "Nothing failed unexpectedly: every failed call in the trace is a normal miss, and no process "
                + "crashed or hung."
                : whatFailed(causes.get(0), causes.size());
        return new Report.Summary(what, blankToNull(first), blankToNull(last), unexpected.size(), failedCalls,
                session.stats().totalCalls(), analysis.processes().size(), impact);
    }

    private static String whatFailed(Report.RootCause top, int candidates) {
        String more = candidates > 1 ? " " + (candidates - 1) + " more candidate" + (candidates > 2 ? "s" : "")
                + " below." : "";
        return switch (top.kind()) {
            case "failed-path" -> top.count() + " " + plural(top.count(), "call") + " ("
                    + String.join(", ", top.syscalls()) + ") failed with "
                    + String.join(", ", top.errnos().keySet()) + " on " + top.path() + ", in "
                    + top.pids().size() + " " + plural(top.pids().size(), "process", "processes")
                    + ", trace lines " + top.firstLine() + "–" + top.lastLine() + "."
                    + (top.flags().isEmpty() ? "" : " " + capitalize(top.flags().get(0)) + ".") + more;
            case "crash" -> capitalize(top.title()) + "." + more;
            default -> capitalize(top.title()) + "." + more;
        };
    }

    /** From the reconstructed requests; else from the HTTP status lines written; else none. */
    private Report.Impact impact() {
        RequestSummary requests = analysis.requestSummary();
        if (requests.total() > 0) {
            return requestImpact(requests);
        }
        return responseImpact();
    }

    private Report.Impact requestImpact(RequestSummary summary) {
        Map<String, Long> statuses = new TreeMap<>();
        List<Report.RequestGroup> groups = new ArrayList<>();
        long failed = 0;
        for (RequestSummary.Group g : summary.groups()) {
            statuses.merge(g.status() == null ? "none" : String.valueOf(g.status()), (long) g.count(), Long::sum);
            if (g.status() == null || g.status() >= 500) {
                failed += g.count();
            }
            groups.add(new Report.RequestGroup(g.status(), g.method() == null ? null : clean.apply(g.method()),
                    g.uri() == null ? null : clean.apply(g.uri()), g.count()));
        }
        double share = (double) failed / summary.total();
        return new Report.Impact(summary.total(), statuses, failed, share, "requests",
                clean.apply(summary.text()) + ". " + percent(share) + " of the requests failed (5xx or no response).",
                groups, summary.culprit() == null ? null : clean.apply(summary.culprit()));
    }

    private Report.Impact responseImpact() {
        Map<String, Long> statuses = new TreeMap<>();
        for (int row : TraceFacts.responseRows(store, size)) {
            String code = HttpStatus.of(store.raw().line(store.firstLine(row)));
            if (code != null) {
                statuses.merge(code, 1L, Long::sum);
            }
        }
        long responses = statuses.values().stream().mapToLong(Long::longValue).sum();
        if (responses == 0) {
            return new Report.Impact(0, Map.of(), 0, null, "none",
                    "No HTTP request or response was seen in the trace.", List.of(), null);
        }
        long failed = statuses.entrySet().stream().filter(e -> e.getKey().startsWith("5"))
                .mapToLong(Map.Entry::getValue).sum();
        double share = (double) failed / responses;
        StringBuilder mix = new StringBuilder();
        statuses.forEach((code, n) -> mix.append(mix.length() == 0 ? "" : ", ").append(n).append(" × ").append(code));
        String description = responses + " HTTP " + plural(responses, "response") + " written by the traced "
                + "processes (the requests themselves could not be told apart): " + mix + "; " + percent(share)
                + " of them server errors (5xx).";
        return new Report.Impact(responses, statuses, failed, share, "responses", description, List.of(), null);
    }

    private List<Report.NormalMiss> normalMisses(List<FailureGroup> failures) {
        List<Report.NormalMiss> out = new ArrayList<>();
        for (FailureGroup g : failures) {
            if (g.isExpected()) {
                out.add(new Report.NormalMiss(clean.apply(g.path()), g.count(), g.mainErrno(), g.expected()));
            }
        }
        return out;
    }

    private List<Report.SyscallRow> syscalls() {
        List<SyscallStat> table = session.syscallTable();
        double total = table.stream().mapToDouble(SyscallStat::seconds).sum();
        List<Report.SyscallRow> out = new ArrayList<>(table.size());
        for (SyscallStat s : table) {
            double pct = total > 0 ? Math.round(s.seconds() / total * 10000) / 100.0 : 0;
            out.add(new Report.SyscallRow(s.name(), s.calls(), s.errors(), Math.round(s.seconds() * 1e6) / 1e6,
                    pct));
        }
        return out;
    }

    private Report.RedactionSummary redaction(Redactor redactor) {
        Map<String, Long> counts = new LinkedHashMap<>();
        redactor.counts().forEach((k, n) -> counts.put(k.label(), n));
        List<String> rules = new ArrayList<>();
        if (redactor.enabled()) {
            for (Redactor.Kind k : Redactor.Kind.values()) {
                rules.add(k.label() + ": " + k.rule());
            }
        }
        return new Report.RedactionSummary(redactor.enabled(), redactor.total(), counts, rules);
    }

    private List<String> unavailable(Report.Impact impact) {
        List<String> out = new ArrayList<>();
        if (analysis.requestSummary().total() == 0 && "responses".equals(impact.source())) {
            out.add("requests: no request could be reconstructed from the trace; the impact counts the HTTP status "
                    + "lines the traced processes wrote");
        }
        var refs = analysis.references();
        if (refs.note() != null && analysis.failures().stream().anyMatch(g -> !g.isExpected())) {
            out.add("source references: " + clean.apply(refs.note()));
        }
        LineAccounting acc = session.accounting();
        if (acc.unparsedLines() > 0) {
            out.add("unparsed lines: " + acc.unparsedLines() + " of " + acc.lines()
                    + " lines could not be read as strace output and are in no section");
        }
        return out;
    }

    // ---- small text helpers shared by the section builders ---------------------------------------------------

    static String plural(long n, String one) {
        return n == 1 ? one : one + "s";
    }

    static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }

    static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p))
                + "%";
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
