package dev.stracewb.report;

/**
 * The decoration strace's {@code -y}/{@code -yy} puts on a call's first fd argument: {@code read(12<UDP:[...]>, }
 * gives {@code UDP:[...]}. Null when the trace was not written with {@code -y}.
 */
final class FdTarget {
    private FdTarget() {
    }

    static String of(String line, String syscall) {
        int open = line.indexOf(syscall + "(");
        if (open < 0) {
            return null;
        }
        int i = open + syscall.length() + 1;
        int digits = i;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        if (i == digits || i >= line.length() || line.charAt(i) != '<') {
            return null;
        }
        int depth = 0;
        for (int j = i; j < line.length(); j++) {
            char c = line.charAt(j);
            if (c == '<') {
                depth++;
            } else if (c == '>' && --depth == 0) {
                return line.substring(i + 1, j);
            }
        }
        return null;
    }
}
