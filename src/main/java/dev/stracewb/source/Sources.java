package dev.stracewb.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Chooses the source for what a user named: a file, a .gz, an -ff directory or prefix, or {@code -} for stdin. */
public final class Sources {
    private Sources() {
    }

    /**
     * One source for several names: files that are all {@code PREFIX.PID} of one -ff run are merged in time
     * order; other files are read one after the other.
     */
    public static LineSource open(List<String> specs) throws SourceException {
        if (specs.size() == 1) {
            return open(specs.get(0));
        }
        List<Path> ff = new java.util.ArrayList<>();
        for (String s : specs) {
            Path p = Path.of(s);
            if (FfSets.pidOf(p) > 0 && Files.isRegularFile(p)) {
                ff.add(p);
            }
        }
        if (ff.size() == specs.size()) {
            for (Path p : ff) {
                if (!Files.isReadable(p)) {
                    throw new SourceException("cannot read " + p + ": permission denied");
                }
            }
            return new FfSetLineSource(String.join(" ", specs), ff);
        }
        List<LineSource> parts = new java.util.ArrayList<>();
        for (String s : specs) {
            parts.add(open(s));
        }
        return new ConcatLineSource(parts);
    }

    public static LineSource open(String spec) throws SourceException {
        if (spec.equals("-")) {
            return StreamLineSource.stdin();
        }
        Path path = Path.of(spec);
        try {
            if (Files.isDirectory(path)) {
                List<Path> files = FfSets.inDirectory(path);
                if (files.isEmpty()) {
                    throw new SourceException(spec + " is a directory with no strace -ff files (PREFIX.PID) in it");
                }
                return new FfSetLineSource(spec, files);
            }
            if (!Files.exists(path)) {
                List<Path> files = FfSets.withPrefix(path);
                if (!files.isEmpty()) {
                    return new FfSetLineSource(spec, files);
                }
                throw new SourceException("no such file: " + spec);
            }
            if (!Files.isReadable(path)) {
                throw new SourceException("cannot read " + spec + ": permission denied");
            }
            if (isGzip(path)) {
                return new GzipLineSource(path);
            }
            if (isBinary(path)) {
                throw SourceException.notATrace(spec + " is binary data, not strace output");
            }
            return new FileLineSource(path);
        } catch (AccessDeniedException e) {
            throw new SourceException("cannot read " + spec + ": permission denied");
        } catch (IOException e) {
            throw new SourceException("cannot read " + spec + ": " + e.getMessage());
        }
    }

    /** strace escapes every control byte it prints, so a NUL byte near the start means this is no trace. */
    private static boolean isBinary(Path path) throws IOException {
        byte[] head = new byte[64 * 1024];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }
}
