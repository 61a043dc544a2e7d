package dev.stracewb.source;

import java.io.IOException;
import java.util.List;

/** Several sources read one after the other, as {@code analyze a.strace b.strace} asks. */
public final class ConcatLineSource implements LineSource {
    private final List<LineSource> parts;

    public ConcatLineSource(List<LineSource> parts) {
        this.parts = List.copyOf(parts);
    }

    public List<LineSource> parts() {
        return parts;
    }

    @Override
    public String name() {
        return String.join(" + ", parts.stream().map(LineSource::name).toList());
    }

    @Override
    public void readLines(LineSink sink) throws IOException {
        for (LineSource s : parts) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            s.readLines(sink);
        }
    }

    @Override
    public void close() throws IOException {
        for (LineSource s : parts) {
            s.close();
        }
    }
}
