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
        byte[] buf = new byte[1 << 22];
        int limit = 0;
        long line = 1;
        try (InputStream in = Files.newInputStream(raw.file())) {
            while (line <= lastLine) {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException();
                }
                if (limit == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, limit, buf.length - limit);
                boolean end = n < 0;
                limit += Math.max(0, n);
                int usable = end ? limit : lastNewline(buf, limit) + 1;
                int start = 0;
                for (int i = 0; i < usable && line <= lastLine; i++) {
                    if (buf[i] == '\n' || (end && i == usable - 1)) {
                        int lineEnd = buf[i] == '\n' ? i : i + 1;
                        if (line >= firstLine && contains(buf, start, lineEnd, needle)) {
                            hits.set((int) line);
                        }
                        line++;
                        start = i + 1;
                    }
                }
                if (end) {
                    break;
                }
                System.arraycopy(buf, usable, buf, 0, limit - usable);
                limit -= usable;
            }
        }
        return hits;
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
