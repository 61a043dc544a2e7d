package dev.stracewb.report;

import dev.stracewb.store.EventStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The report's process table: one row per pid seen, with its parent, command, calls and how it ended. */
final class ProcessList {
    /** Processes listed; the summary still counts all. */
    static final int MAX_PROCESSES = 200;
    private static final Pattern DETACHED = Pattern.compile("Process (\\d+) detached");

    private final EventStore store;
    private final TraceFacts facts;
    private final UnaryOperator<String> clean;

    ProcessList(EventStore store, TraceFacts facts, UnaryOperator<String> clean) {
        this.store = store;
        this.facts = facts;
        this.clean = clean;
    }

    List<Report.ProcessInfo> processes() {
        Set<Integer> detached = detachedPids();
        List<Report.ProcessInfo> out = new ArrayList<>();
        for (TraceFacts.Proc p : facts.processes.values()) {
            if (p.firstRow < 0) {
                continue;
            }
            if (out.size() == MAX_PROCESSES) {
                break;
            }
            String command = p.lastExecRow >= 0 ? command(p.lastExecRow) : null;
            out.add(new Report.ProcessInfo(p.pid, p.parent, command == null ? null : clean.apply(command),
                    store.firstLine(p.firstRow), store.lastLine(p.lastRow),
                    ReportBuilder.blankToNull(store.formatTime(p.firstRow)),
                    ReportBuilder.blankToNull(store.formatTime(p.lastRow)), p.syscalls, p.failed,
                    List.copyOf(p.signals), end(p, detached)));
        }
        return out;
    }

    private String end(TraceFacts.Proc p, Set<Integer> detached) {
        if (p.exitRow >= 0) {
            String signal = store.name(p.exitRow);
            if (signal != null) {
                return "killed by " + signal + (store.isFailed(p.exitRow) ? " (core dumped)" : "");
            }
            return "exited " + store.returnValue(p.exitRow);
        }
        if (detached.contains(p.pid)) {
            return "detached";
        }
        return "running at the end of the trace";
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

    /** The argv of an execve line as one command line: {@code php -S 127.0.0.1:8080}. */
    private String command(int execRow) {
        String line = store.raw().line(store.firstLine(execRow));
        int open = line.indexOf(", [");
        if (open < 0) {
            return store.path(execRow);
        }
        List<String> argv = new ArrayList<>();
        int i = open + 3;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ']') {
                break;
            }
            if (c == '"') {
                int end = i + 1;
                while (end < line.length() && line.charAt(end) != '"') {
                    end += line.charAt(end) == '\\' ? 2 : 1;
                }
                String arg = line.substring(i + 1, Math.min(end, line.length()));
                argv.add(arg.isEmpty() || arg.contains(" ") ? "\"" + arg + "\"" : arg);
                i = end + 1;
                if (i + 3 <= line.length() && line.startsWith("...", i)) {
                    argv.set(argv.size() - 1, argv.get(argv.size() - 1) + "...");
                    i += 3;
                }
                continue;
            }
            if (line.startsWith("...", i)) {
                argv.add("...");
                i += 3;
                continue;
            }
            i++;
        }
        return argv.isEmpty() ? store.path(execRow) : String.join(" ", argv);
    }
}
