package dev.stracewb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stracewb.testsupport.CoreFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code stracewb analyze} on each kind of input, and on inputs it cannot use, through the CLI entry point. */
class AnalyzeSourcesTest {

    private static final String OUTAGE = CoreFixtures.path("apache-outage.strace").toString();

    @Test
    void plainFile() {
        CliRun run = CliRun.of("analyze", "--json", OUTAGE);
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode j = run.json();
        assertThat(j.get("schema").asText()).isEqualTo("stracewb-analysis/1");
        assertThat(j.get("lines").asLong()).isEqualTo(531);
        assertThat(j.get("unparsed").asLong()).isZero();
        assertThat(j.get("processes").asInt()).isEqualTo(5);
    }

    @Test
    void gzipFileGivesTheSameAnswerAsThePlainOne(@TempDir Path tmp) throws Exception {
        Path gz = tmp.resolve("apache-outage.strace.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(Path.of(OUTAGE), out);
        }
        JsonNode plain = CliRun.of("analyze", "--json", OUTAGE).json();
        CliRun run = CliRun.of("analyze", "--json", gz.toString());
        assertThat(run.exitCode()).isZero();
        JsonNode zipped = run.json();
        assertThat(zipped.get("lines")).isEqualTo(plain.get("lines"));
        assertThat(zipped.get("events")).isEqualTo(plain.get("events"));
        assertThat(zipped.get("failures")).isEqualTo(plain.get("failures"));
        assertThat(zipped.get("syscalls")).isEqualTo(plain.get("syscalls"));
    }

    @Test
    void corruptGzipIsAOneLineError(@TempDir Path tmp) throws Exception {
        Path gz = tmp.resolve("broken.strace.gz");
        Files.write(gz, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        CliRun run = CliRun.of("analyze", gz.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("stracewb: " + gz + " is not a valid gzip file");
        assertThat(run.err().lines()).hasSize(1);
    }

    /** ff-sh/: strace -ff -o ff-sh/trace sh -c 'ls /nonexistent; cat /x; (cd /etc && cat no-such-ff)'. */
    private static Path ffCopy(Path tmp) throws Exception {
        Path dir = tmp.resolve("ff");
        Files.createDirectories(dir);
        try (var files = Files.list(CoreFixtures.path("ff-sh"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static long linesOf(Path dir) throws Exception {
        long n = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                n += CoreFixtures.lines(f).size();
            }
        }
        return n;
    }

    @Test
    void ffSetDirectoryIsMergedWithPidsFromTheFileNames(@TempDir Path tmp) throws Exception {
        Path dir = ffCopy(tmp);
        long lines = linesOf(dir);
        List<String> pids;
        try (var files = Files.list(dir)) {
            pids = files.map(f -> f.getFileName().toString().substring("trace.".length())).sorted().toList();
        }
        // things that are not part of the set: a note, another prefix, a compressed copy
        Files.writeString(dir.resolve("notes.txt"), "recorded by hand\n");
        Files.writeString(dir.resolve("other.4242"), "4242 exit_group(0) = ?\n");
        Files.writeString(dir.resolve("trace." + pids.get(0) + ".gz"), "not this\n");

        CliRun run = CliRun.of("analyze", "--json", dir.toString());
        assertThat(run.exitCode()).isZero();
        JsonNode j = run.json();
        assertThat(j.get("lines").asLong()).isEqualTo(lines);
        assertThat(j.get("processes").asInt()).isEqualTo(pids.size());
        assertThat(j.get("unparsed").asLong()).isZero();
        JsonNode etc = failure(j, "/etc/no-such-ff");
        assertThat(etc).as("relative path in the subshell after cd /etc").isNotNull();
        assertThat(etc.get("pids").get(0).asText()).isIn(pids);
        assertThat(failure(j, "/x")).isNotNull();
    }

    @Test
    void ffSetByPrefixTakesOnlyPrefixDotPidFiles(@TempDir Path tmp) throws Exception {
        Path dir = ffCopy(tmp);
        long lines = linesOf(dir);
        Files.writeString(dir.resolve("trace.txt"), "not a trace file of the set\n");
        Files.writeString(dir.resolve("trace.12.old"), "12 exit_group(0) = ?\n");
        CliRun run = CliRun.of("analyze", "--json", dir.resolve("trace").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.json().get("lines").asLong()).isEqualTo(lines);
    }

    @Test
    void ffSetIsMergedInTimestampOrder(@TempDir Path tmp) throws Exception {
        Path dir = ffCopy(tmp);
        var session = CoreFixtures.load(dev.stracewb.source.Sources.open(dir.toString()));
        long previous = Long.MIN_VALUE;
        for (int r = 0; r < session.store().size(); r++) {
            long t = session.store().timeNanos(r);
            if (t != dev.stracewb.trace.TraceEvent.NO_TIME) {
                assertThat(t).as("row %d", r).isGreaterThanOrEqualTo(previous);
                previous = t;
            }
            assertThat(session.store().pid(r)).as("row %d has its file's pid", r).isPositive();
        }
        session.close();
    }

    @Test
    void standardInput() throws Exception {
        InputStream saved = System.in;
        try (InputStream in = Files.newInputStream(Path.of(OUTAGE))) {
            System.setIn(in);
            CliRun run = CliRun.of("analyze", "--json", "-");
            assertThat(run.exitCode()).isZero();
            assertThat(run.json().get("source").asText()).isEqualTo("stdin");
            assertThat(run.json().get("lines").asLong()).isEqualTo(531);
            assertThat(run.json().get("failures").get(0).get("path").asText()).endsWith("/wp-includes/version.phpp");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void severalFilesAreReadOneAfterTheOther() {
        CliRun run = CliRun.of("analyze", "--json", CoreFixtures.path("ts-none.strace").toString(),
                CoreFixtures.path("ts-t.strace").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.json().get("lines").asLong()).isEqualTo(300);
    }

    @Test
    void missingFile(@TempDir Path tmp) {
        String missing = tmp.resolve("missing.strace").toString();
        CliRun run = CliRun.of("analyze", missing);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).isEqualTo("stracewb: no such file: " + missing + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void directoryWithoutFfFiles(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "hello\n");
        CliRun run = CliRun.of("analyze", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).isEqualTo("stracewb: " + tmp + " is a directory with no strace -ff files (PREFIX.PID) in it"
                + System.lineSeparator());
    }

    @Test
    void emptyFileIsACleanEmptyResult(@TempDir Path tmp) throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.strace"));
        CliRun run = CliRun.of("analyze", "--json", empty.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode j = run.json();
        assertThat(j.get("lines").asLong()).isZero();
        assertThat(j.get("events").asLong()).isZero();
        assertThat(j.get("failures")).isEmpty();
        assertThat(j.get("syscalls")).isEmpty();

        CliRun human = CliRun.of("analyze", empty.toString());
        assertThat(human.exitCode()).isZero();
        assertThat(human.out()).startsWith(empty + ": 0 lines, 0 syscalls, 0 processes, 0 unparsed");
    }

    @Test
    void binaryFileIsNotATrace(@TempDir Path tmp) throws Exception {
        Path bin = tmp.resolve("program.bin");
        Files.copy(Path.of("/bin/ls"), bin);
        CliRun run = CliRun.of("analyze", bin.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_A_TRACE);
        assertThat(run.err()).isEqualTo("stracewb: " + bin + " is binary data, not strace output"
                + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void textThatIsNotStraceOutput(@TempDir Path tmp) throws Exception {
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "dear diary\nthe server is down\n");
        CliRun run = CliRun.of("analyze", text.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_A_TRACE);
        assertThat(run.err()).isEqualTo("stracewb: " + text + " does not look like strace output (none of its 2 lines"
                + " could be read as strace lines)" + System.lineSeparator());
    }

    @Test
    void noFileIsAUsageError() {
        CliRun run = CliRun.of("analyze");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("Missing required parameter: 'FILE'");
    }

    /** Root reads any file, so the test drops root's DAC capabilities with setpriv for the child JVM. */
    @Test
    void unreadableFile(@TempDir Path tmp) throws Exception {
        Path locked = tmp.resolve("locked.strace");
        Files.copy(Path.of(OUTAGE), locked);
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        boolean root = "root".equals(System.getProperty("user.name"));
        CliRun run;
        if (!root) {
            run = CliRun.of("analyze", locked.toString());
        } else {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv is needed to test as non-root");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder("/usr/bin/setpriv", "--inh-caps=-all",
                    "--bounding-set=-dac_override,-dac_read_search", "--", java, "-cp",
                    System.getProperty("java.class.path"), "dev.stracewb.Main", "analyze", locked.toString())
                    .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
            String out = new String(p.getInputStream().readAllBytes());
            String err = new String(p.getErrorStream().readAllBytes());
            run = new CliRun(p.waitFor(), out, err);
        }
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).isEqualTo("stracewb: cannot read " + locked + ": permission denied" + System.lineSeparator());
    }

    static JsonNode failure(JsonNode j, String path) {
        for (JsonNode f : j.get("failures")) {
            if (f.get("path").asText().equals(path)) {
                return f;
            }
        }
        return null;
    }
}
