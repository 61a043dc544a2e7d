package dev.stracewb.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A plain strace output file ({@code strace -o FILE}). */
public final class FileLineSource implements LineSource {
    private final Path file;
    private final int filePid;

    public FileLineSource(Path file) {
        this(file, 0);
    }

    FileLineSource(Path file, int filePid) {
        this.file = file;
        this.filePid = filePid;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public void readLines(LineSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            new StreamLineReader().pump(in, sink, filePid);
        }
    }

    @Override
    public Optional<Path> seekableFile() {
        return Optional.of(file);
    }
}
