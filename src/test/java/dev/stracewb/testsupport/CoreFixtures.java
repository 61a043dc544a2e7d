package dev.stracewb.testsupport;

import dev.stracewb.session.TraceSession;
import dev.stracewb.source.FileLineSource;
import dev.stracewb.source.LineSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded traces under src/test/resources/fixtures/core (src/test/scripts/record-core-fixtures.sh), by name, and
 * sessions loaded from them.
 */
public final class CoreFixtures {
    private CoreFixtures() {
    }

    public static Path dir() {
        URL url = CoreFixtures.class.getClassLoader().getResource("fixtures/core");
        if (url == null) {
            throw new IllegalStateException("fixtures/core is not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path path(String name) {
        Path p = dir().resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no fixture " + name + " in " + dir());
        }
        return p;
    }

    /** Every recorded {@code .strace} file (not the -ff set directories). */
    public static List<Path> allTraces() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".strace")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every recorded {@code .strace} file of the project: fixtures/core and the lab's, analysis' and report's. */
    public static List<Path> allRecordedTraces() {
        try (Stream<Path> s = Files.walk(dir().getParent())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".strace") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file under src/test/resources/fixtures (the lab's recordings), by its path there. */
    public static Path labFixture(String relative) {
        Path p = dir().getParent().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no fixture " + relative);
        }
        return p;
    }

    /** The bytes of each line of a fixture, without the newline. */
    public static List<byte[]> lines(String name) {
        return lines(path(name));
    }

    public static List<byte[]> lines(Path file) {
        try {
            byte[] all = Files.readAllBytes(file);
            List<byte[]> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    out.add(java.util.Arrays.copyOfRange(all, start, i));
                    start = i + 1;
                }
            }
            if (start < all.length) {
                out.add(java.util.Arrays.copyOfRange(all, start, all.length));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Line {@code lineNo} (1-based) of a fixture, as text. */
    public static String line(String name, int lineNo) {
        return new String(lines(name).get(lineNo - 1), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A finished session over a fixture file. */
    public static TraceSession load(String name) {
        return load(new FileLineSource(path(name)));
    }

    public static TraceSession load(LineSource source) {
        try {
            TraceSession s = TraceSession.of(source);
            s.run();
            if (s.error() != null) {
                throw new IllegalStateException("loading " + source.name() + " failed", s.error());
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
