package dev.stracewb.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree checked by hand against the trace (strace-process-tree could not be installed here: no PyPI): each
 * expectation below is a clone/execve/+++ line of the fixture.
 */
class ProcessTreeTest {

    private static Map<Integer, ProcessNode> tree(String fixture) {
        return Traces.fixtureSession(fixture).processTree().stream()
                .collect(Collectors.toMap(ProcessNode::pid, Function.identity()));
    }

    @Test
    void forkingShellHasItsChildrenCommandsExitCodesAndTheCoreDump() {
        Map<Integer, ProcessNode> t = tree("analysis/fork-tree.strace");

        ProcessNode root = t.get(11327);
        assertThat(root.ppid()).isNull();
        assertThat(root.command()).startsWith("bash -c ulimit -c unlimited; (exit 3);");
        assertThat(root.executable()).isEqualTo("/usr/bin/bash");
        assertThat(root.exit()).isEqualTo(2);
        assertThat(root.children()).containsExactly(11328, 11329, 11330, 11331, 11332);
        assertThat(root.signals()).containsKey("SIGCHLD");

        assertThat(t.get(11328).exit()).isEqualTo(3);
        assertThat(t.get(11328).command()).endsWith("(fork)");
        assertThat(t.get(11329).command()).isEqualTo("sleep 0.1");
        assertThat(t.get(11331).command()).isEqualTo("grep -c php");
        assertThat(t.get(11331).exit()).isZero();

        ProcessNode crashed = t.get(11332);
        assertThat(crashed.ppid()).isEqualTo(11327);
        assertThat(crashed.command()).isEqualTo("bash -c kill -SEGV $$");
        assertThat(crashed.signal()).isEqualTo("SIGSEGV");
        assertThat(crashed.coreDumped()).isTrue();
        assertThat(crashed.exit()).isNull();
        assertThat(crashed.outcome()).isEqualTo("killed by SIGSEGV (core dumped)");
        assertThat(t).hasSize(6);
    }

    @Test
    void ffSetGivesTheSameTreeAcrossItsFiles() {
        Map<Integer, ProcessNode> t = tree("ff-php-cli");
        ProcessNode php = t.values().stream().filter(p -> p.ppid() == null).findFirst().orElseThrow();

        assertThat(t).hasSize(5);
        assertThat(php.command()).startsWith("php /tmp/stracewb-lab/cli/deploy-che");
        assertThat(php.exit()).isEqualTo(1);
        assertThat(php.children()).hasSize(2);
        ProcessNode fork = t.get(php.children().get(0));
        ProcessNode sh = t.get(php.children().get(1));
        assertThat(fork.command()).endsWith("(fork)");
        assertThat(fork.exit()).isEqualTo(1);
        assertThat(sh.command()).startsWith("sh -c ");
        assertThat(sh.children()).hasSize(2);
        assertThat(t.get(sh.children().get(0)).command()).isEqualTo("grep -n version.php wp-settings.php");
        assertThat(t.get(sh.children().get(1)).command()).isEqualTo("head -n 1");
        assertThat(t.get(sh.children().get(1)).exit()).isZero();
    }

    @Test
    void cloneWithCloneThreadMakesAThreadNotAChild() {
        var s = Traces.text(
                "500 10:00:00.000000 execve(\"/usr/sbin/apache2\", [\"apache2\", \"-k\", \"start\"], 0x7ffd /* 3 vars */) = 0 <0.000100>",
                "500 10:00:00.001000 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f, parent_tid=0x7f, exit_signal=0, stack=0x7f, stack_size=0x7fff00, tls=0x7f} => {parent_tid=[501]}, 88) = 501 <0.000050>",
                "501 10:00:00.002000 getpid() = 500 <0.000010>",
                "500 10:00:00.003000 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 502 <0.000050>",
                "502 10:00:00.004000 +++ exited with 0 +++",
                "501 10:00:00.005000 +++ exited with 0 +++",
                "500 10:00:00.006000 +++ exited with 1 +++");
        List<ProcessNode> processes = s.processTree();

        assertThat(processes).extracting(ProcessNode::pid).containsExactly(500, 502);
        assertThat(processes.get(0).threads()).containsExactly(501);
        assertThat(processes.get(0).children()).containsExactly(502);
        assertThat(processes.get(0).exit()).isEqualTo(1);
        assertThat(processes.get(0).command()).isEqualTo("apache2 -k start");
        assertThat(processes.get(1).command()).isEqualTo("apache2 -k start (fork)");
    }
}
