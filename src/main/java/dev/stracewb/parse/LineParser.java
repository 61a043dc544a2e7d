package dev.stracewb.parse;

import dev.stracewb.trace.SyscallEvent;

/**
 * Recognises one line of strace output. Works on bytes, keeps offsets, never uses regular expressions and never
 * throws on any input: a line it cannot read is {@link LineShape#UNPARSED}. Stateless between lines except for
 * its name interner, so one instance per thread.
 */
public final class LineParser {

    private static final byte[] PID_PREFIX = ascii("[pid ");
    private static final byte[] UNFINISHED = ascii("<unfinished ...>");
    /** strace detached (Ctrl-C on an attach) while the call was in progress: it never returns in this trace. */
    private static final byte[] DETACHED = ascii("<detached ...>");
    private static final byte[] RESUMED_START = ascii("<... ");
    private static final byte[] RESUMED_END = ascii(" resumed>");
    private static final byte[] STRACE = ascii("strace: ");
    private static final byte[] EXITED = ascii("exited with ");
    private static final byte[] KILLED = ascii("killed by ");
    private static final byte[] CORE = ascii("(core dumped)");
    private static final byte[] STOPPED = ascii("stopped by ");
    private static final byte[] SUMMARY_HEADER = ascii("% time");
    private static final byte[] SUMMARY_TITLE = ascii("System call usage summary");
    private static final byte[] PROCESS = ascii("Process ");

    /** The largest pid Linux hands out (/proc/sys/kernel/pid_max can be at most 2^22). */
    private static final long PID_MAX = 4_194_304L;
    private static final byte[] ATTACHED = ascii(" attached");
    private static final byte[] DETACHED_MESSAGE = ascii(" detached");
    private static final byte[] STRACE_PROCESS = ascii("strace: Process ");

    /** Relative times above this many seconds are epoch times (-ttt), not -r deltas. */
    private static final long EPOCH_THRESHOLD_SECONDS = 100_000_000L;

    private final NameInterner names = new NameInterner();

    public NameInterner names() {
        return names;
    }

    public ParsedLine parse(byte[] b, int off, int len, ParsedLine out) {
        out.reset();
        try {
            parseInto(b, off, trimEnd(b, off, off + len), out);
        } catch (RuntimeException e) {
            // A malformed line must never stop a trace from loading; it is kept verbatim instead.
            out.reset();
            out.shape = LineShape.UNPARSED;
        }
        return out;
    }

    private void parseInto(byte[] b, int off, int end, ParsedLine out) {
        int p = off;
        if (p >= end) {
            out.shape = LineShape.UNPARSED;
            return;
        }
        if (startsWith(b, p, end, SUMMARY_HEADER) || startsWith(b, p, end, SUMMARY_TITLE) || isRule(b, p, end)) {
            out.shape = LineShape.SUMMARY;
            return;
        }
        p = readPidPrefix(b, p, end, out);
        p = skipSpaces(b, p, end);
        int afterPid = p;
        p = readTimestamp(b, p, end, out);
        p = skipSpaces(b, p, end);
        out.bodyStart = p;
        if (p >= end) {
            out.shape = LineShape.UNPARSED;
            return;
        }
        byte c = b[p];
        if (c == '-' && startsWith(b, p, end, "--- ")) {
            parseSignal(b, p + 4, end, out);
        } else if (c == '+' && startsWith(b, p, end, "+++ ")) {
            parseExit(b, p + 4, end, out);
        } else if (c == '<' && startsWith(b, p, end, RESUMED_START)) {
            parseResumed(b, p + RESUMED_START.length, end, out);
        } else if (c == '>' && p + 1 < end && b[p + 1] == ' ') {
            out.shape = LineShape.STACK_FRAME;
        } else if (c == 's' && startsWith(b, p, end, STRACE)) {
            parseStraceMessage(b, p, end, out);
        } else if (c == '[' && startsWith(b, p, end, "[ Process")) {
            out.shape = LineShape.STRACE_MESSAGE;
        } else if (c == '<' && ((startsWith(b, p, end, UNFINISHED) && p + UNFINISHED.length == end)
                || (startsWith(b, p, end, DETACHED) && p + DETACHED.length == end))) {
            // the rest of a call line that strace broke with its own "strace: Process N attached" message
            out.shape = LineShape.STRACE_MESSAGE;
        } else if (isNameByte(c)) {
            parseSyscall(b, p, end, out);
        }
        if (out.shape == LineShape.UNPARSED && isSummaryRow(b, afterPid == off ? off : afterPid, end)) {
            out.shape = LineShape.SUMMARY;
        }
    }

    private int readPidPrefix(byte[] b, int p, int end, ParsedLine out) {
        if (b[p] == '[' && startsWith(b, p, end, PID_PREFIX)) {
            int q = skipSpaces(b, p + PID_PREFIX.length, end);
            int digitsEnd = skipDigits(b, q, end);
            if (digitsEnd > q && digitsEnd < end && b[digitsEnd] == ']') {
                out.pid = (int) parseLong(b, q, digitsEnd);
                return digitsEnd + 1;
            }
            return p;
        }
        if (isDigit(b[p])) {
            int digitsEnd = skipDigits(b, p, end);
            if (digitsEnd < end && b[digitsEnd] == ' ' && digitsEnd - p <= 7) {
                int next = skipSpaces(b, digitsEnd, end);
                long value = parseLong(b, p, digitsEnd);
                // "12 34 ..." is a pid followed by more; a summary row ("  0.00 ...") never reaches here; a
                // number above the kernel's pid_max is a whole-second timestamp (--timestamps=unix,s)
                if (next < end && value <= PID_MAX && !isSummaryRow(b, p, end)) {
                    out.pid = (int) value;
                    return digitsEnd;
                }
            }
        }
        return p;
    }

    private int readTimestamp(byte[] b, int p, int end, ParsedLine out) {
        if (p >= end || !isDigit(b[p])) {
            return p;
        }
        int intEnd = skipDigits(b, p, end);
        if (intEnd >= end) {
            return p;
        }
        if (b[intEnd] == ':' && intEnd - p == 2) {
            return readTimeOfDay(b, p, end, out);
        }
        if (b[intEnd] == ' ' && intEnd - p >= 9 && intEnd - p <= 12) {
            // --timestamps=unix,s: whole seconds of the epoch
            out.timeNanos = parseLong(b, p, intEnd) * 1_000_000_000L;
            return intEnd;
        }
        if (b[intEnd] == '.') {
            int fracEnd = skipDigits(b, intEnd + 1, end);
            if (fracEnd == intEnd + 1 || fracEnd >= end || b[fracEnd] != ' ' || intEnd - p > 12) {
                return p;
            }
            long seconds = parseLong(b, p, intEnd);
            out.timeNanos = seconds * 1_000_000_000L + fraction(b, intEnd + 1, fracEnd);
            out.relativeTime = seconds < EPOCH_THRESHOLD_SECONDS;
            return fracEnd;
        }
        return p;
    }

    private int readTimeOfDay(byte[] b, int p, int end, ParsedLine out) {
        if (p + 8 > end || b[p + 5] != ':' || !isDigit(b[p + 3]) || !isDigit(b[p + 4])
                || !isDigit(b[p + 6]) || !isDigit(b[p + 7])) {
            return p;
        }
        long seconds = parseLong(b, p, p + 2) * 3600 + parseLong(b, p + 3, p + 5) * 60 + parseLong(b, p + 6, p + 8);
        int q = p + 8;
        long nanos = 0;
        if (q < end && b[q] == '.') {
            int fracEnd = skipDigits(b, q + 1, end);
            nanos = fraction(b, q + 1, fracEnd);
            q = fracEnd;
        }
        if (q < end && b[q] != ' ') {
            return p;
        }
        out.timeNanos = seconds * 1_000_000_000L + nanos;
        return q;
    }

    private void parseSyscall(byte[] b, int p, int end, ParsedLine out) {
        int nameEnd = p;
        while (nameEnd < end && isNameByte(b[nameEnd])) {
            nameEnd++;
        }
        if (nameEnd >= end || b[nameEnd] != '(') {
            return;
        }
        String name = names.intern(b, p, nameEnd - p);
        int argsStart = nameEnd + 1;
        byte[] marker = endsWith(b, argsStart, end, UNFINISHED) ? UNFINISHED
                : endsWith(b, argsStart, end, DETACHED) ? DETACHED : null;
        if (marker != null) {
            out.name = name;
            out.argsStart = argsStart;
            out.argsEnd = trimEnd(b, argsStart, end - marker.length);
            out.shape = LineShape.UNFINISHED;
            return;
        }
        int close = ArgumentScanner.findCallEnd(b, argsStart, end);
        if (close < 0) {
            interruptedByAttach(b, name, argsStart, end, out);
            return;
        }
        out.name = name;
        out.argsStart = argsStart;
        out.argsEnd = close;
        if (parseResult(b, close, end, out)) {
            out.shape = LineShape.SYSCALL;
        }
    }

    /**
     * {@code vfork(strace: Process 14774 attached}: on a terminal strace prints its message into the call's line
     * and continues it with {@code  <unfinished ...>} on the next; the call is unfinished.
     */
    private void interruptedByAttach(byte[] b, String name, int argsStart, int end, ParsedLine out) {
        if (!endsWith(b, argsStart, end, ATTACHED) && !endsWith(b, argsStart, end, DETACHED_MESSAGE)) {
            return;
        }
        int msg = indexOf(b, argsStart, end, STRACE_PROCESS);
        if (msg < 0) {
            return;
        }
        out.name = name;
        out.argsStart = argsStart;
        out.argsEnd = trimEnd(b, argsStart, msg);
        out.shape = LineShape.UNFINISHED;
        out.interrupted = true;
    }

    /**
     * Whether the line begins a call ({@code [pid N] TIME name(}) that it does not finish: the first half of a line
     * that something else written to the same terminal broke in two.
     */
    public boolean isCallStart(byte[] b, int off, int len) {
        try {
            ParsedLine probe = scratch;
            probe.reset();
            int end = trimEnd(b, off, off + len);
            if (off >= end) {
                return false;
            }
            int p = skipSpaces(b, readPidPrefix(b, off, end, probe), end);
            p = skipSpaces(b, readTimestamp(b, p, end, probe), end);
            int nameEnd = p;
            while (nameEnd < end && isNameByte(b[nameEnd])) {
                nameEnd++;
            }
            return nameEnd > p && nameEnd < end && b[nameEnd] == '(' && !isDigit(b[p])
                    && ArgumentScanner.findCallEnd(b, nameEnd + 1, end) < 0
                    && !endsWith(b, nameEnd, end, UNFINISHED) && !endsWith(b, nameEnd, end, DETACHED);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private final ParsedLine scratch = new ParsedLine();

    /**
     * Reads the rest of a call whose line strace broke with its own message
     * ({@code clone(..., flags=...|SIGCHLDstrace: Process 27082 attached} and then
     * {@code , child_tidptr=0x7f6c56349a10) = 27082}): RESUMED with no name and no pid (they are the broken
     * line's), or UNPARSED.
     */
    public ParsedLine parseContinuation(byte[] b, int off, int len, ParsedLine out) {
        out.reset();
        try {
            int end = trimEnd(b, off, off + len);
            int close = ArgumentScanner.findCallEnd(b, off, end);
            if (close >= 0) {
                out.argsStart = skipSpaces(b, off, close);
                out.argsEnd = close;
                if (parseResult(b, close, end, out)) {
                    out.shape = LineShape.RESUMED;
                }
            }
        } catch (RuntimeException e) {
            out.reset();
        }
        if (out.shape != LineShape.RESUMED) {
            out.reset();
        }
        return out;
    }

    private void parseResumed(byte[] b, int p, int end, ParsedLine out) {
        int nameEnd = p;
        while (nameEnd < end && isNameByte(b[nameEnd])) {
            nameEnd++;
        }
        if (nameEnd == p || !startsWith(b, nameEnd, end, RESUMED_END)) {
            return;
        }
        String name = names.intern(b, p, nameEnd - p);
        int argsStart = nameEnd + RESUMED_END.length;
        int close = ArgumentScanner.findCallEnd(b, argsStart, end);
        if (close < 0) {
            return;
        }
        out.name = name;
        out.argsStart = argsStart;
        out.argsEnd = close;
        if (parseResult(b, close, end, out)) {
            out.shape = LineShape.RESUMED;
        }
    }

    /** Reads {@code ) = RESULT [ERRNO (text)] [<duration>]} starting at the closing parenthesis. */
    private boolean parseResult(byte[] b, int close, int end, ParsedLine out) {
        int p = skipSpaces(b, close + 1, end);
        if (p >= end || b[p] != '=') {
            return false;
        }
        p = skipSpaces(b, p + 1, end);
        int resultEnd = end;
        int durationStart = durationStart(b, p, end);
        if (durationStart >= 0) {
            out.durationNanos = readDuration(b, durationStart + 2, end - 1);
            resultEnd = trimEnd(b, p, durationStart);
        }
        out.resultStart = p;
        out.resultEnd = resultEnd;
        if (p >= resultEnd) {
            return true;
        }
        int q = p;
        if (b[q] == '?') {
            out.returnValue = SyscallEvent.UNKNOWN_RETURN;
            q++;
        } else {
            q = readReturnValue(b, q, resultEnd, out);
        }
        q = ArgumentScanner.skipDecoration(b, q, resultEnd);
        readErrno(b, q, resultEnd, out);
        return true;
    }

    private int readReturnValue(byte[] b, int p, int end, ParsedLine out) {
        boolean negative = b[p] == '-';
        int q = negative ? p + 1 : p;
        if (q + 1 < end && b[q] == '0' && (b[q + 1] == 'x' || b[q + 1] == 'X')) {
            int hexEnd = q + 2;
            long v = 0;
            while (hexEnd < end && hexValue(b[hexEnd]) >= 0) {
                v = (v << 4) | hexValue(b[hexEnd]);
                hexEnd++;
            }
            out.returnValue = negative ? -v : v;
            return hexEnd;
        }
        int digitsEnd = skipDigits(b, q, end);
        if (digitsEnd == q || digitsEnd - q > 19) {
            return p;
        }
        long v = parseLong(b, q, digitsEnd);
        out.returnValue = negative ? -v : v;
        return digitsEnd;
    }

    private void readErrno(byte[] b, int p, int end, ParsedLine out) {
        if (out.returnValue != -1 && out.returnValue != SyscallEvent.UNKNOWN_RETURN) {
            return;
        }
        int q = skipSpaces(b, p, end);
        if (q >= end || b[q] != 'E') {
            return;
        }
        int nameEnd = q;
        while (nameEnd < end && (isUpper(b[nameEnd]) || isDigit(b[nameEnd]) || b[nameEnd] == '_')) {
            nameEnd++;
        }
        if (nameEnd - q < 2 || (nameEnd < end && b[nameEnd] != ' ')) {
            return;
        }
        out.errno = names.intern(b, q, nameEnd - q);
        int t = skipSpaces(b, nameEnd, end);
        if (t < end && b[t] == '(') {
            int close = t;
            int depth = 0;
            while (close < end) {
                if (b[close] == '(') {
                    depth++;
                } else if (b[close] == ')' && --depth == 0) {
                    break;
                }
                close++;
            }
            out.errnoTextStart = t + 1;
            out.errnoTextEnd = Math.min(close, end);
        }
    }

    /** Start of a trailing {@code " <0.000123>"}, or -1. */
    private static int durationStart(byte[] b, int from, int end) {
        if (end - from < 4 || b[end - 1] != '>') {
            return -1;
        }
        int q = end - 2;
        int dots = 0;
        while (q >= from && (isDigit(b[q]) || b[q] == '.')) {
            if (b[q] == '.') {
                dots++;
            }
            q--;
        }
        if (q < from + 1 || b[q] != '<' || b[q - 1] != ' ' || dots != 1 || q == end - 2) {
            return -1;
        }
        return q - 1;
    }

    private static long readDuration(byte[] b, int from, int end) {
        int dot = from;
        while (dot < end && b[dot] != '.') {
            dot++;
        }
        return parseLong(b, from, dot) * 1_000_000_000L + fraction(b, dot + 1, end);
    }

    private void parseSignal(byte[] b, int p, int end, ParsedLine out) {
        if (startsWith(b, p, end, STOPPED)) {
            p += STOPPED.length;
        }
        int nameEnd = p;
        while (nameEnd < end && b[nameEnd] != ' ') {
            nameEnd++;
        }
        if (nameEnd == p) {
            return;
        }
        out.name = names.intern(b, p, nameEnd - p);
        int infoEnd = end;
        if (endsWith(b, p, end, "---")) {
            infoEnd = trimEnd(b, nameEnd, end - 3);
        }
        out.argsStart = Math.min(skipSpaces(b, nameEnd, infoEnd), infoEnd);
        out.argsEnd = infoEnd;
        out.shape = LineShape.SIGNAL;
    }

    private void parseExit(byte[] b, int p, int end, ParsedLine out) {
        if (startsWith(b, p, end, EXITED)) {
            int q = p + EXITED.length;
            boolean negative = q < end && b[q] == '-';
            int digitsEnd = skipDigits(b, negative ? q + 1 : q, end);
            if (digitsEnd > q && digitsEnd - q < 12) {
                long v = parseLong(b, negative ? q + 1 : q, digitsEnd);
                out.exitCode = (int) (negative ? -v : v);
                out.shape = LineShape.EXIT;
            }
        } else if (startsWith(b, p, end, KILLED)) {
            int q = p + KILLED.length;
            int nameEnd = q;
            while (nameEnd < end && b[nameEnd] != ' ') {
                nameEnd++;
            }
            if (nameEnd > q) {
                out.name = names.intern(b, q, nameEnd - q);
                out.coreDumped = indexOf(b, nameEnd, end, CORE) >= 0;
                out.exitCode = -1;
                out.shape = LineShape.EXIT;
            }
        } else {
            // "+++ superseded by execve in pid N +++" and friends: strace's narration, not an exit
            out.shape = LineShape.STRACE_MESSAGE;
        }
    }

    private void parseStraceMessage(byte[] b, int p, int end, ParsedLine out) {
        out.shape = LineShape.STRACE_MESSAGE;
        int q = p + STRACE.length;
        if (startsWith(b, q, end, PROCESS)) {
            int digits = q + PROCESS.length;
            int digitsEnd = skipDigits(b, digits, end);
            if (digitsEnd > digits && digitsEnd - digits <= 10) {
                out.pid = (int) Math.min(Integer.MAX_VALUE, parseLong(b, digits, digitsEnd));
            }
        }
    }

    // ---- summary table (-c, -C) ----

    private static boolean isRule(byte[] b, int p, int end) {
        if (end - p < 6) {
            return false;
        }
        for (int i = p; i < end; i++) {
            if (b[i] != '-' && b[i] != ' ') {
                return false;
            }
        }
        return b[p] == '-';
    }

    /** {@code  23.45    0.000123          12        10         2 openat} or the {@code total} row. */
    static boolean isSummaryRow(byte[] b, int p, int end) {
        int q = skipSpaces(b, p, end);
        int numbers = 0;
        while (q < end && (isDigit(b[q]) || b[q] == '.')) {
            int start = q;
            while (q < end && (isDigit(b[q]) || b[q] == '.')) {
                q++;
            }
            if (q - start == 0 || q >= end || b[q] != ' ') {
                return false;
            }
            numbers++;
            q = skipSpaces(b, q, end);
        }
        if (numbers < 3 || numbers > 6 || q >= end) {
            return false;
        }
        while (q < end && isNameByte(b[q])) {
            q++;
        }
        return q == end;
    }

    // ---- byte helpers ----

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(byte c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isNameByte(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static int skipSpaces(byte[] b, int p, int end) {
        while (p < end && b[p] == ' ') {
            p++;
        }
        return p;
    }

    private static int skipDigits(byte[] b, int p, int end) {
        while (p < end && isDigit(b[p])) {
            p++;
        }
        return p;
    }

    private static long parseLong(byte[] b, int from, int to) {
        long v = 0;
        for (int i = from; i < to && i < from + 18; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /** Digits after a decimal point as nanoseconds (6 digits = micro, 9 = nano). */
    private static long fraction(byte[] b, int from, int to) {
        long v = 0;
        int n = 0;
        for (int i = from; i < to && n < 9; i++, n++) {
            v = v * 10 + (b[i] - '0');
        }
        for (; n < 9; n++) {
            v *= 10;
        }
        return v;
    }

    private static int trimEnd(byte[] b, int from, int end) {
        while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\r' || b[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    static boolean startsWith(byte[] b, int p, int end, byte[] prefix) {
        if (end - p < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[p + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int p, int end, String prefix) {
        if (end - p < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[p + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWith(byte[] b, int from, int end, byte[] suffix) {
        return end - from >= suffix.length && startsWith(b, end - suffix.length, end, suffix);
    }

    private static boolean endsWith(byte[] b, int from, int end, String suffix) {
        return end - from >= suffix.length() && startsWith(b, end - suffix.length(), end, suffix);
    }

    private static int indexOf(byte[] b, int from, int end, byte[] needle) {
        for (int i = from; i + needle.length <= end; i++) {
            if (startsWith(b, i, end, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
