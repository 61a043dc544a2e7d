package dev.stracewb.parse;

import dev.stracewb.trace.PathArguments;
import dev.stracewb.trace.SyscallTable;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes the path arguments of a syscall absolute where the trace allows: relative to the dirfd's {@code -y}
 * decoration, or to the process's current directory, which it follows through chdir, fchdir and the
 * {@code AT_FDCWD</cwd>} decorations, and hands down from parent to child on fork and clone.
 * One instance per trace; not thread-safe.
 */
public final class PathResolver {
    private final StraceString strings = new StraceString();
    private final Map<Integer, String> cwdByPid = new HashMap<>();

    /** Results of the last {@link #resolve} call. */
    private String path1;
    private String path2;

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
        PathArguments pa = SyscallTable.pathArguments(name);
        if (!pa.takesPath()) {
            return;
        }
        path1 = resolveOne(b, from, to, pa.dirfd1(), pa.path1(), pid);
        if (pa.path2() >= 0) {
            path2 = resolveOne(b, from, to, pa.dirfd2(), pa.path2(), pid);
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
        String base = dirfdIndex >= 0 ? baseOf(b, from, to, dirfdIndex, pid) : cwdByPid.get(pid);
        if (raw.isEmpty()) {
            // AT_EMPTY_PATH: the call is about the dirfd itself
            return dirfdIndex >= 0 ? base : null;
        }
        if (raw.charAt(0) == '/') {
            return normalize(raw);
        }
        return base == null ? raw : normalize(join(base, raw));
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
            if (atCwd && dir.startsWith("/")) {
                cwdByPid.put(pid, dir);
            }
            return dir.startsWith("/") ? dir : null;
        }
        return atCwd ? cwdByPid.get(pid) : null;
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
            return new String(b, s, e - s, StandardCharsets.UTF_8);
        }
        byte[] quoted = new byte[e - s + 2];
        quoted[0] = '"';
        System.arraycopy(b, s, quoted, 1, e - s);
        quoted[quoted.length - 1] = '"';
        String decoded = new StraceString().decode(quoted, 0, quoted.length);
        return decoded == null ? new String(b, s, e - s, StandardCharsets.UTF_8) : decoded;
    }

    /**
     * Follows the working directory once a call has returned: chdir and fchdir move it, fork and clone copy it
     * to the child.
     */
    public void afterCall(String name, int pid, long returnValue, boolean failed, String resolvedPath,
                          byte[] b, int from, int to) {
        if (failed) {
            return;
        }
        switch (name) {
            case "chdir" -> {
                if (resolvedPath != null && resolvedPath.startsWith("/")) {
                    cwdByPid.put(pid, resolvedPath);
                }
            }
            case "fchdir" -> {
                long arg = ArgumentScanner.argument(b, from, to, 0);
                if (arg >= 0) {
                    long deco = ArgumentScanner.decoration(b, ArgumentScanner.start(arg), ArgumentScanner.end(arg));
                    if (deco >= 0) {
                        String dir = decorationText(b, deco);
                        if (dir.startsWith("/")) {
                            cwdByPid.put(pid, dir);
                        }
                    }
                }
            }
            default -> {
                if (SyscallTable.createsProcess(name) && returnValue > 0 && returnValue < Integer.MAX_VALUE) {
                    String cwd = cwdByPid.get(pid);
                    if (cwd != null) {
                        cwdByPid.put((int) returnValue, cwd);
                    }
                }
            }
        }
    }

    /** The working directory last seen for a pid, or null. */
    public String cwd(int pid) {
        return cwdByPid.get(pid);
    }

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
