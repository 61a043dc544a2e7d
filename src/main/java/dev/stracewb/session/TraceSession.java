package dev.stracewb.session;

import dev.stracewb.analysis.AnalysisOptions;
import dev.stracewb.analysis.DocumentRoot;
import dev.stracewb.analysis.EventCollector;
import dev.stracewb.analysis.FailureCollector;
import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.analysis.Findings;
import dev.stracewb.analysis.Hang;
import dev.stracewb.analysis.HangCollector;
import dev.stracewb.analysis.ProcessCounter;
import dev.stracewb.analysis.ProcessNode;
import dev.stracewb.analysis.ProcessTree;
import dev.stracewb.analysis.Request;
import dev.stracewb.analysis.RequestSummary;
import dev.stracewb.analysis.RequestTracker;
import dev.stracewb.analysis.SourceReferences;
import dev.stracewb.analysis.Suggestion;
import dev.stracewb.analysis.Suggestions;
import dev.stracewb.analysis.SyscallStat;
import dev.stracewb.analysis.SyscallStats;
import dev.stracewb.source.ConcatLineSource;
import dev.stracewb.source.FfSetLineSource;
import dev.stracewb.source.FileLineSource;
import dev.stracewb.source.GzipLineSource;
import dev.stracewb.source.LineSource;
import dev.stracewb.store.EventStore;
import dev.stracewb.store.RawText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /**
     * {@code -Dstracewb.analysis.core-only=true} leaves out the request, hang, process-tree and suggestion
     * collectors: only for measuring what they cost (BENCHMARKS.md).
     */
    public static final String CORE_ONLY_PROPERTY = "stracewb.analysis.core-only";

    private final LineSource source;
    private final EventStore store;
    private final FailureCollector failures = new FailureCollector();
    private final SyscallStats stats = new SyscallStats();
    private final ProcessCounter processes = new ProcessCounter();
    private final AnalysisOptions options;
    private final RequestTracker requests = new RequestTracker();
    private final HangCollector hangs;
    private final ProcessTree processTree = new ProcessTree();
    private final Suggestions suggestions = new Suggestions();
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

    private TraceSession(LineSource source, RawText raw, AnalysisOptions options) {
        this.source = source;
        this.store = new EventStore(raw);
        this.options = options;
        this.hangs = new HangCollector(options.slowNanos());
        collectors.add(failures);
        collectors.add(stats);
        collectors.add(processes);
        if (!Boolean.getBoolean(CORE_ONLY_PROPERTY)) {
            collectors.add(requests);
            collectors.add(hangs);
            collectors.add(processTree);
            collectors.add(suggestions);
        }
        this.ingest = new TraceIngest(store, collectors, this::batch);
        this.reader = new EventReader(store);
    }

    /** A session over a source; its raw text is read in place when the source is a plain file, else spooled. */
    public static TraceSession of(LineSource source) throws IOException {
        return of(source, AnalysisOptions.DEFAULT);
    }

    /** A session with analysis options: the slow-call threshold and the application's source directory. */
    public static TraceSession of(LineSource source, AnalysisOptions options) throws IOException {
        Optional<java.nio.file.Path> file = source.seekableFile();
        RawText raw = file.isPresent() ? RawText.inPlace(file.get()) : RawText.spooled();
        return new TraceSession(source, raw, options);
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
                if (endsOnItsOwn(source) && Runtime.getRuntime().availableProcessors() > 1) {
                    new ParallelIngest(source, ingest).run();
                } else {
                    source.readLines(ingest);
                }
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

    /** Files, .gz files and -ff sets end by themselves; a live capture or a pipe may pause for minutes. */
    private static boolean endsOnItsOwn(LineSource source) {
        return source instanceof FileLineSource || source instanceof GzipLineSource
                || source instanceof FfSetLineSource
                || (source instanceof ConcatLineSource c && c.parts().stream().allMatch(TraceSession::endsOnItsOwn));
    }

    /** Reads the source on a new daemon thread and returns it. */
    public Thread start() {
        Thread t = new Thread(() -> {
            ThreadNice.applyIngestNiceToCurrentThread();
            run();
        }, "stracewb-ingest " + source.name());
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
            if (worker != null && worker != Thread.currentThread()) {
                worker.interrupt();
            }
        }
    }

    private int lastBatchRows = -1;

    private void batch(boolean idle) {
        long now = System.nanoTime();
        int rows = store.size();
        // throttled while lines pour in; when the input pauses, what arrived is published at once
        boolean due = idle ? rows != lastBatchRows : now - lastBatch >= BATCH_NANOS;
        if (!due && !finishedInput()) {
            return;
        }
        lastBatch = now;
        lastBatchRows = rows;
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

    public AnalysisOptions options() {
        return options;
    }

    public RequestTracker requestTracker() {
        return requests;
    }

    /**
     * HTTP and FastCGI requests in the order they started, each with its unexpected failures and its hangs.
     * Computed on each call from the collectors' state: call it off the FX thread.
     */
    public List<Request> requests() {
        return requests.requests(store, unexpectedPaths(failures()), hangCandidates());
    }

    /** Slow and never-returned calls, plus, while the trace is still being read, the calls blocked right now. */
    private int[] hangCandidates() {
        int[] done = hangs.candidateRows();
        int[] now = isFinished() ? new int[0] : ingest.inProgress();
        int[] all = java.util.Arrays.copyOf(done, done.length + now.length);
        System.arraycopy(now, 0, all, done.length, now.length);
        return all;
    }

    /** Calls in progress right now (a live capture's blocked calls); empty once the trace is read. */
    public int[] inProgressRows() {
        return isFinished() ? new int[0] : ingest.inProgress();
    }

    /** The requests in one line, with the status mix and the failure the failing ones share. */
    public RequestSummary requestSummary() {
        return RequestSummary.of(requests());
    }

    /** Calls that never returned or were slower than {@code options().slowNanos()}; idle waits last. */
    public List<Hang> hangs() {
        return hangs.hangs(store, requests(), requests, inProgressRows());
    }

    public HangCollector hangCollector() {
        return hangs;
    }

    /** The processes of the trace, with parents, command lines, exits, signals and threads. */
    public List<ProcessNode> processTree() {
        return processTree.processes(store);
    }

    /** The document root: {@code --source}, or inferred from the trace. */
    public DocumentRoot documentRoot() {
        if (options.sourceRoot() != null) {
            return DocumentRoot.given(options.sourceRoot());
        }
        List<Request> all = requests();
        List<String> scripts = all.stream().map(Request::scriptFilename)
                .filter(s -> s != null && s.startsWith("/")).toList();
        return DocumentRoot.infer(requests.documentRoots(), scripts, suggestions.foundPaths(store));
    }

    /**
     * Searches the document root for the names of the unexpected missing files (reads the disk: call it off the
     * FX thread).
     */
    public SourceReferences.Result references() {
        List<String> missing = failures().stream().filter(g -> !g.isExpected()).map(FailureGroup::path)
                .limit(20).toList();
        return SourceReferences.search(documentRoot(), missing);
    }

    /** "Did you mean" for each unexpected missing file, by its path (reads the disk). */
    public Map<String, Suggestion> suggestions() {
        return suggestions(failures(), references().extensions());
    }

    /** The same, from failure groups and docroot extensions already at hand (null: unknown). */
    public Map<String, Suggestion> suggestions(List<FailureGroup> groups, Set<String> docrootExtensions) {
        return suggestions.suggest(store, groups, docrootExtensions);
    }

    /**
     * All findings at once, each computed a single time and consistent with the others; what the CLI, the
     * reports and the GUI's summary use. Reads the disk (document root): call it off the FX thread.
     */
    public Findings findings() {
        List<FailureGroup> groups = failures();
        int[] inProgress = inProgressRows();
        List<Request> reqs = requests.requests(store, unexpectedPaths(groups), hangCandidates());
        List<Hang> hangList = hangs.hangs(store, reqs, requests, inProgress);
        DocumentRoot root = options.sourceRoot() != null ? DocumentRoot.given(options.sourceRoot())
                : DocumentRoot.infer(requests.documentRoots(), reqs.stream().map(Request::scriptFilename)
                .filter(s -> s != null && s.startsWith("/")).toList(), suggestions.foundPaths(store));
        List<String> missing = groups.stream().filter(g -> !g.isExpected()).map(FailureGroup::path).limit(20).toList();
        SourceReferences.Result refs = SourceReferences.search(root, missing);
        Map<String, Suggestion> did = suggestions.suggest(store, groups, refs.extensions());
        return new Findings(groups, reqs, RequestSummary.of(reqs), hangList, processTree.processes(store), root,
                refs, did);
    }

    /** Store path ids of failures that no normal-miss rule explains. */
    private java.util.function.IntPredicate unexpectedPaths(List<FailureGroup> groups) {
        Set<Integer> expected = new HashSet<>();
        for (FailureGroup g : groups) {
            if (g.isExpected()) {
                expected.add(store.paths().find(g.path()));
            }
        }
        return id -> !expected.contains(id);
    }

    public LineAccounting accounting() {
        return ingest.accounting();
    }

    @Override
    public void close() throws Exception {
        if (!finished) {
            cancel();
        }
        store.close();
    }
}
