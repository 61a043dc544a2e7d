package dev.stracewb.ui;

import dev.stracewb.source.LineSink;
import dev.stracewb.source.LineSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For the benchmark: delivers a file's lines at a fixed rate (lines per second), like a busy live capture,
 * in slices of about 1 ms. Lines are spooled by the session, as a live capture's are.
 */
final class RateLimitedLineSource implements LineSource {
    private final Path file;
    private final long linesPerSecond;
    private volatile boolean closed;

    RateLimitedLineSource(Path file, long linesPerSecond) {
        this.file = file;
        this.linesPerSecond = linesPerSecond;
    }

    @Override
    public String name() {
        return file + " at " + linesPerSecond + " lines/s";
    }

    /**
     * Reads the file in 1 MB blocks and hands out its lines from the block, as the product's readers of a file or
     * a capture's pipe do (StreamLineReader): the load generator must not cost more than real input. (It read a
     * byte at a time through a synchronized BufferedInputStream.read() and a volatile check per byte, most of the
     * ingest thread's CPU time at 100,000 lines/s, on a 2-core machine where the FX and render threads need it.)
     */
    @Override
    public void readLines(LineSink sink) throws IOException {
        long start = System.nanoTime();
        long sent = 0;
        byte[] buf = new byte[1 << 20];
        int from = 0;
        int limit = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (!closed) {
                int nl = -1;
                for (int i = from; i < limit; i++) {
                    if (buf[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                if (nl < 0) {
                    if (from > 0) {
                        System.arraycopy(buf, from, buf, 0, limit - from);
                        limit -= from;
                        from = 0;
                    }
                    if (limit == buf.length) {
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    }
                    int n = in.read(buf, limit, buf.length - limit);
                    if (n < 0) {
                        if (limit > from) {
                            sink.line(buf, from, limit - from, 0);
                        }
                        return;
                    }
                    limit += n;
                    continue;
                }
                sink.line(buf, from, nl - from, 0);
                from = nl + 1;
                sent++;
                if ((sent & 63) == 0) {
                    long due = start + sent * 1_000_000_000L / linesPerSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 1_000_000) {
                        try {
                            Thread.sleep(wait / 1_000_000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
