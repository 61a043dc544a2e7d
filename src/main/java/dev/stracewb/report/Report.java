package dev.stracewb.report;

import java.util.List;
import java.util.Map;

/**
 * The first draft of an incident report, in the shape of a postmortem: summary, timeline, root-cause candidates
 * with their evidence, hangs, processes, capture details and the per-syscall table, plus the blanks the engineer
 * fills in (resolution, corrective and preventive actions). One model, rendered as Markdown, HTML and JSON.
 *
 * <p>Every string that came from the trace has already been through the {@link Redactor} (when redaction is
 * on); the renderings only escape. The model never holds rows or lines in bulk: a few evidence lines per finding.
 * The JSON rendering writes these records as they are, so a renamed component is a schema change
 * (README.md, "JSON schema").
 *
 * @param schema        always {@link #SCHEMA}
 * @param title         one line: what failed
 * @param generated     who wrote the draft, when and where (the only part that changes between two exports)
 * @param unavailable   parts of the report this build could not fill, each with the reason
 */
public record Report(
        String schema,
        String title,
        Generated generated,
        Summary summary,
        List<TimelineEntry> timeline,
        List<RootCause> rootCauses,
        List<NormalMiss> normalMisses,
        List<Hang> hangs,
        List<ProcessInfo> processes,
        Postmortem postmortem,
        CaptureDetails capture,
        RedactionSummary redaction,
        List<SyscallRow> syscalls,
        List<String> unavailable) {

    public static final String SCHEMA = "stracewb-report/1";

    /**
     * @param tool          {@code stracewb 0.1.0}
     * @param time          ISO-8601 instant of the export, from {@link ReportOptions#clock()}
     * @param host          the host that wrote the report (not necessarily the one that was traced)
     */
    public record Generated(String tool, String time, String host) {
    }

    /**
     * @param whatFailed    one sentence on the top candidate, or that nothing unexpected failed
     * @param firstFailure  time (as the trace writes it) of the first unexpected failure, or null
     * @param lastFailure   time of the last unexpected failure, or null
     * @param impact        the requests the traced server answered, when they could be told
     */
    public record Summary(String whatFailed, String firstFailure, String lastFailure, long unexpectedFailures,
                          long failedCalls, long syscalls, long processes, Impact impact) {
    }

    /**
     * What the traced server's clients saw.
     *
     * @param requests       requests (or responses) seen; 0 with {@code source} "none" when none could be told
     * @param statuses       status code → count, ascending by code; "none" = the request got no response
     * @param failed         requests answered with a 5xx status or not at all
     * @param failedShare    {@code failed / requests}, 0..1, or null when no request was seen
     * @param source         how they were found: "requests" (requests reconstructed from the trace),
     *                       "responses" (HTTP status lines the traced processes wrote) or "none"
     * @param description    one sentence for the summary
     * @param groups         requests by status and request line, most first
     * @param commonFailure  the failed path the failing requests share, or null
     */
    public record Impact(long requests, Map<String, Long> statuses, long failed, Double failedShare, String source,
                         String description, List<RequestGroup> groups, String commonFailure) {
    }

    /** {@code count} requests {@code method uri} answered {@code status} (null: no response). */
    public record RequestGroup(Integer status, String method, String uri, long count) {
    }

    /**
     * @param kind   capture-start, capture-stop, first-failure, last-failure, hang, process-start, process-exit,
     *               process-killed, signal, attached, detached
     * @param time   as the trace writes it; "" when the trace has no timestamps
     * @param line   1-based line of the trace, or 0 when it comes from outside the trace
     * @param text   what happened, in the report's words (no trace text)
     * @param subject the trace's words it is about (a path, a socket, a program), or null
     */
    public record TimelineEntry(String time, long line, int pid, String kind, String text, String subject) {
    }

    /**
     * One finding that may explain the failure, culprit first.
     *
     * @param kind        "failed-path" (calls failing on one path), "crash" (a process killed by a signal),
     *                    or "hang" (a call that never returned)
     * @param errnos      errno → count, most frequent first
     * @param flags       short notes that make it suspicious: "unusual extension .phpp", ...
     * @param evidence    a few strace lines with their line numbers (not all of them)
     * @param suggestion  the file that was probably meant, or null
     * @param references  source lines that name the missing file
     */
    public record RootCause(int rank, String kind, String title, String path, long count, Map<String, Long> errnos,
                            List<String> syscalls, List<Integer> pids, long firstLine, long lastLine,
                            String firstTime, List<String> flags, List<EvidenceLine> evidence,
                            Suggestion suggestion, List<SourceReference> references) {
    }

    /** A line of the trace as strace wrote it (display text: invalid UTF-8 as {@code \xNN}). */
    public record EvidenceLine(long line, String text) {
    }

    /**
     * @param source "disk" (the directory as it is now on this machine) or "trace" (a file the trace opened)
     * @param reason why it is likely the one meant, e.g. "1 edit away"
     */
    public record Suggestion(String path, String source, String reason) {
    }

    /**
     * A line of the application's source that names a missing file, like {@code grep -n} would show it.
     *
     * @param missing the failed path whose file name was searched for
     * @param file    the source file
     * @param line    its 1-based line number
     * @param text    that line, trimmed
     */
    public record SourceReference(String missing, String file, long line, String text) {
    }

    /** A failure that every process makes (ranked last; listed, not explained). */
    public record NormalMiss(String path, long count, String errno, String rule) {
    }

    /**
     * A call that never returned while the trace ran, or that took longer than the slow threshold.
     *
     * @param blockedSeconds how long it was blocked: until it returned, or until the end of the trace
     * @param unfinished     true when it never returned within the trace
     * @param reason         "unfinished at end of trace", "detached", "killed by SIGxxx", "process exited", "slow"
     * @param request        the request it belongs to ({@code GET /hang.php}), or null
     */
    public record Hang(int pid, String syscall, String target, String started, long line, double blockedSeconds,
                       boolean unfinished, String reason, String request, EvidenceLine evidence) {
    }

    /**
     * @param parent   parent pid, or 0 when the trace does not show the fork
     * @param command  the program and arguments of its last execve, or null
     * @param end      "exited with 0", "killed by SIGSEGV (core dumped)", "detached", "still running" (when the trace ended)
     * @param signals  signals delivered, in order of first delivery
     * @param threads  tids of its other threads
     */
    public record ProcessInfo(int pid, int parent, String command, long firstLine, long lastLine, String firstTime,
                              String lastTime, long syscalls, long failedSyscalls, List<String> signals,
                              List<Integer> threads, String end) {
    }

    /** The headed blanks of a postmortem that only the engineer can fill. */
    public record Postmortem(String resolution, List<String> correctiveActions, List<String> preventiveActions) {
        public static Postmortem blank() {
            return new Postmortem("", List.of(), List.of());
        }
    }

    /**
     * Where the trace came from. Fields the trace cannot tell and the capture did not record are null.
     *
     * @param mode           "file" (read from a file), "launch" (stracewb run) or "attach" (stracewb attach)
     * @param command        the traced command line (launch) or null
     * @param pids           the pids strace attached to (attach), else the pids seen in the trace
     * @param straceVersion  e.g. "strace -- version 6.1"
     * @param straceOptions  the options given to strace, or those the trace shows ("-f -tt -T -yy (inferred)")
     * @param timeFormat     how the trace writes times: none, time_of_day, epoch, relative
     * @param traceSha256    SHA-256 of the trace file as it is on disk, hex, or null when there is no one file
     */
    public record CaptureDetails(String mode, String command, List<Integer> pids, String straceVersion,
                                 String straceOptions, String kernel, String host, String user, String started,
                                 String stopped, String firstEvent, String lastEvent, Double durationSeconds,
                                 String traceFile, Long traceBytes, String traceSha256, String timeFormat,
                                 long lines, long events, long unparsedLines) {
    }

    /**
     * @param enabled  false when written with {@code --no-redact}
     * @param counts   kind → values redacted, in {@link Redactor.Kind} order; empty when nothing was found
     */
    public record RedactionSummary(boolean enabled, long total, Map<String, Long> counts, List<String> rules) {
    }

    /** One line of the per-syscall table, like {@code strace -c}. */
    public record SyscallRow(String name, long calls, long errors, double seconds, double percentTime) {
    }
}
