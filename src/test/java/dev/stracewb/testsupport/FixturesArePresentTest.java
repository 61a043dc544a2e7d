package dev.stracewb.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The recorded fixtures that the parser and analysis tests read are all there, and the outage one is the outage. */
class FixturesArePresentTest {

    /** Observed in the recording: per request, PHP stats the missing file twice, then tries to open it once. */
    private static final int REQUESTS = 20;
    private static final int FAILING_CALLS_PER_REQUEST = 3;

    @Test
    void readmeListsEveryFixtureFamily() {
        assertThat(Fixtures.listedInReadme())
                .hasSizeGreaterThanOrEqualTo(34)
                .contains("apache-prefork-outage.strace", "apache-prefork-healthy.strace",
                        "apache-prefork-eacces.strace", "apache-prefork-hang-udp.strace",
                        "apache-prefork-hang-tcp.strace", "apache-prefork-crash.strace",
                        "apache-prefork-login.strace", "nginx-fpm-outage.strace", "threads-interleaved.strace",
                        "strace-messages.strace", "ff-php-cli/", "stderr-f-pid-prefix.strace",
                        "ts-none.strace", "ts-t.strace", "ts-tt.strace", "ts-ttt.strace", "ts-r.strace",
                        "ts-unix-ns.strace", "ts-us.strace", "ts-T.strace", "deco-y.strace", "deco-yy.strace",
                        "deco-x.strace", "deco-xx.strace", "deco-X-raw.strace", "deco-X-verbose.strace",
                        "deco-v.strace", "deco-k.strace", "summary-c.strace", "summary-C.strace");
    }

    @Test
    void everyListedFixtureExistsNonEmptyWithItsNote() throws IOException {
        for (String name : Fixtures.listedInReadme()) {
            Path fixture = Fixtures.path(name);
            if (name.endsWith("/")) {
                assertThat(fixture).as(name).isDirectory();
            } else {
                assertThat(fixture).as(name).isRegularFile();
                assertThat(Files.size(fixture)).as(name).isPositive();
            }
            String base = name.endsWith("/") ? name.substring(0, name.length() - 1) : name.replaceFirst("\\.strace$", "");
            assertThat(Fixtures.path(base + ".txt")).as("note of " + name).isRegularFile();
        }
    }

    @Test
    void everyFixtureStaysSmall() throws IOException {
        try (Stream<Path> files = Files.walk(Fixtures.directory())) {
            List<Path> large = files.filter(Files::isRegularFile)
                    .filter(p -> sizeOf(p) >= 1_000_000)
                    .toList();
            assertThat(large).isEmpty();
        }
    }

    @Test
    void ffSetHasOneNonEmptyFilePerProcess() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.path("ff-php-cli"))) {
            List<Path> traces = files.toList();
            assertThat(traces).hasSize(5)
                    .allSatisfy(p -> assertThat(p.getFileName().toString()).matches("trace\\.[0-9]+"))
                    .allSatisfy(p -> assertThat(sizeOf(p)).isPositive());
        }
    }

    @Test
    void outageTraceFailsOnVersionPhppThreeTimesPerRequest() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.path("apache-prefork-outage.strace"));

        long responses = lines.stream().filter(l -> l.contains("HTTP/1.0 500 Internal Server Error")).count();

        assertThat(enoentCallsOn("/tmp/stracewb-lab/www/wp-includes/version.phpp", lines))
                .isEqualTo(REQUESTS * FAILING_CALLS_PER_REQUEST);
        assertThat(responses).isEqualTo(REQUESTS);
    }

    @Test
    void nginxFpmOutageTraceFailsOnVersionPhppThreeTimesPerRequest() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.path("nginx-fpm-outage.strace"));

        assertThat(enoentCallsOn("/tmp/stracewb-lab/www/wp-includes/version.phpp", lines))
                .isEqualTo(REQUESTS * FAILING_CALLS_PER_REQUEST);
    }

    /**
     * Calls on {@code path} that failed with ENOENT. A call that strace split into
     * {@code <unfinished ...>} and {@code <... NAME resumed>} lines of the same pid counts once:
     * how many calls are split depends on timing, so re-recorded fixtures differ there.
     */
    private static long enoentCallsOn(String path, List<String> lines) {
        String quoted = "\"" + path + "\"";
        java.util.Set<String> pending = new java.util.HashSet<>();
        long count = 0;
        for (String line : lines) {
            String pid = line.substring(0, Math.max(0, line.indexOf(' ')));
            boolean failed = line.contains(" = -1 ENOENT ");
            if (line.contains(quoted)) {
                if (line.endsWith("<unfinished ...>")) {
                    pending.add(pid);
                } else if (failed) {
                    count++;
                }
            } else if (line.contains(" resumed>") && pending.remove(pid) && failed) {
                count++;
            }
        }
        return count;
    }

    @Test
    void healthyTraceNeverMentionsVersionPhpp() throws IOException {
        assertThat(Files.readString(Fixtures.path("apache-prefork-healthy.strace"))).doesNotContain("version.phpp");
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
