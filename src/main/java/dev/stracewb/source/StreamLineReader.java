package dev.stracewb.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines in a large reusable buffer: no copy per line, no decoding. A line longer than
 * the buffer grows it; a last line without a newline is still delivered.
 */
final class StreamLineReader {
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a_0a0a_0a0a_0a0aL;
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private byte[] buf = new byte[1 << 20];

    /**
     * Index of the first '\n' in [from, limit), or -1: eight bytes at a time (a zero byte of {@code word ^ NEWLINES}
     * marks a newline; the lowest such byte is the first, and no false positive comes before it).
     */
    static int nextNewline(byte[] b, int from, int limit) {
        int i = from;
        for (; i + 8 <= limit; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - LOW_BITS) & ~x & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < limit; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Reads {@code in} to its end (or until the thread is interrupted), handing each line to {@code sink}. */
    void pump(InputStream in, LineSink sink, int filePid) throws IOException {
        int start = 0;
        int limit = 0;
        boolean delivered = false;
        while (!Thread.currentThread().isInterrupted()) {
            if (limit == buf.length) {
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, limit - start);
                    limit -= start;
                    start = 0;
                } else {
                    byte[] grown = new byte[buf.length * 2];
                    System.arraycopy(buf, 0, grown, 0, limit);
                    buf = grown;
                }
            }
            if (delivered && in.available() == 0) {
                delivered = false;
                sink.idle();
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                break;
            }
            int scanFrom = limit;
            limit += n;
            for (int i = nextNewline(buf, scanFrom, limit); i >= 0; i = nextNewline(buf, i + 1, limit)) {
                sink.line(buf, start, i - start, filePid);
                start = i + 1;
                delivered = true;
            }
            if (start == limit) {
                start = 0;
                limit = 0;
            }
        }
        if (limit > start) {
            sink.line(buf, start, limit - start, filePid);
        }
    }
}
