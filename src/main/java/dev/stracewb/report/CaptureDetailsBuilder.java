package dev.stracewb.report;

import dev.stracewb.session.LineAccounting;
import dev.stracewb.session.TraceSession;
import dev.stracewb.store.EventStore;
import dev.stracewb.trace.TimeFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The report's capture details: what the capture recorded about itself ({@link CaptureInfo}) and what the trace
 * shows (pids, time span, the strace options its lines imply), plus the trace file's size and SHA-256 so the
 * report can be tied to the exact file it was written from.
 */
final class CaptureDetailsBuilder {
    /** Lines looked at to tell which strace options wrote the trace. */
    private static final int SNIFF_LINES = 2000;

    private final TraceSession session;
    private final EventStore store;
    private final TraceFacts facts;
    private final CaptureInfo info;
    private final UnaryOperator<String> clean;

    CaptureDetailsBuilder(TraceSession session, TraceFacts facts, ReportOptions options,
                          UnaryOperator<String> clean) {
        this.session = session;
        this.store = session.store();
        this.facts = facts;
        this.info = options.capture();
        this.clean = clean;
    }

    Report.CaptureDetails details() {
        Path file = traceFile();
        Long bytes = null;
        String sha = null;
        if (file != null) {
            try {
                bytes = Files.size(file);
                sha = sha256(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the trace file " + file + " to hash it: "
                        + e.getMessage(), e);
            }
        }
        LineAccounting acc = session.accounting();
        String first = facts.firstTimedRow >= 0 ? store.formatTime(facts.firstTimedRow) : null;
        String last = facts.lastTimedRow >= 0 ? store.formatTime(facts.lastTimedRow) : null;
        Double duration = null;
        if (facts.firstTimedRow >= 0 && store.timeFormat() != TimeFormat.NONE) {
            long nanos = Candidates.elapsedNanos(store.timeFormat(), store.timeNanos(facts.firstTimedRow),
                    store.timeNanos(facts.lastTimedRow));
            duration = Math.round(nanos / 1e3) / 1e6;
        }
        if (info.started() != null && info.stopped() != null) {
            duration = Math.round((info.stopped().toEpochMilli() - info.started().toEpochMilli())) / 1e3;
        }
        return new Report.CaptureDetails(
                info.mode() == null ? "file" : info.mode(),
                info.command() == null ? null : clean.apply(String.join(" ", info.command())),
                info.pids() != null ? info.pids() : List.copyOf(facts.processes.keySet()),
                info.straceVersion(),
                info.straceOptions() != null ? info.straceOptions() : inferredOptions(),
                info.kernel(),
                info.host(),
                info.user(),
                info.started() == null ? null : info.started().toString(),
                info.stopped() == null ? null : info.stopped().toString(),
                first,
                last,
                duration,
                file != null ? clean.apply(file.toString()) : clean.apply(session.name()),
                bytes,
                sha,
                store.timeFormat().name().toLowerCase(Locale.ROOT),
                acc.lines(),
                store.size(),
                acc.unparsedLines());
    }

    /**
     * The one file the trace is: the file the capture saved, or the file the session was read from (a plain
     * trace or a .gz, whose source is named by its path); none for -ff sets, stdin and unsaved captures.
     */
    private Path traceFile() {
        if (info.savedTrace() != null && Files.isRegularFile(info.savedTrace())) {
            return info.savedTrace();
        }
        try {
            Path named = Path.of(session.name());
            return Files.isRegularFile(named) ? named : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The options the trace's lines show, e.g. {@code -f -tt -T -yy (inferred from the trace)}. */
    private String inferredOptions() {
        List<String> opts = new ArrayList<>();
        if (!facts.processes.isEmpty()) {
            opts.add("-f");
        }
        switch (store.timeFormat()) {
            case TIME_OF_DAY -> opts.add(fractionalTime() ? "-tt" : "-t");
            case EPOCH -> opts.add("-ttt");
            case RELATIVE -> opts.add("-r");
            default -> {
            }
        }
        if (facts.durations) {
            opts.add("-T");
        }
        String decoration = fdDecoration();
        if (decoration != null) {
            opts.add(decoration);
        }
        return opts.isEmpty() ? "none visible in the trace" : String.join(" ", opts) + " (inferred from the trace)";
    }

    private boolean fractionalTime() {
        if (facts.firstTimedRow < 0) {
            return false;
        }
        String line = store.raw().line(store.firstLine(facts.firstTimedRow));
        for (String token : line.trim().split("\\s+", 3)) {
            if (token.indexOf(':') > 0) {
                return token.indexOf('.') > 0;
            }
        }
        return false;
    }

    /** {@code -yy} when sockets or AT_FDCWD carry their target, {@code -y} when only fds show paths. */
    private String fdDecoration() {
        long lines = Math.min(SNIFF_LINES, store.raw().lineCount());
        boolean y = false;
        for (long n = 1; n <= lines; n++) {
            String line = store.raw().line(n);
            if (line.contains("AT_FDCWD<") || line.contains("<TCP:[") || line.contains("<UDP:[")
                    || line.contains("<UNIX-STREAM:[") || line.contains("<TCPv6:[")) {
                return "-yy";
            }
            if (!y && line.matches(".*\\(\\d+</.*")) {
                y = true;
            }
        }
        return y ? "-y" : null;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
