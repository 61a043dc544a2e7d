package dev.stracewb.cli;

import dev.stracewb.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stracewb diff GOOD BAD --report OUT}: the report describes the broken trace. */
class DiffReportOptionTest {

    @Test
    void diffWritesTheReportOfTheBadTrace(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("deploy.md");
        CliRun r = CliRun.of("diff", Fixtures.path("apache-prefork-healthy.strace").toString(),
                Fixtures.path("apache-prefork-outage.strace").toString(), "--report", out.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("version.phpp");
        assertThat(r.err()).startsWith("stracewb: report written to " + out);
        assertThat(Files.readString(out))
                .startsWith("# Incident report: ENOENT on `/tmp/stracewb-lab/www/wp-includes/version.phpp`");
    }

    @Test
    void diffRefusesAReportItCannotNameBeforeReadingTraces(@TempDir Path dir) {
        CliRun r = CliRun.of("diff", "/no/good.strace", "/no/bad.strace", "--report", dir.resolve("x.pdf").toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).startsWith("stracewb: cannot tell the report format of " + dir.resolve("x.pdf"));
    }
}
