package dev.stracewb.parse;

import dev.stracewb.session.TraceSession;
import dev.stracewb.store.EventStore;
import dev.stracewb.trace.PathArguments;
import dev.stracewb.trace.SyscallTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.stracewb.testsupport.CoreFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

class PathResolverTest {

    /** Feeds lines to a resolver as the ingest does and returns each line's [path1, path2]. */
    private static List<String[]> resolveAll(String... lines) {
        PathResolver r = new PathResolver();
        LineParser parser = new LineParser();
        ParsedLine p = new ParsedLine();
        List<String[]> out = new ArrayList<>();
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            parser.parse(b, 0, b.length, p);
            if (p.shape == LineShape.SYSCALL || p.shape == LineShape.UNFINISHED) {
                r.resolve(p.name, b, p.argsStart, p.argsEnd, p.pid);
                out.add(new String[] {r.path1(), r.path2()});
                if (p.shape == LineShape.UNFINISHED) {
                    r.callStarted(p.name, p.pid, b, p.argsStart, p.argsEnd);
                } else {
                    r.afterCall(p.name, p.pid, p.returnValue, p.errno != null, r.path1(), b, p.argsStart, p.argsEnd);
                }
            } else if (p.shape == LineShape.RESUMED) {
                out.add(new String[] {null, null});
                r.afterCall(p.name, p.pid, p.returnValue, p.errno != null, null, b, p.argsStart, p.argsEnd);
            } else {
                out.add(new String[] {null, null});
            }
        }
        return out;
    }

    private static String pathAt(TraceSession s, long line) {
        EventStore store = s.store();
        for (int r = 0; r < store.size(); r++) {
            if (store.firstLine(r) == line) {
                return store.path(r);
            }
        }
        throw new AssertionError("no row at line " + line);
    }

    private static String path2At(TraceSession s, long line) {
        EventStore store = s.store();
        for (int r = 0; r < store.size(); r++) {
            if (store.firstLine(r) == line) {
                return store.path2(r);
            }
        }
        throw new AssertionError("no row at line " + line);
    }

    /**
     * cwd.py (src/test/scripts/record-core-fixtures.sh): chdir("/etc"), open /usr/share as fd 3, fork; the child opens a
     * relative path, fchdir(3), stats a relative path, chdir(".."), accesses a relative path; the parent opens
     * /tmp as fd 4 and uses it as dirfd. Recorded with and without -yy: the answers must be the same.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cwd-child.strace", "cwd-child-yy.strace"})
    void cwdFollowsChdirAndFchdirAndIsInheritedByTheForkedChild(String fixture) {
        TraceSession s = load(fixture);
        assertThat(pathAt(s, 395)).isEqualTo("/etc/no-such-file-in-etc");
        assertThat(pathAt(s, 401)).as("child, inherited cwd").isEqualTo("/etc/child-relative-miss.conf");
        assertThat(pathAt(s, 403)).as("child after fchdir(3)").isEqualTo("/usr/share/doc/no-such-doc");
        assertThat(pathAt(s, 405)).as("child after chdir(\"..\")").isEqualTo("/usr/lib/no-such-lib");
        assertThat(pathAt(s, 411)).as("dirfd 4 = /tmp").isEqualTo("/tmp/no-such-in-tmp");
        assertThat(pathAt(s, 412)).isEqualTo("/tmp/no-such-old");
        assertThat(path2At(s, 412)).as("renameat's second dirfd").isEqualTo("/usr/share/no-such-new");
        assertThat(pathAt(s, 413)).isEqualTo("/tmp/no-such-unlink");
        assertThat(pathAt(s, 414)).as("parent's cwd untouched by the child").isEqualTo("/no-such-parent/x");
        assertThat(pathAt(s, 415)).isEqualTo("/etc/no-such-link");
    }

    @Test
    void failuresOfTheCwdTraceAreGroupedByAbsolutePath() {
        TraceSession s = load("cwd-child.strace");
        assertThat(s.failures()).extracting(g -> g.path())
                .contains("/etc/child-relative-miss.conf", "/usr/share/doc/no-such-doc", "/usr/lib/no-such-lib",
                        "/tmp/no-such-in-tmp", "/etc/no-such-link");
    }

    @Test
    void childThatRunsBeforeItsCloneReturnsInheritsTheParentsCwd() {
        List<String[]> r = resolveAll(
                "100 chdir(\"/srv\") = 0",
                "100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD <unfinished ...>",
                "101 openat(AT_FDCWD, \"x\", O_RDONLY) = -1 ENOENT (No such file or directory)",
                "100 <... clone resumed>, child_tidptr=0x7f) = 101",
                "101 chdir(\"sub\") = 0",
                "101 open(\"y\", O_RDONLY) = -1 ENOENT (No such file or directory)",
                "100 open(\"y\", O_RDONLY) = -1 ENOENT (No such file or directory)");
        assertThat(r.get(2)[0]).isEqualTo("/srv/x");
        assertThat(r.get(5)[0]).isEqualTo("/srv/sub/y");
        assertThat(r.get(6)[0]).as("a forked child's chdir leaves the parent alone").isEqualTo("/srv/y");
    }

    @Test
    void threadsMadeWithCloneFsShareOneCwd() {
        List<String[]> r = resolveAll(
                "100 chdir(\"/srv\") = 0",
                "100 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD, exit_signal=0}, 88) = 102",
                "102 chdir(\"/var\") = 0",
                "100 open(\"y\", O_RDONLY) = -1 ENOENT (No such file or directory)");
        assertThat(r.get(3)[0]).isEqualTo("/var/y");
    }

    @Test
    void fdsFollowDupAndClose() {
        List<String[]> r = resolveAll(
                "7 openat(AT_FDCWD, \"/srv/www\", O_RDONLY|O_DIRECTORY) = 5",
                "7 dup2(5, 9) = 9",
                "7 fcntl(9, F_DUPFD_CLOEXEC, 10) = 11",
                "7 close(5) = 0",
                "7 openat(11, \"a.php\", O_RDONLY) = -1 ENOENT (No such file or directory)",
                "7 openat(5, \"b.php\", O_RDONLY) = -1 ENOENT (No such file or directory)");
        assertThat(r.get(4)[0]).isEqualTo("/srv/www/a.php");
        assertThat(r.get(5)[0]).as("fd 5 was closed: unknown base").isEqualTo("b.php");
    }

    @Test
    void atFdcwdOfDashXRawAndVerbose() {
        List<String[]> r = resolveAll(
                "chdir(\"/opt\") = 0",
                "openat(-100 /* AT_FDCWD */, \"v.conf\", 0 /* O_RDONLY */) = -1 ENOENT (No such file or directory)",
                "openat(-100, \"r.conf\", 0) = -1 ENOENT (No such file or directory)");
        assertThat(r.get(1)[0]).isEqualTo("/opt/v.conf");
        assertThat(r.get(2)[0]).isEqualTo("/opt/r.conf");
    }

    @Test
    void atFdcwdDecorationSetsTheCwdOfAProcessFirstSeenMidway() {
        List<String[]> r = resolveAll(
                "31322 newfstatat(AT_FDCWD</tmp/www>, \"wp-includes/version.phpp\", 0x7ffe, 0) = -1 ENOENT (No such file or directory)",
                "31322 access(\"../x\", R_OK) = -1 ENOENT (No such file or directory)");
        assertThat(r.get(0)[0]).isEqualTo("/tmp/www/wp-includes/version.phpp");
        assertThat(r.get(1)[0]).isEqualTo("/tmp/x");
    }

    @Test
    void pathsAreNormalizedLexically() {
        assertThat(PathResolver.normalize("/a/./b//c/../d")).isEqualTo("/a/b/d");
        assertThat(PathResolver.normalize("/..")).isEqualTo("/");
        assertThat(PathResolver.normalize("/a/b/")).isEqualTo("/a/b/");
    }

    @Test
    void unixSocketPathOfConnect() {
        TraceSession s = load("sockets-yy.strace");
        assertThat(pathAt(s, 685)).isEqualTo("/nonexistent.sock");
        assertThat(s.failures()).anySatisfy(g -> {
            assertThat(g.path()).isEqualTo("/nonexistent.sock");
            assertThat(g.syscalls()).containsExactly("connect");
        });
        List<String[]> r = resolveAll("connect(3, {sa_family=AF_UNIX, sun_path=@\"/abstract\"}, 12) = -1 ECONNREFUSED (Connection refused)",
                "connect(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)");
        assertThat(r.get(0)[0]).isNull();
        assertThat(r.get(1)[0]).isNull();
    }

    static Stream<String> pathSyscalls() {
        return SyscallTable.pathSyscalls().stream().sorted();
    }

    /** Every syscall the table names as path-taking: dirfd decorations and the cwd are both applied. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pathSyscalls")
    void everyPathTakingSyscallIsResolved(String name) {
        PathArguments pa = SyscallTable.pathArguments(name);
        String[] args = new String[pa.maxIndex() + 1];
        java.util.Arrays.fill(args, "0");
        if (pa.dirfd1() >= 0) {
            args[pa.dirfd1()] = "3</base/one>";
        }
        args[pa.path1()] = "\"rel/a\"";
        if (pa.dirfd2() >= 0) {
            args[pa.dirfd2()] = "4</base/two>";
        }
        if (pa.path2() >= 0) {
            args[pa.path2()] = "\"../b\"";
        }
        String line = "9 " + name + "(" + String.join(", ", args) + ") = -1 ENOENT (No such file or directory)";
        List<String[]> r = resolveAll("9 chdir(\"/cwd/dir\") = 0", line);
        assertThat(r.get(1)[0]).as(line).isEqualTo(pa.dirfd1() >= 0 ? "/base/one/rel/a" : "/cwd/dir/rel/a");
        if (pa.path2() >= 0) {
            assertThat(r.get(1)[1]).as(line).isEqualTo(pa.dirfd2() >= 0 ? "/base/b" : "/cwd/b");
        } else {
            assertThat(r.get(1)[1]).isNull();
        }
    }

    @Test
    void theIssuesListOfPathSyscallsIsInTheTable() {
        assertThat(SyscallTable.pathSyscalls()).contains("open", "openat", "openat2", "creat", "stat", "lstat",
                "newfstatat", "statx", "fstatat64", "access", "faccessat", "faccessat2", "readlink", "readlinkat",
                "execve", "execveat", "chdir", "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename",
                "renameat", "renameat2", "link", "linkat", "symlink", "symlinkat", "truncate", "chmod", "fchmodat",
                "chown", "lchown", "fchownat", "utimensat");
        assertThat(SyscallTable.pathArguments("renameat2").path2()).isEqualTo(3);
        assertThat(SyscallTable.pathArguments("symlink").path1()).as("the link, not its content").isEqualTo(1);
    }
}
