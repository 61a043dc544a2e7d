package dev.stracewb.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the application's source lives, for "did you mean" and for the search of references: given by the user
 * ({@code --source DIR}), or inferred from the trace: php-fpm's DOCUMENT_ROOT, the requests' SCRIPT_FILENAME, or
 * the common directory of the scripts the workers opened.
 *
 * @param path   the directory, or null when none could be inferred
 * @param source {@code "--source"}, {@code "DOCUMENT_ROOT"}, {@code "SCRIPT_FILENAME"}, {@code "scripts opened"}
 * @param note   why there is none, or null
 */
public record DocumentRoot(Path path, String source, String note) {
    private static final List<String> SCRIPT_EXTENSIONS = List.of("php", "phtml", "inc", "py", "rb", "pl", "cgi",
            "html", "htm", "js", "tpl", "twig");
    private static final List<String> SYSTEM_DIRS = List.of("/usr", "/lib", "/lib64", "/etc", "/proc", "/sys",
            "/dev", "/run", "/var/lib", "/var/cache", "/bin", "/sbin", "/opt/remi", "/snap");

    public static DocumentRoot given(Path dir) {
        return new DocumentRoot(dir.toAbsolutePath().normalize(), "--source", null);
    }

    /**
     * Infers the root from what the trace shows.
     *
     * @param documentRoots   FastCGI DOCUMENT_ROOT values
     * @param scriptFilenames FastCGI SCRIPT_FILENAME values
     * @param foundPaths      paths the trace accessed successfully
     */
    public static DocumentRoot infer(List<String> documentRoots, List<String> scriptFilenames,
                                     List<String> foundPaths) {
        if (!documentRoots.isEmpty()) {
            return new DocumentRoot(Path.of(commonDirectory(documentRoots, false)), "DOCUMENT_ROOT", null);
        }
        if (!scriptFilenames.isEmpty()) {
            String dir = commonDirectory(scriptFilenames, true);
            if (isUsable(dir)) {
                return new DocumentRoot(Path.of(dir), "SCRIPT_FILENAME", null);
            }
        }
        List<String> scripts = new ArrayList<>();
        for (String p : foundPaths) {
            if (p.startsWith("/") && !isSystem(p) && isScript(p)) {
                scripts.add(p);
            }
        }
        if (!scripts.isEmpty()) {
            String dir = commonDirectory(scripts, true);
            if (isUsable(dir)) {
                return new DocumentRoot(Path.of(dir), "scripts opened", null);
            }
        }
        return new DocumentRoot(null, null,
                "no document root could be inferred from the trace: give the application's source with --source DIR");
    }

    private static boolean isScript(String path) {
        String ext = FailureGroup.extensionOf(path);
        return ext != null && SCRIPT_EXTENSIONS.contains(ext.toLowerCase(Locale.ROOT));
    }

    private static boolean isSystem(String path) {
        for (String s : SYSTEM_DIRS) {
            if (path.equals(s) || path.startsWith(s + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Deep enough to be an application's directory, not {@code /} or {@code /tmp}. */
    private static boolean isUsable(String dir) {
        return dir != null && !isSystem(dir) && dir.chars().filter(c -> c == '/').count() >= 2;
    }

    /** The longest directory that holds every path (its file name dropped when {@code files}). */
    static String commonDirectory(List<String> paths, boolean files) {
        String common = null;
        for (String p : paths) {
            String dir = files ? p.substring(0, Math.max(1, p.lastIndexOf('/'))) : stripSlash(p);
            if (common == null) {
                common = dir;
                continue;
            }
            while (!common.equals("/") && !(dir.equals(common) || dir.startsWith(common + "/"))) {
                int slash = common.lastIndexOf('/');
                common = slash <= 0 ? "/" : common.substring(0, slash);
            }
        }
        return common;
    }

    private static String stripSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
