package dev.stracewb.cli;

import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.analysis.Findings;
import dev.stracewb.analysis.Hang;
import dev.stracewb.analysis.Request;
import dev.stracewb.analysis.SourceReference;
import dev.stracewb.analysis.SourceReferences;
import dev.stracewb.analysis.Suggestion;
import dev.stracewb.analysis.NormalMissRules;
import dev.stracewb.analysis.SyscallStat;
import dev.stracewb.session.LineAccounting;
import dev.stracewb.session.TraceSession;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human output of {@code analyze}: failures by path, culprit first, then a {@code strace -c}-style table. */
final class HumanSummary {
    private final PrintWriter out;

    HumanSummary(PrintWriter out) {
        this.out = out;
    }

    void print(TraceSession session, int top) {
        LineAccounting acc = session.accounting();
        out.printf("%s: %,d lines, %,d syscalls, %,d processes, %,d unparsed%n", session.name(), acc.lines(),
                session.stats().totalCalls(), session.processes().count(), acc.unparsedLines());
        Findings findings = session.findings();
        this.findings = findings;
        if (!findings.requests().isEmpty()) {
            out.println();
            out.println("Requests: " + findings.requestSummary().text());
        }
        List<FailureGroup> groups = findings.failures();
        List<FailureGroup> unexpected = groups.stream().filter(g -> !g.isExpected()).toList();
        List<FailureGroup> expected = groups.stream().filter(FailureGroup::isExpected).toList();
        out.println();
        if (groups.isEmpty()) {
            out.println("No failed file accesses.");
        } else {
            out.printf("Failed file accesses, culprit first (%d unexpected, %d normal misses):%n",
                    unexpected.size(), expected.size());
            int rank = 1;
            for (FailureGroup g : unexpected.subList(0, Math.min(top, unexpected.size()))) {
                printGroup(rank++, g);
            }
            if (unexpected.size() > top) {
                out.printf("  ... %d more (--top N)%n", unexpected.size() - top);
            }
            if (!expected.isEmpty()) {
                out.println();
                out.println("Normal misses (ranked last):");
                for (FailureGroup g : expected.subList(0, Math.min(top, expected.size()))) {
                    out.printf("  %6d × %-7s %s  [%s]%n", g.count(), g.mainErrno(), g.path(), g.expected());
                }
                if (expected.size() > top) {
                    out.printf("  ... %d more%n", expected.size() - top);
                }
            }
        }
        printReferencesNote(findings.references());
        printRequests(findings.requests(), top);
        printHangs(findings, session.options().slowNanos());
        new ProcessTreeText(out).print(findings.processes());
        out.println();
        printTable(session.syscallTable());
    }

    private Findings findings;

    private void printReferencesNote(SourceReferences.Result refs) {
        if (refs.note() != null && findings.failures().stream().anyMatch(g -> !g.isExpected())) {
            out.println();
            out.println("Source references: " + refs.note());
        }
    }

    private void printRequests(List<Request> requests, int top) {
        List<Request> failing = requests.stream()
                .filter(r -> r.status() == null || r.status() >= 400 || !r.failures().isEmpty()).toList();
        if (failing.isEmpty()) {
            return;
        }
        out.println();
        out.printf("Failed requests (%d of %d):%n", failing.size(), requests.size());
        for (Request r : failing.subList(0, Math.min(top, failing.size()))) {
            out.printf("  %-4s %-30s pid %-7d %-15s %9.1f ms  lines %d-%d%s%n",
                    r.status() == null ? "---" : r.status(), r.title(), r.pid(), r.end(), r.durationMs(),
                    r.firstLine(), r.lastLine(),
                    r.failures().isEmpty() ? "" : "  failed: " + String.join(", ", r.failures()));
        }
        if (failing.size() > top) {
            out.printf("  ... %d more (--top N)%n", failing.size() - top);
        }
    }

    private void printHangs(Findings f, long slowNanos) {
        List<Hang> hangs = f.realHangs();
        if (hangs.isEmpty()) {
            return;
        }
        out.println();
        out.printf("Hangs (never returned, or slower than %s; %d idle waits not shown):%n",
                slowNanos % 1_000_000_000L == 0 ? slowNanos / 1_000_000_000L + " s" : slowNanos / 1e6 + " ms",
                f.idleWaits());
        for (Hang h : hangs) {
            out.printf("  %s %s blocked %.3f s (%s) pid %d, line %d%s%s%n", h.syscall(),
                    h.target() == null ? "" : "on " + h.target(), h.blockedMs() / 1000, h.reason(), h.pid(),
                    h.firstLine(), h.requestTitle() == null ? "" : ", in request " + h.requestTitle(), "");
            if (h.arguments() != null) {
                String args = h.arguments().length() > 160 ? h.arguments().substring(0, 160) + "…" : h.arguments();
                out.printf("        %s(%s)%n", h.syscall(), args);
            }
        }
    }

    private void printGroup(int rank, FailureGroup g) {
        out.printf("  #%-3d %s%n", rank, g.path());
        out.printf("        %d × %s via %s; pids %s; lines %d-%d%s%n", g.count(), errnos(g.errnos()),
                String.join(", ", g.syscalls()), pids(g.pids()), g.firstLine(), g.lastLine(),
                g.firstTime().isEmpty() ? "" : "; first at " + g.firstTime());
        Suggestion s = findings == null ? null : findings.suggestions().get(g.path());
        if (g.unusualExtension() && (s == null || !Boolean.TRUE.equals(s.extensionInDocroot()))) {
            out.printf("        unusual extension .%s: no file with it was found in this trace%s%n", g.extension(),
                    s != null && s.extensionInDocroot() != null ? " or under the document root" : "");
        }
        if (s != null && s.suggestion() != null) {
            out.printf("        did you mean %s? (exists: %s)%n", s.suggestion(),
                    s.source().equals("disk") ? "on disk now" : "opened in this trace");
        }
        if (findings != null) {
            for (SourceReference r : findings.references().references()) {
                if (r.missing().equals(g.path())) {
                    out.printf("        named at %s:%d: %s%n", r.file(), r.line(), r.text());
                }
            }
        }
    }

    private static String errnos(Map<String, Long> errnos) {
        if (errnos.size() == 1) {
            return errnos.keySet().iterator().next();
        }
        return errnos.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String pids(List<Integer> pids) {
        String s = pids.stream().limit(6).map(String::valueOf).collect(Collectors.joining(","));
        return pids.size() > 6 ? s + ",… (" + pids.size() + ")" : s;
    }

    private void printTable(List<SyscallStat> table) {
        double total = table.stream().mapToDouble(SyscallStat::seconds).sum();
        out.println("% time     seconds      calls    errors syscall");
        out.println("------ ----------- ---------- --------- ----------------");
        long calls = 0;
        long errors = 0;
        for (SyscallStat s : table) {
            out.printf("%6.2f %11.6f %10d %9s %s%n", total > 0 ? 100 * s.seconds() / total : 0.0, s.seconds(),
                    s.calls(), s.errors() == 0 ? "" : Long.toString(s.errors()), s.name());
            calls += s.calls();
            errors += s.errors();
        }
        out.println("------ ----------- ---------- --------- ----------------");
        out.printf("100.00 %11.6f %10d %9d total%n", total, calls, errors);
        if (NormalMissRules.RULES.isEmpty()) {
            out.println();
        }
    }
}
