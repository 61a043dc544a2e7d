package dev.stracewb.cli;

import dev.stracewb.capture.CaptureException;
import dev.stracewb.capture.CaptureRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code stracewb run [options] -- CMD [ARGS...]}: CMD under strace, then the summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run CMD under strace and summarise what failed, culprit first.",
                "CMD's own stdin, stdout and stderr stay its own; the trace goes to a file.",
                "Ctrl-C or --duration interrupts CMD (SIGINT, then SIGTERM, then SIGKILL) and ends the capture."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    CaptureOptions options = new CaptureOptions();

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "the command and its arguments (put -- before it)")
    List<String> command;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CaptureRequest request;
        try {
            request = options.apply(CaptureRequest.run(command).withInheritCommandIo(true));
        } catch (CaptureException e) {
            spec.commandLine().getErr().println("stracewb: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        return new CaptureFlow(spec.commandLine().getOut(), spec.commandLine().getErr(), options)
                .capture(request, List.of());
    }
}
