package dev.stracewb.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a capture ended.
 *
 * @param reason           why it ended
 * @param straceExitCode   strace's exit status (for {@code run}: the command's, as strace passes it on)
 * @param outputFile       the raw trace
 * @param lines            lines delivered to the sink
 * @param bytes            bytes read from the trace file
 * @param attached         pids strace reported attached
 * @param detached         pids strace reported detached
 * @param stillTraced      processes that still had a tracer after strace ended (should always be empty)
 * @param warnings         things the user should know, one line each
 * @param elapsed          from start to the end of strace
 */
public record CaptureResult(StopReason reason, int straceExitCode, Path outputFile, long lines, long bytes,
                            List<Integer> attached, List<Integer> detached, List<Integer> stillTraced,
                            List<String> warnings, Duration elapsed) {

    public CaptureResult {
        attached = List.copyOf(attached);
        detached = List.copyOf(detached);
        stillTraced = List.copyOf(stillTraced);
        warnings = List.copyOf(warnings);
    }

    /** Whether the capture ended the way the user meant it to, leaving every process untraced. */
    public boolean clean() {
        return reason != StopReason.FAILED && stillTraced.isEmpty();
    }
}
