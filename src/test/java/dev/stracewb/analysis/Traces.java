package dev.stracewb.analysis;

import dev.stracewb.session.TraceSession;
import dev.stracewb.source.Sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs sessions over recorded fixtures and small handwritten traces; closes them at the end of a test class. */
final class Traces {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final List<TraceSession> OPEN = new ArrayList<>();

    private Traces() {
    }

    static Path fixture(String name) {
        Path p = FIXTURES.resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException("fixture missing: " + p + " (src/test/scripts/record-fixtures.sh)");
        }
        return p;
    }

    static TraceSession fixtureSession(String name) {
        return session(fixture(name), AnalysisOptions.DEFAULT);
    }

    static TraceSession session(Path path, AnalysisOptions options) {
        try {
            TraceSession s = TraceSession.of(Sources.open(path.toString()), options);
            s.run();
            if (s.error() != null) {
                throw new IllegalStateException(s.error());
            }
            return s;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A session over handwritten strace lines (joined with newlines). */
    static TraceSession text(String... lines) {
        return text(AnalysisOptions.DEFAULT, lines);
    }

    static TraceSession text(AnalysisOptions options, String... lines) {
        try {
            Path f = Files.createTempFile("stracewb-test-", ".strace");
            f.toFile().deleteOnExit();
            Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return session(f, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
