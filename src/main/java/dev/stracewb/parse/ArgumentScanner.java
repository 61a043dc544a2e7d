package dev.stracewb.parse;

/**
 * Finds structure in strace's argument text without building a tree: where the call's closing parenthesis is,
 * where the Nth top-level argument starts and ends, and the {@code -y} decoration of an fd. Aware of quoted
 * strings (with escapes), of {@code <...>} decorations (whose paths may hold parentheses and commas), and of
 * nested (), [] and {}.
 */
public final class ArgumentScanner {

    private ArgumentScanner() {
    }

    /**
     * Index of the parenthesis that closes the call's arguments (the first one at depth 0 followed by
     * {@code " = "}), scanning from just after the opening parenthesis, or -1.
     */
    public static int findCallEnd(byte[] b, int from, int end) {
        int depth = 0;
        int i = from;
        while (i < end) {
            byte c = b[i];
            // most bytes are none of the few that matter: one table read each (the parser's hottest loop)
            if (SPECIAL[c & 0xff] == 0) {
                i++;
                continue;
            }
            int next = skipOpaque(b, from, i, end);
            if (next != i) {
                i = next;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    if (c == ')' && followedByEquals(b, i + 1, end)) {
                        return i;
                    }
                } else {
                    depth--;
                }
            }
            i++;
        }
        return -1;
    }

    /** 1 for the bytes that are structure or open opaque text: quotes, angle, round, square and curly brackets, comma. */
    private static final byte[] SPECIAL = new byte[256];

    static {
        for (char c : "\"<()[]{},".toCharArray()) {
            SPECIAL[c] = 1;
        }
    }

    /**
     * If a quoted string or a closed {@code -y} decoration starts at {@code i}, the index after it, else
     * {@code i}: their bytes (parentheses, commas, quotes in paths) are not structure.
     */
    private static int skipOpaque(byte[] b, int from, int i, int end) {
        byte c = b[i];
        if (c == '"') {
            return skipString(b, i, end);
        }
        if (c == '<' && startsDecoration(b, from, i)) {
            return skipDecoration(b, i, end);
        }
        return i;
    }

    private static boolean followedByEquals(byte[] b, int p, int end) {
        while (p < end && b[p] == ' ') {
            p++;
        }
        return p < end && b[p] == '=' && (p + 1 == end || b[p + 1] == ' ');
    }

    /**
     * The Nth (0-based) top-level argument in [from, end) as {@code start << 32 | end}, trimmed of spaces,
     * or -1 when there are fewer arguments.
     */
    public static long argument(byte[] b, int from, int end, int index) {
        int depth = 0;
        int n = 0;
        int start = from;
        int i = from;
        while (i < end) {
            byte c = b[i];
            if (SPECIAL[c & 0xff] == 0) {
                i++;
                continue;
            }
            int next = skipOpaque(b, from, i, end);
            if (next != i) {
                i = next;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                if (n == index) {
                    return pack(b, start, i);
                }
                n++;
                start = i + 1;
            }
            i++;
        }
        return n == index ? pack(b, start, end) : -1;
    }

    private static long pack(byte[] b, int start, int end) {
        while (start < end && b[start] == ' ') {
            start++;
        }
        while (end > start && b[end - 1] == ' ') {
            end--;
        }
        return ((long) start << 32) | (end & 0xffffffffL);
    }

    public static int start(long packed) {
        return (int) (packed >>> 32);
    }

    public static int end(long packed) {
        return (int) packed;
    }

    /** Skips a quoted string starting at the quote; returns the index after the closing quote (or end). */
    static int skipString(byte[] b, int quote, int end) {
        int i = quote + 1;
        while (i < end) {
            byte c = b[i];
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return end;
    }

    /** A {@code <} right after an fd number or AT_FDCWD opens a {@code -y} decoration. */
    private static boolean startsDecoration(byte[] b, int from, int i) {
        if (i == from) {
            return false;
        }
        byte prev = b[i - 1];
        return (prev >= '0' && prev <= '9') || prev == 'D';
    }

    /**
     * If {@code p} is at a decoration's {@code <}, the index after its {@code >}; else {@code p}. A socket's
     * decoration holds {@code ->} and quoted unix paths inside {@code [...]}
     * ({@code <UNIX-STREAM:[58007->58044,"/run/php-fpm.sock"]>}), so a {@code >} inside brackets or quotes does not
     * close it; a decoration with unbalanced brackets (a path holding {@code [}) ends at its first {@code >}.
     */
    public static int skipDecoration(byte[] b, int p, int end) {
        if (p >= end || b[p] != '<') {
            return p;
        }
        int depth = 0;
        for (int i = p + 1; i < end; i++) {
            byte c = b[i];
            if (c == '[') {
                depth++;
            } else if (c == ']' && depth > 0) {
                depth--;
            } else if (c == '"' && depth > 0) {
                i = skipString(b, i, end) - 1;
            } else if (c == '>' && depth == 0) {
                return i + 1;
            }
        }
        for (int i = p + 1; i < end; i++) {
            if (b[i] == '>') {
                return i + 1;
            }
        }
        return p;
    }

    /**
     * The decoration of an fd argument such as {@code 3</var/www>} or {@code AT_FDCWD</>} as
     * {@code start << 32 | end} of the text between the angle brackets, or -1.
     */
    public static long decoration(byte[] b, int start, int end) {
        if (end - start < 3 || b[end - 1] != '>') {
            return -1;
        }
        for (int i = start; i < end; i++) {
            if (b[i] == '<') {
                return ((long) (i + 1) << 32) | ((end - 1) & 0xffffffffL);
            }
            if (b[i] == '"' || b[i] == ' ') {
                return -1;
            }
        }
        return -1;
    }

    /** Whether the argument text is an fd given as AT_FDCWD (with or without decoration). */
    public static boolean isAtFdcwd(byte[] b, int start, int end) {
        if (end - start >= 8 && b[start] == 'A' && b[start + 1] == 'T' && b[start + 2] == '_'
                && b[start + 3] == 'F' && b[start + 4] == 'D' && b[start + 5] == 'C') {
            return true;
        }
        // -X raw and -X verbose print AT_FDCWD as its value: "-100" or "-100 /* AT_FDCWD */"
        return end - start >= 4 && b[start] == '-' && b[start + 1] == '1' && b[start + 2] == '0'
                && b[start + 3] == '0' && (end - start == 4 || b[start + 4] == ' ' || b[start + 4] == '<');
    }
}
