package dev.stracewb.analysis;

import java.util.List;
import java.util.Map;

/**
 * One process of the trace (a thread group: its threads are listed, not made nodes), with where it came from,
 * what it ran and how it ended.
 *
 * @param pid        the process id (thread group leader)
 * @param ppid       the process that forked it, or null when it was already running when the trace began
 * @param command    the command line of its last successful execve ({@code argv} joined with spaces, as far as
 *                   {@code -s} shows it), or the parent's command with {@code (fork)} when it never exec'd, or
 *                   null when unknown
 * @param executable the path of its last successful execve, or null
 * @param startNanos time of its first row
 * @param start      the same, formatted
 * @param exit       exit code from {@code +++ exited with N +++}, or null
 * @param signal     the signal that killed it ({@code SIGSEGV}), or null
 * @param coreDumped {@code (core dumped)} was reported
 * @param signals    signals delivered to it (and its threads), by name, with counts, in the order first seen
 * @param threads    tids of its other threads (CLONE_THREAD children), in the order created
 * @param children   pids of the processes it forked
 * @param firstLine  its first input line
 * @param lastLine   its last input line
 */
public record ProcessNode(
        int pid,
        Integer ppid,
        String command,
        String executable,
        long startNanos,
        String start,
        Integer exit,
        String signal,
        boolean coreDumped,
        Map<String, Integer> signals,
        List<Integer> threads,
        List<Integer> children,
        long firstLine,
        long lastLine) {

    /** Killed by a signal that means a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGSYS) or dumped core. */
    public boolean crashed() {
        return coreDumped || (signal != null && switch (signal) {
            case "SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT", "SIGSYS", "SIGTRAP" -> true;
            default -> false;
        });
    }

    /** {@code exited with 0}, {@code killed by SIGSEGV (core dumped)}, or {@code running} when the trace ended first. */
    public String outcome() {
        if (signal != null) {
            return "killed by " + signal + (coreDumped ? " (core dumped)" : "");
        }
        return exit != null ? "exited with " + exit : "running";
    }
}
