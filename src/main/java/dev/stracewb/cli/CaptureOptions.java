package dev.stracewb.cli;

import dev.stracewb.capture.CaptureException;
import dev.stracewb.capture.CaptureProfile;
import dev.stracewb.capture.CaptureRequest;
import dev.stracewb.capture.StraceArgs;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** Options common to {@code run} and {@code attach}. */
final class CaptureOptions {

    /** {@code --report FILE} and {@code --no-redact}: an incident report of the capture when it ends. */
    @picocli.CommandLine.Mixin
    ReportOptionsMixin report = new ReportOptionsMixin();


    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "stop after TIME (30s, 5m, 1h, 500ms; a bare number is seconds); "
                    + "default: until Ctrl-C or until the traced processes end")
    Duration duration;

    @Option(names = "--save", paramLabel = "FILE",
            description = "write the raw trace to FILE (default: a session file under "
                    + "$XDG_DATA_HOME/stracewb/sessions, printed at start)")
    Path save;

    @Option(names = "--json", description = "print the summary as one JSON object (the analyze schema)")
    boolean json;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "web",
            description = "web (default): files, processes, network, read/write family, poll/select; full: every syscall")
    String profile;

    @Option(names = "--strace-args", paramLabel = "\"ARGS\"",
            description = "extra strace options, appended (split into words like a shell would, never run by one)")
    String straceArgs;

    @Option(names = "--sudo", description = "run strace through sudo -n, so stracewb itself need not be root")
    boolean sudo;

    @Option(names = "--nice", paramLabel = "N",
            description = "run strace at CPU niceness N (0-19) so the server's untraced processes get the CPU "
                    + "first; default " + CaptureRequest.SAMPLED_NICE + " with --sample, else 0 (for run, the "
                    + "command inherits it)")
    Integer nice;

    @Option(names = "--socket-endpoints", negatable = true,
            description = "show sockets with their endpoints (strace -yy, e.g. TCP:[a->b]); --no-socket-endpoints: "
                    + "paths only (strace -y), which costs the traced workers less per socket call; default: "
                    + "endpoints, except with --sample")
    Boolean socketEndpoints;

    @Option(names = "--top", defaultValue = "20", paramLabel = "N",
            description = "failure groups to list in the human summary (default ${DEFAULT-VALUE})")
    int top;

    CaptureRequest apply(CaptureRequest request) throws CaptureException {
        return apply(request, false);
    }

    /**
     * As {@link #apply(CaptureRequest)}; with {@code sampled}, what the user did not set comes from
     * {@link CaptureRequest#sampled()}.
     */
    CaptureRequest apply(CaptureRequest request, boolean sampled) throws CaptureException {
        CaptureRequest defaults = sampled ? request.sampled() : request;
        int n = nice != null ? nice : defaults.tracerNice();
        if (n < 0 || n > 19) {
            throw new CaptureException(CaptureException.Reason.BAD_ARGUMENTS, "--nice takes 0 to 19, not " + n);
        }
        boolean endpoints = socketEndpoints != null ? socketEndpoints : defaults.socketEndpoints();
        return defaults.withTracerNice(n).withSocketEndpoints(endpoints)
                .withProfile(CaptureProfile.fromUserName(profile))
                .withExtraStraceArgs(StraceArgs.split(straceArgs))
                .withSudo(sudo)
                .withSaveFile(save)
                .withDuration(duration);
    }
}
