package dev.stracewb.ui;

import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.SyscallEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The processes of a trace as the Processes view shows them: who forked whom (from clone/fork return values),
 * what each ran (its last successful execve), how many events and errors, the signals it got and how it ended.
 * One pass over the store's columns, off the FX thread.
 *
 * <p>A stop-gap view of the store until the analysis issue's process tree lands on main; then the view should
 * read that instead of this.
 */
final class ProcessOverview {
    /** One process (or thread) of the trace. */
    record Proc(int pid, int parent, String program, long events, long errors, List<String> signals, String end,
                int firstRow, List<Proc> children) {
    }

    private ProcessOverview() {
    }

    static List<Proc> compute(EventStore store, int rows, BooleanSupplier cancelled) {
        Map<Integer, Acc> byPid = new LinkedHashMap<>();
        Map<Integer, Integer> parentOf = new HashMap<>();
        for (int r = 0; r < rows; r++) {
            if ((r & 0xfffff) == 0 && cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException();
            }
            int pid = store.pid(r);
            if (pid <= 0) {
                continue;
            }
            EventKind kind = store.kind(r);
            final int row = r;
            Acc a = byPid.computeIfAbsent(pid, p -> new Acc(row));
            switch (kind) {
                case SYSCALL -> {
                    a.events++;
                    if (store.isFailed(r)) {
                        a.errors++;
                    }
                    String name = store.name(r);
                    long ret = store.returnValue(r);
                    if (isFork(name) && ret > 0 && ret != SyscallEvent.UNKNOWN_RETURN && ret < Integer.MAX_VALUE) {
                        parentOf.putIfAbsent((int) ret, pid);
                    } else if (("execve".equals(name) || "execveat".equals(name)) && !store.isFailed(r)
                            && store.path(r) != null) {
                        a.program = store.path(r);
                    }
                }
                case SIGNAL -> {
                    a.events++;
                    a.signals.add(store.name(r));
                }
                case EXIT -> {
                    a.events++;
                    String killer = store.name(r);
                    a.end = killer != null ? "killed by " + killer : "exited with " + store.returnValue(r);
                }
                default -> {
                }
            }
        }
        Map<Integer, Proc> built = new HashMap<>();
        List<Integer> order = new ArrayList<>(byPid.keySet());
        Map<Integer, List<Integer>> children = new HashMap<>();
        List<Integer> roots = new ArrayList<>();
        for (int pid : order) {
            Integer parent = parentOf.get(pid);
            if (parent != null && byPid.containsKey(parent) && parent != pid) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(pid);
            } else {
                roots.add(pid);
            }
        }
        List<Proc> out = new ArrayList<>();
        for (int pid : roots) {
            out.add(build(pid, byPid, parentOf, children, built, 0));
        }
        return out;
    }

    private static Proc build(int pid, Map<Integer, Acc> byPid, Map<Integer, Integer> parentOf,
                              Map<Integer, List<Integer>> children, Map<Integer, Proc> built, int depth) {
        Acc a = byPid.get(pid);
        List<Proc> kids = new ArrayList<>();
        if (depth < 200) {
            for (int c : children.getOrDefault(pid, List.of())) {
                kids.add(build(c, byPid, parentOf, children, built, depth + 1));
            }
        }
        Proc p = new Proc(pid, parentOf.getOrDefault(pid, 0), a.program, a.events, a.errors,
                List.copyOf(a.signals), a.end, a.firstRow, kids);
        built.put(pid, p);
        return p;
    }

    private static boolean isFork(String name) {
        return "clone".equals(name) || "clone3".equals(name) || "fork".equals(name) || "vfork".equals(name);
    }

    private static final class Acc {
        final int firstRow;
        long events;
        long errors;
        String program = "";
        String end = "";
        final TreeSet<String> signals = new TreeSet<>();

        Acc(int firstRow) {
            this.firstRow = firstRow;
        }
    }
}
