package dev.stracewb.analysis;

import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.TraceEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process and thread tree of a {@code -f} trace: fork, vfork, clone and clone3 give parents (CLONE_THREAD
 * makes a thread of the caller's process, not a child), execve gives command lines, {@code +++ exited +++} and
 * {@code +++ killed by +++} give ends, {@code --- SIGxxx ---} the signals. Processes that were running before the
 * trace began have no parent.
 */
public final class ProcessTree implements EventCollector {
    private final SyscallKinds kinds = new SyscallKinds();
    private final CallText text = new CallText();
    private final Map<Integer, Node> byTid = new LinkedHashMap<>();
    private int lastTid = -1;
    private Node lastNode;

    @Override
    public synchronized void accept(EventStore store, int row) {
        int tid = store.pid(row);
        if (tid <= 0) {
            return;
        }
        EventKind kind = store.kind(row);
        if (kind == EventKind.STRACE_MESSAGE || kind == EventKind.UNPARSED || kind == EventKind.SUMMARY
                || kind == EventKind.STACK_FRAME) {
            return;
        }
        Node self = node(tid, store, row);
        Node process = self.leader();
        self.lastRow = row;
        process.lastRow = Math.max(process.lastRow, row);
        switch (kind) {
            case SIGNAL -> process.signals.merge(store.name(row), 1, Integer::sum);
            case EXIT -> exit(store, row, self);
            case SYSCALL -> syscall(store, row, self);
            default -> {
            }
        }
    }

    /** Threads and processes whose only call never returned still belong in the tree. */
    @Override
    public synchronized void finish(EventStore store, int[] unfinishedRows) {
        for (int row : unfinishedRows) {
            int tid = store.pid(row);
            if (tid > 0) {
                Node n = node(tid, store, row);
                n.lastRow = Math.max(n.lastRow, row);
            }
        }
    }

    private void syscall(EventStore store, int row, Node self) {
        String name = store.name(row);
        if (name == null || store.isFailed(row)) {
            return;
        }
        switch (name) {
            case "clone", "clone3", "fork", "vfork" -> {
                long child = store.returnValue(row);
                if (child <= 0 || child > Integer.MAX_VALUE || !text.load(store, row)) {
                    return;
                }
                boolean thread = text.arguments().contains("CLONE_THREAD");
                Node c = node((int) child, store, row);
                if (thread) {
                    c.threadOf = self.leader();
                    if (!c.threadOf.threads.contains(c.tid)) {
                        c.threadOf.threads.add(c.tid);
                    }
                } else {
                    c.parent = self.leader();
                    if (!c.parent.children.contains(c.tid)) {
                        c.parent.children.add(c.tid);
                    }
                }
            }
            case "execve", "execveat" -> {
                if (store.returnValue(row) != 0 || !text.load(store, row)) {
                    return;
                }
                Node process = self.leader();
                int argvIndex = name.equals("execve") ? 1 : 2;
                List<String> argv = new ArrayList<>();
                StringBuilder sb = new StringBuilder();
                long a = text.argument(argvIndex);
                String raw = text.arguments();
                for (String s : text.latin1Strings(argvIndex)) {
                    argv.add(utf8(s));
                }
                sb.append(String.join(" ", argv));
                if (a >= 0) {
                    String arr = new String(text.argBytes(), dev.stracewb.parse.ArgumentScanner.start(a),
                            dev.stracewb.parse.ArgumentScanner.end(a) - dev.stracewb.parse.ArgumentScanner.start(a),
                            java.nio.charset.StandardCharsets.ISO_8859_1);
                    if (arr.endsWith("...]") && !arr.endsWith("\"...]")) {
                        sb.append(" ...");
                    }
                }
                process.command = sb.length() > 0 ? sb.toString() : raw;
                process.executable = store.path(row);
            }
            default -> {
            }
        }
    }

    private void exit(EventStore store, int row, Node self) {
        Node process = self.leader();
        if (self != process && store.name(row) == null) {
            return; // a thread's own exit
        }
        String signal = store.name(row);
        if (signal != null) {
            process.signal = signal;
            process.coreDumped = store.isFailed(row);
        } else {
            process.exit = (int) store.returnValue(row);
        }
    }

    private Node node(int tid, EventStore store, int row) {
        if (tid == lastTid && lastNode != null) {
            return lastNode;
        }
        // the workers of a server take turns: a few tids alternate, each found here without boxing it for the map
        Node n = recent[tid & (recent.length - 1)];
        if (n == null || n.tid != tid) {
            n = byTid.get(tid);
            if (n == null) {
                n = new Node(tid, row, store.timeNanos(row));
                byTid.put(tid, n);
            }
            recent[tid & (recent.length - 1)] = n;
        }
        lastTid = tid;
        lastNode = n;
        return n;
    }

    /** Nodes by the low bits of their tid (direct-mapped: a newer tid with the same bits takes the slot). */
    private final Node[] recent = new Node[256];

    /** The processes (thread groups), in the order they first appear. */
    public synchronized List<ProcessNode> processes(EventStore store) {
        List<ProcessNode> out = new ArrayList<>();
        for (Node n : byTid.values()) {
            if (n.threadOf != null) {
                continue;
            }
            String command = n.command;
            if (command == null) {
                for (Node p = n.parent; p != null && command == null; p = p.parent) {
                    if (p.command != null) {
                        command = p.command + " (fork)";
                    }
                }
            }
            long t = n.startTime;
            out.add(new ProcessNode(n.tid, n.parent == null ? null : n.parent.tid, command, n.executable, t,
                    t == TraceEvent.NO_TIME ? "" : store.timeFormat().format(t), n.exit, n.signal, n.coreDumped,
                    Map.copyOf(n.signals).isEmpty() ? Map.of() : new LinkedHashMap<>(n.signals),
                    List.copyOf(n.threads), List.copyOf(n.children),
                    store.firstLine(n.firstRow), store.lastLine(n.lastRow)));
        }
        return out;
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final class Node {
        final int tid;
        final int firstRow;
        final long startTime;
        int lastRow;
        Node parent;
        Node threadOf;
        String command;
        String executable;
        Integer exit;
        String signal;
        boolean coreDumped;
        final Map<String, Integer> signals = new LinkedHashMap<>();
        final List<Integer> threads = new ArrayList<>();
        final List<Integer> children = new ArrayList<>();

        Node(int tid, int row, long time) {
            this.tid = tid;
            this.firstRow = row;
            this.lastRow = row;
            this.startTime = time;
        }

        Node leader() {
            return threadOf != null ? threadOf : this;
        }
    }
}
