package dev.stracewb.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * What decides whether this process may ptrace another: its effective uid, CAP_SYS_PTRACE, and Yama's
 * {@code kernel.yama.ptrace_scope}. Read from /proc; used to explain a refused attach.
 */
public final class Privileges {

    static final int CAP_SYS_PTRACE = 19;

    /** The suggestion in {@link #explainAttachRefused} messages for a user who is not root (CLI wording). */
    public static final String ELEVATE_HINT = "add --sudo or run as root";

    private Privileges() {
    }

    /** Effective uid of this process, -1 if /proc does not say. */
    public static int effectiveUid() {
        return statusField("Uid:", 1);
    }

    /** Whether this process has CAP_SYS_PTRACE in its effective set. */
    public static boolean hasCapSysPtrace() {
        try {
            for (String line : ProcFiles.string(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1).split("\n")) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (caps & (1L << CAP_SYS_PTRACE)) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** {@code kernel.yama.ptrace_scope} (0 classic, 1 restricted, 2 admin-only, 3 none), empty without Yama. */
    public static OptionalInt ptraceScope() {
        return ptraceScope(Path.of("/proc/sys/kernel/yama/ptrace_scope"));
    }

    static OptionalInt ptraceScope(Path file) {
        try {
            return OptionalInt.of(Integer.parseInt(ProcFiles.string(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static int statusField(String key, int index) {
        try {
            for (String line : ProcFiles.string(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1).split("\n")) {
                if (line.startsWith(key)) {
                    return Integer.parseInt(line.substring(key.length()).trim().split("\\s+")[index]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * One line that says why attaching to {@code target} was refused with EPERM and what to do. {@code viaSudo}:
     * strace already ran as root through sudo or pkexec, so suggesting --sudo would not help. Where the message
     * suggests elevation it contains {@link #ELEVATE_HINT}, which the GUI replaces with its own choice.
     */
    public static String explainAttachRefused(int pid, ProcessInfo target, boolean viaSudo) {
        return explainAttachRefused(pid, target, viaSudo, effectiveUid(), hasCapSysPtrace(), ptraceScope());
    }

    static String explainAttachRefused(int pid, ProcessInfo target, boolean viaSudo, int euid, boolean capPtrace,
                                       OptionalInt scope) {
        String who = target == null ? "PID " + pid : "PID " + pid + " (" + target.comm() + ", user " + target.user() + ")";
        String sudo = viaSudo ? "run stracewb as root" : ELEVATE_HINT;
        if (scope.isPresent() && scope.getAsInt() == 3) {
            return "attach to " + who + " refused: kernel.yama.ptrace_scope is 3, which forbids attaching until "
                    + "reboot; use stracewb run to start the program under strace instead";
        }
        if (euid != 0 && !viaSudo) {
            if (target != null && target.uid() != euid) {
                return "attach to " + who + " refused: you are not root and the process belongs to another user; "
                        + sudo;
            }
            if (scope.isPresent() && scope.getAsInt() == 1) {
                return "attach to " + who + " refused: kernel.yama.ptrace_scope is 1 (only a parent may trace "
                        + "its children); " + sudo + ", or sysctl -w kernel.yama.ptrace_scope=0";
            }
            if (scope.isPresent() && scope.getAsInt() == 2) {
                return "attach to " + who + " refused: kernel.yama.ptrace_scope is 2 (only CAP_SYS_PTRACE may "
                        + "attach); " + sudo;
            }
            return "attach to " + who + " refused: the process is not dumpable (it changed its user or is "
                    + "set-user-ID) and you are not root; " + sudo;
        }
        if (euid == 0 && !capPtrace) {
            return "attach to " + who + " refused: this root lacks CAP_SYS_PTRACE (a container?): start the "
                    + "container with --cap-add SYS_PTRACE, or run stracewb on the host";
        }
        return "attach to " + who + " refused (Operation not permitted): CAP_SYS_PTRACE is missing, or a "
                + "security module (seccomp, AppArmor, SELinux) forbids ptrace; " + sudo;
    }
}
