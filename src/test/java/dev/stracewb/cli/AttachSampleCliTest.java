package dev.stracewb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stracewb.testsupport.PrivateApache;
import dev.stracewb.testsupport.ProcessTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stracewb attach --sample 1} on a real apache2 + mod_php serving the outage: one worker traced with the
 * sample's defaults (a nice tracer, {@code -y}), the culprit found from that worker alone, every worker untraced
 * after the capture.
 */
class AttachSampleCliTest {

    @TempDir
    Path dir;

    @BeforeEach
    void integrationOnly() {
        PrivateApache.assumeIt();
    }

    @Test
    void aSampleTracesOneWorkerWithPathsOnlyAndStillFindsTheCulprit() throws Exception {
        try (PrivateApache apache = PrivateApache.start()) {
            Path save = dir.resolve("sample.strace");
            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("attach",
                    "--pid", Long.toString(apache.masterPid()), "--children", "--sample", "1",
                    "--duration", "4s", "--json", "--save", save.toString()));
            // the server hands connections to its idle workers in turn: keep asking until the sampled one served
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!run.isDone() && System.nanoTime() < deadline) {
                assertThat(apache.get("/")).isEqualTo(500);
            }
            CliRun r = run.get(30, TimeUnit.SECONDS);

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err()).contains("nice -n 10 strace -f -tt -T -s 256 -y -e trace=")
                    .doesNotContain(" -yy ");
            String trace = Files.readString(save);
            assertThat(trace).contains("<socket:[").doesNotContain("<TCP:[");
            JsonNode json = r.json();
            assertThat(json.path("failures").get(0).path("path").asText())
                    .isEqualTo(apache.docroot().resolve("wp-includes/version.phpp").toString());
            assertThat(json.path("capture").path("stillTraced").isArray()).isTrue();
            assertThat(json.path("capture").path("stillTraced")).isEmpty();
            for (long w : apache.workerPids()) {
                assertThat(ProcessTable.tracerPid(w).orElse(0L)).as("TracerPid of worker " + w).isZero();
            }
            assertThat(apache.get("/healthy/")).isEqualTo(200);
        }
    }

    @Test
    void socketEndpointsAreAnOptionEitherWay() {
        CaptureCommandsTest.assumeStrace();
        CliRun r = CliRun.of("run", "--socket-endpoints", "--save", dir.resolve("e.strace").toString(), "--",
                "/bin/true");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains(" -yy ");
        CliRun paths = CliRun.of("run", "--no-socket-endpoints", "--save", dir.resolve("p.strace").toString(), "--",
                "/bin/true");
        assertThat(paths.exitCode()).isZero();
        assertThat(paths.err()).contains("strace -f -tt -T -s 256 -y -e trace=").doesNotContain(" -yy ");
    }
}
