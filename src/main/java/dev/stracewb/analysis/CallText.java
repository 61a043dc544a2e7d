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
        parser.parse(line, 0, length, parsed);
        if (parsed.shape != LineShape.SYSCALL && parsed.shape != LineShape.UNFINISHED
                && parsed.shape != LineShape.RESUMED) {
            return false;
        }
        argsLength = 0;
        resultLength = 0;
        append(line, parsed.argsStart, parsed.argsEnd);
        if (parsed.shape != LineShape.UNFINISHED) {
            setResult(line, parsed.resultStart, parsed.resultEnd);
        }
        if (last != first) {
            int tailLength = store.raw().lineBytesInto(last, tailBuffer);
            if (tailLength < 0) {
                tailBuffer = new byte[-tailLength * 2];
                tailLength = store.raw().lineBytesInto(last, tailBuffer);
            }
            byte[] tail = tailBuffer;
            parser.parse(tail, 0, tailLength, parsed);
            if (parsed.shape == LineShape.RESUMED) {
                if (argsLength > 0 && parsed.argsEnd > parsed.argsStart) {
                    // "read(9<...>, " + "\"GET /\"..., 8000)": the unfinished part already ends with ", "
                    trimArgs();
                    if (args[argsLength - 1] != ',') {
                        append(new byte[] {','}, 0, 1);
                    }
                    append(new byte[] {' '}, 0, 1);
                }
                append(tail, parsed.argsStart, parsed.argsEnd);
                setResult(tail, parsed.resultStart, parsed.resultEnd);
            }
        }
        return true;
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
        return deco < 0 ? null : text(args, ArgumentScanner.start(deco), ArgumentScanner.end(deco));
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
        return a < 0 ? null : latin1String(ArgumentScanner.start(a), ArgumentScanner.end(a));
    }

    /**
     * Every quoted string inside argument {@code index} (the {@code iov_base}s of writev, the buffer of recvmsg),
     * decoded byte for byte as ISO-8859-1 so binary protocols (FastCGI) keep their length bytes.
     */
    java.util.List<String> latin1Strings(int index) {
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
                String decoded = latin1String(i, close);
                boolean cut = close + 3 <= e && args[close] == '.' && args[close + 1] == '.' && args[close + 2] == '.';
                out.add(cut ? decoded + "..." : decoded);
                i = close;
            } else {
                i++;
            }
        }
        return out;
    }

    private String latin1String(int start, int end) {
        if (!StraceString.isQuoted(args, start, end)) {
            return null;
        }
        byte[] quoted = new byte[end - start];
        System.arraycopy(args, start, quoted, 0, quoted.length);
        return Latin1.decode(quoted);
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
                return close > i ? text(result, i + 1, close - 1) : null;
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

    private static String text(byte[] b, int from, int to) {
        return TextBytes.toDisplayString(Arrays.copyOfRange(b, from, Math.max(from, to)));
    }

    /** Decodes strace escapes byte for byte (no UTF-8 decoding), so binary data keeps its byte values. */
    static final class Latin1 {
        private Latin1() {
        }

        static String decode(byte[] quoted) {
            StringBuilder sb = new StringBuilder(quoted.length);
            int end = quoted.length;
            int close = end;
            // find the closing quote (the string may be followed by "...")
            for (int i = 1; i < end; i++) {
                if (quoted[i] == '\\') {
                    i++;
                } else if (quoted[i] == '"') {
                    close = i;
                    break;
                }
            }
            int i = 1;
            while (i < close) {
                byte c = quoted[i];
                if (c != '\\' || i + 1 >= close) {
                    sb.append((char) (c & 0xff));
                    i++;
                    continue;
                }
                byte e = quoted[i + 1];
                switch (e) {
                    case 'n' -> { sb.append('\n'); i += 2; }
                    case 't' -> { sb.append('\t'); i += 2; }
                    case 'r' -> { sb.append('\r'); i += 2; }
                    case 'v' -> { sb.append((char) 0x0b); i += 2; }
                    case 'f' -> { sb.append('\f'); i += 2; }
                    case 'a' -> { sb.append((char) 0x07); i += 2; }
                    case 'b' -> { sb.append('\b'); i += 2; }
                    case 'e' -> { sb.append((char) 0x1b); i += 2; }
                    case 'x' -> {
                        int v = 0;
                        int j = i + 2;
                        while (j < close && j < i + 4 && Character.digit(quoted[j], 16) >= 0) {
                            v = v * 16 + Character.digit(quoted[j], 16);
                            j++;
                        }
                        sb.append((char) v);
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
                            sb.append((char) (v & 0xff));
                            i = j;
                        } else {
                            sb.append((char) (e & 0xff));
                            i += 2;
                        }
                    }
                }
            }
            return sb.toString();
        }
    }
}
