package dev.stracewb.capture;

import dev.stracewb.testsupport.ProcessTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code --sudo} for real: the capturing JVM runs as nobody, strace runs as root through {@code sudo -n}, and a
 * root-owned process (which nobody may not trace) is traced and then left untraced, also when the JVM is killed.
 * Needs root (to start a JVM as nobody and to write a sudoers rule for the test's lifetime) and sudo.
 */
class SudoCaptureTest {

    private static final List<String> AS_NOBODY =
            List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");

    private Path shared;
    private Path sudoers;

    @BeforeEach
    void needsRootAndSudo() throws IOException {
        Tracees.assumeAttachAllowed();
        assumeTrue(Tracees.isRoot(), "needs root to start a JVM as nobody and to add a sudoers rule");
        assumeTrue(StraceProbe.findOnPath("sudo", System.getenv("PATH")).isPresent(), "needs sudo (apt-get install sudo)");
        assumeTrue(StraceProbe.findOnPath("setpriv", System.getenv("PATH")).isPresent(), "needs setpriv");
        shared = Files.createTempDirectory(Path.of("/tmp"), "stracewb-sudo-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterEach
    void removeRuleAndFiles() throws IOException {
        if (sudoers != null) {
            Files.deleteIfExists(sudoers);
        }
        if (shared != null) {
            try (var s = Files.list(shared)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(shared);
        }
    }

    /** nobody may run anything as root without a password, until the test ends. */
    private void allowNobody() throws IOException {
        sudoers = Path.of("/etc/sudoers.d/stracewb-test-" + ProcessHandle.current().pid());
        Files.writeString(sudoers, "nobody ALL=(root) NOPASSWD: ALL\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(sudoers, PosixFilePermissions.fromString("r--r-----"));
    }

    @Test
    void withoutAPasswordlessRuleTheOneLineSaysToRunSudoVFirst() throws Exception {
        try (Tracees t = new Tracees()) {
            Process rootSleeper = t.sleeper();
            try (ChildJvm jvm = new ChildJvm(AS_NOBODY, "attach", Long.toString(rootSleeper.pid()),
                    shared.resolve("refused.strace").toString(), "sudo")) {
                assertThat(jvm.nextLine(60)).isEqualTo("ERROR NOT_PERMITTED sudo -n cannot ask for a password (sudo: "
                        + "a password is required): run sudo -v first, in the same terminal, then attach again, or run "
                        + "stracewb as root");
            }
            assertThat(Tracees.tracerPid(rootSleeper.pid())).isZero();
        }
    }

    @Test
    void straceRunsAsRootForTheUserAndDetachesWhenTheUsersJvmIsKilled() throws Exception {
        allowNobody();
        try (Tracees t = new Tracees()) {
            Process rootSleeper = t.sleeper();
            try (ChildJvm jvm = new ChildJvm(AS_NOBODY, "attach", Long.toString(rootSleeper.pid()),
                    shared.resolve("sudo.strace").toString(), "sudo")) {
                assertThat(jvm.nextLine(60)).startsWith("ATTACHED ");
                int tracer = Tracees.tracerPid(rootSleeper.pid());
                assertThat(tracer).isPositive();
                assertThat(Tracees.command(tracer)).isEqualTo("strace");
                assertThat(ProcessTable.uid(tracer)).as("strace runs as root").contains(0);
                assertThat(ProcessTable.uid(jvm.process.pid())).as("the app runs as nobody").contains(65534);

                jvm.process.toHandle().destroyForcibly(); // SIGKILL: the lifeline's pipe closes
                assertThat(jvm.process.waitFor(5, TimeUnit.SECONDS)).isTrue();
                assertThat(Tracees.eventually(Duration.ofSeconds(5), () -> Tracees.tracerPid(rootSleeper.pid()) == 0))
                        .as("TracerPid of the root process after the user's JVM was killed").isTrue();
                assertThat(Tracees.eventually(Duration.ofSeconds(5),
                        () -> Tracees.state(tracer) == '?' || Tracees.state(tracer) == 'Z'))
                        .as("strace itself is gone").isTrue();
                assertThat(rootSleeper.isAlive()).isTrue();
            }
        }
    }
}
