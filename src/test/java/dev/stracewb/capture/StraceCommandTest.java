package dev.stracewb.capture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The argument lists built for the installed strace (probed for real). */
class StraceCommandTest {

    private StraceProbe probe;
    private final Path out = Path.of("/tmp/out.strace");

    @BeforeEach
    void probe() throws Exception {
        Tracees.assumeStrace();
        probe = StraceProbe.probe();
    }

    @Test
    void probeFindsTheVersionAndCachesIt() throws Exception {
        assertThat(probe.version()).matches("\\d+\\.\\d+(\\.\\d+)?");
        assertThat(probe.major()).isGreaterThanOrEqualTo(4);
        assertThat(StraceProbe.probe()).isSameAs(probe);
        if (probe.major() >= 6) {
            assertThat(probe.features()).contains(StraceFeature.DECODE_FDS_ALL, StraceFeature.TIMESTAMPS_OPTION,
                    StraceFeature.SYSCALL_CLASSES);
        }
    }

    @Test
    void unknownSyscallNamesAreDroppedFromTheFilter() throws Exception {
        assertThat(probe.knownSyscalls(List.of("openat", "no_such_syscall_x", "close"))).containsExactly("openat", "close");
    }

    @Test
    void attachWithTheWebProfileFollowsForksAndNeverUsesSeccomp() throws Exception {
        StraceCommand c = StraceCommand.build(CaptureRequest.attachPids(10, 11), probe, out);
        List<String> a = c.straceArgs();
        assertThat(a).startsWith("-f", "-tt", "-T", "-s", "256");
        assertThat(a).doesNotContain("--seccomp-bpf");
        String filter = a.get(a.indexOf("-e") + 1);
        assertThat(filter).startsWith("trace=%file,%process,%network,").contains(",read,")
                .contains(",writev,").contains(",sendfile,").contains(",close,").contains(",fchdir,")
                .contains(",poll,").contains(",epoll_wait,");
        assertThat(a).endsWith("-o", out.toString(), "-p", "10", "-p", "11");
    }

    @Test
    void runWithTheWebProfileAddsSeccompWhereSupported() throws Exception {
        StraceCommand c = StraceCommand.build(CaptureRequest.run(List.of("/bin/ls", "-l")), probe, out);
        assertThat(c.straceArgs().contains("--seccomp-bpf")).isEqualTo(probe.supports(StraceFeature.SECCOMP_BPF));
        assertThat(c.straceArgs()).endsWith("-o", out.toString(), "--", "/bin/ls", "-l");
    }

    @Test
    void fullProfileHasNoFilterAndNoSeccomp() throws Exception {
        StraceCommand c = StraceCommand.build(CaptureRequest.run(List.of("/bin/true")).withProfile(CaptureProfile.FULL),
                probe, out);
        assertThat(c.straceArgs()).doesNotContain("-e", "--seccomp-bpf");
        assertThat(c.straceArgs()).startsWith("-f", "-tt", "-T", "-s", "256", "-yy");
    }

    @Test
    void expertArgsComeAfterTheProfileAndBeforeTheOutput() throws Exception {
        StraceCommand c = StraceCommand.build(CaptureRequest.attachPids(5)
                .withExtraStraceArgs(List.of("-e", "signal=none", "-X", "raw")), probe, out);
        assertThat(c.straceArgs()).containsSubsequence("-e", "signal=none", "-X", "raw", "-o", out.toString(), "-p", "5");
    }

    @Test
    void straceIsStartedUnderAParentDeathSignalOrALifeline() throws Exception {
        StraceCommand pd = StraceCommand.build(CaptureRequest.attachPids(5), probe, out, StraceCommand.Launcher.PDEATHSIG);
        assertThat(pd.argv()).startsWith(StraceProbe.findOnPath("setpriv", System.getenv("PATH")).orElseThrow().toString(),
                "--pdeathsig", "INT", "--", probe.executable().toString());
        StraceCommand ll = StraceCommand.build(CaptureRequest.attachPids(5), probe, out, StraceCommand.Launcher.LIFELINE);
        assertThat(ll.argv()).startsWith("/bin/sh", "-c", StraceCommand.LIFELINE_SCRIPT, "stracewb-lifeline",
                probe.executable().toString());
        // user words never reach the script text
        assertThat(StraceCommand.LIFELINE_SCRIPT).doesNotContain("out.strace");
    }

    @Test
    void aNiceTracerIsStartedThroughNiceOutermostAndShownSo() throws Exception {
        String nice = StraceProbe.findOnPath("nice", System.getenv("PATH")).orElseThrow().toString();
        StraceCommand c = StraceCommand.build(CaptureRequest.attachPids(5).withTracerNice(CaptureRequest.SAMPLED_NICE),
                probe, out, StraceCommand.Launcher.PDEATHSIG);
        assertThat(c.argv()).startsWith(nice, "-n", "10",
                StraceProbe.findOnPath("setpriv", System.getenv("PATH")).orElseThrow().toString());
        assertThat(c.argv()).contains(probe.executable().toString());
        assertThat(c.straceArgs()).doesNotContain("nice");
        assertThat(c.display()).startsWith("nice -n 10 strace -f ");

        StraceCommand plain = StraceCommand.build(CaptureRequest.attachPids(5), probe, out);
        assertThat(plain.argv()).doesNotContain(nice);
        assertThat(plain.display()).startsWith("strace -f ");
        assertThatThrownBy(() -> CaptureRequest.attachPids(5).withTracerNice(20))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSampleDecodesPathsButNotSocketEndpoints() throws Exception {
        StraceCommand sampled = StraceCommand.build(CaptureRequest.attachPids(5).sampled(), probe, out);
        assertThat(sampled.straceArgs()).contains("-y").doesNotContain("-yy");
        assertThat(sampled.display()).startsWith("nice -n 10 strace -f -tt -T -s 256 -y -e trace=");
        StraceCommand endpoints = StraceCommand.build(CaptureRequest.attachPids(5).sampled().withSocketEndpoints(true),
                probe, out);
        assertThat(endpoints.straceArgs()).contains("-yy").doesNotContain("-y");
        assertThat(StraceCommand.build(CaptureRequest.attachPids(5), probe, out).straceArgs()).contains("-yy");
    }

    @Test
    void sudoWithoutSudoInstalledSaysSo() {
        Path empty = Path.of("/nonexistent-bin");
        String path = "/usr/bin:/bin";
        org.junit.jupiter.api.Assumptions.assumeTrue(StraceProbe.findOnPath("sudo", path).isEmpty(), "sudo is installed");
        assertThatThrownBy(() -> StraceCommand.build(CaptureRequest.attachPids(5).withSudo(true).withSearchPath(path),
                probe, out)).hasMessage("--sudo needs sudo, which is not installed: apt-get install sudo, or run "
                + "stracewb as root");
        assertThat(empty).doesNotExist();
    }

    @Test
    void displayQuotesWordsAShellWouldSplit() throws Exception {
        StraceCommand c = StraceCommand.build(CaptureRequest.run(List.of("/bin/echo", "a b", "it's")), probe, out);
        assertThat(c.display()).endsWith("-- /bin/echo 'a b' 'it'\\''s'");
    }
}
