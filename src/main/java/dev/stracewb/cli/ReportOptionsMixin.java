package dev.stracewb.cli;

import dev.stracewb.capture.CaptureMode;
import dev.stracewb.capture.CaptureRequest;
import dev.stracewb.capture.StraceCaptureSource;
import dev.stracewb.report.CaptureInfo;
import dev.stracewb.report.Report;
import dev.stracewb.report.ReportException;
import dev.stracewb.report.ReportFormat;
import dev.stracewb.report.ReportOptions;
import dev.stracewb.report.ReportWriter;
import dev.stracewb.session.TraceSession;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --report FILE} and {@code --no-redact}, for every command that ends with a session: {@code analyze},
 * {@code run}, {@code attach}, {@code diff}. Add it with {@code @Mixin ReportOptionsMixin report;}, call
 * {@link #check()} before the long work (a wrong extension fails at once, not after a capture), and
 * {@link #writeIfRequested} at the end.
 */
public final class ReportOptionsMixin {

    @Option(names = "--report", paramLabel = "FILE",
            description = "also write an incident report to FILE: Markdown (.md), self-contained HTML (.html) or "
                    + "JSON (.json), by the extension")
    Path report;

    @Option(names = "--no-redact",
            description = "keep cookies, tokens and passwords in the report (they are redacted by default)")
    boolean noRedact;

    /** Whether {@code --report} was given. */
    public boolean requested() {
        return report != null;
    }

    public Path file() {
        return report;
    }

    public boolean redact() {
        return !noRedact;
    }

    /** Fails early, with the message a user sees, when the report's format cannot be told from its name. */
    public void check() throws ReportException {
        if (report != null) {
            ReportFormat.of(report);
        }
    }

    /**
     * What a live capture tells the report about itself: run or attach, the command or the pids, strace's version
     * and options, this machine's kernel, host and user, when it started and stopped, and the saved trace (for its
     * SHA-256). For {@code run} and {@code attach}: {@code started} is taken before
     * {@link StraceCaptureSource#start}, {@code stopped} when the session has read everything.
     */
    public static CaptureInfo captureInfo(StraceCaptureSource capture, Instant started, Instant stopped) {
        CaptureRequest request = capture.request();
        boolean launch = request.mode() == CaptureMode.RUN;
        List<Integer> pids = null;
        if (!launch) {
            pids = new ArrayList<>(new java.util.TreeSet<>(capture.attachedPids()));
        }
        String version = capture.probe() == null ? null : "strace -- version " + capture.probe().version();
        return CaptureInfo.thisMachine(launch ? "launch" : "attach", launch ? request.command() : null, pids,
                version, straceOptions(capture.command().straceArgs()), started, stopped, capture.outputFile());
    }

    /** strace's own options, without the output file and the tracees (they have their own rows). */
    static String straceOptions(List<String> straceArgs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < straceArgs.size(); i++) {
            String a = straceArgs.get(i);
            if (a.equals("-o") || a.equals("-p")) {
                i++;
                continue;
            }
            if (a.equals("--")) {
                break;
            }
            out.add(a);
        }
        return String.join(" ", out);
    }

    /**
     * Writes the report if {@code --report} was given; says where on {@code err} (stdout stays the command's own).
     *
     * @param capture what a live capture knows about itself ({@link CaptureInfo#thisMachine}), or
     *                {@link CaptureInfo#unknown()} for a trace read from a file
     * @return false (after printing a one-line error) when the report could not be written
     */
    public boolean writeIfRequested(TraceSession session, CaptureInfo capture, PrintWriter err) {
        if (report == null) {
            return true;
        }
        try {
            ReportFormat format = ReportFormat.of(report);
            ReportOptions options = ReportOptions.defaults().withRedact(redact()).withCapture(capture);
            Report written = ReportWriter.write(session, report, format, options);
            long redacted = written.redaction().total();
            err.println("stracewb: report written to " + report + " ("
                    + (redact() ? redacted + " secret " + (redacted == 1 ? "value" : "values") + " redacted"
                    : "not redacted") + ")");
            err.flush();
            return true;
        } catch (ReportException e) {
            err.println("stracewb: " + e.getMessage());
            err.flush();
            return false;
        }
    }
}
