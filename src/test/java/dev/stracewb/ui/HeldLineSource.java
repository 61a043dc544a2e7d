package dev.stracewb.ui;

import dev.stracewb.source.LineSink;
import dev.stracewb.source.LineSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** For tests: a live capture that has delivered a file's lines and waits for more until it is stopped. */
final class HeldLineSource implements LineSource {
    private final Path file;
    private final CountDownLatch closed = new CountDownLatch(1);

    HeldLineSource(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "held " + file.getFileName();
    }

    @Override
    public void readLines(LineSink sink) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int from = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                sink.line(all, from, i - from, 0);
                from = i + 1;
            }
        }
        if (from < all.length) {
            sink.line(all, from, all.length - from, 0);
        }
        sink.idle();
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
