package dev.stracewb.analysis;

import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.TraceEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the calls that never returned (still blocked when the trace ended, or when strace detached or the
 * process died) and the calls slower than a threshold. Remembers where each socket last sent to or connected,
 * so a {@code recvfrom} on an unconnected UDP socket can say whose answer it waited for.
 */
public final class HangCollector implements EventCollector {
    /** Slow calls kept; the count beyond it is exact, the rows are not. */
    public static final int MAX_SLOW = 10_000;
    public static final long DEFAULT_SLOW_NANOS = 1_000_000_000L;

    /** How servers wait for work; outside a request such a wait is idleness, not a hang. */
    private static final Set<String> IDLE_WAITS = Set.of("accept", "accept4", "epoll_wait", "epoll_pwait",
            "epoll_pwait2", "select", "pselect6", "poll", "ppoll", "wait4", "waitid", "waitpid", "nanosleep",
            "clock_nanosleep", "futex", "pause", "rt_sigsuspend", "rt_sigtimedwait", "semop", "semtimedop",
            "io_getevents", "io_uring_enter", "msgrcv", "flock", "fcntl", "fcntl64");

    private final long slowNanos;
    private final SyscallKinds kinds = new SyscallKinds();
    private final CallText text = new CallText();
    private final Map<String, String> peerByPidFd = new HashMap<>();
    private final Map<Integer, Integer> exitRowByPid = new HashMap<>();
    private int[] slow = new int[16];
    private int slowCount;
    private long slowTotal;
    private int[] unfinished = new int[0];
    private long traceEnd = TraceEvent.NO_TIME;

    public HangCollector(long slowNanos) {
        this.slowNanos = slowNanos;
    }

    public HangCollector() {
        this(DEFAULT_SLOW_NANOS);
    }

    public long slowNanos() {
        return slowNanos;
    }

    @Override
    public synchronized void accept(EventStore store, int row) {
        long t = store.timeNanos(row);
        EventKind kind = store.kind(row);
        if (t != TraceEvent.NO_TIME) {
            long d = store.durationNanos(row);
            traceEnd = Math.max(traceEnd, t + (kind == EventKind.SYSCALL && d > 0 ? d : 0));
        }
        if (kind == EventKind.EXIT) {
            exitRowByPid.put(store.pid(row), row);
            return;
        }
        if (kind != EventKind.SYSCALL) {
            return;
        }
        notePidRow(store.pid(row), row);
        if (store.durationNanos(row) >= slowNanos) {
            slowTotal++;
            if (slowCount < MAX_SLOW) {
                if (slowCount == slow.length) {
                    slow = Arrays.copyOf(slow, slow.length * 2);
                }
                slow[slowCount++] = row;
            }
        }
        byte k = kinds.of(store, row);
        if ((k == SyscallKinds.CONNECT || k == SyscallKinds.SENDTO) && text.load(store, row)) {
            String addr = SocketText.sockaddr(text.arguments());
            int fd = text.fdNumber(0);
            if (addr != null && fd >= 0) {
                peerByPidFd.put(store.pid(row) + "/" + fd, addr);
            }
        }
    }

    /** Last syscall row per pid (pids up to 2^22, the kernel's pid_max limit), to spot lost resumed lines. */
    private int[] lastSyscallRow = new int[1024];

    private void notePidRow(int pid, int row) {
        if (pid <= 0 || pid >= (1 << 22)) {
            return;
        }
        if (pid >= lastSyscallRow.length) {
            lastSyscallRow = Arrays.copyOf(lastSyscallRow, Math.max(pid + 1, lastSyscallRow.length * 2));
        }
        lastSyscallRow[pid] = row + 1;
    }

    /**
     * Calls that never returned, less those whose thread made another call later: strace lost their resumed
     * line (a pid prefix that changed form mid-trace), so they did return.
     */
    @Override
    public synchronized void finish(EventStore store, int[] unfinishedRows) {
        unfinished = Arrays.stream(unfinishedRows).filter(row -> {
            int pid = store.pid(row);
            return pid <= 0 || pid >= lastSyscallRow.length || lastSyscallRow[pid] - 1 <= row;
        }).toArray();
    }

    /** Rows of every call that never returned or was slow, for attaching to requests. */
    public synchronized int[] candidateRows() {
        int[] out = Arrays.copyOf(unfinished, unfinished.length + slowCount);
        System.arraycopy(slow, 0, out, unfinished.length, slowCount);
        return out;
    }

    /** Slow calls, including those beyond {@link #MAX_SLOW}. */
    public synchronized long slowCount() {
        return slowTotal;
    }

    /**
     * The hangs, longest blocked first; never-returned calls before slow ones of the same length.
     *
     * @param requests the requests, for telling which one a call belongs to (may be empty)
     * @param tracker  the tracker that made them, or null
     */
    public synchronized List<Hang> hangs(EventStore store, List<Request> requests, RequestTracker tracker) {
        return hangs(store, requests, tracker, new int[0]);
    }

    /**
     * The same, with the calls in progress right now in a live capture ({@code inProgressRows}): reported as
     * unfinished with reason {@code "still blocked"}, blocked until the latest time seen so far.
     */
    public synchronized List<Hang> hangs(EventStore store, List<Request> requests, RequestTracker tracker,
                                         int[] inProgressRows) {
        List<Hang> out = new ArrayList<>();
        for (int row : unfinished) {
            out.add(hang(store, row, true, requests, tracker));
        }
        for (int row : inProgressRows) {
            Hang h = hang(store, row, true, requests, tracker);
            out.add(new Hang(h.row(), h.pid(), h.syscall(), h.arguments(), h.target(), true, "still blocked",
                    h.blockedNanos(), h.blockedMs(), h.firstLine(), h.start(), h.request(), h.requestTitle(), h.idle()));
        }
        for (int i = 0; i < slowCount; i++) {
            out.add(hang(store, slow[i], false, requests, tracker));
        }
        out.sort(Comparator.comparing(Hang::idle)
                .thenComparing(Comparator.comparingLong(Hang::blockedNanos).reversed())
                .thenComparing(h -> !h.unfinished())
                .thenComparingInt(Hang::row));
        return out;
    }

    private Hang hang(EventStore store, int row, boolean never, List<Request> requests, RequestTracker tracker) {
        int pid = store.pid(row);
        String name = store.name(row);
        String args = null;
        String target = null;
        if (text.load(store, row)) {
            args = text.arguments();
            target = target(pid, store.path(row));
        }
        String reason = "slow";
        long blocked = store.durationNanos(row);
        long start = store.timeNanos(row);
        if (never) {
            Integer exitRow = exitRowByPid.get(pid);
            long until = traceEnd;
            if (exitRow != null && exitRow > row) {
                String signal = store.name(exitRow);
                reason = signal != null ? "killed by " + signal : "process exited";
                until = store.timeNanos(exitRow);
            } else {
                reason = CallText.isDetached(store, row) ? "detached" : "unfinished at end of trace";
            }
            blocked = start == TraceEvent.NO_TIME || until == TraceEvent.NO_TIME ? 0 : Math.max(0, until - start);
        }
        int request = tracker == null ? -1 : tracker.requestAt(pid, row);
        String title = request >= 0 && request < requests.size() ? requests.get(request).title() : null;
        boolean idle = request < 0 && isIdleWait(name, target);
        return new Hang(row, pid, name, args, target, never, reason, Math.max(0, blocked),
                Math.round(Math.max(0, blocked) / 1e3) / 1e3, store.firstLine(row), store.formatTime(row), request,
                title, idle);
    }

    /**
     * How a server waits for work: for a listening socket's next connection, for events, for a child, for a timer,
     * for a lock, or on a pipe of its own. Outside a request this is idleness.
     */
    static boolean isIdleWait(String name, String target) {
        if (name.equals("accept") || name.equals("accept4")) {
            return target == null || !target.contains(":") || !Character.isDigit(target.charAt(0));
        }
        if (name.equals("read") || name.equals("recvfrom") || name.equals("recvmsg")) {
            return target != null && (target.startsWith("pipe:") || target.startsWith("anon_inode:"));
        }
        return IDLE_WAITS.contains(name);
    }

    /** What the call waits on, from its first fd argument (or the first fd inside a poll array). */
    private String target(int pid, String path) {
        String deco = text.fdDecoration(0);
        int fd = text.fdNumber(0);
        if (deco == null) {
            long a = text.argument(0);
            if (a >= 0) {
                String first = new String(text.argBytes(), dev.stracewb.parse.ArgumentScanner.start(a),
                        dev.stracewb.parse.ArgumentScanner.end(a) - dev.stracewb.parse.ArgumentScanner.start(a),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                int fdAt = first.indexOf("fd=");
                if (fdAt >= 0) {
                    int lt = first.indexOf('<', fdAt);
                    int gt = first.indexOf('>', lt + 1);
                    if (lt > 0 && gt > lt) {
                        deco = first.substring(lt + 1, gt);
                        int digitsEnd = fdAt + 3;
                        while (digitsEnd < first.length() && Character.isDigit(first.charAt(digitsEnd))) {
                            digitsEnd++;
                        }
                        fd = digitsEnd > fdAt + 3 ? Integer.parseInt(first.substring(fdAt + 3, digitsEnd)) : -1;
                    }
                }
            }
        }
        if (deco != null && SocketText.isSocket(deco)) {
            String peer = SocketText.peer(deco);
            if (peer != null) {
                return peer;
            }
            String sent = fd >= 0 ? peerByPidFd.get(pid + "/" + fd) : null;
            return sent != null ? sent : deco;
        }
        if (deco != null) {
            return deco;
        }
        if (fd >= 0 && peerByPidFd.containsKey(pid + "/" + fd)) {
            return peerByPidFd.get(pid + "/" + fd);
        }
        return path;
    }
}
