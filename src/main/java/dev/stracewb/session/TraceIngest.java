package dev.stracewb.session;

import dev.stracewb.analysis.EventCollector;
import dev.stracewb.parse.LineParser;
import dev.stracewb.parse.LineShape;
import dev.stracewb.parse.ParsedLine;
import dev.stracewb.parse.PathResolver;
import dev.stracewb.source.LineSink;
import dev.stracewb.store.EventStore;
import dev.stracewb.store.RawText;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.SyscallEvent;
import dev.stracewb.trace.SyscallTable;
import dev.stracewb.trace.TimeFormat;
import dev.stracewb.trace.TraceEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline from lines to rows: parse, stitch unfinished and resumed calls per pid, resolve paths, append to
 * the store and tell the collectors. Runs on one thread; every line is counted exactly once.
 */
final class TraceIngest implements LineSink {
    private final EventStore store;
    private final RawText raw;
    private final EventCollector[] collectors;
    private final LineParser parser = new LineParser();
    private final ParsedLine parsed = new ParsedLine();
    private final PathResolver paths = new PathResolver();
    /** pid -> row of its call in progress; only the ingest thread touches it. */
    private final PidRows unfinished = new PidRows();
    /** The row of a call whose line strace broke with its own message, for the very next line only; or -1. */
    private int interruptedRow = -1;
    private final ParsedLine continued = new ParsedLine();
    /** A line that began a call without ending it, kept back for one line (see keepBroken); -1 when none. */
    private long brokenLine = -1;
    private byte[] brokenBytes = new byte[256];
    private int brokenLength;
    private int brokenFilePid;
    private int brokenPid;
    private byte[] joined = new byte[512];
    private final ParsedLine joinedParsed = new ParsedLine();
    /**
     * The rows in progress as of the last batch, for other threads (live "still blocked" views): a copy taken
     * at batch time keeps the hot path free of locks.
     */
    private volatile int[] inProgressSnapshot = new int[0];
    /** Rows of calls that will never resume: their process exited or began another call first. */
    private int[] abandoned = new int[16];
    private int abandonedCount;
    /** Store name ids by the parser's interned name instances (compared by identity: no hashing of text). */
    private final java.util.IdentityHashMap<String, Integer> nameIds = new java.util.IdentityHashMap<>();
    /** Per name id: what the path resolver needs to see of such a call. */
    private byte[] traits = new byte[64];
    private static final int TAKES_PATH = 1;
    private static final int FOLLOWS_CALL = 2;
    private String lastName;
    private int lastNameId;
    /** Told that rows are ready; the argument says whether the input is idle (publish now, unthrottled). */
    private final java.util.function.Consumer<Boolean> onBatch;

    private long relativeClock;
    private boolean timeFormatKnown;
    private long eventLines;
    private long resumedLines;
    private long nonEventLines;
    private long unparsedLines;

    TraceIngest(EventStore store, List<EventCollector> collectors, java.util.function.Consumer<Boolean> onBatch) {
        this.store = store;
        this.raw = store.raw();
        this.collectors = collectors.toArray(new EventCollector[0]);
        this.onBatch = onBatch;
    }

    @Override
    public void line(byte[] buf, int off, int len, int filePid) {
        ingest(buf, off, len, filePid, parser.parse(buf, off, len, parsed));
    }

    /** Ingests a line that was parsed already (on the reading thread, see {@link ParallelIngest}). */
    void ingest(byte[] buf, int off, int len, int filePid, ParsedLine p) {
        long lineNo = raw.append(buf, off, len);
        if (p.shape == LineShape.SYSCALL || p.shape == LineShape.UNFINISHED || p.shape == LineShape.RESUMED) {
            raw.noteLastLineSpans(p.shape.ordinal(), p.argsStart - off, p.argsEnd - off, p.resultStart - off,
                    p.resultEnd - off);
        }
        if (brokenLine >= 0 && joinBroken(buf, off, len, lineNo)) {
            if ((lineNo & 0x1fff) == 0) {
                batch(false);
            }
            return;
        }
        if (interruptedRow >= 0) {
            p = continuation(buf, off, len, p);
        }
        if (p.pid == 0 && filePid != 0) {
            p.pid = filePid;
        }
        long time = time(p);
        switch (p.shape) {
            case SYSCALL -> syscall(buf, p, time, lineNo);
            case UNFINISHED -> unfinished(buf, p, time, lineNo);
            case RESUMED -> resumed(buf, p, time, lineNo);
            case SIGNAL -> {
                eventLines++;
                publish(store.append(EventKind.SIGNAL, p.pid, time, nameId(p.name),
                        SyscallEvent.UNKNOWN_RETURN, -1, SyscallEvent.NO_DURATION, -1, -1, lineNo, lineNo,
                        EventStore.FLAG_FINISHED));
            }
            case EXIT -> {
                eventLines++;
                int nameId = p.name == null ? -1 : nameId(p.name);
                byte flags = (byte) (EventStore.FLAG_FINISHED | (p.coreDumped ? EventStore.FLAG_FAILED : 0));
                abandon(p.pid);
                publish(store.append(EventKind.EXIT, p.pid, time, nameId, p.exitCode, -1,
                        SyscallEvent.NO_DURATION, -1, -1, lineNo, lineNo, flags));
            }
            case STRACE_MESSAGE -> text(EventKind.STRACE_MESSAGE, p, time, lineNo);
            case STACK_FRAME -> text(EventKind.STACK_FRAME, p, time, lineNo);
            case SUMMARY -> text(EventKind.SUMMARY, p, time, lineNo);
            case UNPARSED -> {
                if (parser.isCallStart(buf, off, len)) {
                    keepBroken(buf, off, len, filePid, lineNo, p.pid);
                } else {
                    unparsed(p.pid, lineNo);
                }
            }
        }
        if ((lineNo & 0x1fff) == 0) {
            batch(false);
        }
    }

    private long time(ParsedLine p) {
        if (p.timeNanos == TraceEvent.NO_TIME) {
            return TraceEvent.NO_TIME;
        }
        if (!timeFormatKnown) {
            timeFormatKnown = true;
            store.setTimeFormat(p.relativeTime ? TimeFormat.RELATIVE
                    : p.timeNanos >= 86_400_000_000_000L ? TimeFormat.EPOCH : TimeFormat.TIME_OF_DAY);
        }
        if (p.relativeTime && store.timeFormat() == TimeFormat.RELATIVE) {
            relativeClock += p.timeNanos;
            return relativeClock;
        }
        return p.timeNanos;
    }

    private void unparsed(int pid, long lineNo) {
        unparsedLines++;
        publish(store.append(EventKind.UNPARSED, pid, TraceEvent.NO_TIME, -1, SyscallEvent.UNKNOWN_RETURN,
                -1, SyscallEvent.NO_DURATION, -1, -1, lineNo, lineNo, EventStore.FLAG_FINISHED));
    }

    /**
     * A line that begins a call and does not end it, such as {@code write(2, "\n", 1} when the traced program
     * wrote a newline to the terminal strace writes to: kept back for one line, in case the next one is the
     * rest of it ({@code ) = 1}).
     */
    private void keepBroken(byte[] buf, int off, int len, int filePid, long lineNo, int pid) {
        if (brokenBytes.length < len) {
            brokenBytes = new byte[Math.max(len, brokenBytes.length * 2)];
        }
        System.arraycopy(buf, off, brokenBytes, 0, len);
        brokenLength = len;
        brokenLine = lineNo;
        brokenFilePid = filePid;
        brokenPid = pid;
    }

    /** Joins the kept line and this one into one call when they make one; else the kept line is unparsed. */
    private boolean joinBroken(byte[] buf, int off, int len, long lineNo) {
        long first = brokenLine;
        brokenLine = -1;
        if (parser.parseContinuation(buf, off, len, continued).shape == LineShape.RESUMED) {
            int n = brokenLength + len;
            if (joined.length < n) {
                joined = new byte[Math.max(n, joined.length * 2)];
            }
            System.arraycopy(brokenBytes, 0, joined, 0, brokenLength);
            System.arraycopy(buf, off, joined, brokenLength, len);
            ParsedLine p = parser.parse(joined, 0, n, joinedParsed);
            if (p.shape == LineShape.SYSCALL) {
                if (p.pid == 0 && brokenFilePid != 0) {
                    p.pid = brokenFilePid;
                }
                resumedLines++;
                syscall(joined, p, time(p), first, lineNo);
                return true;
            }
        }
        unparsed(brokenPid, first);
        return false;
    }

    private void syscall(byte[] buf, ParsedLine p, long time, long lineNo) {
        syscall(buf, p, time, lineNo, lineNo);
    }

    private void syscall(byte[] buf, ParsedLine p, long time, long lineNo, long lastLineNo) {
        eventLines++;
        int nameId = nameId(p.name);
        int nameTraits = traits[nameId];
        int path1Id = -1;
        int path2Id = -1;
        String path1 = null;
        if ((nameTraits & TAKES_PATH) != 0) {
            paths.resolve(p.name, buf, p.argsStart, p.argsEnd, p.pid);
            path1 = paths.path1();
            path1Id = pathId(path1);
            path2Id = pathId(paths.path2());
        } else {
            paths.seen(p.pid);
        }
        int errnoId = p.errno == null ? -1 : store.errnos().intern(p.errno);
        int row = store.append(EventKind.SYSCALL, p.pid, time, nameId, p.returnValue, errnoId,
                p.durationNanos, path1Id, path2Id, lineNo, lastLineNo, flags(p));
        if ((nameTraits & FOLLOWS_CALL) != 0) {
            paths.afterCall(p.name, p.pid, p.returnValue, p.errno != null, path1, buf, p.argsStart, p.argsEnd);
        }
        publish(row);
    }

    private void unfinished(byte[] buf, ParsedLine p, long time, long lineNo) {
        eventLines++;
        int nameId = nameId(p.name);
        int nameTraits = traits[nameId];
        int path1Id = -1;
        int path2Id = -1;
        if ((nameTraits & TAKES_PATH) != 0) {
            paths.resolve(p.name, buf, p.argsStart, p.argsEnd, p.pid);
            path1Id = pathId(paths.path1());
            path2Id = pathId(paths.path2());
        } else {
            paths.seen(p.pid);
        }
        int row = store.append(EventKind.SYSCALL, p.pid, time, nameId,
                SyscallEvent.UNKNOWN_RETURN, -1, SyscallEvent.NO_DURATION, path1Id, path2Id, lineNo, lineNo,
                (byte) 0);
        if ((nameTraits & FOLLOWS_CALL) != 0) {
            paths.callStarted(p.name, p.pid, buf, p.argsStart, p.argsEnd);
        }
        abandon(p.pid);
        unfinished.put(p.pid, row);
        if (p.interrupted) {
            interruptedRow = row;
        }
    }

    /**
     * The line after a call line that strace broke with its own attach message: when it reads as the rest of
     * that call ({@code , child_tidptr=0x7f...) = 27082}), it is the call's resumed half.
     */
    private ParsedLine continuation(byte[] buf, int off, int len, ParsedLine p) {
        int row = interruptedRow;
        interruptedRow = -1;
        if (p.shape != LineShape.UNPARSED || unfinished.get(store.pid(row)) != row) {
            return p;
        }
        ParsedLine rest = parser.parseContinuation(buf, off, len, continued);
        if (rest.shape != LineShape.RESUMED) {
            return p;
        }
        rest.name = store.name(row);
        rest.pid = store.pid(row);
        return rest;
    }

    /** The store's id of a syscall or signal name from the parser. */
    private int nameId(String name) {
        if (name == lastName) {
            return lastNameId;
        }
        Integer id = nameIds.get(name);
        if (id == null) {
            id = store.names().intern(name);
            nameIds.put(name, id);
            if (id >= traits.length) {
                traits = java.util.Arrays.copyOf(traits, Math.max(id + 1, traits.length * 2));
            }
            traits[id] = (byte) ((SyscallTable.takesPath(name) ? TAKES_PATH : 0)
                    | (PathResolver.followsCall(name) ? FOLLOWS_CALL : 0));
        }
        lastName = name;
        lastNameId = id;
        return id;
    }

    private void resumed(byte[] buf, ParsedLine p, long time, long lineNo) {
        int row = unfinishedCall(p.pid, nameId(p.name));
        if (row < 0) {
            // strace attached in the middle of this call, or the unfinished line is in another file: keep the
            // resumed half as a call of its own
            eventLines++;
            int errnoId = p.errno == null ? -1 : store.errnos().intern(p.errno);
            publish(store.append(EventKind.SYSCALL, p.pid, time, nameId(p.name), p.returnValue,
                    errnoId, p.durationNanos, -1, -1, lineNo, lineNo, flags(p)));
            return;
        }
        unfinished.remove(store.pid(row));
        if (store.pid(row) != p.pid) {
            store.setPid(row, p.pid);
        }
        resumedLines++;
        long duration = p.durationNanos;
        long started = store.timeNanos(row);
        if (duration == SyscallEvent.NO_DURATION && time != TraceEvent.NO_TIME && started != TraceEvent.NO_TIME) {
            duration = Math.max(0, time - started);
        }
        int errnoId = p.errno == null ? -1 : store.errnos().intern(p.errno);
        store.complete(row, p.returnValue, errnoId, duration, lineNo, flags(p));
        if ((traits[store.nameId(row)] & FOLLOWS_CALL) != 0) {
            paths.afterCall(p.name, p.pid, p.returnValue, p.errno != null, store.path(row), buf, p.argsStart,
                    p.argsEnd);
        }
        publish(row);
    }

    /**
     * The row of the call that a {@code <... name resumed>} line of {@code pid} finishes, or null. strace writing
     * to a terminal ({@code [pid N]} form) leaves out the prefix while only one process is traced, so a call
     * begun without a pid may resume with one, and the other way round.
     */
    private int unfinishedCall(int pid, int nameId) {
        int row = unfinished.get(pid);
        if (row >= 0) {
            return store.nameId(row) == nameId ? row : -1;
        }
        if (pid != 0) {
            row = unfinished.get(0);
            return row >= 0 && store.nameId(row) == nameId ? row : -1;
        }
        int only = -1;
        for (int r : unfinished.rows()) {
            if (store.nameId(r) == nameId) {
                if (only >= 0) {
                    return -1;
                }
                only = r;
            }
        }
        return only;
    }

    /** A call of {@code pid} is left behind for good (the process exited, or began another call). */
    private void abandon(int pid) {
        int row = unfinished.remove(pid);
        if (row >= 0) {
            if (abandonedCount == abandoned.length) {
                abandoned = java.util.Arrays.copyOf(abandoned, abandonedCount * 2);
            }
            abandoned[abandonedCount++] = row;
        }
    }

    private void text(EventKind kind, ParsedLine p, long time, long lineNo) {
        nonEventLines++;
        publish(store.append(kind, p.pid, time, -1, SyscallEvent.UNKNOWN_RETURN, -1, SyscallEvent.NO_DURATION, -1,
                -1, lineNo, lineNo, EventStore.FLAG_FINISHED));
    }

    private int pathId(String path) {
        return path == null ? -1 : store.paths().intern(path);
    }

    private static byte flags(ParsedLine p) {
        return (byte) (EventStore.FLAG_FINISHED | (p.errno != null ? EventStore.FLAG_FAILED : 0));
    }

    private void publish(int row) {
        for (EventCollector c : collectors) {
            c.accept(store, row);
        }
    }

    /** Ends the input: calls still unfinished are handed to the collectors as never returned. */
    void finish() {
        if (brokenLine >= 0) {
            unparsed(brokenPid, brokenLine);
            brokenLine = -1;
        }
        int[] open = unfinished.rows();
        unfinished.clear();
        int[] rows = java.util.Arrays.copyOf(abandoned, abandonedCount + open.length);
        System.arraycopy(open, 0, rows, abandonedCount, open.length);
        java.util.Arrays.sort(rows);
        for (EventCollector c : collectors) {
            c.finish(store, rows);
        }
        inProgressSnapshot = new int[0];
        onBatch.accept(true);
    }

    /** Rows of the calls in progress as of the last batch (empty once the input ended); safe from any thread. */
    int[] inProgress() {
        return inProgressSnapshot;
    }

    @Override
    public void idle() {
        batch(true);
    }

    /** Publishes the rows in progress, then tells the session a batch is ready. Ingest thread only. */
    private void batch(boolean idle) {
        int[] rows = unfinished.rows();
        java.util.Arrays.sort(rows);
        inProgressSnapshot = rows;
        onBatch.accept(idle);
    }

    LineAccounting accounting() {
        return new LineAccounting(raw.lineCount(), eventLines, resumedLines, nonEventLines, unparsedLines);
    }
}
