package dev.stracewb.capture;

import java.util.List;
import java.util.Locale;

/**
 * Which syscalls strace prints. {@code web} keeps what the analysis of a web request needs and drops the rest
 * (mmap, brk, futex, rt_sigaction...), so strace prints less and the traced server slows down less;
 * {@code full} prints every syscall.
 */
public enum CaptureProfile {
    /**
     * Files (open/stat family, chdir), processes (clone/fork/execve/exit), network (accept/accept4, connect,
     * recvfrom, sendto...), the read/write family that carries the request line and the status line, close,
     * fchdir for the cwd, and the poll/select/epoll/flock calls where hung requests wait.
     */
    WEB(List.of("%file", "%process", "%network",
            "read", "write", "readv", "writev", "pread64", "pwrite64", "sendfile", "close", "fchdir",
            "poll", "ppoll", "select", "pselect6", "epoll_wait", "epoll_pwait", "epoll_pwait2", "flock")),
    /** Every syscall. */
    FULL(List.of());

    /** The same set, spelled out, for an strace that does not know {@code %file}-style classes. */
    static final List<String> WEB_CLASS_MEMBERS = List.of(
            "open", "openat", "openat2", "creat", "stat", "lstat", "newfstatat", "fstatat64", "stat64", "lstat64",
            "statx", "access", "faccessat", "faccessat2", "readlink", "readlinkat", "chdir", "getcwd",
            "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat", "renameat2", "link", "linkat",
            "symlink", "symlinkat", "truncate", "chmod", "fchmodat", "chown", "lchown", "fchownat", "utimensat",
            "clone", "clone3", "fork", "vfork", "execve", "execveat", "exit", "exit_group", "wait4", "waitid", "kill",
            "tgkill", "socket", "socketpair", "bind", "listen", "accept", "accept4", "connect", "getsockname",
            "getpeername", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "shutdown",
            "setsockopt", "getsockopt");

    /** Common options of every profile: follow forks, microsecond times, durations, decoded fds, 256-byte strings. */
    static final List<String> BASE_OPTIONS = List.of("-f", "-tt", "-T", "-s", "256");

    private final List<String> syscalls;

    CaptureProfile(List<String> syscalls) {
        this.syscalls = syscalls;
    }

    /** The {@code -e trace=} list, with {@code %class} entries; empty for every syscall. */
    public List<String> syscalls() {
        return syscalls;
    }

    /** The name users type: "web", "full". */
    public String userName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CaptureProfile fromUserName(String name) throws CaptureException {
        for (CaptureProfile p : values()) {
            if (p.userName().equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new CaptureException(CaptureException.Reason.BAD_ARGUMENTS,
                "unknown profile '" + name + "': use --profile web or --profile full");
    }
}
