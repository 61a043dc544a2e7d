package dev.stracewb.capture;

import dev.stracewb.source.LineSink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Reads a file while another process appends to it ({@code tail -f}), and hands each complete line to a sink
 * exactly once; after the writer has finished, the last line even without its newline.
 * <p>
 * The writer (strace) never waits for this reader: it writes to a file, not a pipe, so a slow consumer makes the
 * file grow on disk instead of slowing the traced server. When the file has no new bytes the reader sleeps a
 * little (1 ms, growing to 20 ms while idle). When it has caught up with a trickle of lines it waits
 * {@value #GATHER_MILLIS} ms before reading again, so that lines are handed on in batches: a wake-up per line would
 * take CPU from the server being traced on a busy machine, and the live view needs no finer step than a frame.
 */
final class GrowingFileReader {

    private static final int INITIAL_BUFFER = 1 << 20;
    private static final long MIN_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final int GATHER_MILLIS = 10;
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(GATHER_MILLIS);
    /** A read shorter than this means the reader has caught up with strace. */
    private static final int CAUGHT_UP_BYTES = 64 * 1024;

    private final Path file;
    private long lines;
    private long bytes;

    GrowingFileReader(Path file) {
        this.file = file;
    }

    /**
     * Delivers lines until {@code writerDone} is true and the file holds nothing more, or {@code abandon} is true
     * (the capture was given up; lines still unread are skipped), or the thread is interrupted.
     *
     * @return true when the end of the writer's output was reached
     */
    boolean follow(LineSink sink, BooleanSupplier writerDone, BooleanSupplier abandon) throws IOException {
        byte[] buf = new byte[INITIAL_BUFFER];
        int filled = 0;
        long idle = MIN_IDLE_NANOS;
        boolean delivered = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                boolean done = writerDone.getAsBoolean();
                if (filled == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                int n = ch.read(ByteBuffer.wrap(buf, filled, buf.length - filled));
                if (n > 0) {
                    bytes += n;
                    int scanFrom = filled;
                    filled += n;
                    filled = deliver(buf, scanFrom, filled, sink);
                    idle = MIN_IDLE_NANOS;
                    delivered = true;
                    if (n < CAUGHT_UP_BYTES && !done) {
                        delivered = false;
                        sink.idle();
                        if (abandon.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                            return false;
                        }
                        LockSupport.parkNanos(GATHER_NANOS);
                    }
                    continue;
                }
                if (done) {
                    if (filled > 0) {
                        lines++;
                        sink.line(buf, 0, filled, 0);
                    }
                    return true;
                }
                if (abandon.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    return false;
                }
                if (delivered) {
                    delivered = false;
                    sink.idle();
                }
                LockSupport.parkNanos(idle);
                idle = Math.min(idle * 2, MAX_IDLE_NANOS);
            }
        }
    }

    /** Hands over every complete line in buf[0, filled), moves the rest to the front, returns its length. */
    private int deliver(byte[] buf, int scanFrom, int filled, LineSink sink) {
        int start = 0;
        for (int i = scanFrom; i < filled; i++) {
            if (buf[i] == '\n') {
                lines++;
                sink.line(buf, start, i - start, 0);
                start = i + 1;
            }
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, filled - start);
        }
        return filled - start;
    }

    long lines() {
        return lines;
    }

    long bytes() {
        return bytes;
    }
}
