package dev.stracewb.cli;

import dev.stracewb.analysis.AnalysisOptions;
import dev.stracewb.session.TraceSession;
import dev.stracewb.source.LineSource;
import dev.stracewb.source.SourceException;
import dev.stracewb.source.Sources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code stracewb analyze FILE...}: what failed, on which path, how often; the culprit first. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Read strace output and rank the failures, culprit first.",
                "FILE may be a plain trace, a .gz, an -ff directory or prefix (PREFIX.PID files), or - for stdin."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "strace output to read")
    List<String> files;

    @Option(names = "--json", description = "print one JSON object (schema in README.md)")
    boolean json;

    @Option(names = "--top", defaultValue = "20", paramLabel = "N", description = "failure groups to list in the human output (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--slow", defaultValue = "1s", paramLabel = "DURATION",
            description = "report calls that took at least this long as hangs: 1s, 500ms, 2.5s (default ${DEFAULT-VALUE})")
    String slow;

    @Option(names = "--source", paramLabel = "DIR",
            description = "the application's source (document root) for \"did you mean\" and the search for lines "
                    + "that name a missing file; inferred from the trace when not given")
    java.nio.file.Path sourceDir;

    @Mixin
    ReportOptionsMixin report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long slowNanos;
        try {
            slowNanos = Durations.parseNanos(slow);
        } catch (IllegalArgumentException e) {
            err.println("stracewb: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (sourceDir != null && !java.nio.file.Files.isDirectory(sourceDir)) {
            err.println("stracewb: --source " + sourceDir + " is not a directory: give the application's document root");
            return ExitCodes.USAGE;
        }
        BatchJit.tuneFor(files);
        AnalysisOptions options = new AnalysisOptions(slowNanos, sourceDir);
        LineSource source;
        try {
            report.check();
            source = Sources.open(files);
        } catch (SourceException e) {
            err.println("stracewb: " + e.getMessage());
            return e.isNotATrace() ? ExitCodes.NOT_A_TRACE : ExitCodes.FAILURE;
        } catch (dev.stracewb.report.ReportException e) {
            err.println("stracewb: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        try (TraceSession session = TraceSession.of(source, options)) {
            session.run();
            if (session.error() != null) {
                err.println("stracewb: " + UserMessages.of(session.error()));
                return ExitCodes.FAILURE;
            }
            var acc = session.accounting();
            if (acc.lines() > 0 && acc.unparsedLines() == acc.lines()) {
                err.println("stracewb: " + session.name() + " does not look like strace output (none of its "
                        + acc.lines() + " lines could be read as strace lines)");
                return ExitCodes.NOT_A_TRACE;
            }
            if (json) {
                AnalysisJson.write(session, out);
                out.println();
            } else {
                new HumanSummary(out).print(session, top);
            }
            out.flush();
            if (!report.writeIfRequested(session, dev.stracewb.report.CaptureInfo.unknown(), err)) {
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        }
    }
}
