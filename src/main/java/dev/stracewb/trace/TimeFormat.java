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
                long h = (s / 3600) % 24;
                long m = (s / 60) % 60;
                long sec = s % 60;
                yield s >= 0 && AsciiDigits.DEFAULT ? timeOfDay(h, m, sec, micros)
                        : String.format("%02d:%02d:%02d.%06d", h, m, sec, micros);
            }
            case EPOCH -> ISO.format(Instant.ofEpochSecond(0, nanos));
            case RELATIVE -> "+" + seconds(nanos) + "s";
            case NONE -> "";
        };
    }

    /**
     * {@code 0.000123}: seconds and microseconds, as strace's -T writes a call's duration, and as
     * {@code String.format("%d.%06d")} writes it. Without a Formatter for ASCII digits: the events table formats a
     * duration for every cell it fills, and a Formatter builds the locale's symbols on every call.
     */
    public static String seconds(long nanos) {
        long s = nanos / 1_000_000_000L;
        long micros = (nanos % 1_000_000_000L) / 1000;
        if (nanos < 0 || !AsciiDigits.DEFAULT) {
            return String.format("%d.%06d", s, micros);
        }
        String whole = Long.toString(s);
        byte[] b = new byte[whole.length() + 7];
        for (int i = 0; i < whole.length(); i++) {
            b[i] = (byte) whole.charAt(i);
        }
        b[whole.length()] = '.';
        long v = micros;
        for (int i = b.length - 1; i > whole.length(); i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * {@code HH:MM:SS.ffffff} as {@code String.format("%02d:%02d:%02d.%06d")} writes it for ASCII digits, without
     * a Formatter (which looks up the locale's digits on every call: reports format one time per request).
     */
    private static String timeOfDay(long h, long m, long s, long micros) {
        byte[] b = new byte[15];
        two(b, 0, h);
        b[2] = ':';
        two(b, 3, m);
        b[5] = ':';
        two(b, 6, s);
        b[8] = '.';
        long v = micros;
        for (int i = 14; i >= 9; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void two(byte[] b, int at, long v) {
        b[at] = (byte) ('0' + v / 10);
        b[at + 1] = (byte) ('0' + v % 10);
    }

    /**
     * Whether String.format writes ASCII digits in the default locale (it writes the locale's own otherwise).
     * English needs no look-up: loading the locale data costs ~10 ms of a cold run.
     */
    private static final class AsciiDigits {
        static final boolean DEFAULT = asciiDigits(java.util.Locale.getDefault(java.util.Locale.Category.FORMAT));

        private static boolean asciiDigits(java.util.Locale l) {
            return "en".equals(l.getLanguage()) && l.getVariant().isEmpty() && !l.hasExtensions()
                    || java.text.DecimalFormatSymbols.getInstance(l).getZeroDigit() == '0';
        }
    }
}
