package dev.stracewb.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stracewb.analysis.AnalysisOptions;
import dev.stracewb.analysis.TraceDiff;
import dev.stracewb.session.TraceSession;
import dev.stracewb.source.SourceException;
import dev.stracewb.source.Sources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code stracewb diff GOOD BAD}: what the bad trace does that the good one did not, culprit first. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare a good trace with a bad one: paths that fail only in BAD, syscalls whose errors rose,",
                "new execs, and the request status mix before and after; the culprit first.",
                "Trace the old release, trace the new one, diff."})
public final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "GOOD", description = "trace of the working version")
    String good;

    @Parameters(index = "1", paramLabel = "BAD", description = "trace of the broken version")
    String bad;

    @Option(names = "--json", description = "print one JSON object (schema stracewb-diff/1, README.md)")
    boolean json;

    @Option(names = "--source", paramLabel = "DIR", description = "the application's source, for \"did you mean\"")
    java.nio.file.Path sourceDir;

    @Option(names = "--top", defaultValue = "20", description = "entries per section in the human output (default ${DEFAULT-VALUE})")
    int top;

    @Mixin
    ReportOptionsMixin report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AnalysisOptions options = AnalysisOptions.DEFAULT.withSourceRoot(sourceDir);
        try {
            report.check();
        } catch (dev.stracewb.report.ReportException e) {
            err.println("stracewb: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        try (TraceSession g = TraceSession.of(Sources.open(good), options);
             TraceSession b = TraceSession.of(Sources.open(bad), options)) {
            for (TraceSession s : new TraceSession[] {g, b}) {
                s.run();
                if (s.error() != null) {
                    err.println("stracewb: " + s.name() + ": " + UserMessages.of(s.error()));
                    return ExitCodes.FAILURE;
                }
                var acc = s.accounting();
                if (acc.lines() == 0 || acc.unparsedLines() == acc.lines()) {
                    err.println("stracewb: " + s.name() + " does not look like strace output");
                    return ExitCodes.NOT_A_TRACE;
                }
            }
            TraceDiff diff = TraceDiff.of(g.name(), g.findings(), g.syscallTable(), b.name(), b.findings(),
                    b.syscallTable());
            if (json) {
                out.println(AnalysisJson.mapper().writeValueAsString(json(diff)));
            } else {
                human(out, diff);
            }
            out.flush();
            // the report describes the broken trace: that is the incident; the good one is the baseline
            if (!report.writeIfRequested(b, dev.stracewb.report.CaptureInfo.unknown(), err)) {
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        } catch (SourceException e) {
            err.println("stracewb: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    static ObjectNode json(TraceDiff d) {
        ObjectNode root = AnalysisJson.mapper().createObjectNode();
        root.put("schema", "stracewb-diff/1");
        root.put("good", d.good());
        root.put("bad", d.bad());
        root.set("culprit", d.culprit() == null ? null : failure(d.culprit()));
        ArrayNode failures = root.putArray("newFailures");
        d.newFailures().forEach(f -> failures.add(failure(f)));
        ArrayNode errors = root.putArray("errorsRose");
        for (TraceDiff.ErrorRise e : d.errorsRose()) {
            ObjectNode n = errors.addObject();
            n.put("syscall", e.syscall());
            n.put("goodErrors", e.goodErrors());
            n.put("badErrors", e.badErrors());
            n.put("goodCalls", e.goodCalls());
            n.put("badCalls", e.badCalls());
        }
        ArrayNode execs = root.putArray("newExecs");
        d.newExecs().forEach(execs::add);
        ObjectNode before = root.putObject("statusesBefore");
        d.statusesBefore().forEach(before::put);
        ObjectNode after = root.putObject("statusesAfter");
        d.statusesAfter().forEach(after::put);
        return root;
    }

    private static ObjectNode failure(TraceDiff.NewFailure f) {
        ObjectNode n = AnalysisJson.mapper().createObjectNode();
        n.put("path", f.path());
        n.put("count", f.count());
        ObjectNode errnos = n.putObject("errnos");
        f.errnos().forEach(errnos::put);
        n.put("expected", f.expected());
        n.put("unusualExtension", f.unusualExtension());
        n.put("suggestion", f.suggestion());
        n.put("firstLine", f.firstLine());
        return n;
    }

    private void human(PrintWriter out, TraceDiff d) {
        out.printf("good: %s%nbad:  %s%n%n", d.good(), d.bad());
        if (d.isEmpty()) {
            out.println("No difference: the bad trace fails nowhere the good one did not.");
            return;
        }
        if (d.culprit() != null) {
            TraceDiff.NewFailure c = d.culprit();
            out.printf("Culprit: %s  (%d × %s, only in BAD%s)%n%n", c.path(), c.count(), c.mainErrno(),
                    c.suggestion() == null ? "" : "; did you mean " + c.suggestion() + "?");
        }
        out.printf("Requests: before %s, after %s%n", mix(d.statusesBefore()), mix(d.statusesAfter()));
        if (!d.newFailures().isEmpty()) {
            out.printf("%nPaths that fail only in BAD (%d), culprit first:%n", d.newFailures().size());
            d.newFailures().stream().limit(top).forEach(f -> out.printf("  %6d × %-7s %s%s%n", f.count(),
                    f.mainErrno(), f.path(), f.expected() == null ? "" : "  [" + f.expected() + "]"));
        }
        if (!d.errorsRose().isEmpty()) {
            out.printf("%nSyscall errors that rose:%n");
            d.errorsRose().stream().limit(top).forEach(e -> out.printf("  %-16s %6d -> %-6d (calls %d -> %d)%n",
                    e.syscall(), e.goodErrors(), e.badErrors(), e.goodCalls(), e.badCalls()));
        }
        if (!d.newExecs().isEmpty()) {
            out.printf("%nCommands run only in BAD:%n");
            d.newExecs().stream().limit(top).forEach(c -> out.println("  " + c));
        }
    }

    private static String mix(Map<String, Integer> statuses) {
        if (statuses.isEmpty()) {
            return "no requests";
        }
        StringBuilder sb = new StringBuilder();
        statuses.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(" × ").append(k));
        return sb.toString();
    }
}
