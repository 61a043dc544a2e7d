package dev.stracewb.analysis;

import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.SyscallTable;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups failed path-taking calls by path, and remembers which paths were found, so that normal misses can be
 * told from the unexpected ones. {@link #groups} ranks the culprit first.
 */
public final class FailureCollector implements EventCollector {
    /** Rows kept per group for jumping to events; counts stay exact beyond it. */
    public static final int MAX_ROWS_PER_GROUP = 10_000;

    private final Map<Integer, Builder> byPath = new HashMap<>();
    private final BitSet foundPaths = new BitSet();

    @Override
    public synchronized void accept(EventStore store, int row) {
        if (store.kind(row) != EventKind.SYSCALL) {
            return;
        }
        int pathId = store.pathId(row);
        if (pathId < 0) {
            return;
        }
        if (!store.isFailed(row)) {
            foundPaths.set(pathId);
            return;
        }
        if (!SyscallTable.takesPath(store.name(row))) {
            return;
        }
        byPath.computeIfAbsent(pathId, id -> new Builder(row, store)).add(store, row);
    }

    /** Failure groups, culprit first: unexpected before normal misses, unusual extensions first, then by count. */
    public synchronized List<FailureGroup> groups(EventStore store) {
        MissContext context = context(store);
        List<FailureGroup> out = new ArrayList<>(byPath.size());
        for (Map.Entry<Integer, Builder> e : byPath.entrySet()) {
            out.add(e.getValue().build(store.paths().get(e.getKey()), store, context));
        }
        out.sort(CULPRIT_FIRST);
        return out;
    }

    public synchronized int groupCount() {
        return byPath.size();
    }

    private MissContext context(EventStore store) {
        Map<String, Set<String>> dirsByName = new HashMap<>();
        Set<String> extensions = new java.util.HashSet<>();
        for (int id = foundPaths.nextSetBit(0); id >= 0; id = foundPaths.nextSetBit(id + 1)) {
            String p = store.paths().get(id);
            int slash = p.lastIndexOf('/');
            String name = p.substring(slash + 1);
            String dir = slash <= 0 ? (slash == 0 ? "/" : "") : p.substring(0, slash);
            dirsByName.computeIfAbsent(name, k -> new java.util.HashSet<>()).add(dir);
            String ext = FailureGroup.extensionOf(p);
            if (ext != null) {
                extensions.add(ext);
            }
        }
        return new MissContext(dirsByName, extensions);
    }

    public static final Comparator<FailureGroup> CULPRIT_FIRST = Comparator
            .comparing(FailureGroup::isExpected)
            .thenComparing(g -> !g.unusualExtension())
            .thenComparing(Comparator.comparingLong(FailureGroup::count).reversed())
            .thenComparingLong(FailureGroup::firstLine)
            .thenComparing(FailureGroup::path);

    /** Accumulates one path's failures. */
    private static final class Builder {
        long count;
        final Map<String, Long> errnos = new HashMap<>(4);
        final Set<String> syscalls = new TreeSet<>();
        final Set<Integer> pids = new TreeSet<>();
        final long firstLine;
        long lastLine;
        final long firstTime;
        final int firstRow;
        int[] rows = new int[4];
        int rowCount;

        Builder(int row, EventStore store) {
            firstLine = store.firstLine(row);
            firstTime = store.timeNanos(row);
            firstRow = row;
        }

        void add(EventStore store, int row) {
            count++;
            errnos.merge(store.errno(row), 1L, Long::sum);
            syscalls.add(store.name(row));
            if (pids.size() < 10_000) {
                pids.add(store.pid(row));
            }
            lastLine = Math.max(lastLine, store.lastLine(row));
            if (rowCount < MAX_ROWS_PER_GROUP) {
                if (rowCount == rows.length) {
                    rows = java.util.Arrays.copyOf(rows, rows.length * 2);
                }
                rows[rowCount++] = row;
            }
        }

        FailureGroup build(String path, EventStore store, MissContext context) {
            Map<String, Long> sortedErrnos = new LinkedHashMap<>();
            errnos.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> sortedErrnos.put(e.getKey(), e.getValue()));
            String mainErrno = sortedErrnos.keySet().iterator().next();
            String expected = NormalMissRules.classify(path, mainErrno, List.copyOf(syscalls), context)
                    .map(NormalMissRule::name).orElse(null);
            String extension = FailureGroup.extensionOf(path);
            boolean unusual = extension != null && !context.foundExtensions().contains(extension);
            return new FailureGroup(path, count, sortedErrnos, List.copyOf(syscalls), List.copyOf(pids), firstLine,
                    lastLine, firstTime, store.timeFormat().format(firstTime), extension, expected, unusual, firstRow,
                    java.util.Arrays.copyOf(rows, rowCount));
        }
    }
}
