package dev.stracewb.parse;

import dev.stracewb.trace.PathArguments;
import dev.stracewb.trace.SyscallTable;

import dev.stracewb.trace.DisplayText;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes the path arguments of a syscall absolute where the trace allows: relative to the dirfd's {@code -y}
 * decoration or to the path the fd was opened with, or to the process's current directory, which it follows
 * through chdir, fchdir and the {@code AT_FDCWD</cwd>} decorations. A child made by fork or clone starts with a
 * copy of its parent's directory and fds, or shares them (threads: {@code CLONE_FS}, {@code CLONE_FILES}).
 * One instance per trace; not thread-safe.
 */
public final class PathResolver {
    private final StraceString strings = new StraceString();
    /** pid -> its working directory; threads made with CLONE_FS share one holder. */
    private final Map<Integer, Cwd> cwdByPid = new HashMap<>();
    /** pid -> its open fds whose paths are known; threads made with CLONE_FILES share one table. */
    private final Map<Integer, Map<Integer, String>> fdsByPid = new HashMap<>();
    /** Pids seen in a call; a new one after a clone that has not returned yet is that clone's child. */
    private final BitSet seen = new BitSet();
    /** Parent pid and flags of the latest process-creating call still in progress, or -1. */
    private int pendingParent = -1;
    private boolean pendingSharesFs;
    private boolean pendingSharesFiles;

    /** Results of the last {@link #resolve} call. */
    private String path1;
    private String path2;

    /** A working directory; threads created with CLONE_FS hold the same instance. */
    private static final class Cwd {
        String path;

        Cwd(String path) {
            this.path = path;
        }
    }

    public String path1() {
        return path1;
    }

    public String path2() {
        return path2;
    }

    /** Resolves the path arguments of {@code name} found in the argument text [from, to). */
    public void resolve(String name, byte[] b, int from, int to, int pid) {
        path1 = null;
        path2 = null;
        notePid(pid);
        if (SyscallTable.takesSocketPath(name)) {
            path1 = socketPath(b, from, to, pid);
            return;
        }
        PathArguments pa = SyscallTable.pathArguments(name);
        if (!pa.takesPath()) {
            return;
        }
        path1 = resolveOne(b, from, to, pa.dirfd1(), pa.path1(), pid);
        if (pa.path2() >= 0) {
            path2 = resolveOne(b, from, to, pa.dirfd2(), pa.path2(), pid);
        }
    }

    /**
     * Whether {@link #afterCall} must see this syscall: it moves a working directory, opens, duplicates or closes
     * fds, or creates a process. For all others afterCall does nothing, so the ingest may skip it.
     */
    public static boolean followsCall(String name) {
        return switch (name) {
            case "chdir", "fchdir", "open", "openat", "openat2", "creat", "close", "dup", "dup2", "dup3", "fcntl",
                    "fcntl64" -> true;
            default -> SyscallTable.createsProcess(name);
        };
    }

    /** Notes a call of {@code pid} that has no path to resolve (what {@link #resolve} notes for the others). */
    public void seen(int pid) {
        notePid(pid);
    }

    /** The first time a pid shows up while a clone is in progress, it is that clone's child. */
    private void notePid(int pid) {
        if (pid <= 0 || seen.get(pid)) {
            return;
        }
        seen.set(pid);
        if (pendingParent >= 0 && pendingParent != pid) {
            inherit(pendingParent, pid, pendingSharesFs, pendingSharesFiles);
        }
    }

    /** A process-creating call began and did not return in the same line ({@code <unfinished ...>}). */
    public void callStarted(String name, int pid, byte[] b, int from, int to) {
        notePid(pid);
        if (SyscallTable.createsProcess(name)) {
            pendingParent = pid;
            pendingSharesFs = contains(b, from, to, CLONE_FS);
            pendingSharesFiles = contains(b, from, to, CLONE_FILES);
        }
    }

    private String resolveOne(byte[] b, int from, int to, int dirfdIndex, int pathIndex, int pid) {
        long arg = ArgumentScanner.argument(b, from, to, pathIndex);
        if (arg < 0) {
            return null;
        }
        String raw = strings.decode(b, ArgumentScanner.start(arg), ArgumentScanner.end(arg));
        if (raw == null) {
            return null;
        }
        String base = dirfdIndex >= 0 ? baseOf(b, from, to, dirfdIndex, pid) : cwd(pid);
        if (raw.isEmpty()) {
            // AT_EMPTY_PATH: the call is about the dirfd itself
            return dirfdIndex >= 0 ? base : null;
        }
        if (raw.charAt(0) == '/') {
            return normalize(raw);
        }
        return base == null ? raw : normalize(join(base, raw));
    }

    /** {@code connect(3, {sa_family=AF_UNIX, sun_path="/run/php/php-fpm.sock"}, 110)}: the socket's path. */
    private String socketPath(byte[] b, int from, int to, int pid) {
        long arg = ArgumentScanner.argument(b, from, to, 1);
        if (arg < 0) {
            return null;
        }
        int s = ArgumentScanner.start(arg);
        int e = ArgumentScanner.end(arg);
        int at = indexOf(b, s, e, SUN_PATH);
        if (at < 0) {
            return null;
        }
        int q = at + SUN_PATH.length;
        // an abstract socket (sun_path=@"...") is no file
        int close = ArgumentScanner.skipString(b, q, e);
        String raw = strings.decode(b, q, close);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.charAt(0) == '/') {
            return normalize(raw);
        }
        String cwd = cwd(pid);
        return cwd == null ? raw : normalize(join(cwd, raw));
    }

    private String baseOf(byte[] b, int from, int to, int dirfdIndex, int pid) {
        long arg = ArgumentScanner.argument(b, from, to, dirfdIndex);
        if (arg < 0) {
            return null;
        }
        int s = ArgumentScanner.start(arg);
        int e = ArgumentScanner.end(arg);
        long deco = ArgumentScanner.decoration(b, s, e);
        boolean atCwd = ArgumentScanner.isAtFdcwd(b, s, e);
        if (deco >= 0) {
            String dir = decorationText(b, deco);
            if (!dir.startsWith("/")) {
                return null;
            }
            if (atCwd) {
                setCwd(pid, dir);
            }
            return dir;
        }
        if (atCwd) {
            return cwd(pid);
        }
        int fd = fdNumber(b, s, e);
        return fd < 0 ? null : fdPath(pid, fd);
    }

    private static String decorationText(byte[] b, long deco) {
        int s = ArgumentScanner.start(deco);
        int e = ArgumentScanner.end(deco);
        boolean escaped = false;
        for (int i = s; i < e; i++) {
            if (b[i] == '\\') {
                escaped = true;
                break;
            }
        }
        if (!escaped) {
            return DisplayText.of(b, s, e - s);
        }
        byte[] quoted = new byte[e - s + 2];
        quoted[0] = '"';
        System.arraycopy(b, s, quoted, 1, e - s);
        quoted[quoted.length - 1] = '"';
        String decoded = new StraceString().decode(quoted, 0, quoted.length);
        return decoded == null ? DisplayText.of(b, s, e - s) : decoded;
    }

    /**
     * Follows working directories and fds once a call has returned: chdir and fchdir move the directory, open
     * calls and dup add fds, close removes them, fork and clone hand both to the child.
     *
     * @param resolvedPath the call's first path as {@link #resolve} made it (for chdir and the open family)
     */
    public void afterCall(String name, int pid, long returnValue, boolean failed, String resolvedPath,
                          byte[] b, int from, int to) {
        if (failed || name == null) {
            return;
        }
        switch (name) {
            case "chdir" -> {
                if (resolvedPath != null && resolvedPath.startsWith("/")) {
                    setCwd(pid, resolvedPath);
                }
            }
            case "fchdir" -> {
                String dir = fdArgumentPath(b, from, to, 0, pid);
                if (dir != null) {
                    setCwd(pid, dir);
                }
            }
            case "open", "openat", "openat2", "creat" -> {
                if (resolvedPath != null && resolvedPath.startsWith("/") && returnValue >= 0
                        && returnValue < Integer.MAX_VALUE) {
                    fds(pid).put((int) returnValue, resolvedPath);
                }
            }
            case "close" -> {
                int fd = fdArgument(b, from, to, 0);
                Map<Integer, String> fds = fdsByPid.get(pid);
                if (fd >= 0 && fds != null) {
                    fds.remove(fd);
                }
            }
            case "dup", "dup2", "dup3", "fcntl", "fcntl64" -> {
                if (name.startsWith("fcntl") && !isDupCommand(b, from, to)) {
                    return;
                }
                String path = fdArgumentPath(b, from, to, 0, pid);
                if (path != null && returnValue >= 0 && returnValue < Integer.MAX_VALUE) {
                    fds(pid).put((int) returnValue, path);
                }
            }
            default -> {
                if (SyscallTable.createsProcess(name) && returnValue > 0 && returnValue <= Integer.MAX_VALUE) {
                    boolean fromPending = pendingParent == pid;
                    boolean sharesFs = fromPending ? pendingSharesFs : contains(b, from, to, CLONE_FS);
                    boolean sharesFiles = fromPending ? pendingSharesFiles : contains(b, from, to, CLONE_FILES);
                    int child = (int) returnValue;
                    if (!seen.get(child)) {
                        seen.set(child);
                        inherit(pid, child, sharesFs, sharesFiles);
                    }
                    if (fromPending) {
                        pendingParent = -1;
                    }
                }
            }
        }
    }

    private void inherit(int parent, int child, boolean sharesFs, boolean sharesFiles) {
        Cwd cwd = cwdByPid.get(parent);
        if (cwd != null && !cwdByPid.containsKey(child)) {
            cwdByPid.put(child, sharesFs ? cwd : new Cwd(cwd.path));
        }
        Map<Integer, String> fds = fdsByPid.get(parent);
        if (fds != null && !fdsByPid.containsKey(child)) {
            fdsByPid.put(child, sharesFiles ? fds : new HashMap<>(fds));
        }
    }

    private void setCwd(int pid, String dir) {
        Cwd cwd = cwdByPid.get(pid);
        if (cwd == null) {
            cwdByPid.put(pid, new Cwd(dir));
        } else {
            cwd.path = dir;
        }
    }

    private Map<Integer, String> fds(int pid) {
        return fdsByPid.computeIfAbsent(pid, p -> new HashMap<>());
    }

    private String fdPath(int pid, int fd) {
        Map<Integer, String> fds = fdsByPid.get(pid);
        return fds == null ? null : fds.get(fd);
    }

    /** The path of the fd in argument {@code index}: its -y decoration, or the path it was opened with. */
    private String fdArgumentPath(byte[] b, int from, int to, int index, int pid) {
        long arg = ArgumentScanner.argument(b, from, to, index);
        if (arg < 0) {
            return null;
        }
        int s = ArgumentScanner.start(arg);
        int e = ArgumentScanner.end(arg);
        long deco = ArgumentScanner.decoration(b, s, e);
        if (deco >= 0) {
            String dir = decorationText(b, deco);
            return dir.startsWith("/") ? dir : null;
        }
        int fd = fdNumber(b, s, e);
        return fd < 0 ? null : fdPath(pid, fd);
    }

    private static int fdArgument(byte[] b, int from, int to, int index) {
        long arg = ArgumentScanner.argument(b, from, to, index);
        return arg < 0 ? -1 : fdNumber(b, ArgumentScanner.start(arg), ArgumentScanner.end(arg));
    }

    /** The fd number at the start of an argument ({@code 3} or {@code 3</path>}), or -1. */
    private static int fdNumber(byte[] b, int s, int e) {
        int v = 0;
        int i = s;
        while (i < e && i - s < 9 && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        return i == s || (i < e && b[i] != '<') ? -1 : v;
    }

    private static boolean isDupCommand(byte[] b, int from, int to) {
        long arg = ArgumentScanner.argument(b, from, to, 1);
        return arg >= 0 && LineParser.startsWith(b, ArgumentScanner.start(arg), ArgumentScanner.end(arg), F_DUPFD);
    }

    /** The working directory last seen for a pid, or null. */
    public String cwd(int pid) {
        Cwd cwd = cwdByPid.get(pid);
        return cwd == null ? null : cwd.path;
    }

    private static boolean contains(byte[] b, int from, int to, byte[] needle) {
        return indexOf(b, from, to, needle) >= 0;
    }

    private static int indexOf(byte[] b, int from, int to, byte[] needle) {
        for (int i = from; i + needle.length <= to; i++) {
            if (LineParser.startsWith(b, i, to, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static final byte[] CLONE_FS = "CLONE_FS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLONE_FILES = "CLONE_FILES".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUN_PATH = "sun_path=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] F_DUPFD = "F_DUPFD".getBytes(StandardCharsets.US_ASCII);

    static String join(String base, String relative) {
        return base.endsWith("/") ? base + relative : base + "/" + relative;
    }

    /** Lexical clean-up of {@code .}, {@code ..} and doubled slashes; the trace does not tell about symlinks. */
    static String normalize(String path) {
        if (!needsNormalizing(path)) {
            return path;
        }
        String[] parts = path.split("/");
        String[] out = new String[parts.length];
        int n = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (n > 0) {
                    n--;
                }
                continue;
            }
            out[n++] = part;
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < n; i++) {
            sb.append('/').append(out[i]);
        }
        if (n == 0) {
            return "/";
        }
        if (path.endsWith("/") && path.length() > 1) {
            sb.append('/');
        }
        return sb.toString();
    }

    private static boolean needsNormalizing(String path) {
        return path.contains("//") || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..");
    }
}
