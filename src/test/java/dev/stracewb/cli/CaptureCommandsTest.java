package dev.stracewb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stracewb.capture.ProcessDiscovery;
import dev.stracewb.capture.StraceProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code stracewb run}, {@code attach} and {@code ps} end to end, with the real strace. */
class CaptureCommandsTest {

    @TempDir
    Path dir;

    static void assumeStrace() {
        assumeTrue(StraceProbe.locate(System.getenv("PATH")).isPresent(), "strace is not installed");
    }

    static void assumeRoot() {
        assumeStrace();
        assumeTrue("root".equals(System.getProperty("user.name")), "attaching to a sibling process needs root");
    }

    @Test
    void runPutsTheMissingPathFirstAndExitsZero() {
        assumeStrace();
        Path save = dir.resolve("ls.strace");
        CliRun r = CliRun.of("run", "--save", save.toString(), "--", "/bin/ls", "/nonexistent-cli-test");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("#1   /nonexistent-cli-test");
        assertThat(r.err()).contains("stracewb: saving the raw trace to " + save)
                .contains("capture ended (the traced processes ended)");
        assertThat(save).isNotEmptyFile();
    }

    @Test
    void runWritesAReportWithTheCaptureDetails() throws Exception {
        assumeStrace();
        Path report = dir.resolve("run.md");
        CliRun r = CliRun.of("run", "--save", dir.resolve("r.strace").toString(), "--report", report.toString(),
                "--", "/bin/ls", "/nonexistent-report-test");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("stracewb: report written to " + report);
        String md = java.nio.file.Files.readString(report);
        assertThat(md).startsWith("# Incident report: ENOENT on `/nonexistent-report-test`");
        assertThat(md).contains("/bin/ls").contains(dir.resolve("r.strace").toString());
    }

    @Test
    void runRefusesAReportFormatItCannotWriteBeforeStartingStrace() {
        CliRun r = CliRun.of("run", "--save", dir.resolve("n.strace").toString(), "--report",
                dir.resolve("r.pdf").toString(), "--", "/bin/true");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).startsWith("stracewb: cannot tell the report format of " + dir.resolve("r.pdf"));
        assertThat(dir.resolve("n.strace")).doesNotExist();
    }

    @Test
    void runTakesTheCommandsOwnOptionsWithoutDashDash() throws Exception {
        assumeStrace();
        Path save = dir.resolve("ls-l.strace");
        CliRun r = CliRun.of("run", "--save", save.toString(), "ls", "-l", "--", "/nonexistent-dashdash");
        assertThat(r.exitCode()).isZero();
        assertThat(Files.readString(save)).contains("execve(\"/usr/bin/ls\", [\"ls\", \"-l\", \"--\", \"/nonexistent-dashdash\"]")
                .contains("\"/nonexistent-dashdash\"");
    }

    @Test
    void runJsonIsTheAnalyzeDocumentWithACaptureBlock() throws Exception {
        assumeStrace();
        CliRun r = CliRun.of("run", "--json", "--save", dir.resolve("j.strace").toString(), "--",
                "/bin/ls", "/nonexistent-json");
        assertThat(r.exitCode()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo(AnalysisJson.SCHEMA);
        assertThat(doc.get("failures").get(0).get("path").asText()).isEqualTo("/nonexistent-json");
        assertThat(doc.get("lines").asLong()).isEqualTo(Files.readAllLines(dir.resolve("j.strace")).size());
        assertThat(doc.get("capture").get("reason").asText()).isEqualTo("targets_exited");
        assertThat(doc.get("capture").get("straceExitCode").asInt()).isEqualTo(2);
    }

    @Test
    void runOfAnUnknownCommandIsOneLineAndExitOne() {
        assumeStrace();
        CliRun r = CliRun.of("run", "--save", dir.resolve("x.strace").toString(), "--", "no-such-cmd-cli");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("stracewb: command not found: no-such-cmd-cli: check the spelling, or give its "
                + "full path" + System.lineSeparator());
    }

    @Test
    void badStraceArgsAndProfileAreRefusedBeforeStarting() {
        CliRun quote = CliRun.of("run", "--strace-args", "-P '/var", "--", "/bin/true");
        assertThat(quote.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(quote.err()).contains("unterminated quote in --strace-args");
        CliRun out = CliRun.of("run", "--strace-args", "-o /tmp/elsewhere", "--", "/bin/true");
        assertThat(out.err()).contains("--strace-args may not contain -o");
        CliRun profile = CliRun.of("run", "--profile", "fast", "--", "/bin/true");
        assertThat(profile.err()).contains("unknown profile 'fast': use --profile web or --profile full");
        CliRun duration = CliRun.of("run", "--duration", "soon", "--", "/bin/true");
        assertThat(duration.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(duration.err()).contains("'soon' is not a duration: write e.g. 30s, 5m, 1h or 500ms");
    }

    @Test
    void expertStraceArgsAreAppended() throws Exception {
        assumeStrace();
        CliRun r = CliRun.of("run", "--profile", "full", "--strace-args", "-e signal=none -X raw",
                "--save", dir.resolve("x.strace").toString(), "--", "/bin/true");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("strace -f -tt -T -s 256 -yy -e signal=none -X raw -o ");
    }

    @Test
    void attachToAMissingPidIsOneLineAndExitOne() throws Exception {
        assumeStrace();
        int pid = 1;
        while (Files.exists(Path.of("/proc/" + pid)) || pid < 30000) {
            pid = pid < 30000 ? 30000 : pid + 1;
        }
        CliRun r = CliRun.of("attach", "--pid", Integer.toString(pid));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("stracewb: no process with PID " + pid + ": check the pid with stracewb ps"
                + System.lineSeparator());
    }

    @Test
    void aNiceOutsideZeroToNineteenIsOneLineAndExitOne() {
        assumeStrace();
        CliRun r = CliRun.of("run", "--nice", "20", "--", "/bin/true");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("stracewb: --nice takes 0 to 19, not 20" + System.lineSeparator());
    }

    @Test
    void attachToOurOwnPidIsRefused() {
        CliRun r = CliRun.of("attach", "--pid", Integer.toString(ProcessDiscovery.ownPid()));
        assertThat(r.err()).contains("is stracewb itself");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void attachToAServerThatIsNotRunningSaysSo() {
        assumeTrue(new ProcessDiscovery().servers(dev.stracewb.capture.ServerKind.HTTPD).isEmpty());
        CliRun r = CliRun.of("attach", "--server", "httpd");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("stracewb: no httpd process is running: start the server, or find its "
                + "processes with stracewb ps and attach with --pid" + System.lineSeparator());
    }

    @Test
    void attachWithDurationStopsByItselfAndLeavesTheProcessUntraced() throws Exception {
        assumeRoot();
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            CliRun r = CliRun.of("attach", "--pid", Long.toString(sleeper.pid()), "--duration", "700ms", "--json",
                    "--save", dir.resolve("d.strace").toString());
            assertThat(r.exitCode()).isZero();
            JsonNode doc = new ObjectMapper().readTree(r.out());
            assertThat(doc.get("capture").get("reason").asText()).isEqualTo("duration");
            assertThat(doc.get("capture").get("detached").get(0).asLong()).isEqualTo(sleeper.pid());
            assertThat(doc.get("capture").get("stillTraced")).isEmpty();
            assertThat(Files.readString(Path.of("/proc/" + sleeper.pid() + "/status"))).contains("TracerPid:\t0");
            assertThat(sleeper.isAlive()).isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void sigtermToTheCliStopsTheCapturePrintsTheSummaryAndExitsZero() throws Exception {
        assumeRoot();
        Process loop = new ProcessBuilder("python3", "-c", "import os, time\nwhile True:\n"
                + "    os.path.exists('/tmp/stracewb-sigterm.phpp')\n    time.sleep(0.05)\n").start();
        Process cli = null;
        try {
            cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.stracewb.Main", "attach",
                    "--pid", Long.toString(loop.pid()), "--save", dir.resolve("t.strace").toString()).start();
            BufferedReader err = new BufferedReader(new InputStreamReader(cli.getErrorStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = err.readLine()) != null && !line.startsWith("stracewb: capturing")) {
                // wait for the capture to run
            }
            assertThat(line).startsWith("stracewb: capturing");
            Thread.sleep(500);
            cli.toHandle().destroy(); // SIGTERM
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cli.exitValue()).isZero();
            assertThat(out).contains("#1   /tmp/stracewb-sigterm.phpp");
            assertThat(Files.readString(Path.of("/proc/" + loop.pid() + "/status"))).contains("TracerPid:\t0");
            assertThat(loop.isAlive()).isTrue();
        } finally {
            if (cli != null) {
                cli.destroyForcibly();
            }
            loop.destroyForcibly();
        }
    }

    @Test
    void psShowsThisJvmUnderItsParentWithUserAndThreads() {
        CliRun r = CliRun.of("ps");
        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("\\s+PID\\s+PPID USER\\s+THR  COMMAND");
        long own = ProcessHandle.current().pid();
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        String ownLine = lines.stream().filter(l -> l.matches("\\s*" + own + "\\s+" + parent + "\\s.*"))
                .findFirst().orElseThrow();
        assertThat(ownLine).contains(System.getProperty("user.name")).contains("java");
        int ownIndex = lines.indexOf(ownLine);
        int parentIndex = lines.stream().filter(l -> l.matches("\\s*" + parent + "\\s.*")).findFirst()
                .map(lines::indexOf).orElseThrow();
        assertThat(parentIndex).isLessThan(ownIndex);
        assertThat(ownLine).containsPattern("[├└]─ ");
    }

    @Test
    void psJsonNestsChildrenUnderParents() throws Exception {
        CliRun r = CliRun.of("ps", "--json");
        JsonNode roots = new ObjectMapper().readTree(r.out());
        assertThat(roots.isArray()).isTrue();
        long own = ProcessHandle.current().pid();
        assertThat(find(roots, own)).isNotNull();
        assertThat(find(roots, own).get("threads").asInt()).isGreaterThan(1);
    }

    private static JsonNode find(JsonNode nodes, long pid) {
        for (JsonNode n : nodes) {
            if (n.get("pid").asLong() == pid) {
                return n;
            }
            JsonNode f = find(n.get("children"), pid);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
