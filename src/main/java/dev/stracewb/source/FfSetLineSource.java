package dev.stracewb.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The per-process files that {@code strace -ff -o PREFIX} writes ({@code PREFIX.PID}), merged into one stream in
 * timestamp order, each line tagged with the pid from its file name. Lines without a timestamp keep their place
 * after the previous line of the same file.
 */
public final class FfSetLineSource implements LineSource {
    private final String name;
    private final List<Path> files;

    public FfSetLineSource(String name, List<Path> files) {
        this.name = name;
        this.files = List.copyOf(files);
    }

    public List<Path> files() {
        return files;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void readLines(LineSink sink) throws IOException {
        List<Cursor> cursors = new ArrayList<>();
        PriorityQueue<Cursor> queue = new PriorityQueue<>((a, b) -> a.time != b.time
                ? Long.compare(a.time, b.time) : Integer.compare(a.order, b.order));
        try {
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                Cursor c = new Cursor(f, FfSets.pidOf(f), i);
                cursors.add(c);
                if (c.advance()) {
                    queue.add(c);
                }
            }
            while (!queue.isEmpty() && !Thread.currentThread().isInterrupted()) {
                Cursor c = queue.poll();
                sink.line(c.line, 0, c.length, c.pid);
                if (c.advance()) {
                    queue.add(c);
                }
            }
        } finally {
            for (Cursor c : cursors) {
                c.in.close();
            }
        }
    }

    /** One file's read position: its current line and that line's timestamp. */
    private static final class Cursor {
        final InputStream in;
        final int pid;
        final int order;
        byte[] line = new byte[256];
        int length;
        long time = Long.MIN_VALUE;

        Cursor(Path file, int pid, int order) throws IOException {
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            this.pid = pid;
            this.order = order;
        }

        boolean advance() throws IOException {
            length = 0;
            int c;
            boolean any = false;
            while ((c = in.read()) >= 0) {
                any = true;
                if (c == '\n') {
                    break;
                }
                if (length == line.length) {
                    line = java.util.Arrays.copyOf(line, line.length * 2);
                }
                line[length++] = (byte) c;
            }
            if (!any) {
                return false;
            }
            long t = LineTimestamps.peekNanos(line, 0, length);
            if (t != Long.MIN_VALUE) {
                time = t;
            }
            return true;
        }
    }
}
