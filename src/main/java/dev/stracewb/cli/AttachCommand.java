package dev.stracewb.cli;

import dev.stracewb.capture.AttachPlan;
import dev.stracewb.capture.CaptureException;
import dev.stracewb.capture.CaptureRequest;
import dev.stracewb.capture.ProcessDiscovery;
import dev.stracewb.capture.ServerKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code stracewb attach}: strace running processes (a server's master and workers), then the summary. */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Attach strace to running processes and summarise what failed, culprit first.",
                "Stop with Ctrl-C or --duration: strace detaches and every process keeps running.",
                "Examples:  stracewb attach --server apache2 --duration 30s",
                "           stracewb attach --server php-fpm --sample 1",
                "           stracewb attach --pid 1234 --children"})
public final class AttachCommand implements Callable<Integer> {

    @Mixin
    CaptureOptions options = new CaptureOptions();

    @Option(names = {"-p", "--pid"}, paramLabel = "N", description = "a process to attach to (repeatable)")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "--children", description = "also every descendant of each --pid (and, with -f, children "
            + "forked later)")
    boolean children;

    @Option(names = "--server", paramLabel = "NAME", description = "apache2, httpd, php-fpm (any php-fpmX.Y) or "
            + "nginx: its masters (with -f, so new workers are traced too) and all workers")
    String server;

    @Option(names = "--sample", paramLabel = "K", defaultValue = "0",
            description = "trace only K workers (the busiest by CPU time), not the master, so the rest serve at "
                    + "full speed")
    int sample;

    @Option(names = "--sample-random", description = "with --sample: pick the K workers at random")
    boolean sampleRandom;

    @Spec
    CommandSpec spec;

    /** A sample is there to spare the server: its defaults cost the server least (see CaptureRequest.sampled). */
    private boolean sampled() {
        return sample > 0;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        AttachPlan plan;
        CaptureRequest request;
        AttachPlan.Wish wish;
        try {
            ServerKind kind = server == null ? null : ServerKind.fromUserName(server);
            if (sampleRandom && sample == 0) {
                throw new CaptureException(CaptureException.Reason.BAD_ARGUMENTS,
                        "--sample-random needs --sample K");
            }
            wish = new AttachPlan.Wish(pids, children, kind, sample, sampleRandom);
            plan = AttachPlan.of(wish, new ProcessDiscovery());
            request = options.apply(CaptureRequest.attach(plan.targets()), sampled());
        } catch (CaptureException e) {
            err.println("stracewb: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        // processes the user named must be traced or fail; workers stracewb chose may be chosen again
        boolean chosenByUs = sample > 0 || (server != null && (pids == null || pids.isEmpty()));
        CaptureFlow.Replan replan = chosenByUs
                ? () -> options.apply(CaptureRequest.attach(AttachPlan.of(wish, new ProcessDiscovery()).targets()),
                        sampled())
                : null;
        return new CaptureFlow(spec.commandLine().getOut(), err, options).capture(request, plan.notes(), replan);
    }
}
