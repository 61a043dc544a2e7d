package dev.stracewb.analysis;

import dev.stracewb.session.TraceSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.stracewb.testsupport.CoreFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test class per rule: the miss as a recorded trace shows it (positive) and the nearest miss that is not
 * normal (negative). Fixtures: fixtures/core (src/test/scripts/record-core-fixtures.sh).
 */
class NormalMissRulesTest {

    private static TraceSession ls;
    private static TraceSession php;
    private static TraceSession python;
    private static TraceSession apacheStartup;
    private static TraceSession outage;

    @BeforeAll
    static void loadTraces() {
        ls = load("f-tt-T-yy.strace");
        php = load("php-cli-noise.strace");
        python = load("python-noise.strace");
        apacheStartup = load("apache-startup.strace");
        outage = load("apache-outage.strace");
    }

    /** The rule that the trace's failure group for {@code path} (exact, or ending with it) was labelled with. */
    private static String labelOf(TraceSession s, String path) {
        for (FailureGroup g : s.failures()) {
            if (g.path().equals(path) || (path.startsWith("*") && g.path().endsWith(path.substring(1)))) {
                return g.expected() == null ? "UNEXPECTED" : g.expected();
            }
        }
        throw new AssertionError("no failure group for " + path + " in " + s.name());
    }

    private static String classify(String path, String errno, String... syscalls) {
        return NormalMissRules.classify(path, errno, List.of(syscalls), MissContext.empty())
                .map(NormalMissRule::name).orElse(null);
    }

    private static String classify(String path, String errno, MissContext ctx) {
        return NormalMissRules.classify(path, errno, List.of("openat"), ctx).map(NormalMissRule::name).orElse(null);
    }

    @Test
    void everyRuleHasANameADescriptionAndATestHere() {
        assertThat(NormalMissRules.RULES).extracting(NormalMissRule::name).containsExactly("python-import",
                "python-startup", "dynamic-loader", "locale", "selinux", "nss-userdb", "nscd",
                "no-controlling-terminal", "readlink-not-a-symlink", "apache-htaccess", "apache-startup", "pid-file-probe", "php-include-path",
                "php-user-ini", "php-ini-probe", "executable-search");
        assertThat(NormalMissRules.RULES).allSatisfy(r -> assertThat(r.description()).isNotBlank());
        assertThat(NormalMissRules.byName("locale")).isPresent();
        assertThat(NormalMissRules.byName("no-such-rule")).isEmpty();
    }

    @Test
    void theOutagesCulpritMatchesNoRule() {
        assertThat(labelOf(outage, "*/wp-includes/version.phpp")).isEqualTo("UNEXPECTED");
        assertThat(labelOf(outage, "*/missing-page.html")).isEqualTo("UNEXPECTED");
        for (NormalMissRule r : NormalMissRules.RULES) {
            assertThat(r.matches("/srv/www/wp-includes/version.phpp", "version.phpp", "/srv/www/wp-includes",
                    "ENOENT", List.of("openat", "newfstatat"), MissContext.empty())).as(r.name()).isFalse();
        }
    }

    @Nested
    class DynamicLoader {
        @Test
        void preloadAndLibraryProbes() {
            assertThat(labelOf(ls, "/etc/ld.so.preload")).isEqualTo("dynamic-loader");
            assertThat(classify("/lib/x86_64-linux-gnu/glibc-hwcaps/x86-64-v3/libc.so.6", "ENOENT")).isEqualTo("dynamic-loader");
            assertThat(classify("/usr/lib/x86_64-linux-gnu/tls/libssl.so.3", "ENOENT")).isEqualTo("dynamic-loader");
        }

        @Test
        void aLibraryOutsideLibraryDirectoriesIsNotLoaderNoise() {
            assertThat(classify("/srv/app/plugins/custom.so", "ENOENT")).isNull();
        }
    }

    @Nested
    class Locale {
        @Test
        void localeArchiveAndMessageCatalogs() {
            assertThat(labelOf(ls, "/usr/lib/locale/locale-archive")).isEqualTo("locale");
            assertThat(labelOf(ls, "/usr/share/locale/C.UTF-8/LC_MESSAGES/libc.mo")).isEqualTo("locale");
            assertThat(classify("/usr/lib/x86_64-linux-gnu/gconv/gconv-modules.cache", "ENOENT")).isEqualTo("locale");
        }

        @Test
        void anApplicationsOwnTranslationsAreNotLocaleNoise() {
            assertThat(classify("/srv/www/wp-content/languages/de_DE.mo", "ENOENT")).isNull();
        }
    }

    @Nested
    class Selinux {
        @Test
        void selinuxfsAndConfig() {
            assertThat(labelOf(ls, "/sys/fs/selinux")).isEqualTo("selinux");
            assertThat(labelOf(ls, "/etc/selinux/config")).isEqualTo("selinux");
        }

        @Test
        void otherSysfsPathsAreNot() {
            assertThat(classify("/sys/fs/cgroup/cpu.max", "ENOENT")).isNull();
        }
    }

    @Nested
    class NssUserdb {
        @Test
        void userdbDirectoriesOfApachesUserLookup() {
            assertThat(labelOf(apacheStartup, "/usr/lib/userdb")).isEqualTo("nss-userdb");
            assertThat(labelOf(apacheStartup, "/run/systemd/userdb/")).isEqualTo("nss-userdb");
        }

        @Test
        void permissionDeniedOnUserdbIsNot() {
            assertThat(classify("/etc/userdb", "EACCES")).isNull();
        }
    }

    @Nested
    class Nscd {
        @Test
        void connectToTheNscdSocket() {
            assertThat(labelOf(apacheStartup, "/var/run/nscd/socket")).isEqualTo("nscd");
        }

        @Test
        void anotherMissingSocketIsNot() {
            // php-fpm's socket missing is a classic 502
            assertThat(classify("/run/php/php8.2-fpm.sock", "ENOENT", "connect")).isNull();
        }
    }

    @Nested
    class NoControllingTerminal {
        @Test
        void bashWithoutATerminal() {
            // analysis/fork-tree.strace: bash -c under strace -o, no controlling terminal
            TraceSession forkTree = load(new dev.stracewb.source.FileLineSource(
                    dev.stracewb.testsupport.CoreFixtures.labFixture("analysis/fork-tree.strace")));
            assertThat(labelOf(forkTree, "/dev/tty")).isEqualTo("no-controlling-terminal");
        }

        @Test
        void aMissingTerminalDeviceIsNot() {
            assertThat(classify("/dev/tty", "EACCES")).isNull();
            assertThat(classify("/dev/ttyS0", "ENXIO")).isNull();
        }
    }

    @Nested
    class ReadlinkNotASymlink {
        @Test
        void readlinkOfAPlainFile() {
            assertThat(labelOf(python, "/usr/bin/python3.11")).isEqualTo("readlink-not-a-symlink");
        }

        @Test
        void einvalFromAnotherCallIsNot() {
            assertThat(classify("/srv/x", "EINVAL", "openat")).isNull();
            assertThat(classify("/srv/x", "ENOENT", "readlink")).isNull();
        }
    }

    @Nested
    class ApacheHtaccess {
        @Test
        void htaccessInEveryDirectoryOfARequest() {
            assertThat(labelOf(outage, "*/www/.htaccess")).isEqualTo("apache-htaccess");
            assertThat(labelOf(outage, "*/www/readme.html/.htaccess")).as("ENOTDIR").isEqualTo("apache-htaccess");
        }

        @Test
        void anUnreadableHtaccessIsNot() {
            assertThat(classify("/srv/www/.htaccess", "EACCES")).isNull();
        }
    }

    @Nested
    class ApacheStartup {
        @Test
        void suexecAndSharedMemoryCleanup() {
            assertThat(labelOf(apacheStartup, "/usr/lib/apache2/suexec")).isEqualTo("apache-startup");
            assertThat(labelOf(apacheStartup, "*/dev/shm/ShM.489316fHd5f72703")).isEqualTo("apache-startup");
        }

        @Test
        void openingAMissingSharedMemoryFileIsNot() {
            assertThat(classify("/dev/shm/app-cache", "ENOENT", "openat")).isNull();
        }
    }

    @Nested
    class PidFileProbe {
        @Test
        void apacheChecksForAnOldPidFile() {
            assertThat(labelOf(apacheStartup, "*/run/apache.pid")).isEqualTo("pid-file-probe");
        }

        @Test
        void aPidFileThatCannotBeWrittenIsNot() {
            assertThat(classify("/run/apache2/apache2.pid", "EACCES")).isNull();
        }
    }

    @Nested
    class PhpIncludePath {
        @Test
        void firstIncludePathDirectoryMissesAFileFoundInTheSecond() {
            assertThat(labelOf(outage, "*/wp-content/lib-old/compat.php")).isEqualTo("php-include-path");
        }

        @Test
        void aPhpFileFoundNowhereIsNot() {
            MissContext ctx = new MissContext(Map.of("compat.php", Set.of("/srv/lib")), Set.of("php"));
            assertThat(classify("/srv/lib-old/compat.php", "ENOENT", ctx)).isEqualTo("php-include-path");
            assertThat(classify("/srv/lib-old/other.php", "ENOENT", ctx)).isNull();
            assertThat(classify("/srv/lib/compat.php", "ENOENT", ctx)).as("found only in its own dir").isNull();
        }
    }

    @Nested
    class PhpUserIni {
        @Test
        void userIniInEveryDirectory() {
            assertThat(classify("/srv/www/.user.ini", "ENOENT")).isEqualTo("php-user-ini");
        }

        @Test
        void anUnreadableUserIniIsNot() {
            assertThat(classify("/srv/www/.user.ini", "EACCES")).isNull();
        }
    }

    @Nested
    class PhpIniProbe {
        @Test
        void phpIniNextToTheBinaryAndPerSapi() {
            assertThat(labelOf(php, "/usr/bin/php.ini")).isEqualTo("php-ini-probe");
            assertThat(labelOf(php, "/etc/php/8.2/cli/php-cli.ini")).isEqualTo("php-ini-probe");
            assertThat(labelOf(apacheStartup, "/etc/php/8.2/apache2/php-apache2handler.ini")).isEqualTo("php-ini-probe");
        }

        @Test
        void anotherIniIsNot() {
            assertThat(classify("/etc/php/8.2/cli/conf.d/20-redis.ini", "ENOENT")).isNull();
        }
    }

    @Nested
    class ExecutableSearch {
        @Test
        void pathSearchBeforeTheDirectoryThatHasIt() {
            assertThat(labelOf(php, "/usr/local/bin/php")).isEqualTo("executable-search");
            assertThat(labelOf(ls, "/usr/local/sbin/ls")).isEqualTo("executable-search");
        }

        @Test
        void aCommandFoundNowhereIsNot() {
            MissContext ctx = new MissContext(Map.of("ls", Set.of("/usr/bin")), Set.of());
            assertThat(classify("/usr/local/bin/ls", "ENOENT", ctx)).isEqualTo("executable-search");
            assertThat(classify("/usr/local/bin/convert", "ENOENT", ctx)).isNull();
        }
    }

    @Nested
    class PythonStartup {
        @Test
        void venvConfigZippedStdlibAndPrefixSearch() {
            assertThat(labelOf(python, "/usr/pyvenv.cfg")).isEqualTo("python-startup");
            assertThat(labelOf(python, "/usr/lib/python311.zip")).isEqualTo("python-startup");
            assertThat(labelOf(python, "/usr/bin/python3._pth")).isEqualTo("python-startup");
            assertThat(labelOf(python, "/usr/bin/pybuilddir.txt")).isEqualTo("python-startup");
            assertThat(labelOf(python, "/usr/bin/Modules/Setup.local")).isEqualTo("python-startup");
            assertThat(labelOf(python, "/usr/bin/lib/python3.11/os.py")).isEqualTo("python-startup");
            assertThat(labelOf(python, "/root/.local/lib/python3.11/site-packages")).isEqualTo("python-startup");
        }

        @Test
        void anApplicationsMissingConfigIsNot() {
            assertThat(classify("/srv/app/settings.cfg", "ENOENT")).isNull();
        }
    }

    @Nested
    class PythonImport {
        @Test
        void extensionModuleSuffixes() {
            assertThat(labelOf(python, "/usr/lib/python3.11/json/__init__.cpython-311-x86_64-linux-gnu.so")).isEqualTo("python-import");
            assertThat(labelOf(python, "/usr/lib/python3.11/json/__init__.abi3.so")).isEqualTo("python-import");
            assertThat(labelOf(python, "/usr/lib/python3.11/json/__init__.so")).isEqualTo("python-import");
        }

        @Test
        void aMissingApplicationModuleIsNot() {
            assertThat(classify("/srv/app/myapp/views.py", "ENOENT")).isNull();
        }
    }

    @Test
    void noNoiseIsLeftUnexplainedInTheNoiseTraces() {
        // what remains unexpected is what the traced commands asked for and did not find
        assertThat(python.failures()).filteredOn(g -> !g.isExpected()).isEmpty();
        assertThat(php.failures()).filteredOn(g -> !g.isExpected()).isEmpty();
        assertThat(apacheStartup.failures()).filteredOn(g -> !g.isExpected()).isEmpty();
        assertThat(ls.failures()).filteredOn(g -> !g.isExpected()).extracting(FailureGroup::path)
                .containsExactly("/nonexistent", "/x");
    }
}
