package dev.stracewb.report;

import java.time.Clock;
import java.util.Objects;

/**
 * How to write a report. Immutable; start from {@link #defaults()} and change with the {@code with...} methods.
 *
 * @param redact              redact secrets (on by default; {@code --no-redact} turns it off)
 * @param evidencePerFinding  strace lines shown per root-cause candidate
 * @param maxRootCauses       root-cause candidates listed (the rest are counted)
 * @param maxTimelineEvents   process events (signals, exits) listed in the timeline
 * @param clock               the time written as "generated" (tests pass a fixed clock)
 * @param host                the host written as "generated on" (tests pass a fixed name)
 * @param capture             what a live capture knows about itself (command, pids, strace version, ...), or
 *                            {@link CaptureInfo#unknown()} for a trace read from a file
 */
public record ReportOptions(boolean redact, int evidencePerFinding, int maxRootCauses, int maxTimelineEvents,
                            Clock clock, String host, CaptureInfo capture) {

    public ReportOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(capture, "capture");
        if (evidencePerFinding < 1 || maxRootCauses < 1 || maxTimelineEvents < 0) {
            throw new IllegalArgumentException("evidencePerFinding and maxRootCauses must be at least 1");
        }
    }

    public static ReportOptions defaults() {
        return new ReportOptions(true, 4, 10, 40, Clock.systemUTC(), LocalHost.name(), CaptureInfo.unknown());
    }

    public ReportOptions withRedact(boolean value) {
        return new ReportOptions(value, evidencePerFinding, maxRootCauses, maxTimelineEvents, clock, host, capture);
    }

    public ReportOptions withEvidencePerFinding(int value) {
        return new ReportOptions(redact, value, maxRootCauses, maxTimelineEvents, clock, host, capture);
    }

    public ReportOptions withMaxRootCauses(int value) {
        return new ReportOptions(redact, evidencePerFinding, value, maxTimelineEvents, clock, host, capture);
    }

    public ReportOptions withClock(Clock value) {
        return new ReportOptions(redact, evidencePerFinding, maxRootCauses, maxTimelineEvents, value, host, capture);
    }

    public ReportOptions withHost(String value) {
        return new ReportOptions(redact, evidencePerFinding, maxRootCauses, maxTimelineEvents, clock, value, capture);
    }

    public ReportOptions withCapture(CaptureInfo value) {
        return new ReportOptions(redact, evidencePerFinding, maxRootCauses, maxTimelineEvents, clock, host, value);
    }
}
