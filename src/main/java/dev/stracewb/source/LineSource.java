package dev.stracewb.source;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where strace lines come from: a file, a gzip file, a set of {@code -ff} files, standard input, or a running
 * strace. Everything after the source treats them alike.
 */
public interface LineSource extends Closeable {

    /** What the user would call it: a file name, "stdin", "strace -p 1234". */
    String name();

    /**
     * Pushes every line to the sink until the input ends, {@link #close()} is called, or the thread is
     * interrupted. Returns normally at the end of the input.
     */
    void readLines(LineSink sink) throws IOException;

    /**
     * The plain file that holds exactly the lines this source delivers, byte for byte, so raw text can be read
     * back by offset without a copy. Empty for gzip, -ff sets, stdin and live captures (their lines are spooled).
     */
    default Optional<Path> seekableFile() {
        return Optional.empty();
    }

    @Override
    default void close() throws IOException {
    }
}
