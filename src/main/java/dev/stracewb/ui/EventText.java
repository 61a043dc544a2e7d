package dev.stracewb.ui;

import dev.stracewb.session.TraceSession;
import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.ExitEvent;
import dev.stracewb.trace.SignalEvent;
import dev.stracewb.trace.SyscallEvent;
import dev.stracewb.trace.TextEvent;
import dev.stracewb.trace.TimeFormat;
import dev.stracewb.trace.TraceEvent;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The texts of the events table's cells. Numbers come straight from the store's columns. The arguments and the
 * result as strace printed them need the raw line re-read and re-parsed: that is done by a reader thread for the
 * rows on screen only, never on the FX thread (during a live capture the raw text is being written under a lock
 * the FX thread must not wait for). A cell shows its number columns at once and its text a moment later;
 * events read are kept in a small LRU cache, so scrolling back is instant.
 *
 * <p>All methods but the reader's own are called on the FX thread.
 */
final class EventText {
    private static final int CACHE = 4096;
    /** Requests beyond this are dropped oldest first: when scrolling fast, only the latest screen matters. */
    private static final int MAX_PENDING = 256;

    private final TraceSession session;
    private final EventStore store;
    private final FxMailbox mailbox;
    private final AtomicBoolean deliveryPosted = new AtomicBoolean();
    private final Map<Integer, TraceEvent> cache = new LinkedHashMap<>(CACHE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, TraceEvent> eldest) {
            return size() > CACHE;
        }
    };
    /** Cells waiting for a row's event, by row (FX thread only). */
    private final Map<Integer, List<Runnable>> waiting = new HashMap<>();
    /** Rows for the reader, newest last (guarded by itself). */
    private final ArrayDeque<Integer> requests = new ArrayDeque<>();
    /** Events read, for the FX thread (guarded by itself). */
    private final List<TraceEvent> ready = new ArrayList<>();
    private final Thread reader;
    /** Rows drawn as unfinished during a capture (FX thread only). */
    private final java.util.Set<Integer> shownUnfinished = new java.util.HashSet<>();
    private volatile boolean closed;

    EventText(TraceSession session, FxMailbox mailbox) {
        this.session = session;
        this.store = session.store();
        this.mailbox = mailbox;
        this.reader = new Thread(this::readLoop, "stracewb-event-text");
        reader.setDaemon(true);
        reader.start();
    }

    // ---------------------------------------------------------------- from the store's columns (instant)

    String line(int row) {
        return Long.toString(store.firstLine(row));
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

    String errno(int row) {
        String e = store.errno(row);
        return e == null ? "" : e;
    }

    String duration(int row) {
        long d = store.durationNanos(row);
        if (d < 0) {
            return "";
        }
        return TimeFormat.seconds(d);
    }

    // ---------------------------------------------------------------- from the raw text (read off the FX thread)

    /** The path for path-taking calls (from the store), else the arguments or the line's text. */
    ObservableValue<String> subject(int row) {
        if (store.kind(row) == EventKind.SYSCALL && store.path(row) != null) {
            String path2 = store.path2(row);
            return constant(path2 != null ? store.path(row) + " → " + path2 : store.path(row));
        }
        return fromEvent(row, EventText::subjectOf);
    }

    ObservableValue<String> result(int row) {
        if (store.kind(row) != EventKind.SYSCALL) {
            return constant("");
        }
        if (!store.isFinished(row)) {
            if (!session.isFinished()) {
                shownUnfinished.add(row);
            }
            return constant(session.isFinished() ? "never returned" : "<unfinished ...>");
        }
        if (store.isFailed(row)) {
            return constant("-1");
        }
        return fromEvent(row, e -> {
            if (e instanceof SyscallEvent s && s.result() != null) {
                return s.result();
            }
            long r = store.returnValue(row);
            return r == SyscallEvent.UNKNOWN_RETURN ? "?" : Long.toString(r);
        });
    }

    private ObservableValue<String> fromEvent(int row, Function<TraceEvent, String> text) {
        TraceEvent cached = cache.get(row);
        if (cached != null) {
            return constant(text.apply(cached));
        }
        SimpleStringProperty value = new SimpleStringProperty("…");
        waiting.computeIfAbsent(row, r -> new ArrayList<>(2)).add(() -> value.set(text.apply(cache.get(row))));
        synchronized (requests) {
            requests.remove(row);
            requests.addLast(row);
            while (requests.size() > MAX_PENDING) {
                waiting.remove(requests.removeFirst());
            }
            requests.notifyAll();
        }
        return value;
    }

    private static ObservableValue<String> constant(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    private static String subjectOf(TraceEvent e) {
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

    private void readLoop() {
        while (!closed) {
            int row;
            synchronized (requests) {
                while (requests.isEmpty() && !closed) {
                    try {
                        requests.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                row = requests.removeLast();
            }
            TraceEvent e;
            try {
                e = session.event(row);
            } catch (RuntimeException ex) {
                continue; // the trace was closed under us
            }
            synchronized (ready) {
                ready.add(e);
            }
            // a view update (one a pulse): the cells it fills repaint the table, so not in the frame of the
            // findings or a raw-log tail
            if (deliveryPosted.compareAndSet(false, true)) {
                mailbox.postView(this::deliver);
            }
        }
    }

    /** On the FX thread: hands the events read to the cells waiting for them. */
    private void deliver() {
        deliveryPosted.set(false);
        List<TraceEvent> batch;
        synchronized (ready) {
            batch = new ArrayList<>(ready);
            ready.clear();
        }
        for (TraceEvent e : batch) {
            int row = e.row();
            if (store.kind(row) != EventKind.SYSCALL || store.isFinished(row) || session.isFinished()) {
                cache.put(row, e);
            }
            List<Runnable> cells = waiting.remove(row);
            if (cells != null) {
                cache.putIfAbsent(row, e);
                cells.forEach(Runnable::run);
                if (!store.isFinished(row) && !session.isFinished()) {
                    cache.remove(row);
                }
            }
        }
    }

    // ---------------------------------------------------------------- whole lines, for copy and export

    /** The row as strace wrote it: its line, or both lines of a stitched call. Reads the raw text. */
    String strace(int row) {
        long first = store.firstLine(row);
        long last = store.lastLine(row);
        StringBuilder b = new StringBuilder(store.raw().line(first));
        if (last != first) {
            b.append('\n').append(store.raw().line(last));
        }
        return b.toString();
    }

    /** Whether a row drawn as unfinished has returned since (its cells should be redrawn). */
    boolean completedSinceShown() {
        boolean any = shownUnfinished.removeIf(store::isFinished);
        if (shownUnfinished.size() > 10_000) {
            shownUnfinished.clear();
        }
        return any;
    }

    /** Forgets cached events (live rows may have been completed since). */
    void clear() {
        cache.clear();
    }

    void close() {
        closed = true;
        synchronized (requests) {
            requests.notifyAll();
        }
    }
}
