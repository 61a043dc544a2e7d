package dev.stracewb.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Linux CPU niceness for single threads (nice is per thread on Linux), set with util-linux {@code renice} on
 * kernel thread ids, since Java has no call for it. The workbench uses it so that, on a machine with few cores,
 * the threads that read a trace yield the CPU to the FX thread and the renderer: a frame that waits for a core is
 * a stall the user sees, while a reader that waits a little only lets strace's file grow. Raising one's own
 * niceness needs no privilege. Failures change nothing: this is only about smoothness.
 */
public final class ThreadNice {
    private static volatile int ingestNice;

    private ThreadNice() {
    }

    /** The niceness that the threads of sessions started from now on give themselves (0: unchanged). */
    public static void setForIngest(int nice) {
        ingestNice = Math.max(0, Math.min(19, nice));
    }

    static int forIngest() {
        return ingestNice;
    }

    /** Gives the calling thread the ingest niceness, if one is set. */
    static void applyIngestNiceToCurrentThread() {
        int nice = ingestNice;
        if (nice > 0) {
            currentThreadId().ifPresent(tid -> renice(nice, List.of(tid)));
        }
    }

    /** The kernel thread id of the calling thread, from /proc/thread-self. */
    static java.util.Optional<String> currentThreadId() {
        try {
            return java.util.Optional.of(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }

    /** {@code renice -n NICE -p TID...}; returns whether renice ran and succeeded. */
    public static boolean renice(int nice, List<String> threadIds) {
        if (threadIds.isEmpty()) {
            return false;
        }
        List<String> cmd = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
        cmd.addAll(threadIds);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
