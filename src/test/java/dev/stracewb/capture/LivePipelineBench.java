package dev.stracewb.capture;

import dev.stracewb.session.TraceSession;
import dev.stracewb.source.LineSink;
import dev.stracewb.source.LineSource;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark harness (not a test): can the live pipeline (the capture's file follower feeding a TraceSession:
 * parse, store, analyses) keep up with strace? A writer appends a real strace trace to a file at a fixed rate
 * (or as fast as it can), as strace would, while the pipeline follows it. Prints lines written and delivered
 * (they must be equal: no line lost), the rate, and how far the pipeline lagged behind the writer.
 *
 * <pre>java -cp target/stracewb.jar:target/test-classes dev.stracewb.capture.LivePipelineBench TRACE [LINES_PER_S]</pre>
 */
public final class LivePipelineBench {

    private LivePipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        Path trace = Path.of(args[0]);
        long rate = args.length > 1 ? Long.parseLong(args[1]) : 0;
        byte[] all = Files.readAllBytes(trace);
        long total = 0;
        for (byte b : all) {
            if (b == '\n') {
                total++;
            }
        }
        Path live = Files.createTempFile("stracewb-live-", ".strace");
        AtomicBoolean writerDone = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        AtomicLong maxLag = new AtomicLong();
        long t0 = System.nanoTime();
        Thread writer = new Thread(() -> write(all, live, rate, written, writerDone), "writer");

        GrowingFileReader follower = new GrowingFileReader(live);
        LineSource source = new LineSource() {
            @Override
            public String name() {
                return "replay of " + trace.getFileName() + (rate > 0 ? " at " + rate + " lines/s" : " at full speed");
            }

            @Override
            public void readLines(LineSink sink) throws IOException {
                long[] seen = {0};
                follower.follow((buf, off, len, pid) -> {
                    sink.line(buf, off, len, pid);
                    if ((++seen[0] & 0xFFFF) == 0) {
                        maxLag.accumulateAndGet(written.get() - seen[0], Math::max);
                    }
                }, writerDone::get, () -> false);
            }

            @Override
            public Optional<Path> seekableFile() {
                return Optional.of(live);
            }
        };
        long writerEnd;
        try (TraceSession session = TraceSession.of(source)) {
            writer.start();
            session.run();
            long end = System.nanoTime();
            writer.join();
            writerEnd = endNanos;
            double secs = (end - t0) / 1e9;
            System.out.printf("source: %s (%,d lines, %,d bytes)%n", trace, total, all.length);
            System.out.printf("mode: %s%n", source.name());
            System.out.printf("lines written %,d, delivered %,d, in the session %,d: %s%n", written.get(),
                    follower.lines(), session.accounting().lines(),
                    follower.lines() == total && session.accounting().lines() == total ? "none lost" : "LOST LINES");
            System.out.printf("writer: %.2f s (%,.0f lines/s); pipeline done %.3f s after the writer%n",
                    (writerEnd - t0) / 1e9, total / ((writerEnd - t0) / 1e9), (end - writerEnd) / 1e9);
            System.out.printf("pipeline: %.2f s end to end, %,.0f lines/s; most lines behind the writer: %,d%n",
                    secs, total / secs, maxLag.get());
            System.out.printf("result: %,d syscalls, %d failure groups, first: %s%n", session.stats().totalCalls(),
                    session.failures().size(), session.failures().isEmpty() ? "-" : session.failures().get(0).path());
        } finally {
            Files.deleteIfExists(live);
        }
    }

    private static volatile long endNanos;

    private static void write(byte[] all, Path live, long rate, AtomicLong written, AtomicBoolean done) {
        try (FileOutputStream out = new FileOutputStream(live.toFile(), true)) {
            long start = System.nanoTime();
            int pos = 0;
            long lines = 0;
            int chunkLines = rate > 0 ? (int) Math.max(1, rate / 1000) : 10_000;
            while (pos < all.length) {
                int end = pos;
                int n = 0;
                while (end < all.length && n < chunkLines) {
                    if (all[end++] == '\n') {
                        n++;
                    }
                }
                out.write(all, pos, end - pos);
                pos = end;
                lines += n;
                written.set(lines);
                if (rate > 0) {
                    long due = start + lines * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            endNanos = System.nanoTime();
            done.set(true);
        }
    }
}
