package dev.stracewb.analysis;

import java.util.List;
import java.util.Map;

/**
 * Every failed call on one path: how often, with which errnos, from which syscalls and processes, where in the
 * trace, and whether a {@link NormalMissRule} explains it as a miss every process makes.
 *
 * @param rows         store rows of the failing calls (at most {@link FailureCollector#MAX_ROWS_PER_GROUP})
 * @param expected     null, or the name of the rule that marks this a normal miss
 * @param unusualExtension the path's extension is one that no successfully accessed path in the trace has
 */
public record FailureGroup(
        String path,
        long count,
        Map<String, Long> errnos,
        List<String> syscalls,
        List<Integer> pids,
        long firstLine,
        long lastLine,
        long firstTimeNanos,
        String firstTime,
        String extension,
        String expected,
        boolean unusualExtension,
        int firstRow,
        int[] rows) {

    public boolean isExpected() {
        return expected != null;
    }

    /** The path's file name. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The path's directory, or "" for a bare name. */
    public String directory() {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? (slash == 0 ? "/" : "") : path.substring(0, slash);
    }

    /** The most frequent errno. */
    public String mainErrno() {
        return errnos.isEmpty() ? null : errnos.keySet().iterator().next();
    }

    static String extensionOf(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash + 1 || dot == path.length() - 1) {
            return null;
        }
        return path.substring(dot + 1);
    }
}
