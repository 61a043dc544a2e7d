package dev.stracewb.session;

import dev.stracewb.parse.LineParser;
import dev.stracewb.source.LineSink;
import dev.stracewb.source.LineSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and parses a finite source on a second thread while the calling thread stitches, stores and analyses:
 * on two cores the parse costs no wall time. Lines reach the ingest in their input order, in {@link LineBatch}es
 * passed through a short queue and recycled. Only for sources that end on their own (files, .gz, -ff sets): a
 * batch is handed over when it is full, which a live capture would wait for.
 */
final class ParallelIngest {
    private static final int BATCHES = 4;

    private final LineSource source;
    private final TraceIngest ingest;
    private final BlockingQueue<LineBatch> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<LineBatch> free = new ArrayBlockingQueue<>(BATCHES);

    ParallelIngest(LineSource source, TraceIngest ingest) {
        this.source = source;
        this.ingest = ingest;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new LineBatch());
        }
    }

    /** Runs until the source ends; its error, if any, is rethrown here on the calling thread. */
    void run() throws Exception {
        Thread reader = new Thread(this::read, "stracewb-read " + source.name());
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                LineBatch b = full.take();
                for (int i = 0; i < b.count; i++) {
                    ingest.ingest(b.bytes, b.start[i], b.length[i], b.filePid[i], b.parsed[i]);
                }
                if (b.last) {
                    if (b.error instanceof Exception e) {
                        throw e;
                    }
                    if (b.error != null) {
                        throw new IOException(b.error);
                    }
                    return;
                }
                b.clear();
                free.put(b);
            }
        } catch (InterruptedException e) {
            throw new InterruptedIOException("reading " + source.name() + " was cancelled");
        } finally {
            reader.interrupt();
        }
    }

    /** The reading thread: splits (in the source) and parses into batches. */
    private void read() {
        ThreadNice.applyIngestNiceToCurrentThread();
        LineParser parser = new LineParser();
        LineBatch[] current = new LineBatch[1];
        Throwable error = null;
        try {
            current[0] = free.take();
            BlockingSink sink = (buf, off, len, filePid) -> {
                LineBatch b = current[0];
                if (!b.fits(len)) {
                    full.put(b);
                    b = free.take();
                    current[0] = b;
                }
                b.add(buf, off, len, filePid, parser);
            };
            source.readLines(uncheckedInterrupts(sink));
        } catch (Throwable t) {
            error = t instanceof InterruptedSink i ? i.getCause() : t;
        }
        LineBatch last = current[0];
        if (last == null) {
            return;
        }
        last.last = true;
        last.error = error;
        try {
            full.put(last);
        } catch (InterruptedException e) {
            // the ingest side is gone (cancelled); nobody waits for this batch
            Thread.currentThread().interrupt();
        }
    }

    /** A LineSink with a blocking hand-off: an interrupt while waiting ends the source's readLines. */
    private interface BlockingSink {
        void line(byte[] buf, int off, int len, int filePid) throws InterruptedException;
    }

    private static LineSink uncheckedInterrupts(BlockingSink sink) {
        return (buf, off, len, filePid) -> {
            try {
                sink.line(buf, off, len, filePid);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedSink(e);
            }
        };
    }

    private static final class InterruptedSink extends RuntimeException {
        InterruptedSink(InterruptedException cause) {
            super(cause);
        }
    }
}
