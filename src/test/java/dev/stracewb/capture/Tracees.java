package dev.stracewb.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real processes for capture tests to trace, and what /proc says about them. Every process started here is
 * tracked and killed by pid in {@link #close()}.
 */
final class Tracees implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    /** Skips the test unless strace is installed. */
    static void assumeStrace() {
        assumeTrue(StraceProbe.locate(System.getenv("PATH")).isPresent(), "strace is not installed");
    }

    /** Skips the test unless this user may attach to its own processes that are not strace's children. */
    static void assumeAttachAllowed() {
        assumeStrace();
        boolean root = Privileges.effectiveUid() == 0 && Privileges.hasCapSysPtrace();
        int scope = Privileges.ptraceScope().orElse(0);
        assumeTrue(root || scope == 0, "attaching needs root or kernel.yama.ptrace_scope=0");
    }

    static boolean isRoot() {
        return Privileges.effectiveUid() == 0;
    }

    private static String python;

    /**
     * The real python3 binary, not a wrapper such as a pyenv shim (a shell script that forks and reads pipes
     * before it execs python, which would put its own lines into a trace).
     */
    static synchronized String python() throws IOException {
        if (python == null) {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
            python = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return python;
    }

    /** A process that sleeps for a minute. */
    Process sleeper() throws IOException {
        return start(List.of("sleep", "60"));
    }

    /**
     * A python loop that stats {@code missing} about every 50 ms, so a trace of it fills steadily with
     * {@code ENOENT} lines; it runs for a minute.
     */
    Process statLoop(Path missing) throws IOException {
        return start(List.of(python(), "-c",
                "import os, sys, time\n"
                        + "end = time.time() + 60\n"
                        + "while time.time() < end:\n"
                        + "    try:\n"
                        + "        os.stat(sys.argv[1])\n"
                        + "    except OSError:\n"
                        + "        pass\n"
                        + "    time.sleep(0.05)\n",
                missing.toString()));
    }

    Process start(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    /** TracerPid from /proc/PID/status, or -1 when the process is gone. */
    static int tracerPid(long pid) {
        try {
            for (String line : ProcFiles.string(Path.of("/proc/" + pid + "/status"), StandardCharsets.ISO_8859_1).split("\n")) {
                if (line.startsWith("TracerPid:")) {
                    return Integer.parseInt(line.substring(10).trim());
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The command name of a process (/proc/PID/comm). */
    static String command(long pid) throws IOException {
        return ProcFiles.string(Path.of("/proc/" + pid + "/comm"), StandardCharsets.ISO_8859_1).strip();
    }

    /** The state letter (R, S, T, t, Z...) of a process, or '?' when it is gone. */
    static char state(long pid) {
        try {
            String stat = ProcFiles.string(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return '?';
        }
    }

    static boolean eventually(Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
