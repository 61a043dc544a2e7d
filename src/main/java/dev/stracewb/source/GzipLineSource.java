package dev.stracewb.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** A gzip-compressed trace ({@code trace.strace.gz}). */
public final class GzipLineSource implements LineSource {
    private final Path file;

    public GzipLineSource(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public void readLines(LineSink sink) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
            new StreamLineReader().pump(in, sink, 0);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + " is not a valid gzip file: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is not a valid gzip file: it ends early (cut off while being written?)", e);
        }
    }
}
