package dev.stracewb.source;

import java.io.IOException;
import java.io.InputStream;

/** Lines from a stream, such as standard input ({@code stracewb analyze -}). */
public final class StreamLineSource implements LineSource {
    private final String name;
    private final InputStream in;

    public StreamLineSource(String name, InputStream in) {
        this.name = name;
        this.in = in;
    }

    public static StreamLineSource stdin() {
        return new StreamLineSource("stdin", System.in);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void readLines(LineSink sink) throws IOException {
        new StreamLineReader().pump(in, sink, 0);
    }

    @Override
    public void close() throws IOException {
        if (in != System.in) {
            in.close();
        }
    }
}
