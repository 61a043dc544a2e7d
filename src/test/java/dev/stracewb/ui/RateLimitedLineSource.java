package dev.stracewb.ui;

import dev.stracewb.source.LineSink;
import dev.stracewb.source.LineSource;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For the benchmark: delivers a file's lines at a fixed rate (lines per second), like a busy live capture,
 * in 1 ms slices. Lines are spooled by the session, as a live capture's are.
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

    @Override
    public void readLines(LineSink sink) throws IOException {
        long start = System.nanoTime();
        long sent = 0;
        byte[] line = new byte[1 << 16];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            int len = 0;
            int b;
            while (!closed && (b = in.read()) >= 0) {
                if (b != '\n') {
                    if (len == line.length) {
                        line = java.util.Arrays.copyOf(line, len * 2);
                    }
                    line[len++] = (byte) b;
                    continue;
                }
                sink.line(line, 0, len, 0);
                len = 0;
                sent++;
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

    @Override
    public void close() {
        closed = true;
    }
}
