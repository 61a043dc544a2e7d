package dev.stracewb.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines in a large reusable buffer: no copy per line, no decoding. A line longer than
 * the buffer grows it; a last line without a newline is still delivered.
 */
final class StreamLineReader {
    private byte[] buf = new byte[1 << 20];

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
            for (int i = scanFrom; i < limit; i++) {
                if (buf[i] == '\n') {
                    sink.line(buf, start, i - start, filePid);
                    start = i + 1;
                    delivered = true;
                }
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
