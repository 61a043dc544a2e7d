package dev.stracewb.capture;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * Reads files under /proc. Not {@code Files.readString}: it trusts the size that procfs reports (0) and, on
 * /proc/sys files, stops after the first byte ("32768" reads as "3"). A plain stream read until EOF is right.
 */
final class ProcFiles {

    private ProcFiles() {
    }

    static byte[] bytes(Path file) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        }
    }

    static String string(Path file, Charset cs) throws IOException {
        return new String(bytes(file), cs);
    }
}
