package dev.stracewb.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that says which failed lookups are normal. Each rule is small and has its own test; order
 * matters only for the label shown when two rules match.
 */
public final class NormalMissRules {

    private static final Set<String> PATH_DIRS = Set.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin", "/snap/bin");
    private static final Set<String> PHP_EXTENSIONS = Set.of("php", "inc", "phtml");

    public static final List<NormalMissRule> RULES = List.of(
            rule("dynamic-loader",
                    "the dynamic loader probes library directories (glibc-hwcaps, tls, ld.so.preload) before it finds a library",
                    (path, name, dir, errno, ctx) -> path.equals("/etc/ld.so.preload")
                            || path.equals("/etc/ld.so.nohwcap")
                            || path.contains("/glibc-hwcaps/") || path.contains("/tls/")
                            || (isLibraryFile(name) && isLibraryDir(dir))),
            rule("locale",
                    "C libraries look for locale and gconv files for every language before falling back",
                    (path, name, dir, errno, ctx) -> path.startsWith("/usr/lib/locale/")
                            || path.startsWith("/usr/share/locale/") || path.startsWith("/usr/share/locale-langpack/")
                            || path.contains("/gconv/") || name.equals("locale-archive")
                            || path.startsWith("/usr/share/i18n/")),
            rule("selinux",
                    "libselinux checks for SELinux on every start; most servers do not run it",
                    (path, name, dir, errno, ctx) -> path.startsWith("/sys/fs/selinux")
                            || path.startsWith("/selinux") || path.startsWith("/proc/self/attr/")),
            rule("nss-userdb",
                    "glibc's systemd NSS module looks for JSON user records in every userdb directory",
                    (path, name, dir, errno, ctx) -> isNotFound(errno) && (path.endsWith("/userdb")
                            || path.endsWith("/userdb/") || path.contains("/userdb/") || path.equals("/run/host"))),
            rule("apache-htaccess",
                    "with AllowOverride, apache looks for .htaccess in every directory of a request",
                    (path, name, dir, errno, ctx) -> name.equals(".htaccess") && isNotFound(errno)),
            rule("php-include-path",
                    "PHP tries each include_path directory in turn; this file was found in another one",
                    (path, name, dir, errno, ctx) -> PHP_EXTENSIONS.contains(extension(name))
                            && isNotFound(errno) && ctx.foundElsewhere(name, dir)),
            rule("php-user-ini",
                    "php-fpm and CGI PHP look for a .user.ini in every directory of a script (user_ini.filename)",
                    (path, name, dir, errno, ctx) -> name.equals(".user.ini") && isNotFound(errno)),
            rule("php-ini-probe",
                    "PHP looks for php.ini next to its binary and in its configuration directories",
                    (path, name, dir, errno, ctx) -> isNotFound(errno)
                            && (name.equals("php.ini") || (name.startsWith("php-") && name.endsWith(".ini")))),
            rule("executable-search",
                    "a program searched $PATH for a command and found it in a later directory",
                    (path, name, dir, errno, ctx) -> PATH_DIRS.contains(dir) && isNotFound(errno)
                            && ctx.foundElsewhere(name, dir)));

    private NormalMissRules() {
    }

    /** The first rule that explains this miss, if any. */
    public static Optional<NormalMissRule> classify(String path, String errno, MissContext context) {
        int slash = path.lastIndexOf('/');
        String name = slash < 0 ? path : path.substring(slash + 1);
        String dir = slash <= 0 ? (slash == 0 ? "/" : "") : path.substring(0, slash);
        for (NormalMissRule r : RULES) {
            if (r.matches(path, name, dir, errno, context)) {
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
        boolean matches(String path, String name, String dir, String errno, MissContext context);
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
                return matcher.matches(path, fileName, directory, errno, ctx);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
