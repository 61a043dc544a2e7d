package dev.stracewb.cli;

import dev.stracewb.analysis.ProcessNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the process tree as {@code strace-process-tree} does ({@code ├─pid command}), with how each process
 * ended. Printed only when the trace shows more than processes that were already running (a fork, an exec, an
 * exit or a crash).
 */
final class ProcessTreeText {
    private final PrintWriter out;

    ProcessTreeText(PrintWriter out) {
        this.out = out;
    }

    void print(List<ProcessNode> processes) {
        boolean interesting = processes.stream().anyMatch(p -> p.ppid() != null || p.command() != null
                || p.exit() != null || p.signal() != null);
        if (!interesting) {
            return;
        }
        Map<Integer, ProcessNode> byPid = new HashMap<>();
        processes.forEach(p -> byPid.put(p.pid(), p));
        out.println();
        out.println("Processes:");
        for (ProcessNode p : processes) {
            if (p.ppid() == null || !byPid.containsKey(p.ppid())) {
                print(p, byPid, "  ", "");
            }
        }
    }

    private void print(ProcessNode p, Map<Integer, ProcessNode> byPid, String indent, String branch) {
        out.printf("%s%s%d %s  [%s%s]%n", indent, branch, p.pid(), p.command() == null ? "?" : p.command(),
                p.outcome(), p.threads().isEmpty() ? "" : ", " + p.threads().size() + " threads");
        List<ProcessNode> kids = new ArrayList<>();
        for (int c : p.children()) {
            ProcessNode k = byPid.get(c);
            if (k != null) {
                kids.add(k);
            }
        }
        String childIndent = indent + (branch.isEmpty() ? "" : branch.startsWith("├") ? "│ " : "  ");
        for (int i = 0; i < kids.size(); i++) {
            print(kids.get(i), byPid, childIndent, i == kids.size() - 1 ? "└─" : "├─");
        }
    }
}
