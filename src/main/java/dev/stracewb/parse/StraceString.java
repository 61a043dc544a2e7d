package dev.stracewb.parse;

import dev.stracewb.trace.DisplayText;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes strace's quoted strings: {@code \"}, {@code \\}, {@code \n}, {@code \t}, {@code \r}, {@code \v},
 * {@code \f}, octal {@code \NNN} and {@code \xNN}, and the {@code ...} truncation mark after the closing quote.
 * Nothing is lost or replaced. Not thread-safe: one instance per parsing thread.
 */
public final class StraceString {

    private byte[] scratch = new byte[256];

    /** Whether the argument [start, end) is a quoted string (possibly followed by the {@code ...} truncation mark). */
    public static boolean isQuoted(byte[] b, int start, int end) {
        return end - start >= 2 && b[start] == '"';
    }

    /** Whether a quoted string was cut by {@code -s}: {@code "abc"...}. */
    public static boolean isTruncated(byte[] b, int start, int end) {
        return end - start >= 5 && b[end - 1] == '.' && b[end - 2] == '.' && b[end - 3] == '.' && b[end - 4] == '"';
    }

    /**
     * Decodes the quoted string at [start, end) to text; returns null when it is not a quoted string. Bytes that
     * are not UTF-8 come out as {@code \xNN} (as {@link DisplayText} spells them), so a path reads the same
     * whether the trace was written with or without {@code -x}/{@code -xx}.
     */
    public String decode(byte[] b, int start, int end) {
        if (!isQuoted(b, start, end)) {
            return null;
        }
        int n = unescape(b, start + 1, closingQuote(b, start, end));
        for (int i = 0; i < n; i++) {
            if (scratch[i] < 0) {
                return DisplayText.of(scratch, 0, n);
            }
        }
        return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The bytes a quoted string stands for (escapes undone), or null when it is not a quoted string. */
    public byte[] decodeBytes(byte[] b, int start, int end) {
        if (!isQuoted(b, start, end)) {
            return null;
        }
        int n = unescape(b, start + 1, closingQuote(b, start, end));
        return Arrays.copyOf(scratch, n);
    }

    private static int closingQuote(byte[] b, int start, int end) {
        int close = ArgumentScanner.skipString(b, start, end) - 1;
        return close <= start || b[close] != '"' ? end : close;
    }

    /** Unescapes [from, to) into the scratch buffer; returns the number of bytes. */
    private int unescape(byte[] b, int from, int to) {
        if (scratch.length < to - from) {
            scratch = new byte[Math.max(to - from, scratch.length * 2)];
        }
        int n = 0;
        int i = from;
        while (i < to) {
            byte c = b[i];
            if (c != '\\' || i + 1 >= to) {
                scratch[n++] = c;
                i++;
                continue;
            }
            byte e = b[i + 1];
            switch (e) {
                case 'n' -> { scratch[n++] = '\n'; i += 2; }
                case 't' -> { scratch[n++] = '\t'; i += 2; }
                case 'r' -> { scratch[n++] = '\r'; i += 2; }
                case 'v' -> { scratch[n++] = 0x0b; i += 2; }
                case 'f' -> { scratch[n++] = '\f'; i += 2; }
                case 'a' -> { scratch[n++] = 0x07; i += 2; }
                case 'b' -> { scratch[n++] = '\b'; i += 2; }
                case 'e' -> { scratch[n++] = 0x1b; i += 2; }
                case 'x' -> {
                    int v = 0;
                    int j = i + 2;
                    int digits = 0;
                    while (j < to && digits < 2 && hex(b[j]) >= 0) {
                        v = v * 16 + hex(b[j]);
                        j++;
                        digits++;
                    }
                    if (digits == 0) {
                        scratch[n++] = 'x';
                        i += 2;
                    } else {
                        scratch[n++] = (byte) v;
                        i = j;
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = 0;
                        int j = i + 1;
                        int digits = 0;
                        while (j < to && digits < 3 && b[j] >= '0' && b[j] <= '7') {
                            v = v * 8 + (b[j] - '0');
                            j++;
                            digits++;
                        }
                        scratch[n++] = (byte) v;
                        i = j;
                    } else {
                        // \" \\ and anything unknown: the escaped character itself
                        scratch[n++] = e;
                        i += 2;
                    }
                }
            }
        }
        return n;
    }

    private static int hex(byte c) {
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
}
