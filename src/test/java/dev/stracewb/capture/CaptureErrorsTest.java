package dev.stracewb.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each error a user can meet starting a capture: one line that says what to do, and the right reason. */
class CaptureErrorsTest {

    @TempDir
    Path dir;

    private static CaptureException failure(CaptureRequest req) {
        try (StraceCaptureSource c = StraceCaptureSource.start(req)) {
            throw new AssertionError("capture started: " + c.name());
        } catch (CaptureException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e;
        }
    }

    @Test
    void straceMissingFromPathSaysHowToInstallIt() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty-bin"));
        CaptureException e = failure(CaptureRequest.run(List.of("/bin/true")).withSearchPath(empty.toString())
                .withSaveFile(dir.resolve("x.strace")));
        assertThat(e.reason()).isEqualTo(CaptureException.Reason.STRACE_MISSING);
        assertThat(e.getMessage()).isEqualTo("strace is not installed: apt-get install strace (or dnf install strace)");
    }

    @Test
    void noSuchPidIsRefusedBeforeStraceStarts() throws Exception {
        Tracees.assumeStrace();
        int pid = unusedPid();
        CaptureException e = failure(CaptureRequest.attachPids(pid).withSaveFile(dir.resolve("x.strace")));
        assertThat(e.reason()).isEqualTo(CaptureException.Reason.NO_SUCH_PROCESS);
        assertThat(e.getMessage()).isEqualTo("no process with PID " + pid + ": check the pid with stracewb ps");
    }

    @Test
    void ownPidIsRefused() throws Exception {
        Tracees.assumeStrace();
        int own = (int) ProcessHandle.current().pid();
        CaptureException e = failure(CaptureRequest.attachPids(own).withSaveFile(dir.resolve("x.strace")));
        assertThat(e.reason()).isEqualTo(CaptureException.Reason.OWN_PROCESS);
        assertThat(e.getMessage()).startsWith("PID " + own + " is stracewb itself");
    }

    @Test
    void aProcessAlreadyTracedNamesItsTracer() throws Exception {
        Tracees.assumeAttachAllowed();
        try (Tracees t = new Tracees()) {
            Process sleeper = t.sleeper();
            try (StraceCaptureSource first = StraceCaptureSource.start(
                    CaptureRequest.attachPids((int) sleeper.pid()).withSaveFile(dir.resolve("1.strace")))) {
                CaptureException e = failure(CaptureRequest.attachPids((int) sleeper.pid())
                        .withSaveFile(dir.resolve("2.strace")));
                assertThat(e.reason()).isEqualTo(CaptureException.Reason.ALREADY_TRACED);
                assertThat(e.getMessage()).isEqualTo("PID " + sleeper.pid() + " is already traced by PID "
                        + first.pid() + " (strace): stop that tracer first");
            }
        }
    }

    @Test
    void unknownCommandForRunIsCommandNotFound() throws Exception {
        Tracees.assumeStrace();
        CaptureException e = failure(CaptureRequest.run(List.of("no-such-command-stracewb", "x"))
                .withSaveFile(dir.resolve("x.strace")));
        assertThat(e.reason()).isEqualTo(CaptureException.Reason.COMMAND_NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo(
                "command not found: no-such-command-stracewb: check the spelling, or give its full path");
    }

    @Test
    void aFileThatIsNotAProgramCannotBeExecuted() throws Exception {
        Tracees.assumeStrace();
        Path notProgram = dir.resolve("notes.txt");
        Files.writeString(notProgram, "just text\n");
        Files.setPosixFilePermissions(notProgram, PosixFilePermissions.fromString("rwxr-xr-x"));
        CaptureException e = failure(CaptureRequest.run(List.of(notProgram.toString()))
                .withSaveFile(dir.resolve("x.strace")));
        assertThat(e.reason()).isEqualTo(CaptureException.Reason.COMMAND_NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("cannot execute " + notProgram
                + " (Exec format error): check that it is an executable program");
    }

    @Test
    void saveFileInAMissingDirectorySaysWhichDirectory() throws Exception {
        Tracees.assumeStrace();
        Path save = dir.resolve("no/such/dir/t.strace");
        CaptureException e = failure(CaptureRequest.run(List.of("/bin/true")).withSaveFile(save));
        assertThat(e.reason()).isEqualTo(CaptureException.Reason.OUTPUT_NOT_WRITABLE);
        assertThat(e.getMessage()).isEqualTo("cannot save the trace to " + save + ": directory " + save.getParent()
                + " does not exist; create it or choose another --save file");
    }

    @Test
    void saveFileWhereNobodyMayWriteIsRefused() throws Exception {
        Tracees.assumeStrace();
        Path save = Path.of("/proc/stracewb-test.strace"); // not even root may create files in /proc
        CaptureException e = failure(CaptureRequest.run(List.of("/bin/true")).withSaveFile(save));
        assertThat(e.reason()).isEqualTo(CaptureException.Reason.OUTPUT_NOT_WRITABLE);
        assertThat(e.getMessage()).startsWith("cannot write the trace to /proc/stracewb-test.strace (")
                .endsWith("): choose another --save file");
    }

    @Test
    void saveFileThatIsADirectoryIsRefused() throws Exception {
        Tracees.assumeStrace();
        CaptureException e = failure(CaptureRequest.run(List.of("/bin/true")).withSaveFile(dir));
        assertThat(e.getMessage()).isEqualTo(dir + " is a directory: give a file name for --save");
    }

    @Test
    void fullDiskStopsTheCaptureWithADiskFullMessage() throws Exception {
        Tracees.assumeStrace();
        assumeTrue(Tracees.isRoot(), "mounting a small tmpfs needs root");
        Path mnt = Files.createDirectory(dir.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString())
                .inheritIO().start();
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here");
        try {
            // a command that makes far more than 64 KiB of trace
            CaptureRequest req = CaptureRequest.run(List.of("python3", "-c",
                            "import os\nfor i in range(20000):\n    os.path.exists('/nonexistent/%d' % i)\n"))
                    .withSaveFile(mnt.resolve("t.strace"));
            StraceCaptureSource capture = StraceCaptureSource.start(req);
            LineCollector lines = new LineCollector();
            assertThatThrownBy(() -> capture.readLines(lines))
                    .isInstanceOf(CaptureException.class)
                    .hasMessage("the disk holding " + mnt.resolve("t.strace") + " is full, so strace could not "
                            + "write the trace: free some space or --save to another disk")
                    .extracting(x -> ((CaptureException) x).reason()).isEqualTo(CaptureException.Reason.DISK_FULL);
            assertThat(capture.awaitEnd(Duration.ofSeconds(30))).isTrue();
            assertThat(capture.result().orElseThrow().reason()).isEqualTo(StopReason.FAILED);
            assertThat(lines.lines()).isNotEmpty();
        } finally {
            new ProcessBuilder("umount", "-l", mnt.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void attachRefusedWithEpermExplainsThatTheUserIsNotRootAndSuggestsSudo() throws Exception {
        Tracees.assumeAttachAllowed();
        assumeTrue(Tracees.isRoot(), "needs root to start a process as nobody");
        assumeTrue(StraceProbe.findOnPath("setpriv", System.getenv("PATH")).isPresent(), "needs setpriv");
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "stracewb-nobody-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (Tracees t = new Tracees()) {
            Process rootSleeper = t.sleeper();
            try (ChildJvm jvm = new ChildJvm(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"),
                    "attach", Long.toString(rootSleeper.pid()), shared.resolve("eperm.strace").toString())) {
                String line = jvm.nextLine(60);
                assertThat(line).isEqualTo("ERROR NOT_PERMITTED attach to PID " + rootSleeper.pid()
                        + " (sleep, user root) refused: you are not root and the process belongs to another user; "
                        + "add --sudo or run as root");
            }
            assertThat(Tracees.tracerPid(rootSleeper.pid())).isZero();
        } finally {
            try (var s = Files.list(shared)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(shared);
        }
    }

    @Test
    void attachRefusedToARootWithoutCapSysPtraceSaysSoAndSuggestsTheContainerFix() throws Exception {
        Tracees.assumeAttachAllowed();
        assumeTrue(Tracees.isRoot(), "needs root to drop CAP_SYS_PTRACE from a root JVM");
        assumeTrue(StraceProbe.findOnPath("setpriv", System.getenv("PATH")).isPresent(), "needs setpriv");
        try (Tracees t = new Tracees()) {
            Process rootSleeper = t.sleeper();
            // root, as in a container started without --cap-add SYS_PTRACE: the sleeper's capabilities are not a
            // subset of the tracer's, so the kernel refuses the attach
            try (ChildJvm jvm = new ChildJvm(List.of("setpriv", "--inh-caps=-sys_ptrace", "--bounding-set=-sys_ptrace"),
                    "attach", Long.toString(rootSleeper.pid()), dir.resolve("nocap.strace").toString())) {
                assertThat(jvm.nextLine(60)).isEqualTo("ERROR NOT_PERMITTED attach to PID " + rootSleeper.pid()
                        + " (sleep, user root) refused: this root lacks CAP_SYS_PTRACE (a container?): start the "
                        + "container with --cap-add SYS_PTRACE, or run stracewb on the host");
            }
            assertThat(Tracees.tracerPid(rootSleeper.pid())).isZero();
        }
    }

    @Test
    void unknownProfileAndServerNamesListTheValidOnes() {
        assertThatThrownBy(() -> CaptureProfile.fromUserName("fast"))
                .hasMessage("unknown profile 'fast': use --profile web or --profile full");
        assertThatThrownBy(() -> ServerKind.fromUserName("lighttpd"))
                .hasMessage("unknown server 'lighttpd': use one of apache2, httpd, php-fpm, nginx");
    }

    static int unusedPid() throws Exception {
        int max = Integer.parseInt(ProcFiles.string(Path.of("/proc/sys/kernel/pid_max"), java.nio.charset.StandardCharsets.US_ASCII).trim());
        for (int pid = max - 1; pid > 1; pid--) {
            if (!Files.exists(Path.of("/proc/" + pid))) {
                return pid;
            }
        }
        throw new IllegalStateException("no free pid");
    }
}
