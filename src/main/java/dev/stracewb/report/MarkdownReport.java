package dev.stracewb.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.stracewb.report.Markdown.cell;
import static dev.stracewb.report.Markdown.code;
import static dev.stracewb.report.Markdown.codeCell;
import static dev.stracewb.report.Markdown.text;

/**
 * The report as Markdown (CommonMark with GFM tables), in the order of a postmortem. Every string from the trace
 * goes through {@link Markdown}; the report's own words are written as they are. The HTML rendering is made from
 * this text, so what is safe here is safe there.
 */
public final class MarkdownReport {
    private final StringBuilder out = new StringBuilder(16_384);

    private MarkdownReport() {
    }

    public static String render(Report report) {
        MarkdownReport md = new MarkdownReport();
        md.write(report);
        return md.out.toString();
    }

    private void write(Report r) {
        header(r);
        summary(r);
        timeline(r);
        rootCauses(r);
        hangs(r);
        processes(r);
        postmortem();
        capture(r.capture());
        redaction(r.redaction());
        unavailable(r.unavailable());
        syscalls(r.syscalls());
    }

    private void header(Report r) {
        line("# Incident report: " + headline(r));
        line();
        Report.Generated g = r.generated();
        line("Draft written by " + text(g.tool()) + " at " + text(g.time()) + " on " + code(g.host())
                + " from the trace " + code(r.capture().traceFile()) + ". Sections marked *to be written* are "
                + "for the engineer; everything else comes from the trace. "
                + (r.redaction().enabled()
                ? "Secrets are redacted (" + r.redaction().total() + " "
                + ReportBuilder.plural(r.redaction().total(), "value") + ", see Redaction)."
                : "**Redaction is off: this report may contain passwords, cookies and tokens.**"));
        line();
    }

    /** The top candidate in a few words, trace text in code spans. */
    private static String headline(Report r) {
        if (r.rootCauses().isEmpty()) {
            return "no unexpected failure in the trace";
        }
        return causeTitle(r.rootCauses().get(0));
    }

    private static String causeTitle(Report.RootCause c) {
        return switch (c.kind()) {
            case "failed-path" -> text(String.join(", ", c.errnos().keySet())) + " on " + code(c.path());
            case "hang" -> code(c.syscalls().isEmpty() ? "?" : c.syscalls().get(0)) + " in pid " + pid(c)
                    + " never returned";
            default -> text(c.title());
        };
    }

    private static String pid(Report.RootCause c) {
        return c.pids().isEmpty() ? "?" : String.valueOf(c.pids().get(0));
    }

    private void summary(Report r) {
        Report.Summary s = r.summary();
        line("## Summary");
        line();
        line("- **What failed:** " + whatFailed(r));
        line("- **When:** " + when(r));
        line("- **Impact:** " + impact(s.impact()));
        line("- **Root cause:** *to be written*. The trace's top candidate is listed first under Root-cause "
                + "candidates.");
        line("- **In numbers:** " + s.syscalls() + " syscalls in " + s.processes() + " "
                + ReportBuilder.plural(s.processes(), "process", "processes") + "; " + s.unexpectedFailures()
                + " " + ReportBuilder.plural(s.unexpectedFailures(), "path") + " failed unexpectedly ("
                + s.failedCalls() + " failed " + ReportBuilder.plural(s.failedCalls(), "call") + ").");
        line();
    }

    private static String whatFailed(Report r) {
        if (r.rootCauses().isEmpty()) {
            return text(r.summary().whatFailed());
        }
        Report.RootCause c = r.rootCauses().get(0);
        StringBuilder b = new StringBuilder();
        switch (c.kind()) {
            case "failed-path" -> {
                b.append(c.count()).append(' ').append(ReportBuilder.plural(c.count(), "call")).append(" (")
                        .append(codes(c.syscalls())).append(") failed with ")
                        .append(text(String.join(", ", c.errnos().keySet()))).append(" on ").append(code(c.path()))
                        .append(", in ").append(c.pids().size()).append(' ')
                        .append(ReportBuilder.plural(c.pids().size(), "process", "processes"))
                        .append(", trace lines ").append(c.firstLine()).append('–').append(c.lastLine()).append('.');
                for (String flag : c.flags()) {
                    b.append(' ').append(text(ReportBuilder.capitalize(flag))).append('.');
                }
            }
            case "hang" -> b.append(hangSentence(r, c));
            default -> b.append(text(ReportBuilder.capitalize(c.title()))).append('.');
        }
        if (r.rootCauses().size() > 1) {
            b.append(' ').append(r.rootCauses().size() - 1).append(" more ")
                    .append(ReportBuilder.plural(r.rootCauses().size() - 1, "candidate")).append(" below.");
        }
        return b.toString();
    }

    /** Requests by status and request line, request lines in code spans; the share of traffic affected. */
    private static String impact(Report.Impact i) {
        if (!"requests".equals(i.source())) {
            return text(i.description()) + (i.failedShare() != null ? " Share of traffic affected: **"
                    + ReportBuilder.percent(i.failedShare()) + "**." : "");
        }
        StringBuilder b = new StringBuilder();
        b.append(i.requests()).append(' ').append(ReportBuilder.plural(i.requests(), "request")).append(": ");
        int shown = Math.min(5, i.groups().size());
        for (int k = 0; k < shown; k++) {
            Report.RequestGroup g = i.groups().get(k);
            b.append(k == 0 ? "" : ", ").append(g.count()).append(" × ")
                    .append(g.status() == null ? "no response" : g.status()).append(' ')
                    .append(code((g.method() == null ? "?" : g.method()) + " " + (g.uri() == null ? "?" : g.uri())));
        }
        if (i.groups().size() > shown) {
            b.append(", and ").append(i.groups().size() - shown).append(" more kinds");
        }
        b.append('.');
        if (i.commonFailure() != null) {
            b.append(" The failing requests failed on ").append(code(i.commonFailure())).append('.');
        }
        b.append(" Share of traffic affected (5xx or no response): **")
                .append(ReportBuilder.percent(i.failedShare())).append("**.");
        return b.toString();
    }

    /** {@code recvfrom} in pid 9 on {@code 127.0.0.1:53} never returned (...) while serving {@code GET /x}. */
    private static String hangSentence(Report r, Report.RootCause c) {
        Report.Hang h = r.hangs().stream().filter(x -> x.line() == c.firstLine()).findFirst().orElse(null);
        if (h == null) {
            return text(ReportBuilder.capitalize(c.title())) + ".";
        }
        return code(h.syscall()) + " in pid " + h.pid() + (h.target() != null ? " on " + code(h.target()) : "")
                + (h.unfinished() ? " never returned (blocked ≥ " + seconds(h.blockedSeconds()) + ", "
                + text(h.reason()) + ")" : " took " + seconds(h.blockedSeconds()))
                + (h.request() != null ? " while serving " + code(h.request()) : "") + ".";
    }

    private static String when(Report r) {
        Report.Summary s = r.summary();
        Report.CaptureDetails c = r.capture();
        StringBuilder b = new StringBuilder();
        if (s.firstFailure() != null) {
            b.append("first unexpected failure at ").append(text(s.firstFailure()));
            if (s.lastFailure() != null && !s.lastFailure().equals(s.firstFailure())) {
                b.append(", last at ").append(text(s.lastFailure()));
            }
            b.append("; ");
        } else if (!r.rootCauses().isEmpty() && r.rootCauses().get(0).firstTime() != null) {
            b.append("at ").append(text(r.rootCauses().get(0).firstTime())).append("; ");
        }
        if (c.firstEvent() != null) {
            b.append("the trace runs from ").append(text(c.firstEvent())).append(" to ").append(text(c.lastEvent()));
            if (c.durationSeconds() != null) {
                b.append(" (").append(seconds(c.durationSeconds())).append(')');
            }
            b.append('.');
        } else {
            b.append("the trace has no timestamps (record with -tt to get them).");
        }
        return b.toString();
    }

    private void timeline(Report r) {
        line("## Timeline");
        line();
        line("Times as the trace writes them (strace `-tt`: time of day on the traced machine).");
        line();
        line("| Time | Line | Pid | Event |");
        line("|---|--:|--:|---|");
        for (Report.TimelineEntry e : r.timeline()) {
            String what = cell(e.text()) + (e.subject() != null ? " " + codeCell(e.subject()) : "");
            line("| " + cell(e.time()) + " | " + (e.line() > 0 ? e.line() : "") + " | "
                    + (e.pid() > 0 ? e.pid() : "") + " | " + what + " |");
        }
        line();
    }

    private void rootCauses(Report r) {
        line("## Root-cause candidates");
        line();
        if (r.rootCauses().isEmpty()) {
            line("None: no path failed unexpectedly, no process was killed by a signal, and no call was left "
                    + "hanging.");
            line();
        } else {
            line("Culprit first. Each comes with a few of its strace lines; the number on the left is the line "
                    + "of the trace.");
            line();
            for (Report.RootCause c : r.rootCauses()) {
                rootCause(c);
            }
        }
        if (!r.normalMisses().isEmpty()) {
            line("### Normal misses (ranked last)");
            line();
            line("Failures every process of this kind makes; listed, not explained.");
            line();
            line("| Path | Count | Errno | Rule |");
            line("|---|--:|---|---|");
            for (Report.NormalMiss m : r.normalMisses()) {
                line("| " + codeCell(m.path()) + " | " + m.count() + " | " + cell(m.errno()) + " | "
                        + cell(m.rule()) + " |");
            }
            line();
        }
    }

    private void rootCause(Report.RootCause c) {
        line("### " + c.rank() + ". " + causeTitle(c));
        line();
        line("| Field | Value |");
        line("|---|---|");
        line("| Kind | " + cell(c.kind()) + " |");
        if ("failed-path".equals(c.kind())) {
            line("| Failed calls | " + c.count() + " (" + codes(c.syscalls()).replace("|", "\\|") + ") |");
            line("| Errors | " + cell(c.errnos().entrySet().stream()
                    .map(e -> e.getKey() + " × " + e.getValue()).collect(Collectors.joining(", "))) + " |");
        } else if ("hang".equals(c.kind())) {
            line("| What | " + cell(c.title()) + " |");
        }
        line("| Processes | " + c.pids().stream().map(String::valueOf).collect(Collectors.joining(", ")) + " |");
        line("| Trace lines | " + c.firstLine() + (c.lastLine() != c.firstLine() ? "–" + c.lastLine() : "")
                + (c.firstTime() != null ? ", first at " + cell(c.firstTime()) : "") + " |");
        for (String flag : c.flags()) {
            line("| Flag | " + cell(flag) + " |");
        }
        if (c.suggestion() != null) {
            String where = "disk".equals(c.suggestion().source()) ? "exists on disk now"
                    : "trace".equals(c.suggestion().source()) ? "opened in the trace" : cell(c.suggestion().source());
            line("| Did you mean | " + codeCell(c.suggestion().path()) + " (" + where
                    + (c.suggestion().reason() != null ? "; " + cell(c.suggestion().reason()) : "") + ") |");
        }
        line();
        if (!c.evidence().isEmpty()) {
            line("Evidence:");
            line();
            out.append(Markdown.codeBlock(evidence(c.evidence()), EvidenceBlockRenderer.INFO));
            line();
        }
        if (!c.references().isEmpty()) {
            line("Source references (lines of the application that name the missing file):");
            line();
            for (Report.SourceReference ref : c.references()) {
                line("- " + code(ref.file() + ":" + ref.line()) + ": " + code(ref.text()));
            }
            line();
        }
    }

    private static List<String> evidence(List<Report.EvidenceLine> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (Report.EvidenceLine e : lines) {
            out.add(String.format(Locale.ROOT, "%6d  %s", e.line(), e.text()));
        }
        return out;
    }

    private void hangs(Report r) {
        line("## Hangs");
        line();
        if (r.hangs().isEmpty()) {
            line("None: every call returned before the trace ended, and none was slow (a server waiting for work "
                    + "aside).");
            line();
            return;
        }
        line("Calls that never returned, or took longer than the slow threshold; a server waiting for work "
                + "(accept, epoll_wait outside a request) is not listed.");
        line();
        line("| Pid | Syscall | On | Started | Line | Blocked | Why | Request |");
        line("|--:|---|---|---|--:|--:|---|---|");
        for (Report.Hang h : r.hangs()) {
            line("| " + h.pid() + " | " + codeCell(h.syscall()) + " | " + codeCell(h.target()) + " | "
                    + cell(h.started()) + " | " + h.line() + " | " + (h.unfinished() ? "≥ " : "")
                    + seconds(h.blockedSeconds()) + " | " + cell(h.reason()) + " | " + codeCell(h.request()) + " |");
        }
        line();
        List<String> lines = new ArrayList<>();
        for (Report.Hang h : r.hangs()) {
            lines.add(String.format(Locale.ROOT, "%6d  %s", h.evidence().line(), h.evidence().text()));
        }
        out.append(Markdown.codeBlock(lines, EvidenceBlockRenderer.INFO));
        line();
    }

    private void processes(Report r) {
        line("## Processes");
        line();
        line("| Pid | Parent | Command | Threads | Lines | First | Last | Calls | Failed | Signals | End |");
        line("|--:|--:|---|--:|--:|---|---|--:|--:|---|---|");
        for (Report.ProcessInfo p : r.processes()) {
            line("| " + p.pid() + " | " + (p.parent() > 0 ? p.parent() : "") + " | " + codeCell(p.command()) + " | "
                    + (p.threads().isEmpty() ? "" : p.threads().size()) + " | "
                    + p.firstLine() + "–" + p.lastLine() + " | " + cell(p.firstTime()) + " | " + cell(p.lastTime())
                    + " | " + p.syscalls() + " | " + p.failedSyscalls() + " | "
                    + cell(String.join(", ", p.signals())) + " | " + cell(p.end()) + " |");
        }
        long more = r.summary().processes() - r.processes().size();
        if (more > 0) {
            line();
            line(more + " more " + ReportBuilder.plural(more, "process", "processes") + " not listed.");
        }
        line();
    }

    private void postmortem() {
        line("## Resolution and recovery");
        line();
        line("*To be written: what was changed to restore service, by whom, and when service was back.*");
        line();
        line("## Corrective and preventive actions");
        line();
        line("*To be written: what will keep this from happening again (tests, monitoring, review), each with an "
                + "owner.*");
        line();
    }

    private void capture(Report.CaptureDetails c) {
        line("## Capture details");
        line();
        line("| Field | Value |");
        line("|---|---|");
        row("Mode", cell(c.mode()));
        row("Command", c.command() == null ? "not recorded" : codeCell(c.command()));
        row("Pids", cell(c.pids().stream().map(String::valueOf).collect(Collectors.joining(", "))));
        row("strace version", c.straceVersion() == null ? "not recorded" : cell(c.straceVersion()));
        row("strace options", codeCell(c.straceOptions()));
        row("Kernel", c.kernel() == null ? "not recorded" : cell(c.kernel()));
        row("Host", c.host() == null ? "not recorded" : cell(c.host()));
        row("User", c.user() == null ? "not recorded" : cell(c.user()));
        if (c.started() != null) {
            row("Capture started", cell(c.started()));
        }
        if (c.stopped() != null) {
            row("Capture stopped", cell(c.stopped()));
        }
        row("First event", cell(c.firstEvent()));
        row("Last event", cell(c.lastEvent()));
        row("Duration", c.durationSeconds() == null ? "" : seconds(c.durationSeconds()));
        row("Trace file", codeCell(c.traceFile()));
        row("Trace size", c.traceBytes() == null ? "" : c.traceBytes() + " bytes");
        row("SHA-256", c.traceSha256() == null ? "no single file" : codeCell(c.traceSha256()));
        row("Time format", cell(c.timeFormat()));
        row("Lines", c.lines() + " (" + c.events() + " events, " + c.unparsedLines() + " unparsed)");
        line();
    }

    private void redaction(Report.RedactionSummary r) {
        line("## Redaction");
        line();
        if (!r.enabled()) {
            line("**Off** (written with `--no-redact`): cookies, tokens and passwords in the trace are shown as "
                    + "they are. Do not share this report outside the team.");
            line();
            return;
        }
        if (r.total() == 0) {
            line("On. Nothing in this report matched a redaction rule.");
        } else {
            line("On. " + r.total() + " " + ReportBuilder.plural(r.total(), "value") + " replaced by "
                    + "`[redacted:KIND]`: " + counts(r.counts()) + ".");
        }
        line();
        line("Rules:");
        line();
        for (String rule : r.rules()) {
            line("- " + text(rule));
        }
        line();
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> text(e.getKey()) + " × " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private void unavailable(List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        line("## Not in this report");
        line();
        for (String item : items) {
            line("- " + text(item));
        }
        line();
    }

    private void syscalls(List<Report.SyscallRow> rows) {
        line("## Appendix: per-syscall table");
        line();
        line("| Syscall | % time | Seconds | Calls | Errors |");
        line("|---|--:|--:|--:|--:|");
        for (Report.SyscallRow s : rows) {
            line("| " + codeCell(s.name()) + " | " + String.format(Locale.ROOT, "%.2f", s.percentTime()) + " | "
                    + String.format(Locale.ROOT, "%.6f", s.seconds()) + " | " + s.calls() + " | "
                    + (s.errors() > 0 ? s.errors() : "") + " |");
        }
    }

    private void row(String field, String value) {
        line("| " + field + " | " + value + " |");
    }

    private static String codes(List<String> words) {
        return words.stream().map(Markdown::code).collect(Collectors.joining(", "));
    }

    static String seconds(double s) {
        if (s < 0.001) {
            return String.format(Locale.ROOT, "%.0f µs", s * 1e6);
        }
        if (s < 1) {
            return String.format(Locale.ROOT, "%.0f ms", s * 1e3);
        }
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}
