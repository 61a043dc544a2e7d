package dev.stracewb.capture;

import java.util.List;

/**
 * Options of strace that differ between versions and builds. Each is probed once by running the installed strace
 * with the option on a harmless target ({@code strace -V} itself) and looking at the exit status and warnings.
 */
public enum StraceFeature {
    /** {@code --seccomp-bpf}: stop only on traced syscalls (strace 5.3+, and a kernel that allows it). */
    SECCOMP_BPF("--seccomp-bpf", List.of("-f", "--seccomp-bpf", "-e", "trace=execve")),
    /** {@code -yy}: socket endpoints and device numbers after fds (strace 4.10+); fallback {@code -y}. */
    DECODE_FDS_ALL("-yy", List.of("-yy")),
    /** {@code --timestamps=unix,us} and friends (strace 5.10+). */
    TIMESTAMPS_OPTION("--timestamps", List.of("--timestamps=unix,us")),
    /** {@code -k}: a stack trace after each syscall (strace built with libunwind or libdw). */
    STACK_TRACE("-k", List.of("-k")),
    /** {@code -e trace=%file} style syscall classes (strace 5.2+ for %process etc.; older wanted "file"). */
    SYSCALL_CLASSES("-e trace=%file,%process,%network", List.of("-e", "trace=%file,%process,%network"));

    private final String option;
    private final List<String> probeArgs;

    StraceFeature(String option, List<String> probeArgs) {
        this.option = option;
        this.probeArgs = probeArgs;
    }

    /** The option as a user would type it. */
    public String option() {
        return option;
    }

    List<String> probeArgs() {
        return probeArgs;
    }
}
