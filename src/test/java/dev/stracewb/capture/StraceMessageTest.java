package dev.stracewb.capture;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** strace's stderr, as strace 6.1 writes it (messages copied from real runs). */
class StraceMessageTest {

    @Test
    void recognisesAttachDetachAndTheirFailures() {
        assertThat(StraceMessage.parse("Process 31317 attached", "/t")).isEqualTo(new StraceMessage.Attached(31317));
        assertThat(StraceMessage.parse("Process 7 attached with 3 threads", "/t")).isEqualTo(new StraceMessage.Attached(7));
        assertThat(StraceMessage.parse("Process 31317 detached", "/t")).isEqualTo(new StraceMessage.Detached(31317));
        StraceMessage eperm = StraceMessage.parse("attach: ptrace(PTRACE_SEIZE, 15843): Operation not permitted", "/t");
        assertThat(eperm).isEqualTo(new StraceMessage.AttachFailed(15843, "Operation not permitted"));
        assertThat(((StraceMessage.AttachFailed) eperm).notPermitted()).isTrue();
        StraceMessage gone = StraceMessage.parse("attach: ptrace(PTRACE_SEIZE, 999999): No such process", "/t");
        assertThat(((StraceMessage.AttachFailed) gone).noSuchProcess()).isTrue();
    }

    @Test
    void recognisesStartupErrorsAndAFullDisk() {
        assertThat(StraceMessage.parse("Can't stat 'nosuchcmd_x': No such file or directory", "/t"))
                .isEqualTo(new StraceMessage.CannotStat("nosuchcmd_x", "No such file or directory"));
        assertThat(StraceMessage.parse("Can't fopen '/nonexist/dir/x': No such file or directory", "/t"))
                .isEqualTo(new StraceMessage.CannotOpenOutput("/nonexist/dir/x", "No such file or directory"));
        assertThat(StraceMessage.parse("exec: Exec format error", "/t"))
                .isEqualTo(new StraceMessage.ExecFailed("Exec format error"));
        StraceMessage full = StraceMessage.parse("/mnt/small/t.strace: No space left on device", "/mnt/small/t.strace");
        assertThat(((StraceMessage.OutputWriteFailed) full).diskFull()).isTrue();
        assertThat(StraceMessage.parse("Process 5 resumed", "/t")).isEqualTo(new StraceMessage.Other("Process 5 resumed"));
    }

    @Test
    void splitterHandsStracesLinesOverAndPassesTheCommandsStderrOnUntouched() {
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        List<String> strace = new ArrayList<>();
        StraceCaptureSource.StderrSplitter s = new StraceCaptureSource.StderrSplitter(
                List.of("strace: ", "/usr/bin/strace: "), passed, strace::add);
        byte[] in = ("/usr/bin/strace: Process 12 attached\nls: cannot access 'x'\nstr\n"
                + "strace: Process 12 detached\nPassword: ").getBytes(StandardCharsets.UTF_8);
        // in odd pieces, as a pipe delivers them
        for (int i = 0; i < in.length; i += 5) {
            byte[] piece = java.util.Arrays.copyOfRange(in, i, Math.min(in.length, i + 5));
            s.accept(piece, piece.length);
        }
        assertThat(passed.toString(StandardCharsets.UTF_8)).isEqualTo("ls: cannot access 'x'\nstr\nPassword: ");
        s.finish();
        assertThat(strace).containsExactly("Process 12 attached", "Process 12 detached");
    }
}
