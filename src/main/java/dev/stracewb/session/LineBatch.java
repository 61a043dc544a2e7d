package dev.stracewb.session;

import dev.stracewb.parse.LineParser;
import dev.stracewb.parse.ParsedLine;

import java.util.Arrays;

/**
 * Lines copied out of a source's buffer and parsed on the reading thread, handed to the ingest thread in order.
 * Reused: the reading thread fills it, the ingest thread drains it and gives it back.
 */
final class LineBatch {
    static final int MAX_LINES = 4096;
    static final int BYTES = 1 << 19;

    byte[] bytes = new byte[BYTES];
    int used;
    int count;
    final int[] start = new int[MAX_LINES];
    final int[] length = new int[MAX_LINES];
    final int[] filePid = new int[MAX_LINES];
    final ParsedLine[] parsed = new ParsedLine[MAX_LINES];
    /** Set on the last batch: the source ended, with this error or null. */
    boolean last;
    Throwable error;

    LineBatch() {
        for (int i = 0; i < MAX_LINES; i++) {
            parsed[i] = new ParsedLine();
        }
    }

    void clear() {
        used = 0;
        count = 0;
        last = false;
        error = null;
    }

    /** Whether a line of {@code len} bytes still fits (an empty batch takes a line of any length). */
    boolean fits(int len) {
        return count < MAX_LINES && (count == 0 || used + len <= bytes.length);
    }

    /** Copies the line in and parses it where it now lies, so the parse offsets point into {@link #bytes}. */
    void add(byte[] buf, int off, int len, int pid, LineParser parser) {
        if (used + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + len));
        }
        System.arraycopy(buf, off, bytes, used, len);
        start[count] = used;
        length[count] = len;
        filePid[count] = pid;
        parser.parse(bytes, used, len, parsed[count]);
        used += len;
        count++;
    }
}
