package dev.stracewb.capture;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** /proc as this machine shows it, and the choices made from it. */
class ProcessDiscoveryTest {

    private final ProcessDiscovery discovery = new ProcessDiscovery();

    @Test
    void readsThisJvmWithItsParentUserThreadsAndCommandLine() {
        ProcessInfo self = discovery.process(ProcessDiscovery.ownPid()).orElseThrow();
        assertThat(self.ppid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        assertThat(self.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(self.threads()).isGreaterThan(1);
        assertThat(self.comm()).isEqualTo("java");
        assertThat(self.cmdline().get(0)).endsWith("java");
        assertThat(self.isTraced()).isFalse();
        assertThat(self.cpuTicks()).isPositive();
    }

    @Test
    void noSuchPidIsEmpty() throws Exception {
        assertThat(discovery.process(CaptureErrorsTest.unusedPid())).isEmpty();
        assertThat(discovery.process(0)).isEmpty();
        assertThat(discovery.process(-5)).isEmpty();
    }

    @Test
    void descendantsAndTreeFollowTheRealProcessTree() throws Exception {
        try (Tracees t = new Tracees()) {
            Process sh = t.start(List.of("sh", "-c", "sleep 60 & (sleep 61 & wait) & wait"));
            assertThat(Tracees.eventually(Duration.ofSeconds(3),
                    () -> discovery.descendants((int) sh.pid()).size() == 3)).isTrue();
            List<ProcessInfo> kids = discovery.descendants((int) sh.pid());
            assertThat(kids).extracting(ProcessInfo::comm).containsExactlyInAnyOrder("sleep", "sh", "sleep");

            List<ProcessNode> roots = ProcessDiscovery.tree(discovery.all());
            ProcessNode shNode = find(roots, (int) sh.pid());
            assertThat(shNode.children()).hasSize(2);
            assertThat(shNode.children().stream().mapToInt(c -> c.children().size()).sum()).isEqualTo(1);
        }
    }

    @Test
    void serverKindsMatchTheirMastersAndWorkersByCommOrArgv0() {
        assertThat(ServerKind.PHP_FPM.matches(info("php-fpm8.2", "php-fpm: master process (/etc/php/8.2/fpm/php-fpm.conf)"))).isTrue();
        assertThat(ServerKind.PHP_FPM.matches(info("php-fpm8.2", "php-fpm: pool www"))).isTrue();
        assertThat(ServerKind.NGINX.matches(info("nginx", "nginx: worker process"))).isTrue();
        assertThat(ServerKind.APACHE2.matches(info("apache2", "/usr/sbin/apache2", "-k", "start"))).isTrue();
        assertThat(ServerKind.APACHE2.matches(info("bash", "bash", "-c", "apache2ctl"))).isFalse();
        assertThat(ServerKind.HTTPD.matches(info("apache2", "/usr/sbin/apache2"))).isFalse();
    }

    @Test
    void serverNamesIncludeVersionedPhpFpm() throws Exception {
        assertThat(ServerKind.fromUserName("php-fpm8.2")).isEqualTo(ServerKind.PHP_FPM);
        assertThat(ServerKind.fromUserName("Apache2")).isEqualTo(ServerKind.APACHE2);
    }

    @Test
    void sampleTakesTheBusiestWorkersByCpuTime() {
        List<ProcessInfo> workers = List.of(worker(11, 5), worker(12, 900), worker(13, 40), worker(14, 900));
        assertThat(AttachPlan.busiest(workers, 2)).extracting(ProcessInfo::pid).containsExactly(12, 14);
        assertThat(AttachPlan.busiest(workers, 9)).hasSize(4);
        List<ProcessInfo> random = AttachPlan.random(workers, 2, new Random(1));
        assertThat(random).hasSize(2).isSubsetOf(workers).doesNotHaveDuplicates();
    }

    @Test
    void planRefusesSampleWithoutWorkersToChooseFrom() {
        assertThatThrownBy(() -> AttachPlan.of(new AttachPlan.Wish(List.of(1), false, null, 1, false), discovery))
                .hasMessage("--sample picks workers: use it with --server NAME or with --pid N --children");
        assertThatThrownBy(() -> AttachPlan.of(new AttachPlan.Wish(List.of(), false, null, 0, false), discovery))
                .hasMessage("nothing to attach to: give --pid N or --server NAME (see stracewb ps)");
    }

    @Test
    void planOfChildrenNeverIncludesThisJvm() throws Exception {
        int parent = (int) ProcessHandle.current().parent().orElseThrow().pid();
        AttachPlan plan = AttachPlan.of(new AttachPlan.Wish(List.of(parent), true, null, 0, false), discovery);
        assertThat(plan.targets()).extracting(AttachTarget::pid).doesNotContain(ProcessDiscovery.ownPid());
    }

    @Test
    void epermExplanationsNameTheCauseAndTheRemedy() {
        ProcessInfo rootSleeper = new ProcessInfo(40, 1, 0, "root", 1, 'S', "sleep", List.of("sleep", "60"), 0, 0);
        ProcessInfo ownWorker = new ProcessInfo(41, 1, 1000, "ann", 1, 'S', "php", List.of("php"), 0, 0);
        var none = java.util.OptionalInt.empty();
        assertThat(Privileges.explainAttachRefused(40, rootSleeper, false, 1000, false, none))
                .isEqualTo("attach to PID 40 (sleep, user root) refused: you are not root and the process belongs "
                        + "to another user; add --sudo or run as root");
        assertThat(Privileges.explainAttachRefused(41, ownWorker, false, 1000, false, java.util.OptionalInt.of(1)))
                .contains("kernel.yama.ptrace_scope is 1").contains("add --sudo");
        assertThat(Privileges.explainAttachRefused(41, ownWorker, false, 1000, false, java.util.OptionalInt.of(2)))
                .contains("kernel.yama.ptrace_scope is 2 (only CAP_SYS_PTRACE may attach)");
        assertThat(Privileges.explainAttachRefused(41, ownWorker, false, 0, false, java.util.OptionalInt.of(3)))
                .contains("ptrace_scope is 3").contains("use stracewb run");
        assertThat(Privileges.explainAttachRefused(40, rootSleeper, false, 0, false, none))
                .contains("this root lacks CAP_SYS_PTRACE").contains("--cap-add SYS_PTRACE");
        assertThat(Privileges.explainAttachRefused(41, ownWorker, false, 1000, false, none))
                .contains("not dumpable");
    }

    private static ProcessNode find(List<ProcessNode> nodes, int pid) {
        for (ProcessNode n : nodes) {
            if (n.process().pid() == pid) {
                return n;
            }
            ProcessNode f = find(n.children(), pid);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static ProcessInfo info(String comm, String... argv) {
        return new ProcessInfo(100, 1, 0, "root", 1, 'S', comm, List.of(argv), 0, 0);
    }

    private static ProcessInfo worker(int pid, long cpu) {
        return new ProcessInfo(pid, 10, 33, "www-data", 1, 'S', "apache2", List.of("/usr/sbin/apache2"), cpu, 0);
    }
}
