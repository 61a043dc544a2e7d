package dev.stracewb.analysis;

import dev.stracewb.parse.ArgumentScanner;
import dev.stracewb.parse.LineParser;
import dev.stracewb.parse.LineShape;
import dev.stracewb.parse.ParsedLine;
import dev.stracewb.parse.StraceString;
import dev.stracewb.store.EventStore;
import dev.stracewb.store.TextBytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The argument and result text of one syscall row, read back from the raw trace: for a call stitched from
 * {@code <unfinished ...>} and {@code <... resumed>} the two argument parts are joined, and the result comes from
 * the resumed line. Collectors use it only for the few syscalls they need (accept, read, write, close...), after
 * checking the row's name id, because each load reads a line from disk. One instance per thread.
 */
final class CallText {
    private final LineParser parser = new LineParser();
    private final ParsedLine parsed = new ParsedLine();
    private final StraceString strings = new StraceString();
    private final Latin1 latin1 = new Latin1();
    private final DecorationCache decorations = new DecorationCache();

    private byte[] args = new byte[512];
    private int argsLength;
    private byte[] result = new byte[64];
    private int resultLength;

    /** Loads a row; false when its lines cannot be read as a syscall (the row is then skipped). */
    boolean load(EventStore store, int row) {
        return load(store, row, false);
    }

    /**
     * Loads a row whose first argument is an fd, unless the fd's {@code -y} decoration shows it is not a socket
     * (a file, a pipe): then returns false before any parsing, which keeps file reads and writes cheap.
     */
    boolean loadIfSocket(EventStore store, int row) {
        return load(store, row, true);
    }

    private byte[] lineBuffer = new byte[1024];
    private byte[] tailBuffer = new byte[1024];

    private boolean load(EventStore store, int row, boolean socketsOnly) {
        long first = store.firstLine(row);
        long last = store.lastLine(row);
        int length = store.raw().lineBytesInto(first, lineBuffer);
        if (length < 0) {
            lineBuffer = new byte[-length * 2];
            length = store.raw().lineBytesInto(first, lineBuffer);
        }
        byte[] line = lineBuffer;
        if (socketsOnly && isNonSocketFd(line, length)) {
            return false;
        }
        LineShape shape = spans(store, first, line, length);
        if (shape != LineShape.SYSCALL && shape != LineShape.UNFINISHED && shape != LineShape.RESUMED) {
            return false;
        }
        argsLength = 0;
        resultLength = 0;
        append(line, spans[1], spans[2]);
        if (shape != LineShape.UNFINISHED) {
            setResult(line, spans[3], spans[4]);
        }
        if (last != first) {
            int tailLength = store.raw().lineBytesInto(last, tailBuffer);
            if (tailLength < 0) {
                tailBuffer = new byte[-tailLength * 2];
                tailLength = store.raw().lineBytesInto(last, tailBuffer);
            }
            byte[] tail = tailBuffer;
            if (spans(store, last, tail, tailLength) == LineShape.RESUMED) {
                if (argsLength > 0 && spans[2] > spans[1]) {
                    // "read(9<...>, " + "\"GET /\"..., 8000)": the unfinished part already ends with ", "
                    trimArgs();
                    if (args[argsLength - 1] != ',') {
                        append(new byte[] {','}, 0, 1);
                    }
                    append(new byte[] {' '}, 0, 1);
                }
                append(tail, spans[1], spans[2]);
                setResult(tail, spans[3], spans[4]);
            }
        }
        return true;
    }

    /** {shape, argsStart, argsEnd, resultStart, resultEnd} of the line last given to {@link #spans}. */
    private final int[] spans = new int[5];
    private static final LineShape[] SHAPES = LineShape.values();

    /**
     * Parses a line read back into {@link #spans}; the line the ingest has just appended comes with its spans
     * noted (RawText), so it is not parsed a second time.
     */
    private LineShape spans(EventStore store, long lineNo, byte[] line, int length) {
        if (store.raw().lastLineSpans(lineNo, spans)) {
            return SHAPES[spans[0]];
        }
        parser.parse(line, 0, length, parsed);
        spans[0] = parsed.shape.ordinal();
        spans[1] = parsed.argsStart;
        spans[2] = parsed.argsEnd;
        spans[3] = parsed.resultStart;
        spans[4] = parsed.resultEnd;
        return parsed.shape;
    }

    /** {@code name(12</path>, ...}: the first argument is an fd decorated as something other than a socket. */
    static boolean isNonSocketFd(byte[] line, int n) {
        int i = 0;
        while (i < n && line[i] != '(') {
            i++;
        }
        i++;
        int digits = i;
        while (i < n && line[i] >= '0' && line[i] <= '9') {
            i++;
        }
        if (i == digits || i >= n || line[i] != '<' || i + 5 > n) {
            return false;
        }
        byte c = line[i + 1];
        boolean socket = c == 'T' && line[i + 2] == 'C' || c == 'U' && (line[i + 2] == 'D' || line[i + 2] == 'N')
                || c == 'S' && line[i + 2] == 'C' || c == 's' && line[i + 2] == 'o';
        return !socket;
    }

    private void trimArgs() {
        while (argsLength > 0 && args[argsLength - 1] == ' ') {
            argsLength--;
        }
    }

    private void append(byte[] b, int from, int to) {
        int n = Math.max(0, to - from);
        if (argsLength + n > args.length) {
            args = Arrays.copyOf(args, Math.max(args.length * 2, argsLength + n));
        }
        System.arraycopy(b, from, args, argsLength, n);
        argsLength += n;
    }

    private void setResult(byte[] b, int from, int to) {
        int n = Math.max(0, to - from);
        if (n > result.length) {
            result = new byte[n];
        }
        System.arraycopy(b, from, result, 0, n);
        resultLength = n;
    }

    /** The joined argument text, as strace wrote it. */
    String arguments() {
        int n = argsLength;
        while (n > 0 && (args[n - 1] == ' ' || args[n - 1] == ',')) {
            n--;
        }
        return TextBytes.toDisplayString(Arrays.copyOf(args, n));
    }

    /** Argument {@code index} as {@code start << 32 | end} in {@link #argBytes()}, or -1. */
    long argument(int index) {
        return ArgumentScanner.argument(args, 0, argsLength, index);
    }

    byte[] argBytes() {
        return args;
    }

    /** The {@code -y} decoration of fd argument {@code index} ({@code TCP:[1.2.3.4:80->5.6.7.8:9]}), or null. */
    String fdDecoration(int index) {
        long a = argument(index);
        if (a < 0) {
            return null;
        }
        long deco = ArgumentScanner.decoration(args, ArgumentScanner.start(a), ArgumentScanner.end(a));
        return deco < 0 ? null : decorations.text(args, ArgumentScanner.start(deco), ArgumentScanner.end(deco));
    }

    /** The fd number of argument {@code index}, or -1. */
    int fdNumber(int index) {
        long a = argument(index);
        if (a < 0) {
            return -1;
        }
        int s = ArgumentScanner.start(a);
        int e = ArgumentScanner.end(a);
        int v = 0;
        int i = s;
        while (i < e && args[i] >= '0' && args[i] <= '9' && i - s < 9) {
            v = v * 10 + (args[i] - '0');
            i++;
        }
        return i == s ? -1 : v;
    }

    /** Argument {@code index} decoded as a strace string, or null when it is not one. */
    String string(int index) {
        long a = argument(index);
        if (a < 0) {
            return null;
        }
        return strings.decode(args, ArgumentScanner.start(a), ArgumentScanner.end(a));
    }

    /** Bytes of argument {@code index} decoded as a strace string, as ISO-8859-1 (one char per byte), or null. */
    String latin1(int index) {
        long a = argument(index);
        return a < 0 ? null : latin1String(ArgumentScanner.start(a), ArgumentScanner.end(a), Integer.MAX_VALUE);
    }

    /**
     * The first {@code max} chars of {@link #latin1(int)} (all of it when shorter): enough to tell a request line
     * or a status line from other data without decoding a whole buffer.
     */
    String latin1Prefix(int index, int max) {
        long a = argument(index);
        return a < 0 ? null : latin1String(ArgumentScanner.start(a), ArgumentScanner.end(a), max);
    }

    /**
     * Every quoted string inside argument {@code index} (the {@code iov_base}s of writev, the buffer of recvmsg),
     * decoded byte for byte as ISO-8859-1 so binary protocols (FastCGI) keep their length bytes.
     */
    java.util.List<String> latin1Strings(int index) {
        return latin1Strings(index, Integer.MAX_VALUE);
    }

    /** {@link #latin1Strings(int)}, each string cut to its first {@code max} chars. */
    java.util.List<String> latin1Strings(int index, int max) {
        long a = argument(index);
        if (a < 0) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>(2);
        int e = ArgumentScanner.end(a);
        int i = ArgumentScanner.start(a);
        while (i < e) {
            if (args[i] == '"') {
                int close = skipString(i, e);
                String decoded = latin1String(i, close, max);
                boolean cut = close + 3 <= e && args[close] == '.' && args[close + 1] == '.' && args[close + 2] == '.';
                if (cut && decoded.length() < max) {
                    decoded = decoded + "...";
                    if (decoded.length() > max) {
                        decoded = decoded.substring(0, max);
                    }
                }
                out.add(decoded);
                i = close;
            } else {
                i++;
            }
        }
        return out;
    }

    private String latin1String(int start, int end, int max) {
        if (!StraceString.isQuoted(args, start, end)) {
            return null;
        }
        return latin1.decode(args, start, end, max);
    }

    private int skipString(int quote, int end) {
        int i = quote + 1;
        while (i < end) {
            if (args[i] == '\\') {
                i += 2;
            } else if (args[i] == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return end;
    }

    /** The {@code -y} decoration of the return value ({@code = 9<TCP:[...]>}), or null. */
    String resultDecoration() {
        for (int i = 0; i < resultLength; i++) {
            if (result[i] == '<') {
                int close = ArgumentScanner.skipDecoration(result, i, resultLength);
                return close > i ? decorations.text(result, i + 1, close - 1) : null;
            }
            if (result[i] == ' ') {
                return null;
            }
        }
        return null;
    }

    /** Whether the first line of the row ended with {@code <detached ...>}. */
    static boolean isDetached(EventStore store, int row) {
        byte[] line = store.raw().lineBytes(store.firstLine(row));
        String s = new String(line, StandardCharsets.ISO_8859_1);
        return s.stripTrailing().endsWith("<detached ...>");
    }

    /** Decodes strace escapes byte for byte (no UTF-8 decoding), so binary data keeps its byte values. */
    static final class Latin1 {
        private byte[] out = new byte[256];

        /** The whole quoted string (from its opening quote; it may be followed by {@code ...}). */
        static String decode(byte[] quoted) {
            return new Latin1().decode(quoted, 0, quoted.length, Integer.MAX_VALUE);
        }

        /**
         * The string whose opening quote is at {@code from} (its text ends at the closing quote or at {@code to}),
         * up to its first {@code max} chars; one char per decoded byte.
         */
        String decode(byte[] quoted, int from, int to, int max) {
            // one pass that stops at the closing quote (the string may be followed by "..."): an escape never
            // hides a quote from it (hex and octal digits are not quotes), so it ends where a search for the
            // closing quote would, and a prefix of max chars reads no further than it needs
            if (out.length < to - from) {
                out = new byte[Math.max(to - from, out.length * 2)];
            }
            byte[] sb = out;
            int n = 0;
            int i = from + 1;
            while (i < to && n < max) {
                byte c = quoted[i];
                if (c == '"') {
                    break;
                }
                if (c != '\\' || i + 1 >= to) {
                    sb[n++] = c;
                    i++;
                    continue;
                }
                int close = to;
                byte e = quoted[i + 1];
                switch (e) {
                    case 'n' -> { sb[n++] = '\n'; i += 2; }
                    case 't' -> { sb[n++] = '\t'; i += 2; }
                    case 'r' -> { sb[n++] = '\r'; i += 2; }
                    case 'v' -> { sb[n++] = 0x0b; i += 2; }
                    case 'f' -> { sb[n++] = '\f'; i += 2; }
                    case 'a' -> { sb[n++] = 0x07; i += 2; }
                    case 'b' -> { sb[n++] = '\b'; i += 2; }
                    case 'e' -> { sb[n++] = 0x1b; i += 2; }
                    case 'x' -> {
                        int v = 0;
                        int j = i + 2;
                        while (j < close && j < i + 4 && Character.digit(quoted[j], 16) >= 0) {
                            v = v * 16 + Character.digit(quoted[j], 16);
                            j++;
                        }
                        sb[n++] = (byte) v;
                        i = Math.max(j, i + 2);
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = 0;
                            int j = i + 1;
                            while (j < close && j < i + 4 && quoted[j] >= '0' && quoted[j] <= '7') {
                                v = v * 8 + (quoted[j] - '0');
                                j++;
                            }
                            sb[n++] = (byte) v;
                            i = j;
                        } else {
                            sb[n++] = e;
                            i += 2;
                        }
                    }
                }
            }
            return new String(sb, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The display text of the last few fd decorations: a connection's calls come in runs (accept, read, write,
     * shutdown, close), so most lookups are hits and cost a byte compare instead of a decode and a String.
     */
    static final class DecorationCache {
        private static final int SIZE = 16;
        private final byte[][] keys = new byte[SIZE][];
        private final String[] values = new String[SIZE];
        private int next;

        String text(byte[] b, int from, int to) {
            int n = Math.max(0, to - from);
            for (int k = 0; k < SIZE; k++) {
                byte[] key = keys[k];
                if (key != null && key.length == n && Arrays.equals(key, 0, n, b, from, from + n)) {
                    return values[k];
                }
            }
            byte[] key = Arrays.copyOfRange(b, from, from + n);
            String value = TextBytes.toDisplayString(key.clone());
            keys[next] = key;
            values[next] = value;
            next = (next + 1) % SIZE;
            return value;
        }
    }
}
