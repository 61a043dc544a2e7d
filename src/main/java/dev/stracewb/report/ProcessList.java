package dev.stracewb.report;

import dev.stracewb.analysis.ProcessNode;
import dev.stracewb.store.EventStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's process table: the analysis' process tree (parent, command, threads, how it ended) with the
 * calls, failures and last time of each pid from the report's own pass over the store.
 */
final class ProcessList {
    /** Processes listed; the summary still counts all. */
    static final int MAX_PROCESSES = 200;
    private static final Pattern DETACHED = Pattern.compile("Process (\\d+) detached");

    private final EventStore store;
    private final TraceFacts facts;
    private final List<ProcessNode> tree;
    private final UnaryOperator<String> clean;

    ProcessList(EventStore store, TraceFacts facts, List<ProcessNode> tree, UnaryOperator<String> clean) {
        this.store = store;
        this.facts = facts;
        this.tree = tree;
        this.clean = clean;
    }

    List<Report.ProcessInfo> processes() {
        Set<Integer> detached = detachedPids();
        List<Report.ProcessInfo> out = new ArrayList<>();
        for (ProcessNode node : tree) {
            if (out.size() == MAX_PROCESSES) {
                break;
            }
            TraceFacts.Proc p = facts.processes.get(node.pid());
            long calls = 0;
            long failed = 0;
            String lastTime = null;
            if (p != null && p.lastRow >= 0) {
                calls = p.syscalls;
                failed = p.failed;
                lastTime = ReportBuilder.blankToNull(store.formatTime(p.lastRow));
            }
            for (int tid : node.threads()) {
                TraceFacts.Proc t = facts.processes.get(tid);
                if (t != null) {
                    calls += t.syscalls;
                    failed += t.failed;
                }
            }
            out.add(new Report.ProcessInfo(node.pid(), node.ppid() == null ? 0 : node.ppid(),
                    node.command() == null ? null : clean.apply(node.command()), node.firstLine(), node.lastLine(),
                    ReportBuilder.blankToNull(node.start()), lastTime, calls, failed,
                    List.copyOf(node.signals().keySet()), List.copyOf(node.threads()), end(node, detached)));
        }
        return out;
    }

    private static String end(ProcessNode node, Set<Integer> detached) {
        if (node.signal() != null || node.exit() != null) {
            return node.outcome();
        }
        return detached.contains(node.pid()) ? "detached" : "still running";
    }

    private Set<Integer> detachedPids() {
        Set<Integer> out = new TreeSet<>();
        for (int row : facts.messageRows) {
            Matcher m = DETACHED.matcher(store.raw().line(store.firstLine(row)));
            if (m.find()) {
                out.add(Integer.parseInt(m.group(1)));
            }
        }
        // a call cut short by the detach: "<detached ...>"
        for (int row : facts.unfinishedRows) {
            if (store.raw().line(store.lastLine(row)).endsWith("<detached ...>")) {
                out.add(store.pid(row));
            }
        }
        return out;
    }
}
