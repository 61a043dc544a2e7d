package dev.stracewb.analysis;

import java.nio.file.Path;

/**
 * Choices a user makes about an analysis.
 *
 * @param slowNanos  calls at least this long are reported as hangs ({@code --slow}, default 1 s)
 * @param sourceRoot the application's source for "did you mean" and references ({@code --source}), or null to
 *                   infer it from the trace
 */
public record AnalysisOptions(long slowNanos, Path sourceRoot) {
    public static final AnalysisOptions DEFAULT = new AnalysisOptions(HangCollector.DEFAULT_SLOW_NANOS, null);

    public AnalysisOptions withSourceRoot(Path root) {
        return new AnalysisOptions(slowNanos, root);
    }

    public AnalysisOptions withSlowNanos(long nanos) {
        return new AnalysisOptions(nanos, sourceRoot);
    }
}
