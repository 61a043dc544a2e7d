package dev.stracewb.parse;

import java.nio.charset.StandardCharsets;

/** A parsed line with its offsets turned into text, for assertions. */
record Parsed(LineShape shape, int pid, long timeNanos, boolean relativeTime, String name, String args,
              String result, long returnValue, String errno, String errnoText, long durationNanos, int exitCode,
              boolean coreDumped, String body) {

    static Parsed of(String line) {
        return of(line.getBytes(StandardCharsets.UTF_8));
    }

    static Parsed of(byte[] b) {
        ParsedLine p = new LineParser().parse(b, 0, b.length, new ParsedLine());
        return new Parsed(p.shape, p.pid, p.timeNanos, p.relativeTime, p.name, text(b, p.argsStart, p.argsEnd),
                text(b, p.resultStart, p.resultEnd), p.returnValue, p.errno,
                p.errno == null ? null : text(b, p.errnoTextStart, p.errnoTextEnd), p.durationNanos, p.exitCode,
                p.coreDumped, text(b, p.bodyStart, b.length));
    }

    private static String text(byte[] b, int from, int to) {
        return to <= from ? "" : new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
