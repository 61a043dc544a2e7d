package dev.stracewb.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stracewb.capture.CaptureException;
import dev.stracewb.capture.CaptureListener;
import dev.stracewb.capture.CaptureMode;
import dev.stracewb.capture.CaptureRequest;
import dev.stracewb.capture.CaptureResult;
import dev.stracewb.capture.StraceCaptureSource;
import dev.stracewb.session.SessionListener;
import dev.stracewb.session.TraceSession;

import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code run} and {@code attach} share: start the capture, feed it to a {@link TraceSession} as it arrives,
 * stop on Ctrl-C / SIGTERM / --duration / the tracees' exit, then print the same summary as {@code analyze}.
 * Notices go to stderr so that {@code --json} leaves stdout pure JSON.
 */
final class CaptureFlow {

    private final PrintWriter out;
    private final PrintWriter err;
    private final CaptureOptions options;

    CaptureFlow(PrintWriter out, PrintWriter err, CaptureOptions options) {
        this.out = out;
        this.err = err;
        this.options = options;
    }

    /**
     * Chooses the processes to trace again, for an attach whose targets were picked by stracewb (--server,
     * --sample) rather than named by the user: a server reaps idle workers, so the ones chosen may be gone
     * by the time strace attaches.
     */
    interface Replan {
        CaptureRequest next() throws CaptureException;
    }

    /** Attempts at choosing again before giving up. */
    static final int REPLANS = 3;

    int capture(CaptureRequest request, List<String> notes) throws Exception {
        return capture(request, notes, null);
    }

    int capture(CaptureRequest request, List<String> notes, Replan replan) throws Exception {
        try {
            options.report.check();
        } catch (dev.stracewb.report.ReportException e) {
            err.println("stracewb: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        // before strace starts: the directive costs ~0.1 s, which must not be spent while the server is traced
        BatchJit.tuneForCapture();
        java.time.Instant started = java.time.Instant.now();
        StraceCaptureSource capture = null;
        for (int attempt = 0; capture == null; attempt++) {
            try {
                capture = StraceCaptureSource.start(request, new Notices(err));
            } catch (CaptureException e) {
                if (replan != null && attempt < REPLANS && e.reason() == CaptureException.Reason.NO_SUCH_PROCESS) {
                    err.println("stracewb: the chosen processes exited before strace attached; choosing again");
                    try {
                        request = replan.next();
                        continue;
                    } catch (CaptureException again) {
                        e = again;
                    }
                }
                err.println("stracewb: " + e.getMessage());
                err.flush();
                return ExitCodes.FAILURE;
            }
        }
        notes.forEach(n -> err.println("stracewb: " + n));
        err.println("stracewb: " + capture.command().display());
        err.println("stracewb: saving the raw trace to " + capture.outputFile());
        for (String w : capture.warnings()) {
            err.println("stracewb: warning: " + w);
        }
        err.println("stracewb: capturing; stop with Ctrl-C" + (options.duration != null
                ? " or wait " + options.duration.toString().substring(2).toLowerCase() : ""));
        err.flush();

        // until the summary is out, SIGINT/SIGTERM only stop the capture (a second one must not cut the summary)
        Runnable restoreSignals = StopSignals.onStop(capture::stop);
        try (TraceSession session = TraceSession.of(capture)) {
            // a live counter on a terminal; not for run, whose command writes to the same terminal
            if (System.console() != null && !options.json && request.mode() == CaptureMode.ATTACH) {
                session.addListener(new Progress(err));
            }
            session.run();
            CaptureResult result = capture.result().orElse(null);
            if (result != null) {
                describeEnd(result);
            }
            if (session.error() != null) {
                err.println("stracewb: " + UserMessages.of(session.error()));
                err.flush();
                printSummary(session, result);
                return ExitCodes.FAILURE;
            }
            printSummary(session, result);
            boolean reported = options.report.writeIfRequested(session,
                    ReportOptionsMixin.captureInfo(capture, started, java.time.Instant.now()), err);
            err.flush();
            return (result != null && !result.clean()) || !reported ? ExitCodes.FAILURE : ExitCodes.OK;
        } finally {
            restoreSignals.run();
        }
    }

    private void describeEnd(CaptureResult r) {
        String why = switch (r.reason()) {
            case STOPPED, JVM_EXIT -> "stopped";
            case DURATION -> "duration reached";
            case TARGETS_EXITED -> "the traced processes ended";
            case FAILED -> "failed";
        };
        err.printf("stracewb: capture ended (%s) after %.1f s: %,d lines in %s%n", why,
                r.elapsed().toMillis() / 1000.0, r.lines(), r.outputFile());
        if (!r.attached().isEmpty()) {
            err.printf("stracewb: strace attached to %d processes/threads and detached from %d%n",
                    r.attached().size(), r.detached().size());
        }
        if (!r.stillTraced().isEmpty()) {
            err.println("stracewb: warning: still traced: " + r.stillTraced());
        }
        err.flush();
    }

    private void printSummary(TraceSession session, CaptureResult result) throws Exception {
        if (options.json) {
            ObjectNode root = AnalysisJson.of(session);
            if (result != null) {
                root.set("capture", captureJson(result));
            }
            out.println(AnalysisJson.mapper().writeValueAsString(root));
        } else {
            new HumanSummary(out).print(session, options.top);
        }
        out.flush();
    }

    static ObjectNode captureJson(CaptureResult r) {
        ObjectNode n = AnalysisJson.mapper().createObjectNode();
        n.put("file", r.outputFile().toString());
        n.put("reason", r.reason().name().toLowerCase(java.util.Locale.ROOT));
        n.put("seconds", r.elapsed().toMillis() / 1000.0);
        n.put("straceExitCode", r.straceExitCode());
        ArrayNode attached = n.putArray("attached");
        r.attached().forEach(attached::add);
        ArrayNode detached = n.putArray("detached");
        r.detached().forEach(detached::add);
        ArrayNode still = n.putArray("stillTraced");
        r.stillTraced().forEach(still::add);
        ArrayNode warnings = n.putArray("warnings");
        r.warnings().forEach(warnings::add);
        return n;
    }

    /** Capture notices on stderr, as they happen. */
    private static final class Notices implements CaptureListener {
        private final PrintWriter err;

        Notices(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void warning(String message) {
            synchronized (err) {
                err.println("stracewb: warning: " + message);
                err.flush();
            }
        }
    }

    /** A one-line live counter on a terminal. */
    private static final class Progress implements SessionListener {
        private final PrintWriter err;
        private long last;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void rowsAdded(TraceSession session, int rowCount, long lineCount) {
            long now = System.nanoTime();
            if (now - last < 1_000_000_000L) {
                return;
            }
            last = now;
            synchronized (err) {
                err.printf("\r%,d lines, %,d syscalls ", lineCount, rowCount);
                err.flush();
            }
        }

        @Override
        public void finished(TraceSession session, Throwable error) {
            synchronized (err) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
            }
        }
    }
}
