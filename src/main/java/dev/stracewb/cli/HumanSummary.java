package dev.stracewb.cli;

import dev.stracewb.analysis.FailureGroup;
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
        List<FailureGroup> groups = session.failures();
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
        out.println();
        printTable(session.syscallTable());
    }

    private void printGroup(int rank, FailureGroup g) {
        out.printf("  #%-3d %s%n", rank, g.path());
        out.printf("        %d × %s via %s; pids %s; lines %d-%d%s%n", g.count(), errnos(g.errnos()),
                String.join(", ", g.syscalls()), pids(g.pids()), g.firstLine(), g.lastLine(),
                g.firstTime().isEmpty() ? "" : "; first at " + g.firstTime());
        if (g.unusualExtension()) {
            out.printf("        unusual extension .%s: no file with it was found in this trace%n", g.extension());
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
