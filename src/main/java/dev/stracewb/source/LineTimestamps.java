package dev.stracewb.source;

/** Reads just the leading timestamp of a line, to order lines from several files without parsing them. */
final class LineTimestamps {
    private LineTimestamps() {
    }

    /** Nanoseconds of a leading {@code HH:MM:SS[.frac]} or {@code SECONDS.frac}, or Long.MIN_VALUE. */
    static long peekNanos(byte[] b, int off, int len) {
        int end = off + len;
        int p = off;
        while (p < end && b[p] == ' ') {
            p++;
        }
        int intStart = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        if (p == intStart || p >= end) {
            return Long.MIN_VALUE;
        }
        long seconds;
        if (b[p] == ':' && p - intStart == 2 && p + 6 <= end && b[p + 3] == ':') {
            seconds = num(b, intStart, p) * 3600 + num(b, p + 1, p + 3) * 60 + num(b, p + 4, p + 6);
            p += 6;
        } else if (b[p] == '.') {
            seconds = num(b, intStart, p);
        } else {
            return Long.MIN_VALUE;
        }
        long nanos = 0;
        if (p < end && b[p] == '.') {
            int digits = 0;
            p++;
            while (p < end && b[p] >= '0' && b[p] <= '9' && digits < 9) {
                nanos = nanos * 10 + (b[p] - '0');
                p++;
                digits++;
            }
            for (; digits < 9; digits++) {
                nanos *= 10;
            }
        }
        return seconds * 1_000_000_000L + nanos;
    }

    private static long num(byte[] b, int from, int to) {
        long v = 0;
        for (int i = from; i < to && i < from + 18; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }
}
