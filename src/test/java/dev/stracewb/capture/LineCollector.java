package dev.stracewb.capture;

import dev.stracewb.source.LineSink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Keeps the lines a capture delivers, for tests; readable from other threads while lines arrive. */
final class LineCollector implements LineSink {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void line(byte[] buf, int off, int len, int filePid) {
        lines.add(new String(buf, off, len, StandardCharsets.UTF_8));
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    synchronized boolean any(String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    /** Reads the capture on a daemon thread. */
    Thread readInBackground(StraceCaptureSource capture) {
        Thread t = new Thread(() -> {
            try {
                capture.readLines(this);
            } catch (Exception e) {
                synchronized (this) {
                    lines.add("ERROR " + e.getMessage());
                }
            }
        }, "test-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
