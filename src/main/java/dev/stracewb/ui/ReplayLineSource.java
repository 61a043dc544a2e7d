package dev.stracewb.ui;

import dev.stracewb.source.LineSink;
import dev.stracewb.source.LineSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Plays a saved trace as if it were being captured now: each line is delivered when its timestamp says it was
 * written, sped up by a factor (1×, 10×; or {@link #MAX} for as fast as the workbench reads). Lines without a
 * timestamp go out with the line before. The file is read in place, so nothing is copied.
 */
final class ReplayLineSource implements LineSource {
    static final double MAX = Double.POSITIVE_INFINITY;
    /** Longer quiet gaps than this are shortened, so a replay never seems to hang. */
    private static final long MAX_GAP_NANOS = 5_000_000_000L;

    private final Path file;
    private final double speed;
    private volatile boolean closed;

    ReplayLineSource(Path file, double speed) {
        this.file = file;
        this.speed = speed;
    }

    @Override
    public String name() {
        return file.toString();
    }

    String speedLabel() {
        return Double.isInfinite(speed) ? "max" : (speed == Math.rint(speed) ? (long) speed + "×" : speed + "×");
    }

    @Override
    public Optional<Path> seekableFile() {
        return Optional.of(file);
    }

    @Override
    public void readLines(LineSink sink) throws IOException {
        byte[] buf = new byte[1 << 20];
        int limit = 0;
        long firstTrace = Long.MIN_VALUE;
        long lastTrace = Long.MIN_VALUE;
        long shifted = 0;
        long startWall = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            while (!closed && !Thread.currentThread().isInterrupted()) {
                if (limit == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    if (limit > 0) {
                        sink.line(buf, 0, limit, 0);
                    }
                    return;
                }
                limit += n;
                int start = 0;
                for (int i = 0; i < limit; i++) {
                    if (buf[i] != '\n') {
                        continue;
                    }
                    long t = timestamp(buf, start, i);
                    if (t != Long.MIN_VALUE && !Double.isInfinite(speed)) {
                        if (firstTrace == Long.MIN_VALUE) {
                            firstTrace = t;
                        } else if (t - lastTrace > MAX_GAP_NANOS) {
                            shifted += t - lastTrace - MAX_GAP_NANOS;
                        }
                        lastTrace = Math.max(lastTrace, t);
                        long due = startWall + (long) ((t - firstTrace - shifted) / speed);
                        if (!waitUntil(due)) {
                            return;
                        }
                    }
                    sink.line(buf, start, i - start, 0);
                    start = i + 1;
                }
                System.arraycopy(buf, start, buf, 0, limit - start);
                limit -= start;
            }
        }
    }

    private boolean waitUntil(long due) {
        long wait = due - System.nanoTime();
        if (wait <= 200_000) {
            return true;
        }
        try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The leading time of a line ({@code [pid] HH:MM:SS.ffffff} or {@code SECONDS.ffffff}), or Long.MIN_VALUE. */
    static long timestamp(byte[] b, int from, int to) {
        int p = from;
        int fields = 0;
        while (p < to && fields < 2) {
            while (p < to && b[p] == ' ') {
                p++;
            }
            int s = p;
            while (p < to && b[p] != ' ') {
                p++;
            }
            long t = parseTime(b, s, p);
            if (t != Long.MIN_VALUE) {
                return t;
            }
            fields++;
        }
        return Long.MIN_VALUE;
    }

    private static long parseTime(byte[] b, int s, int e) {
        long seconds = 0;
        int p = s;
        int colons = 0;
        long part = 0;
        int digits = 0;
        while (p < e && (b[p] >= '0' && b[p] <= '9' || b[p] == ':')) {
            if (b[p] == ':') {
                seconds = seconds * 60 + part;
                part = 0;
                colons++;
            } else {
                part = part * 10 + (b[p] - '0');
                digits++;
            }
            p++;
        }
        if (p >= e || b[p] != '.' || digits == 0) {
            return Long.MIN_VALUE;
        }
        seconds = colons > 0 ? seconds * 60 + part : part;
        long nanos = 0;
        int frac = 0;
        for (p++; p < e && b[p] >= '0' && b[p] <= '9'; p++) {
            if (frac < 9) {
                nanos = nanos * 10 + (b[p] - '0');
                frac++;
            }
        }
        if (p != e || frac == 0) {
            return Long.MIN_VALUE;
        }
        for (; frac < 9; frac++) {
            nanos *= 10;
        }
        return seconds * 1_000_000_000L + nanos;
    }

    @Override
    public void close() {
        closed = true;
    }
}
