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

    /** The defaults, shared by picocli's options and the plain fast path of {@link #runPlain}. */
    static final String DEFAULT_TOP = "20";
    static final String DEFAULT_SLOW = "1s";

    @Option(names = "--top", defaultValue = DEFAULT_TOP, paramLabel = "N", description = "failure groups to list in the human output (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--slow", defaultValue = DEFAULT_SLOW, paramLabel = "DURATION",
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
        return analyze(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * {@code analyze [--json] FILE...}, the form scripts and benchmarks run, without picocli: building picocli's
     * model of the commands costs about 0.1 s of a run that reads a million lines in one. Only the plainest
     * arguments qualify (no other option, no {@code --}, no {@code @file}, no FILE that starts with {@code -});
     * they mean the same to picocli, and the run is the same {@link #analyze} with picocli's defaults.
     *
     * @return the exit code, or -1 when the arguments are not of that form (picocli then parses them)
     */
    static int runPlain(String[] args, java.util.function.Supplier<PrintWriter> out,
                        java.util.function.Supplier<PrintWriter> err) {
        if (args.length < 2 || !"analyze".equals(args[0])) {
            return -1;
        }
        AnalyzeCommand c = new AnalyzeCommand();
        c.files = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json") && !c.json) {
                c.json = true;
            } else if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
                return -1;
            } else {
                c.files.add(a);
            }
        }
        if (c.files.isEmpty()) {
            return -1;
        }
        c.top = Integer.parseInt(DEFAULT_TOP);
        c.slow = DEFAULT_SLOW;
        c.report = new ReportOptionsMixin();
        PrintWriter o = out.get();
        PrintWriter e = err.get();
        try {
            return c.analyze(o, e);
        } catch (Exception ex) {
            // what StracewbCommand's execution exception handler prints
            e.println("stracewb: " + UserMessages.of(ex));
            return ExitCodes.FAILURE;
        } finally {
            o.flush();
            e.flush();
        }
    }

    private int analyze(PrintWriter out, PrintWriter err) throws Exception {
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
