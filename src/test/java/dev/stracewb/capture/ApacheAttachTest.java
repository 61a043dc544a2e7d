package dev.stracewb.capture;

import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.session.TraceSession;
import dev.stracewb.testsupport.PrivateApache;
import dev.stracewb.testsupport.ProcessTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outage, captured live: a private apache2 prefork + mod_php whose homepage requires
 * {@code wp-includes/version.phpp}. Integration test (root, apache2, mod_php, strace; see
 * {@link PrivateApache#assumeIt()}).
 */
class ApacheAttachTest {

    private static final int REQUESTS = 12;
    /** PHP looks for a missing require three times (stat, realpath, open), see the fixtures' README. */
    private static final int FAILING_CALLS_PER_REQUEST = 3;

    @TempDir
    Path dir;

    @BeforeEach
    void integrationOnly() {
        PrivateApache.assumeIt();
    }

    @Test
    void attachToMasterAndWorkersShowsEveryRequestFailOnVersionPhppAndDetachLeavesTheServerServing() throws Exception {
        try (PrivateApache apache = PrivateApache.start()) {
            int master = (int) apache.masterPid();
            List<Long> workers = apache.workerPids();
            assertThat(workers).hasSizeGreaterThanOrEqualTo(4);

            ProcessDiscovery discovery = new ProcessDiscovery();
            ServerGroup ours = discovery.servers(ServerKind.APACHE2).stream()
                    .filter(g -> g.master().pid() == master).findFirst().orElseThrow();
            assertThat(ours.workers()).extracting(p -> (long) p.pid()).containsExactlyElementsOf(workers);

            List<AttachTarget> targets = new ArrayList<>();
            targets.add(new AttachTarget(master, AttachTarget.Role.MASTER));
            ours.workers().forEach(w -> targets.add(new AttachTarget(w.pid(), AttachTarget.Role.WORKER)));
            StraceCaptureSource capture = StraceCaptureSource.start(
                    CaptureRequest.attach(targets).withSaveFile(dir.resolve("apache.strace")));
            assertThat(capture.attachedPids()).contains(master)
                    .containsAll(workers.stream().map(Long::intValue).toList());
            for (long w : workers) {
                assertThat(Tracees.tracerPid(w)).isEqualTo(capture.pid());
            }
            TraceSession session = TraceSession.of(capture);
            Thread ingest = session.start();

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                statuses.add(apache.get("/"));
            }
            assertThat(statuses).hasSize(REQUESTS).containsOnly(500);

            // a worker forked after the attach is traced too: the master is traced with -f
            long replaced = workers.get(0);
            ProcessHandle.of(replaced).ifPresent(ProcessHandle::destroyForcibly);
            assertThat(Tracees.eventually(Duration.ofSeconds(10), () -> apache.workerPids().stream()
                    .anyMatch(w -> !workers.contains(w)))).isTrue();
            long newcomer = apache.workerPids().stream().filter(w -> !workers.contains(w)).findFirst().orElseThrow();
            assertThat(Tracees.eventually(Duration.ofSeconds(5),
                    () -> capture.attachedPids().contains((int) newcomer))).isTrue();
            assertThat(Tracees.tracerPid(newcomer)).isEqualTo(capture.pid());

            Thread.sleep(300);
            capture.stop();
            ingest.join(30_000);
            assertThat(session.isFinished()).isTrue();
            assertThat(session.error()).isNull();

            CaptureResult r = capture.result().orElseThrow();
            assertThat(r.reason()).isEqualTo(StopReason.STOPPED);
            assertThat(r.stillTraced()).isEmpty();
            List<Long> after = apache.workerPids();
            assertThat(after).contains(newcomer);
            for (long w : after) {
                assertThat(Tracees.tracerPid(w)).as("TracerPid of worker " + w).isZero();
                assertThat(Tracees.state(w)).as("state of worker " + w).isIn('S', 'R');
            }
            assertThat(Tracees.tracerPid(master)).isZero();
            assertThat(apache.get("/healthy/")).isEqualTo(200);
            assertThat(apache.get("/")).isEqualTo(500);

            FailureGroup first = session.failures().get(0);
            assertThat(first.path()).isEqualTo(apache.docroot().resolve("wp-includes/version.phpp").toString());
            assertThat(first.count()).isEqualTo((long) REQUESTS * FAILING_CALLS_PER_REQUEST);
            assertThat(first.errnos()).containsOnlyKeys("ENOENT");
            assertThat(Files.readAllLines(r.outputFile()).stream()
                    .filter(l -> l.matches(".*\"HTTP/1\\.[01] 500 Internal Server Error.*")).count())
                    .as("status lines the workers wrote").isEqualTo(REQUESTS);
            session.close();
        }
    }

    @Test
    void sampleOneTracesOneWorkerAndNotTheMaster() throws Exception {
        try (PrivateApache apache = PrivateApache.start()) {
            int master = (int) apache.masterPid();
            for (int i = 0; i < 8; i++) {
                apache.get("/");
            }
            AttachPlan plan = AttachPlan.of(new AttachPlan.Wish(List.of(master), true, null, 1, false),
                    new ProcessDiscovery());
            assertThat(plan.targets()).hasSize(1);
            int sampled = plan.targets().get(0).pid();
            assertThat(apache.workerPids()).contains((long) sampled);

            try (StraceCaptureSource capture = StraceCaptureSource.start(CaptureRequest.attach(plan.targets())
                    .sampled().withSaveFile(dir.resolve("sample.strace")))) {
                assertThat(Tracees.tracerPid(sampled)).isEqualTo(capture.pid());
                // the tracer yields the CPU to the untraced workers; the traced worker keeps its own priority
                assertThat(ProcessTable.niceOf(capture.pid())).isEqualTo(CaptureRequest.SAMPLED_NICE);
                assertThat(ProcessTable.niceOf(sampled)).isEqualTo(ProcessTable.niceOf(master));
                assertThat(Tracees.tracerPid(master)).isZero();
                for (long w : apache.workerPids()) {
                    if (w != sampled) {
                        assertThat(Tracees.tracerPid(w)).as("untraced worker " + w).isZero();
                    }
                }
                for (int i = 0; i < 8; i++) {
                    assertThat(apache.get("/")).isEqualTo(500);
                }
            }
            assertThat(Tracees.tracerPid(sampled)).isZero();
            assertThat(apache.get("/healthy/")).isEqualTo(200);
        }
    }
}
