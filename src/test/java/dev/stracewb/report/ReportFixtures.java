package dev.stracewb.report;

import dev.stracewb.session.TraceSession;
import dev.stracewb.source.Sources;
import dev.stracewb.testsupport.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

/** Sessions over the recorded fixtures, and report options that make a report the same on every machine. */
final class ReportFixtures {
    /** Where the lab serves its docroot; every recorded apache fixture's paths start with it. */
    static final String LAB_WWW = "/tmp/stracewb-lab/www";
    static final Instant GENERATED = Instant.parse("2026-11-26T12:00:00Z");

    private ReportFixtures() {
    }

    /** A finished session over a trace file. */
    static TraceSession read(Path trace) {
        try {
            TraceSession session = TraceSession.of(Sources.open(trace.toString()));
            session.run();
            if (session.error() != null) {
                throw new IllegalStateException("cannot read " + trace, session.error());
            }
            return session;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + trace + ": " + e.getMessage(), e);
        }
    }

    static TraceSession fixture(String name) {
        return read(Fixtures.path(name));
    }

    /** Options with a fixed clock and host, so only the trace decides what the report says. */
    static ReportOptions fixed() {
        return ReportOptions.defaults().withClock(Clock.fixed(GENERATED, ZoneOffset.UTC)).withHost("report-test-host");
    }

    /**
     * A copy of a lab fixture whose docroot paths point to a copy of the project's lab docroot under {@code dir}:
     * the trace "was recorded on this machine and the site is still there", whatever /tmp/stracewb-lab holds
     * right now, so "did you mean" (from the disk) and the source references are the same on every machine.
     * Returns the copied trace; its docroot is {@code dir/www}.
     */
    static Path relocatedLabTrace(String fixture, Path dir) {
        try {
            Path www = dir.resolve("www");
            copyTree(Fixtures.directory().getParent().resolve("lab/docroot"), www);
            // ISO-8859-1 maps every byte to one char and back: the copy differs only in the replaced paths
            String text = Files.readString(Fixtures.path(fixture), StandardCharsets.ISO_8859_1);
            Path copy = dir.resolve(fixture);
            Files.writeString(copy, text.replace(LAB_WWW, www.toString()), StandardCharsets.ISO_8859_1);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path source, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
