package dev.stracewb.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one line a user sees: what went wrong and, where we know, what to do. */
public final class UserMessages {
    private UserMessages() {
    }

    public static String of(Throwable t) {
        Throwable e = t instanceof UncheckedIOException u ? u.getCause() : t;
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory: give Java more heap, e.g. JAVA_TOOL_OPTIONS=-Xmx8g";
        }
        String m = e.getMessage();
        if (m != null && m.contains("No space left on device")) {
            return "disk full: free space or choose another directory (" + m + ")";
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
