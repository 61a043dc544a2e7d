package dev.stracewb.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a live capture ({@code stracewb run} or {@code attach}) knows about itself and a trace file does not:
 * the command or pids, strace's version and options, and the machine it ran on. Any field may be null.
 *
 * @param mode           "launch" or "attach" ({@code null} = read from a file)
 * @param command        the traced command and its arguments (launch)
 * @param pids           the pids strace was attached to (attach)
 * @param straceVersion  e.g. "strace -- version 6.1"
 * @param straceOptions  the options given to strace, e.g. {@code -f -tt -T -yy -s 256}
 * @param kernel         {@code uname -r} of the traced machine
 * @param host           host name of the traced machine
 * @param user           the user that ran strace
 * @param started        when the capture started
 * @param stopped        when it stopped
 * @param savedTrace     the trace file the capture wrote (for its SHA-256), or null
 */
public record CaptureInfo(String mode, List<String> command, List<Integer> pids, String straceVersion,
                          String straceOptions, String kernel, String host, String user, Instant started,
                          Instant stopped, Path savedTrace) {

    public CaptureInfo {
        command = command == null ? null : List.copyOf(command);
        pids = pids == null ? null : List.copyOf(pids);
    }

    /** Nothing known: a trace read from a file. */
    public static CaptureInfo unknown() {
        return new CaptureInfo(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * A capture on this machine: kernel, host and user filled in from the running JVM; the caller gives the rest.
     */
    public static CaptureInfo thisMachine(String mode, List<String> command, List<Integer> pids,
                                          String straceVersion, String straceOptions, Instant started,
                                          Instant stopped, Path savedTrace) {
        return new CaptureInfo(mode, command, pids, straceVersion, straceOptions, LocalHost.kernel(),
                LocalHost.name(), System.getProperty("user.name"), started, stopped, savedTrace);
    }
}
