package dev.stracewb.ui;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one line the workbench shows for an exception: what went wrong and, where we know, what to do. */
final class Messages {
    private Messages() {
    }

    static String of(Throwable t) {
        Throwable e = t;
        while ((e instanceof UncheckedIOException || e instanceof CompletionException
                || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
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
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
