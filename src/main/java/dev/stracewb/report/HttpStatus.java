package dev.stracewb.report;

/** The status code of an HTTP response whose status line starts a strace string argument, as in a write(). */
final class HttpStatus {
    private HttpStatus() {
    }

    /** "500" for a line that writes {@code "HTTP/1.1 500 ...}, else null. */
    static String of(String line) {
        int i = line.indexOf("\"HTTP/");
        while (i >= 0) {
            int p = i + 6;
            while (p < line.length() && (Character.isDigit(line.charAt(p)) || line.charAt(p) == '.')) {
                p++;
            }
            if (p > i + 6 && p + 4 <= line.length() && line.charAt(p) == ' '
                    && isDigits(line, p + 1, p + 4)
                    && (p + 4 == line.length() || !Character.isDigit(line.charAt(p + 4)))) {
                return line.substring(p + 1, p + 4);
            }
            i = line.indexOf("\"HTTP/", i + 1);
        }
        return null;
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
