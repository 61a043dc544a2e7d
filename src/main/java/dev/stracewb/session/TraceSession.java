package dev.stracewb.session;

import dev.stracewb.analysis.EventCollector;
import dev.stracewb.analysis.FailureCollector;
import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.analysis.ProcessCounter;
import dev.stracewb.analysis.SyscallStat;
import dev.stracewb.analysis.SyscallStats;
import dev.stracewb.source.LineSource;
import dev.stracewb.store.EventStore;
import dev.stracewb.store.RawText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One trace being read, from a file or a live strace: its source, store and analyses. Both the CLI and the GUI
 * hold one of these; everything after the source treats a capture and a file alike.
 *
 * <p>{@link #run()} reads the source on the calling thread; {@link #start()} does so on a daemon thread.
 * Readers may query the store and the analyses at any time while it runs.
 */
public final class TraceSession implements AutoCloseable {
    private static final long BATCH_NANOS = 100_000_000L;

    private final LineSource source;
    private final EventStore store;
    private final FailureCollector failures = new FailureCollector();
    private final SyscallStats stats = new SyscallStats();
    private final ProcessCounter processes = new ProcessCounter();
    private final List<EventCollector> collectors = new ArrayList<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final TraceIngest ingest;
    private final EventReader reader;

    private final Object workerLock = new Object();
    private Thread worker;
    private volatile boolean finished;
    private volatile Throwable error;
    private volatile boolean cancelled;
    private volatile boolean inputEnded;
    private long lastBatch;

    private TraceSession(LineSource source, RawText raw) {
        this.source = source;
        this.store = new EventStore(raw);
        collectors.add(failures);
        collectors.add(stats);
        collectors.add(processes);
        this.ingest = new TraceIngest(store, collectors, this::batch);
        this.reader = new EventReader(store);
    }

    /** A session over a source; its raw text is read in place when the source is a plain file, else spooled. */
    public static TraceSession of(LineSource source) throws IOException {
        Optional<java.nio.file.Path> file = source.seekableFile();
        RawText raw = file.isPresent() ? RawText.inPlace(file.get()) : RawText.spooled();
        return new TraceSession(source, raw);
    }

    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    /** Reads the whole source on this thread. Errors are kept in {@link #error()} and given to listeners. */
    public void run() {
        synchronized (workerLock) {
            worker = Thread.currentThread();
        }
        try {
            if (!cancelled) {
                source.readLines(ingest);
            }
        } catch (Throwable t) {
            if (!cancelled) {
                error = t;
            }
        } finally {
            synchronized (workerLock) {
                // the thread belongs to its caller again: take back the interrupt that cancel() sent it
                worker = null;
                if (cancelled) {
                    Thread.interrupted();
                }
            }
            inputEnded = true;
            ingest.finish();
            finished = true;
            for (SessionListener l : listeners) {
                l.finished(this, error);
            }
        }
    }

    /** Reads the source on a new daemon thread and returns it. */
    public Thread start() {
        Thread t = new Thread(this::run, "stracewb-ingest " + source.name());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Stops reading: the rows so far stay, and the session finishes. Never interrupts a thread after run(). */
    public void cancel() {
        cancelled = true;
        try {
            source.close();
        } catch (IOException ignored) {
            // the source is being abandoned; nothing to tell the user
        }
        synchronized (workerLock) {
            if (worker != null) {
                worker.interrupt();
            }
        }
    }

    private void batch() {
        long now = System.nanoTime();
        if (now - lastBatch < BATCH_NANOS && !finishedInput()) {
            return;
        }
        lastBatch = now;
        int rows = store.size();
        long lines = store.raw().lineCount();
        for (SessionListener l : listeners) {
            l.rowsAdded(this, rows, lines);
        }
    }

    /** The last batch is always sent, however soon after the one before. */
    private boolean finishedInput() {
        return cancelled || inputEnded;
    }

    public String name() {
        return source.name();
    }

    public LineSource source() {
        return source;
    }

    public EventStore store() {
        return store;
    }

    /** The full event of a row, made from the store and the raw text; for rows on screen, not bulk work. */
    public dev.stracewb.trace.TraceEvent event(int row) {
        return reader.event(row);
    }

    public boolean isFinished() {
        return finished;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public Throwable error() {
        return error;
    }

    /** Failure groups, culprit first. */
    public List<FailureGroup> failures() {
        return failures.groups(store);
    }

    public List<SyscallStat> syscallTable() {
        return stats.table(store);
    }

    public SyscallStats stats() {
        return stats;
    }

    public ProcessCounter processes() {
        return processes;
    }

    public LineAccounting accounting() {
        return ingest.accounting();
    }

    @Override
    public void close() throws Exception {
        cancel();
        store.close();
    }
}
