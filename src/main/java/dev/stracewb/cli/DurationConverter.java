package dev.stracewb.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;

/** {@code --duration}: "30s", "5m", "1h", "500ms", "1m30s"; a bare number is seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.matches("\\d+(\\.\\d+)?")) {
            return positive(Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)), value);
        }
        if (!v.matches("(\\d+(\\.\\d+)?(ms|h|m|s))+")) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration: write e.g. 30s, 5m, 1h or 500ms");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)").matcher(v);
        double millis = 0;
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                default -> n * 3_600_000;
            };
        }
        return positive(Duration.ofMillis(Math.round(millis)), value);
    }

    private static Duration positive(Duration d, String value) {
        if (d.isZero()) {
            throw new CommandLine.TypeConversionException("--duration " + value + " is zero: give a positive time");
        }
        return d;
    }
}
