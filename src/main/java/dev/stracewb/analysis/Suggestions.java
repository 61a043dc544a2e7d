package dev.stracewb.analysis;

import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Did you mean": for each unexpected missing file, the existing file in the same directory whose name is a small
 * edit away ({@code version.phpp} to {@code version.php}). Candidates come from the disk when the directory is
 * still there and agrees with the trace (a file the trace opened in it exists), else from the paths the trace
 * accessed successfully. Collects the successfully accessed paths as the trace is read.
 */
public final class Suggestions implements EventCollector {
    /** Directory entries read at most per directory. */
    static final int MAX_LISTING = 20_000;

    private final BitSet found = new BitSet();

    @Override
    public synchronized void accept(EventStore store, int row) {
        if (store.kind(row) != EventKind.SYSCALL || store.isFailed(row)) {
            return;
        }
        int id = store.pathId(row);
        if (id >= 0) {
            found.set(id);
        }
    }

    /** Paths the trace accessed successfully. */
    public synchronized List<String> foundPaths(EventStore store) {
        List<String> out = new ArrayList<>(found.cardinality());
        for (int id = found.nextSetBit(0); id >= 0; id = found.nextSetBit(id + 1)) {
            out.add(store.paths().get(id));
        }
        return out;
    }

    /**
     * A suggestion for every unexpected failure group whose path is missing (ENOENT, ENOTDIR), by path.
     *
     * @param docrootExtensions extensions of the files under the document root, or null when it is unknown
     */
    public Map<String, Suggestion> suggest(EventStore store, List<FailureGroup> groups, Set<String> docrootExtensions) {
        Map<String, List<String>> traceNamesByDir = new HashMap<>();
        for (String p : foundPaths(store)) {
            int slash = p.lastIndexOf('/');
            if (slash > 0 && slash < p.length() - 1) {
                traceNamesByDir.computeIfAbsent(p.substring(0, slash), k -> new ArrayList<>()).add(p.substring(slash + 1));
            }
        }
        Map<String, Suggestion> out = new LinkedHashMap<>();
        for (FailureGroup g : groups) {
            if (g.isExpected() || !isMissing(g.mainErrno()) || !g.path().startsWith("/")) {
                continue;
            }
            Boolean extInRoot = docrootExtensions == null || g.extension() == null ? null
                    : docrootExtensions.contains(g.extension());
            out.put(g.path(), suggest(g.path(), traceNamesByDir, extInRoot));
        }
        return out;
    }

    static boolean isMissing(String errno) {
        return "ENOENT".equals(errno) || "ENOTDIR".equals(errno);
    }

    private static Suggestion suggest(String path, Map<String, List<String>> traceNamesByDir, Boolean extInRoot) {
        int slash = path.lastIndexOf('/');
        String dir = slash == 0 ? "/" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        if (name.isEmpty()) {
            return Suggestion.none(path, extInRoot);
        }
        List<String> traceNames = traceNamesByDir.getOrDefault(dir, List.of());
        List<String> diskNames = diskNames(dir, traceNames);
        if (diskNames != null) {
            String best = best(name, diskNames);
            if (best != null) {
                return new Suggestion(path, join(dir, best), "disk", NameDistance.nearness(name, best), extInRoot);
            }
        }
        String best = best(name, traceNames);
        if (best != null) {
            return new Suggestion(path, join(dir, best), "trace", NameDistance.nearness(name, best), extInRoot);
        }
        return Suggestion.none(path, extInRoot);
    }

    /**
     * Regular files of the directory on disk, or null when the disk cannot speak for the trace: the directory is
     * gone, unreadable, or none of the files the trace found in it exists here (another machine's trace).
     */
    private static List<String> diskNames(String dir, List<String> traceNames) {
        Path d = Path.of(dir);
        if (!Files.isDirectory(d)) {
            return null;
        }
        if (!traceNames.isEmpty() && traceNames.stream().limit(50).noneMatch(n -> Files.exists(d.resolve(n)))) {
            return null;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
            for (Path p : entries) {
                if (names.size() >= MAX_LISTING) {
                    break;
                }
                if (Files.isRegularFile(p)) {
                    names.add(p.getFileName().toString());
                }
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        return names;
    }

    /** The nearest name; ties go to the same stem (an extension typo), then to the shorter, then alphabetical. */
    static String best(String missing, List<String> candidates) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = NameDistance.nearness(missing, c);
            if (d < 0) {
                continue;
            }
            int score = d * 4 + (NameDistance.stem(c).equals(NameDistance.stem(missing)) ? 0 : 2);
            if (best == null || score < bestScore || score == bestScore
                    && (c.length() < best.length() || c.length() == best.length() && c.compareTo(best) < 0)) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    private static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
