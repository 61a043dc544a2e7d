package dev.stracewb.cli;

import java.util.Locale;

/** Reads durations as users write them on the command line: {@code 1s}, {@code 500ms}, {@code 2.5s}, {@code 1m}. */
final class Durations {
    private Durations() {
    }

    static long parseNanos(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unit;
        String number;
        if (s.endsWith("ms")) {
            unit = 1_000_000L;
            number = s.substring(0, s.length() - 2);
        } else if (s.endsWith("us")) {
            unit = 1_000L;
            number = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            unit = 1_000_000_000L;
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            unit = 60_000_000_000L;
            number = s.substring(0, s.length() - 1);
        } else {
            unit = 1_000_000_000L;
            number = s;
        }
        try {
            double v = Double.parseDouble(number);
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return Math.round(v * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--slow " + text + " is not a duration: write it like 1s, 500ms or 2.5s");
        }
    }
}
