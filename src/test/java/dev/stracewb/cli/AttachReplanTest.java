package dev.stracewb.cli;

import dev.stracewb.capture.CaptureRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker that stracewb chose (--server, --sample) and that the server reaped before strace attached is chosen
 * again instead of failing the capture; a process the user named still fails.
 */
class AttachReplanTest {

    @TempDir
    Path dir;

    @Test
    void workersThatExitedBeforeTheAttachAreChosenAgain() throws Exception {
        CaptureCommandsTest.assumeRoot();
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            int gone = exitedPid();
            CaptureOptions options = options("replan.strace");
            StringWriter err = new StringWriter();
            int code = new CaptureFlow(new PrintWriter(new StringWriter()), new PrintWriter(err, true), options)
                    .capture(CaptureRequest.attachPids(gone), List.of(),
                            () -> options.apply(CaptureRequest.attachPids((int) live.pid())));

            assertThat(code).isZero();
            assertThat(err.toString())
                    .contains("stracewb: the chosen processes exited before strace attached; choosing again")
                    .contains("capture ended (duration reached)");
            assertThat(live.isAlive()).isTrue();
            assertThat(tracerPid(live.pid())).isZero();
        } finally {
            live.destroyForcibly();
        }
    }

    @Test
    void aProcessTheUserNamedIsNotReplaced() throws Exception {
        CaptureCommandsTest.assumeRoot();
        int gone = exitedPid();
        StringWriter err = new StringWriter();
        int code = new CaptureFlow(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                options("named.strace")).capture(CaptureRequest.attachPids(gone), List.of());

        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).doesNotContain("choosing again").contains("stracewb: ");
    }

    private CaptureOptions options(String save) {
        // as picocli would fill it for `attach --duration 700ms --save FILE`
        CaptureOptions options = new CaptureOptions();
        options.profile = "web";
        options.top = 20;
        options.duration = Duration.ofMillis(700);
        options.save = dir.resolve(save);
        return options;
    }

    private static int exitedPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return (int) p.pid();
    }

    private static int tracerPid(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("TracerPid:")) {
                return Integer.parseInt(line.substring("TracerPid:".length()).trim());
            }
        }
        throw new AssertionError("no TracerPid for " + pid);
    }
}
