package dev.stracewb.capture;

import dev.stracewb.session.TraceSession;
import dev.stracewb.testsupport.PrivateApache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** nginx + php-fpm: --server finds both masters and their workers; tracing the php-fpm workers finds the culprit. */
class FpmAttachTest {

    @TempDir
    Path dir;

    @BeforeEach
    void integrationOnly() {
        PrivateApache.assumeIt();
    }

    @Test
    void discoveryFindsNginxAndPhpFpmMastersWithTheirWorkersAndFpmWorkersShowTheCulprit() throws Exception {
        try (PrivateApache lab = PrivateApache.start(PrivateApache.Mode.FPM)) {
            ProcessDiscovery discovery = new ProcessDiscovery();
            ServerGroup nginx = discovery.servers(ServerKind.NGINX).stream()
                    .filter(g -> g.master().pid() == lab.masterPid()).findFirst().orElseThrow();
            assertThat(nginx.workers()).extracting(p -> (long) p.pid()).containsExactlyElementsOf(lab.workerPids());
            ServerGroup fpm = discovery.servers(ServerKind.fromUserName("php-fpm8.2")).stream()
                    .filter(g -> g.master().pid() == lab.fpmMasterPid()).findFirst().orElseThrow();
            assertThat(fpm.workers()).extracting(p -> (long) p.pid()).containsExactlyElementsOf(lab.fpmWorkerPids());
            assertThat(fpm.master().programName()).startsWith("php-fpm: master process");

            List<AttachTarget> targets = fpm.workers().stream()
                    .map(w -> new AttachTarget(w.pid(), AttachTarget.Role.WORKER)).toList();
            StraceCaptureSource capture = StraceCaptureSource.start(
                    CaptureRequest.attach(targets).withSaveFile(dir.resolve("fpm.strace")));
            TraceSession session = TraceSession.of(capture);
            Thread ingest = session.start();
            for (int i = 0; i < 5; i++) {
                assertThat(lab.get("/")).isEqualTo(500);
            }
            Thread.sleep(300);
            capture.stop();
            ingest.join(30_000);

            assertThat(capture.result().orElseThrow().stillTraced()).isEmpty();
            for (long w : lab.fpmWorkerPids()) {
                assertThat(Tracees.tracerPid(w)).isZero();
            }
            assertThat(session.failures().get(0).path())
                    .isEqualTo(lab.docroot().resolve("wp-includes/version.phpp").toString());
            assertThat(lab.get("/healthy/")).isEqualTo(200);
            session.close();
        }
    }
}
