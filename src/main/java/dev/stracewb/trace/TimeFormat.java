package dev.stracewb.trace;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How a trace's timestamps were written, which decides how to show them. */
public enum TimeFormat {
    /** No timestamps. */
    NONE,
    /** {@code -t}, {@code -tt}: time of day. */
    TIME_OF_DAY,
    /** {@code -ttt}, {@code --timestamps=unix}: seconds since the epoch. */
    EPOCH,
    /** {@code -r}: relative; stored as the running total since the first line. */
    RELATIVE;

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The time as a user reads it: {@code 03:26:28.524857}, an ISO instant, or {@code +1.234567s}. */
    public String format(long nanos) {
        if (nanos == TraceEvent.NO_TIME || this == NONE) {
            return "";
        }
        return switch (this) {
            case TIME_OF_DAY -> {
                long s = Math.floorDiv(nanos, 1_000_000_000L);
                long micros = Math.floorMod(nanos, 1_000_000_000L) / 1000;
                yield String.format("%02d:%02d:%02d.%06d", (s / 3600) % 24, (s / 60) % 60, s % 60, micros);
            }
            case EPOCH -> ISO.format(Instant.ofEpochSecond(0, nanos));
            case RELATIVE -> String.format("+%d.%06ds", nanos / 1_000_000_000L, (nanos % 1_000_000_000L) / 1000);
            case NONE -> "";
        };
    }
}
