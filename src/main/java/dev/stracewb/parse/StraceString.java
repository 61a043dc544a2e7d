package dev.stracewb.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes strace's quoted strings: {@code \"}, {@code \\}, {@code \n}, {@code \t}, {@code \r}, {@code \v},
 * {@code \f}, octal {@code \NNN} and {@code \xNN}. Bytes that are not UTF-8 keep strace's escaped spelling, so
 * nothing is lost or replaced. Not thread-safe: one instance per parsing thread.
 */
public final class StraceString {

    private byte[] scratch = new byte[256];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** Whether the argument [start, end) is a quoted string (possibly followed by the {@code ...} truncation mark). */
    public static boolean isQuoted(byte[] b, int start, int end) {
        return end - start >= 2 && b[start] == '"';
    }

    /** Whether a quoted string was cut by {@code -s}: {@code "abc"...}. */
    public static boolean isTruncated(byte[] b, int start, int end) {
        return end - start >= 5 && b[end - 1] == '.' && b[end - 2] == '.' && b[end - 3] == '.' && b[end - 4] == '"';
    }

    /** Decodes the quoted string at [start, end); returns null when it is not a quoted string. */
    public String decode(byte[] b, int start, int end) {
        if (!isQuoted(b, start, end)) {
            return null;
        }
        int close = ArgumentScanner.skipString(b, start, end) - 1;
        if (close <= start) {
            close = end;
        }
        int n = unescape(b, start + 1, close);
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (scratch[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(scratch, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            // not UTF-8: keep strace's own escaped spelling so the bytes survive
            return new String(b, start + 1, Math.max(0, close - start - 1), StandardCharsets.ISO_8859_1);
        }
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
