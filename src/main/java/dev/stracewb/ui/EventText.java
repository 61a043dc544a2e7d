package dev.stracewb.ui;

import dev.stracewb.session.TraceSession;
import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.ExitEvent;
import dev.stracewb.trace.SignalEvent;
import dev.stracewb.trace.SyscallEvent;
import dev.stracewb.trace.TextEvent;
import dev.stracewb.trace.TraceEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The texts of the events table's cells. Numbers come straight from the store's columns; the arguments and
 * the result as strace printed them come from the event re-read from the raw line, which is done only for the
 * rows on screen and kept in a small LRU cache so scrolling back is free.
 */
final class EventText {
    private static final int CACHE = 2048;

    private final TraceSession session;
    private final EventStore store;
    private final Map<Integer, TraceEvent> cache = new LinkedHashMap<>(CACHE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, TraceEvent> eldest) {
            return size() > CACHE;
        }
    };

    EventText(TraceSession session) {
        this.session = session;
        this.store = session.store();
    }

    /** The event of a row; cached once the row is final (an unfinished call may still be completed). */
    TraceEvent event(int row) {
        TraceEvent e = cache.get(row);
        if (e == null) {
            e = session.event(row);
            if (store.isFinished(row) || session.isFinished()) {
                cache.put(row, e);
            }
        }
        return e;
    }

    String time(int row) {
        return store.formatTime(row);
    }

    String pid(int row) {
        int pid = store.pid(row);
        return pid == 0 ? "" : Integer.toString(pid);
    }

    /** The syscall name, or what the row is: a signal, an exit, strace's own message. */
    String what(int row) {
        EventKind kind = store.kind(row);
        return switch (kind) {
            case SYSCALL -> store.name(row);
            case SIGNAL -> "--- " + store.name(row);
            case EXIT -> "+++ exit";
            case STRACE_MESSAGE -> "strace:";
            case STACK_FRAME -> "  >";
            case SUMMARY -> "summary";
            case UNPARSED -> "?";
        };
    }

    /** The path for path-taking calls, else the arguments or the line's text. */
    String subject(int row) {
        if (store.kind(row) == EventKind.SYSCALL) {
            String path = store.path(row);
            String path2 = store.path2(row);
            if (path != null) {
                return path2 != null ? path + " → " + path2 : path;
            }
        }
        TraceEvent e = event(row);
        if (e instanceof SyscallEvent s) {
            return s.arguments();
        }
        if (e instanceof SignalEvent s) {
            return s.info();
        }
        if (e instanceof ExitEvent x) {
            return x.killedBy() != null ? "killed by " + x.killedBy() + (x.coreDumped() ? " (core dumped)" : "")
                    : "exited with " + x.exitCode();
        }
        return ((TextEvent) e).text();
    }

    String result(int row) {
        if (store.kind(row) != EventKind.SYSCALL) {
            return "";
        }
        if (!store.isFinished(row)) {
            return session.isFinished() ? "never returned" : "<unfinished ...>";
        }
        if (event(row) instanceof SyscallEvent s && s.result() != null) {
            return s.errno() != null ? "-1" : s.result();
        }
        long r = store.returnValue(row);
        return r == SyscallEvent.UNKNOWN_RETURN ? "?" : Long.toString(r);
    }

    String errno(int row) {
        String e = store.errno(row);
        return e == null ? "" : e;
    }

    String duration(int row) {
        long d = store.durationNanos(row);
        if (d < 0) {
            return "";
        }
        return String.format("%d.%06d", d / 1_000_000_000L, (d % 1_000_000_000L) / 1000);
    }

    /** The row as strace wrote it: its line, or both lines of a stitched call. */
    String strace(int row) {
        long first = store.firstLine(row);
        long last = store.lastLine(row);
        StringBuilder b = new StringBuilder(store.raw().line(first));
        if (last != first) {
            b.append('\n').append(store.raw().line(last));
        }
        return b.toString();
    }

    void clear() {
        cache.clear();
    }
}
