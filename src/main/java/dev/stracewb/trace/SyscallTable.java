package dev.stracewb.trace;

import java.util.HashMap;
import java.util.Map;

/**
 * What we know about syscalls by name: which arguments are paths (and relative to which dirfd) and which
 * family a call belongs to. Names follow strace's spelling.
 */
public final class SyscallTable {

    private static final Map<String, PathArguments> PATHS = new HashMap<>();
    private static final Map<String, SyscallClass> CLASSES = new HashMap<>();

    static {
        for (String s : new String[] {"open", "creat", "stat", "lstat", "stat64", "lstat64", "oldstat", "oldlstat",
                "access", "readlink", "execve", "chdir", "chroot", "mkdir", "rmdir", "unlink", "truncate", "truncate64",
                "chmod", "chown", "lchown", "chown32", "lchown32", "utime", "utimes", "mknod", "statfs", "statfs64",
                "getxattr", "lgetxattr", "setxattr", "lsetxattr", "listxattr", "llistxattr", "removexattr",
                "lremovexattr", "uselib", "acct", "swapon", "swapoff", "umount", "umount2"}) {
            PATHS.put(s, PathArguments.path(0));
        }
        for (String s : new String[] {"openat", "openat2", "newfstatat", "fstatat64", "statx", "faccessat",
                "faccessat2", "readlinkat", "execveat", "mkdirat", "unlinkat", "fchmodat", "fchmodat2", "fchownat",
                "utimensat", "futimesat", "mknodat", "name_to_handle_at", "open_tree", "getxattrat", "setxattrat",
                "listxattrat", "removexattrat", "fspick"}) {
            PATHS.put(s, PathArguments.at(0, 1));
        }
        PATHS.put("inotify_add_watch", PathArguments.path(1));
        // quotactl(cmd, special, id, addr): the block device or mount point is the second argument
        PATHS.put("quotactl", PathArguments.path(1));
        PATHS.put("mount_setattr", PathArguments.at(0, 1));
        PATHS.put("fanotify_mark", PathArguments.at(3, 4));
        PATHS.put("rename", new PathArguments(-1, 0, -1, 1));
        PATHS.put("link", new PathArguments(-1, 0, -1, 1));
        PATHS.put("pivot_root", new PathArguments(-1, 0, -1, 1));
        // mount(source, target, ...): the mount point is the path that must exist; the source is often "proc"
        PATHS.put("mount", new PathArguments(-1, 1, -1, 0));
        // symlink's first argument is the link's content, not a path looked up on disk
        PATHS.put("symlink", new PathArguments(-1, 1, -1, -1));
        PATHS.put("symlinkat", new PathArguments(1, 2, -1, -1));
        PATHS.put("renameat", new PathArguments(0, 1, 2, 3));
        PATHS.put("renameat2", new PathArguments(0, 1, 2, 3));
        PATHS.put("linkat", new PathArguments(0, 1, 2, 3));
        PATHS.put("move_mount", new PathArguments(0, 1, 2, 3));

        for (String s : PATHS.keySet()) {
            CLASSES.put(s, SyscallClass.FILE);
        }
        classify(SyscallClass.PROCESS, "fork", "vfork", "clone", "clone3", "execve", "execveat", "exit",
                "exit_group", "wait4", "waitid", "waitpid", "kill", "tkill", "tgkill", "setsid", "setpgid", "getpid",
                "getppid", "gettid", "prctl", "arch_prctl", "set_tid_address", "unshare", "setns", "pidfd_open",
                "pidfd_send_signal", "ptrace", "setuid", "setgid", "setresuid", "setresgid", "setgroups",
                "capset", "capget", "seccomp");
        classify(SyscallClass.NETWORK, "socket", "socketpair", "bind", "listen", "accept", "accept4", "connect",
                "getsockname", "getpeername", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg",
                "shutdown", "setsockopt", "getsockopt");
        classify(SyscallClass.MEMORY, "mmap", "mmap2", "munmap", "mprotect", "mremap", "brk", "madvise", "mlock",
                "munlock", "mlockall", "munlockall", "msync", "mincore", "pkey_mprotect", "membarrier", "memfd_create");
        classify(SyscallClass.SIGNAL, "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigsuspend",
                "rt_sigtimedwait", "rt_sigqueueinfo", "sigaltstack", "signalfd", "signalfd4", "pause", "alarm",
                "setitimer", "getitimer");
        classify(SyscallClass.IPC, "pipe", "pipe2", "futex", "semget", "semop", "semctl", "semtimedop", "shmget",
                "shmat", "shmdt", "shmctl", "msgget", "msgsnd", "msgrcv", "msgctl", "eventfd", "eventfd2");
        classify(SyscallClass.DESC, "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev",
                "preadv2", "pwritev2", "close", "close_range", "dup", "dup2", "dup3", "fcntl", "fcntl64", "ioctl",
                "lseek", "_llseek", "fstat", "fstat64", "newfstat", "fstatfs", "fsync", "fdatasync", "ftruncate",
                "fchmod", "fchown", "fchdir", "getdents", "getdents64", "sendfile", "sendfile64", "splice", "tee",
                "poll", "ppoll", "select", "pselect6", "epoll_wait", "epoll_pwait", "epoll_pwait2", "epoll_ctl",
                "epoll_create", "epoll_create1", "flock", "fadvise64", "fallocate", "copy_file_range",
                "io_uring_enter", "io_uring_setup", "inotify_init", "inotify_init1", "timerfd_create",
                "timerfd_settime", "timerfd_gettime");
    }

    private SyscallTable() {
    }

    private static void classify(SyscallClass cls, String... names) {
        for (String n : names) {
            CLASSES.putIfAbsent(n, cls);
        }
    }

    /** Every syscall with a path argument (not counting connect and bind), by name. */
    public static java.util.Set<String> pathSyscalls() {
        return java.util.Collections.unmodifiableSet(PATHS.keySet());
    }

    /** The path arguments of the named syscall, or {@link PathArguments#NONE}. */
    public static PathArguments pathArguments(String name) {
        return PATHS.getOrDefault(name, PathArguments.NONE);
    }

    /**
     * Whether a failure of this call can be about a path: a path argument, or a UNIX socket's
     * {@code sun_path} (connect and bind, as when php-fpm's socket is missing).
     */
    public static boolean takesPath(String name) {
        return PATHS.containsKey(name) || takesSocketPath(name);
    }

    /** connect and bind name a file when the address is {@code {sa_family=AF_UNIX, sun_path="..."}}. */
    public static boolean takesSocketPath(String name) {
        return name.equals("connect") || name.equals("bind");
    }

    public static SyscallClass classOf(String name) {
        return CLASSES.getOrDefault(name, SyscallClass.OTHER);
    }

    /** Calls that create a process or thread; their return value is the child's pid. */
    public static boolean createsProcess(String name) {
        return name.equals("clone") || name.equals("clone3") || name.equals("fork") || name.equals("vfork");
    }
}
