package dev.stracewb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The installed strace's version line, or how to install it. */
final class StraceVersion {
    private StraceVersion() {
    }

    static String describe() {
        try {
            Process p = new ProcessBuilder(List.of("strace", "-V")).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "strace: did not answer to -V";
            }
            String first = out.lines().findFirst().orElse("").trim();
            return first.isEmpty() ? "strace: unknown version" : first;
        } catch (IOException e) {
            return "strace: not installed (apt-get install strace)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "strace: version unknown";
        }
    }
}
