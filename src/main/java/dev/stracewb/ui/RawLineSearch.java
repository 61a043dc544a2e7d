package dev.stracewb.ui;

import dev.stracewb.store.RawText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.BitSet;
import java.util.function.BooleanSupplier;

/**
 * Finds the raw lines that contain a text, ignoring ASCII case, by reading the trace's text once from start to
 * end (not line by line through the index, which would cost a read per line). Used for the filter bar's free
 * text and for "find references" until the references analysis lands.
 */
final class RawLineSearch {
    private RawLineSearch() {
    }

    /** Below this many lines, a later part of the text is searched line by line through the index. */
    private static final long BY_LINE = 200_000;

    /** The 1-based numbers of the lines in {@code [firstLine, lastLine]} that contain {@code text}. */
    static BitSet linesContaining(RawText raw, String text, long firstLine, long lastLine, BooleanSupplier cancelled)
            throws IOException {
        BitSet hits = new BitSet();
        byte[] needle = lower(text.getBytes(StandardCharsets.UTF_8));
        if (needle.length == 0 || lastLine < firstLine) {
            return hits;
        }
        if (firstLine > 1 && lastLine - firstLine < BY_LINE) {
            for (long line = firstLine; line <= lastLine; line++) {
                byte[] b = raw.lineBytes(line);
                if (contains(b, 0, b.length, needle)) {
                    hits.set((int) line);
                }
            }
            return hits;
        }
        raw.lineBytes(lastLine); // a spooled text writes its buffer out before it is read
        byte first = needle[0];
        byte firstUpper = upper(first);
        byte[] buf = new byte[1 << 22];
        long line = 1;
        int carry = 0;
        // one pass over the bytes: count lines, and try a match only where the needle's first byte (either case)
        // is; the needle never spans a newline, so a partial line at the end of a block is carried to the next
        try (InputStream in = Files.newInputStream(raw.file())) {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException();
                }
                if (carry == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, carry, buf.length - carry);
                boolean end = n < 0;
                int limit = carry + Math.max(0, n);
                int usable = end ? limit : lastNewline(buf, limit) + 1;
                boolean hitOnLine = false;
                for (int i = 0; i < usable; i++) {
                    byte c = buf[i];
                    if (c == '\n') {
                        line++;
                        hitOnLine = false;
                        if (line > lastLine) {
                            break;
                        }
                    } else if ((c == first || c == firstUpper) && !hitOnLine && line >= firstLine
                            && matchesAt(buf, i, usable, needle)) {
                        hits.set((int) line);
                        hitOnLine = true;
                    }
                }
                if (end || line > lastLine) {
                    break;
                }
                System.arraycopy(buf, usable, buf, 0, limit - usable);
                carry = limit - usable;
            }
        }
        return hits;
    }

    private static boolean matchesAt(byte[] b, int at, int limit, byte[] needle) {
        if (at + needle.length > limit) {
            return false;
        }
        for (int j = 1; j < needle.length; j++) {
            byte c = b[at + j];
            if (c == '\n' || lower(c) != needle[j]) {
                return false;
            }
        }
        return true;
    }

    private static byte upper(byte c) {
        return c >= 'a' && c <= 'z' ? (byte) (c - 32) : c;
    }

    private static int lastNewline(byte[] buf, int limit) {
        for (int i = limit - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static boolean contains(byte[] b, int from, int to, byte[] needle) {
        byte first = needle[0];
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (lower(b[i]) != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (lower(b[i + j]) != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte lower(byte c) {
        return c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
    }

    private static byte[] lower(byte[] b) {
        byte[] out = b.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = lower(out[i]);
        }
        return out;
    }
}
