package dev.stracewb.analysis;

/**
 * "Did you mean": for a file that was not found, the existing file a human most likely meant.
 *
 * @param missing            the path that failed
 * @param suggestion         the nearest existing path in the same directory, or null
 * @param source             {@code "disk"} (listed from the directory now: the trace was recorded on this machine
 *                           and the directory is still there) or {@code "trace"} (a path the trace accessed
 *                           successfully), or null
 * @param distance           edit distance between the two file names (0 for a difference in case only)
 * @param extensionInDocroot whether a file under the document root has the missing path's extension; null when
 *                           no document root could be read or the path has no extension
 */
public record Suggestion(String missing, String suggestion, String source, int distance, Boolean extensionInDocroot) {

    public static Suggestion none(String missing, Boolean extensionInDocroot) {
        return new Suggestion(missing, null, null, -1, extensionInDocroot);
    }
}
