package dev.stracewb.capture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * strace as root for a user's app: the exact argument lists for pkexec and sudo, the one-line errors, and the
 * root lifeline script that pkexec runs, run here for real as root without pkexec (pkexec needs a polkit agent
 * and a running polkitd on the system bus, which a CI container has not).
 */
class RootElevationTest {

    /** The script the .deb installs as {@link StraceCommand#ROOT_SCRIPT}, from this checkout. */
    static final Path SCRIPT_SOURCE = Path.of("packaging/libexec/stracewb-strace-root");

    private StraceProbe probe;
    private final Path out = Path.of("/tmp/out.strace");

    @TempDir
    Path dir;

    @BeforeEach
    void probe() throws Exception {
        Tracees.assumeStrace();
        probe = StraceProbe.probe();
    }

    /**
     * An executable file named {@code name} in the temp dir: only ever looked up on the search path to build an
     * argument list, never run.
     */
    private Path placeholder(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\nexit 99\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private List<String> fullProfileAttachArgs(int pid) {
        return List.of("-f", "-tt", "-T", "-s", "256", probe.supports(StraceFeature.DECODE_FDS_ALL) ? "-yy" : "-y",
                "-o", out.toString(), "-p", Integer.toString(pid));
    }

    @Test
    void pkexecRunsTheInstalledLifelineWithStracesArgumentsAndNothingElse() throws Exception {
        Path pkexec = placeholder("pkexec");
        Path script = placeholder("stracewb-strace-root");
        CaptureRequest r = CaptureRequest.attachPids(4242).withProfile(CaptureProfile.FULL)
                .withElevation(Elevation.PKEXEC).withSearchPath(dir + ":/usr/bin:/bin");
        StraceCommand c = StraceCommand.build(r, probe, out, null, script);
        List<String> expected = new ArrayList<>(List.of(pkexec.toString(), script.toString()));
        expected.addAll(fullProfileAttachArgs(4242));
        assertThat(c.argv()).containsExactlyElementsOf(expected);
        assertThat(c.straceArgs()).containsExactlyElementsOf(fullProfileAttachArgs(4242));
        assertThat(c.launcher()).isEqualTo(StraceCommand.Launcher.LIFELINE);
        assertThat(r.elevated()).isTrue();
        assertThat(r.sudo()).isFalse();
    }

    @Test
    void pkexecIgnoresAForcedParentDeathLauncherBecauseOnlyTheLifelineCanSignalRootStrace() throws Exception {
        placeholder("pkexec");
        Path script = placeholder("stracewb-strace-root");
        CaptureRequest r = CaptureRequest.attachPids(7).withElevation(Elevation.PKEXEC)
                .withSearchPath(dir + ":/usr/bin:/bin");
        StraceCommand c = StraceCommand.build(r, probe, out, StraceCommand.Launcher.PDEATHSIG, script);
        assertThat(c.launcher()).isEqualTo(StraceCommand.Launcher.LIFELINE);
        assertThat(c.argv()).doesNotContain("setpriv", "--pdeathsig", "/bin/sh");
    }

    @Test
    void sudoRunsTheInlineLifelineThroughSudoNonInteractive() throws Exception {
        Path sudo = placeholder("sudo");
        CaptureRequest r = CaptureRequest.attachPids(4242).withProfile(CaptureProfile.FULL).withSudo(true)
                .withSearchPath(dir + ":/usr/bin:/bin");
        StraceCommand c = StraceCommand.build(r, probe, out);
        List<String> expected = new ArrayList<>(List.of(sudo.toString(), "-n", "--", "/bin/sh", "-c",
                StraceCommand.LIFELINE_SCRIPT, "stracewb-lifeline", probe.executable().toString()));
        expected.addAll(fullProfileAttachArgs(4242));
        assertThat(c.argv()).containsExactlyElementsOf(expected);
        assertThat(r.elevation()).isEqualTo(Elevation.SUDO);
        assertThat(r.withSudo(false).elevation()).isEqualTo(Elevation.NONE);
    }

    @Test
    void pkexecRunOfACommandRunsItAsTheUserByItsFullPath() throws Exception {
        placeholder("pkexec");
        Path script = placeholder("stracewb-strace-root");
        CaptureRequest r = CaptureRequest.run(List.of("ls", "-l")).withProfile(CaptureProfile.FULL)
                .withElevation(Elevation.PKEXEC).withSearchPath(dir + ":/usr/bin:/bin");
        StraceCommand c = StraceCommand.build(r, probe, out, null, script);
        String ls = StraceProbe.findOnPath("ls", "/usr/bin:/bin").orElseThrow().toString();
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> tail = root ? List.of("--", ls, "-l")
                : List.of("-u", System.getProperty("user.name"), "--", ls, "-l");
        assertThat(c.argv()).endsWith(tail.toArray(String[]::new));
        assertThat(c.argv().subList(0, 2)).containsExactly(dir.resolve("pkexec").toString(), script.toString());
    }

    @Test
    void pkexecWithoutTheInstalledScriptSaysToInstallTheDebOrUseSudo() throws Exception {
        placeholder("pkexec");
        Path missing = dir.resolve("libexec/stracewb-strace-root");
        CaptureRequest r = CaptureRequest.attachPids(5).withElevation(Elevation.PKEXEC)
                .withSearchPath(dir + ":/usr/bin:/bin");
        assertThatThrownBy(() -> StraceCommand.build(r, probe, out, null, missing))
                .isInstanceOf(CaptureException.class)
                .hasMessage("pkexec can only run strace through " + missing + ", which the stracewb .deb installs "
                        + "and is missing here: install the .deb, or use sudo (--sudo, after sudo -v) or run as root")
                .extracting(e -> ((CaptureException) e).reason()).isEqualTo(CaptureException.Reason.NOT_PERMITTED);
        assertThat(StraceCommand.rootScriptMissing(missing)).doesNotContain("\n");
    }

    @Test
    void pkexecWithoutPkexecInstalledSaysHowToGetIt() throws Exception {
        Path script = placeholder("stracewb-strace-root");
        assumeTrue(!Files.exists(Path.of("/usr/bin/pkexec")), "pkexec is installed here");
        CaptureRequest r = CaptureRequest.attachPids(5).withElevation(Elevation.PKEXEC)
                .withSearchPath(dir.resolve("none") + ":/bin");
        assertThatThrownBy(() -> StraceCommand.build(r, probe, out, null, script))
                .hasMessage("pkexec is not installed: apt-get install pkexec, or use sudo (--sudo, after sudo -v) "
                        + "or run as root");
    }

    @Test
    void pkexecsOwnExitCodesBecomeOneLineMessages() {
        assertThat(StraceCaptureSource.pkexecFailure(126, null)).isEqualTo("pkexec: the administrator password "
                + "dialog was dismissed, so strace did not start: attach again and enter the password, or choose "
                + "sudo -n");
        assertThat(StraceCaptureSource.pkexecFailure(127, "Error executing command as another user: Not authorized\n"
                + "This incident has been reported."))
                .isEqualTo("pkexec did not authorize strace (Error executing command as another user: Not "
                        + "authorized): enter an administrator's password when asked (a desktop session's polkit "
                        + "agent asks; over SSH use sudo -n), or run as root");
        assertThat(StraceCaptureSource.pkexecFailure(127, null)).startsWith("pkexec did not authorize strace: ");
        assertThat(StraceCaptureSource.pkexecFailure(1, "strace: attach: ptrace(PTRACE_SEIZE, 1): EPERM")).isNull();
    }

    @Test
    void theInstalledScriptIsTheInlineLifelineWithStraceFixed() throws Exception {
        String text = Files.readString(SCRIPT_SOURCE);
        assertThat(text).startsWith("#!/bin/sh\n");
        String body = text.substring(text.indexOf("exec 3<&0")).strip();
        assertThat(body).isEqualTo(StraceCommand.LIFELINE_SCRIPT.replace("\"$@\" </dev/null",
                "/usr/bin/strace \"$@\" </dev/null"));
        assertThat(text).doesNotContain("eval");
        assertThat(Files.isExecutable(SCRIPT_SOURCE)).isTrue();
    }

    @Test
    void rootLifelineScriptDetachesStraceWhenItsStdinCloses() throws Exception {
        Tracees.assumeAttachAllowed();
        assumeTrue(Tracees.isRoot(), "the root lifeline is tested as root, as pkexec runs it");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "the script runs /usr/bin/strace only");
        // a space in the output file's name: each argument must reach strace as one word
        Path trace = dir.resolve("trace file.strace");
        try (Tracees t = new Tracees()) {
            Process sleeper = t.sleeper();
            long pid = sleeper.pid();
            Process lifeline = new ProcessBuilder(SCRIPT_SOURCE.toAbsolutePath().toString(), "-f", "-tt",
                    "-o", trace.toString(), "-p", Long.toString(pid))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            try {
                assertThat(Tracees.eventually(Duration.ofSeconds(10), () -> Tracees.tracerPid(pid) != 0))
                        .as("strace attached to the sleep").isTrue();
                long strace = Tracees.tracerPid(pid);
                assertThat(ProcessHandle.of(strace).flatMap(h -> h.info().command()).orElse(""))
                        .isEqualTo("/usr/bin/strace");
                assertThat(ProcessHandle.of(strace).flatMap(h -> h.parent()).map(ProcessHandle::pid).orElse(-1L))
                        .as("strace is the script's child").isEqualTo(lifeline.pid());

                lifeline.getOutputStream().close();

                assertThat(lifeline.waitFor(15, TimeUnit.SECONDS)).as("the script ended after its stdin closed")
                        .isTrue();
                // strace detaches on SIGINT and exits 128 + SIGINT; the script passes its status on
                assertThat(lifeline.exitValue()).isEqualTo(130);
                assertThat(Tracees.tracerPid(pid)).as("TracerPid of the sleep").isZero();
                assertThat(sleeper.isAlive()).as("the sleep keeps running").isTrue();
                assertThat(Tracees.state(pid)).isIn('S', 'R');
                assertThat(ProcessHandle.of(strace).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                assertThat(Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8))
                        .contains("Process " + pid + " attached", "Process " + pid + " detached");
                assertThat(trace).exists();
            } finally {
                lifeline.destroyForcibly();
            }
        }
    }
}
