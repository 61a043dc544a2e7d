package dev.stracewb.trace;

import java.nio.charset.StandardCharsets;

/**
 * Bytes as text a user can read without losing any: UTF-8 where the bytes are valid UTF-8, every other byte as
 * {@code \xNN}. Used for raw lines and for decoded strace strings (paths that are not UTF-8), so one path is
 * spelled the same way whatever {@code -x} form the trace used.
 */
public final class DisplayText {
    private DisplayText() {
    }

    public static String of(byte[] b) {
        return of(b, 0, b.length);
    }

    public static String of(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && b[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(len + 16);
        for (int j = off; j < i; j++) {
            sb.append((char) b[j]);
        }
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int n = sequenceLength(b, i, end);
            if (n == 0) {
                sb.append('\\').append('x').append(HEX[c >>> 4]).append(HEX[c & 0xf]);
                i++;
            } else {
                sb.append(new String(b, i, n, StandardCharsets.UTF_8));
                i += n;
            }
        }
        return sb.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Length of the well-formed UTF-8 sequence at {@code i} (RFC 3629: no overlongs, no surrogates), or 0. */
    static int sequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        int n;
        int min;
        int max = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            min = c == 0xe0 ? 0xa0 : 0x80;
            max = c == 0xed ? 0x9f : 0xbf;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            min = c == 0xf0 ? 0x90 : 0x80;
            max = c == 0xf4 ? 0x8f : 0xbf;
        } else {
            return 0;
        }
        if (i + n > end) {
            return 0;
        }
        int second = b[i + 1] & 0xff;
        if (second < min || second > max) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int cont = b[i + k] & 0xff;
            if (cont < 0x80 || cont > 0xbf) {
                return 0;
            }
        }
        return n;
    }
}
