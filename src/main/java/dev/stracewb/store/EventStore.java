package dev.stracewb.store;

import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.TimeFormat;
import dev.stracewb.trace.TraceEvent;

/**
 * The parsed trace in primitive columns, indexed by row, so row N of ten million is one array read away and an
 * event costs a few dozen bytes of heap. Strings are interned to ids; argument text stays on disk in
 * {@link RawText}. One writer appends (and completes stitched calls); readers on other threads see every row
 * below {@link #size()}.
 *
 * <p>Columns live in fixed chunks that are never copied, so growth never moves a row under a reader.
 */
public final class EventStore implements AutoCloseable {
    private static final int BITS = 15;
    private static final int CHUNK = 1 << BITS;
    private static final int MASK = CHUNK - 1;

    public static final byte FLAG_FINISHED = 1;
    public static final byte FLAG_FAILED = 2;

    private final StringPool names = new StringPool();
    private final StringPool errnos = new StringPool();
    private final StringPool paths = new StringPool();
    private final RawText raw;

    private byte[][] kind = new byte[8][];
    private byte[][] flags = new byte[8][];
    private int[][] pid = new int[8][];
    private long[][] time = new long[8][];
    private short[][] name = new short[8][];
    private long[][] ret = new long[8][];
    private short[][] errno = new short[8][];
    private long[][] duration = new long[8][];
    private int[][] path = new int[8][];
    private int[][] path2 = new int[8][];
    private int[][] firstLine = new int[8][];
    private int[][] lastLine = new int[8][];

    private volatile int size;
    private volatile TimeFormat timeFormat = TimeFormat.NONE;

    public EventStore(RawText raw) {
        this.raw = raw;
    }

    /** Appends a row and returns its index. {@code nameId} is a syscall, signal or -1. */
    public int append(EventKind k, int pidValue, long timeNanos, int nameId, long returnValue, int errnoId,
                      long durationNanos, int pathId, int path2Id, long first, long last, byte flagBits) {
        int row = size;
        int c = row >>> BITS;
        if (c == kind.length) {
            growOuter();
        }
        if (kind[c] == null) {
            allocateChunk(c);
        }
        int i = row & MASK;
        kind[c][i] = (byte) k.ordinal();
        flags[c][i] = flagBits;
        pid[c][i] = pidValue;
        time[c][i] = timeNanos;
        name[c][i] = (short) nameId;
        ret[c][i] = returnValue;
        errno[c][i] = (short) errnoId;
        duration[c][i] = durationNanos;
        path[c][i] = pathId;
        path2[c][i] = path2Id;
        firstLine[c][i] = (int) first;
        lastLine[c][i] = (int) last;
        size = row + 1;
        return row;
    }

    /** Completes a row appended as unfinished, when its {@code resumed} line arrives. */
    public void complete(int row, long returnValue, int errnoId, long durationNanos, long last, byte flagBits) {
        int c = row >>> BITS;
        int i = row & MASK;
        ret[c][i] = returnValue;
        errno[c][i] = (short) errnoId;
        duration[c][i] = durationNanos;
        lastLine[c][i] = (int) last;
        flags[c][i] = flagBits;
    }

    /** Sets the pid of a row (a call begun in a line without pid prefix that resumed in one with). */
    public void setPid(int row, int pidValue) {
        pid[row >>> BITS][row & MASK] = pidValue;
    }

    /** Sets the paths of a row (used when a stitched call's path is known only once it resumes). */
    public void setPaths(int row, int pathId, int path2Id) {
        path[row >>> BITS][row & MASK] = pathId;
        path2[row >>> BITS][row & MASK] = path2Id;
    }

    private void growOuter() {
        int n = kind.length * 2;
        kind = java.util.Arrays.copyOf(kind, n);
        flags = java.util.Arrays.copyOf(flags, n);
        pid = java.util.Arrays.copyOf(pid, n);
        time = java.util.Arrays.copyOf(time, n);
        name = java.util.Arrays.copyOf(name, n);
        ret = java.util.Arrays.copyOf(ret, n);
        errno = java.util.Arrays.copyOf(errno, n);
        duration = java.util.Arrays.copyOf(duration, n);
        path = java.util.Arrays.copyOf(path, n);
        path2 = java.util.Arrays.copyOf(path2, n);
        firstLine = java.util.Arrays.copyOf(firstLine, n);
        lastLine = java.util.Arrays.copyOf(lastLine, n);
    }

    private void allocateChunk(int c) {
        kind[c] = new byte[CHUNK];
        flags[c] = new byte[CHUNK];
        pid[c] = new int[CHUNK];
        time[c] = new long[CHUNK];
        name[c] = new short[CHUNK];
        ret[c] = new long[CHUNK];
        errno[c] = new short[CHUNK];
        duration[c] = new long[CHUNK];
        path[c] = new int[CHUNK];
        path2[c] = new int[CHUNK];
        firstLine[c] = new int[CHUNK];
        lastLine[c] = new int[CHUNK];
    }

    public int size() {
        return size;
    }

    public EventKind kind(int row) {
        return EventKind.ofOrdinal(kind[row >>> BITS][row & MASK]);
    }

    public int pid(int row) {
        return pid[row >>> BITS][row & MASK];
    }

    public long timeNanos(int row) {
        return time[row >>> BITS][row & MASK];
    }

    /** Syscall name (for SYSCALL), signal name (SIGNAL, killed-by EXIT), or null. */
    public String name(int row) {
        return names.get(nameId(row));
    }

    public int nameId(int row) {
        return name[row >>> BITS][row & MASK];
    }

    public long returnValue(int row) {
        return ret[row >>> BITS][row & MASK];
    }

    public String errno(int row) {
        return errnos.get(errnoId(row));
    }

    public int errnoId(int row) {
        return errno[row >>> BITS][row & MASK];
    }

    public long durationNanos(int row) {
        return duration[row >>> BITS][row & MASK];
    }

    public String path(int row) {
        return paths.get(pathId(row));
    }

    public int pathId(int row) {
        return path[row >>> BITS][row & MASK];
    }

    public String path2(int row) {
        return paths.get(path2Id(row));
    }

    public int path2Id(int row) {
        return path2[row >>> BITS][row & MASK];
    }

    public long firstLine(int row) {
        return Integer.toUnsignedLong(firstLine[row >>> BITS][row & MASK]);
    }

    public long lastLine(int row) {
        return Integer.toUnsignedLong(lastLine[row >>> BITS][row & MASK]);
    }

    public byte flags(int row) {
        return flags[row >>> BITS][row & MASK];
    }

    public boolean isFinished(int row) {
        return (flags(row) & FLAG_FINISHED) != 0;
    }

    public boolean isFailed(int row) {
        return (flags(row) & FLAG_FAILED) != 0;
    }

    public StringPool names() {
        return names;
    }

    public StringPool errnos() {
        return errnos;
    }

    public StringPool paths() {
        return paths;
    }

    public RawText raw() {
        return raw;
    }

    public TimeFormat timeFormat() {
        return timeFormat;
    }

    public void setTimeFormat(TimeFormat format) {
        this.timeFormat = format;
    }

    /** The time of a row as a user reads it. */
    public String formatTime(int row) {
        long t = timeNanos(row);
        return t == TraceEvent.NO_TIME ? "" : timeFormat.format(t);
    }

    /** Approximate heap held by the columns and the line index (not the string pools). */
    public long columnHeapBytes() {
        long chunks = 0;
        for (byte[] k : kind) {
            if (k != null) {
                chunks++;
            }
        }
        long perRow = 1 + 1 + 4 + 8 + 2 + 8 + 2 + 8 + 4 + 4 + 4 + 4;
        return chunks * CHUNK * perRow + raw.heapBytes();
    }

    @Override
    public void close() throws Exception {
        raw.close();
    }
}
