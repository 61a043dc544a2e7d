package dev.stracewb.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that says which failed lookups are normal. Each rule is small and has its own test
 * (NormalMissRulesTest, with the recorded traces it was seen in); order matters only for the label shown when
 * two rules match. A rule must never match the outage's {@code wp-includes/version.phpp}: a file the program
 * asked for by name and found nowhere.
 */
public final class NormalMissRules {

    private static final Set<String> PATH_DIRS = Set.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin", "/snap/bin");
    private static final Set<String> PHP_EXTENSIONS = Set.of("php", "inc", "phtml");
    /** What CPython looks for next to its binary and in its prefixes before it settles on its stdlib. */
    private static final Set<String> PYTHON_STARTUP_FILES = Set.of("pyvenv.cfg", "pybuilddir.txt", "Setup.local");

    public static final List<NormalMissRule> RULES = List.of(
            rule("python-import",
                    "Python's import system tries each suffix (.cpython-*.so, .abi3.so, .so, .py, .pyc) before it finds a module",
                    (path, name, dir, errno, calls, ctx) -> isNotFound(errno)
                            && (name.contains(".cpython-") || name.endsWith(".abi3.so")
                            || (name.startsWith("__init__.") && (dir.contains("/python") || dir.contains("-packages")))
                            || dir.endsWith("/__pycache__"))),
            rule("python-startup",
                    "CPython looks for a venv, a zipped stdlib and build files next to its binary before it finds its real prefix",
                    (path, name, dir, errno, calls, ctx) -> isNotFound(errno)
                            && (PYTHON_STARTUP_FILES.contains(name) || (name.startsWith("python3") && name.endsWith(".zip"))
                            || name.endsWith("._pth") || path.contains("/bin/lib/python")
                            || (path.contains("/python3") && (name.equals("site-packages") || name.equals("dist-packages")
                            || name.equals("lib-dynload"))))),
            rule("dynamic-loader",
                    "the dynamic loader probes library directories (glibc-hwcaps, tls, ld.so.preload) before it finds a library",
                    (path, name, dir, errno, calls, ctx) -> path.equals("/etc/ld.so.preload")
                            || path.equals("/etc/ld.so.nohwcap")
                            || path.contains("/glibc-hwcaps/") || path.contains("/tls/")
                            || (isLibraryFile(name) && isLibraryDir(dir))),
            rule("locale",
                    "C libraries look for locale and gconv files for every language before falling back",
                    (path, name, dir, errno, calls, ctx) -> path.startsWith("/usr/lib/locale/")
                            || path.startsWith("/usr/share/locale/") || path.startsWith("/usr/share/locale-langpack/")
                            || path.contains("/gconv/") || name.equals("locale-archive")
                            || path.startsWith("/usr/share/i18n/")),
            rule("selinux",
                    "libselinux checks for SELinux on every start; most servers do not run it",
                    (path, name, dir, errno, calls, ctx) -> path.startsWith("/sys/fs/selinux")
                            || path.startsWith("/selinux") || path.startsWith("/proc/self/attr/")
                            || path.startsWith("/etc/selinux/")),
            rule("nss-userdb",
                    "glibc's systemd NSS module looks for JSON user records in every userdb directory",
                    (path, name, dir, errno, calls, ctx) -> isNotFound(errno) && (path.endsWith("/userdb")
                            || path.endsWith("/userdb/") || path.contains("/userdb/") || path.equals("/run/host"))),
            rule("nscd",
                    "glibc asks the name service cache daemon first; without nscd running it reads the files itself",
                    (path, name, dir, errno, calls, ctx) -> (path.equals("/var/run/nscd/socket")
                            || path.equals("/run/nscd/socket")) && (isNotFound(errno) || "ECONNREFUSED".equals(errno))),
            rule("no-controlling-terminal",
                    "a shell opens /dev/tty for job control; run without a terminal (a daemon, a script) that fails with ENXIO",
                    (path, name, dir, errno, calls, ctx) -> path.equals("/dev/tty") && "ENXIO".equals(errno)),
            rule("readlink-not-a-symlink",
                    "readlink on a path that is not a symbolic link fails with EINVAL: programs resolving their own paths do it all the time",
                    (path, name, dir, errno, calls, ctx) -> "EINVAL".equals(errno) && !calls.isEmpty()
                            && calls.stream().allMatch(c -> c.equals("readlink") || c.equals("readlinkat"))),
            rule("apache-htaccess",
                    "with AllowOverride, apache looks for .htaccess in every directory of a request",
                    (path, name, dir, errno, calls, ctx) -> name.equals(".htaccess") && isNotFound(errno)),
            rule("apache-startup",
                    "apache checks for the suexec wrapper and removes stale shared memory before it starts",
                    (path, name, dir, errno, calls, ctx) -> isNotFound(errno)
                            && (name.equals("suexec") || name.equals("suexec2")
                            || (path.startsWith("/dev/shm/") && calls.contains("unlink")))),
            rule("pid-file-probe",
                    "a daemon checks for a pid file left by an earlier run before it writes its own",
                    (path, name, dir, errno, calls, ctx) -> isNotFound(errno) && name.endsWith(".pid")),
            rule("php-include-path",
                    "PHP tries each include_path directory in turn; this file was found in another one",
                    (path, name, dir, errno, calls, ctx) -> PHP_EXTENSIONS.contains(extension(name))
                            && isNotFound(errno) && ctx.foundElsewhere(name, dir)),
            rule("php-user-ini",
                    "php-fpm and CGI PHP look for a .user.ini in every directory of a script (user_ini.filename)",
                    (path, name, dir, errno, calls, ctx) -> name.equals(".user.ini") && isNotFound(errno)),
            rule("php-ini-probe",
                    "PHP looks for php.ini next to its binary and in its configuration directories",
                    (path, name, dir, errno, calls, ctx) -> isNotFound(errno)
                            && (name.equals("php.ini") || (name.startsWith("php-") && name.endsWith(".ini")))),
            rule("executable-search",
                    "a program searched $PATH for a command and found it in a later directory",
                    (path, name, dir, errno, calls, ctx) -> PATH_DIRS.contains(dir) && isNotFound(errno)
                            && ctx.foundElsewhere(name, dir)));

    private NormalMissRules() {
    }

    /** The first rule that explains this miss, if any, not knowing which syscalls failed. */
    public static Optional<NormalMissRule> classify(String path, String errno, MissContext context) {
        return classify(path, errno, List.of(), context);
    }

    /** The first rule that explains this miss of {@code syscalls} (e.g. ["openat", "newfstatat"]), if any. */
    public static Optional<NormalMissRule> classify(String path, String errno, List<String> syscalls,
                                                    MissContext context) {
        int slash = path.lastIndexOf('/');
        String name = slash < 0 ? path : path.substring(slash + 1);
        String dir = slash <= 0 ? (slash == 0 ? "/" : "") : path.substring(0, slash);
        for (NormalMissRule r : RULES) {
            if (r.matches(path, name, dir, errno, syscalls, context)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public static Optional<NormalMissRule> byName(String name) {
        return RULES.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static boolean isNotFound(String errno) {
        return "ENOENT".equals(errno) || "ENOTDIR".equals(errno);
    }

    private static boolean isLibraryFile(String name) {
        return name.endsWith(".so") || name.contains(".so.");
    }

    private static boolean isLibraryDir(String dir) {
        return dir.startsWith("/lib") || dir.startsWith("/usr/lib") || dir.startsWith("/usr/local/lib")
                || dir.startsWith("/opt/") || dir.contains("/lib/");
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private interface Matcher {
        boolean matches(String path, String name, String dir, String errno, List<String> syscalls,
                        MissContext context);
    }

    private static NormalMissRule rule(String name, String description, Matcher matcher) {
        return new NormalMissRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public boolean matches(String path, String fileName, String directory, String errno, MissContext ctx) {
                return matcher.matches(path, fileName, directory, errno, List.of(), ctx);
            }

            @Override
            public boolean matches(String path, String fileName, String directory, String errno,
                                   List<String> syscalls, MissContext ctx) {
                return matcher.matches(path, fileName, directory, errno, syscalls, ctx);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
