package dev.stracewb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code analyze} with requests, hangs, processes, suggestions, references, and {@code diff}. */
class AnalysisCliTest {
    private static final String FIXTURES = "src/test/resources/fixtures/";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new StracewbCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private JsonNode json() throws Exception {
        return AnalysisJson.mapper().readTree(out.toString());
    }

    @Test
    void analyzeJsonOfTheOutageHasRequestsSummarySuggestionAndReferences(@TempDir Path tmp) throws Exception {
        Path www = copyDocroot(tmp);
        int code = run("analyze", "--json", "--source", www.toString(), FIXTURES + "apache-prefork-outage.strace");

        assertThat(code).isZero();
        JsonNode j = json();
        assertThat(j.get("requestSummary").asText())
                .isEqualTo("20 requests: 20 × 500 GET /; every 500 failed to open /…/wp-includes/version.phpp");
        assertThat(j.get("requests")).hasSize(20);
        JsonNode r = j.get("requests").get(0);
        assertThat(r.get("method").asText()).isEqualTo("GET");
        assertThat(r.get("uri").asText()).isEqualTo("/");
        assertThat(r.get("status").asInt()).isEqualTo(500);
        assertThat(r.get("failures").get(0).asText()).isEqualTo("/tmp/stracewb-lab/www/wp-includes/version.phpp");
        assertThat(r.get("firstLine").asLong()).isPositive();
        assertThat(r.get("start").asText()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        JsonNode f = j.get("failures").get(0);
        assertThat(f.get("path").asText()).endsWith("/version.phpp");
        assertThat(f.get("suggestion").asText()).isEqualTo("/tmp/stracewb-lab/www/wp-includes/version.php");
        assertThat(f.get("suggestionSource").asText()).isIn("disk", "trace");
        assertThat(f.get("extensionInDocroot").asBoolean()).isFalse();
        assertThat(f.get("unusualExtension").asBoolean()).isTrue();
        // --source points at a copy of the lab's docroot: the reference is found there
        JsonNode ref = j.get("references").get(0);
        assertThat(ref.get("missing").asText()).endsWith("/version.phpp");
        assertThat(ref.get("file").asText()).isEqualTo(www.resolve("wp-settings.php").toString());
        assertThat(ref.get("text").asText()).contains("version.phpp");
        assertThat(j.get("documentRoot").get("source").asText()).isEqualTo("--source");
        assertThat(j.get("hangs")).isEmpty();
        assertThat(j.get("processes").asInt()).isEqualTo(5);
        assertThat(j.get("processTree")).hasSize(5);
    }

    @Test
    void analyzeJsonOfTheUdpHangReportsTheRecvfromAndItsPeer() throws Exception {
        run("analyze", "--json", FIXTURES + "apache-prefork-hang-udp.strace");

        JsonNode h = json().get("hangs").get(0);
        assertThat(h.get("syscall").asText()).isEqualTo("recvfrom");
        assertThat(h.get("target").asText()).isEqualTo("127.0.0.1:18081");
        assertThat(h.get("unfinished").asBoolean()).isTrue();
        assertThat(h.get("request").asText()).isEqualTo("GET /hang.php");
        assertThat(h.get("blockedMs").asDouble()).isGreaterThan(3000);
        assertThat(json().get("idleWaits").asInt()).isPositive();
    }

    @Test
    void slowThresholdTurnsTheMastersOneSecondSelectIntoAnIdleWaitOnly() throws Exception {
        run("analyze", "--json", "--slow", "500ms", FIXTURES + "apache-prefork-healthy.strace");

        assertThat(json().get("slowThresholdMs").asDouble()).isEqualTo(500.0);
        assertThat(json().get("hangs")).isEmpty();
    }

    @Test
    void processTreeJsonShowsTheCrash() throws Exception {
        run("analyze", "--json", FIXTURES + "apache-prefork-crash.strace");

        JsonNode crashed = null;
        for (JsonNode p : json().get("processTree")) {
            if (!p.get("signal").isNull()) {
                crashed = p;
            }
        }
        assertThat(crashed).isNotNull();
        assertThat(crashed.get("signal").asText()).isEqualTo("SIGSEGV");
        assertThat(crashed.get("exit").isNull()).isTrue();
        assertThat(crashed.get("crashed").asBoolean()).isTrue();
    }

    @Test
    void humanOutputLeadsWithTheRequestSummaryAndSaysDidYouMean() {
        int code = run("analyze", FIXTURES + "apache-prefork-outage.strace");

        assertThat(code).isZero();
        String text = out.toString();
        assertThat(text).contains("Requests: 20 requests: 20 × 500 GET /; every 500 failed to open /…/wp-includes/version.phpp");
        assertThat(text).contains("did you mean /tmp/stracewb-lab/www/wp-includes/version.php?");
        assertThat(text).contains("Failed requests (20 of 20):");
        assertThat(text.indexOf("Requests:")).isLessThan(text.indexOf("Failed file accesses"));
    }

    @Test
    void humanOutputShowsTheHangAndTheProcessTree() {
        run("analyze", FIXTURES + "analysis/fork-tree.strace");
        assertThat(out.toString()).contains("└─11332 bash -c kill -SEGV $$  [killed by SIGSEGV (core dumped)]");

        out.getBuffer().setLength(0);
        run("analyze", FIXTURES + "apache-prefork-hang-tcp.strace");
        assertThat(out.toString()).contains("poll on 127.0.0.1:18081 blocked")
                .contains("in request GET /hang-tcp.php");
    }

    @Test
    void badSlowValueIsAUsageErrorWithAHint() {
        int code = run("analyze", "--slow", "soon", FIXTURES + "apache-prefork-outage.strace");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--slow soon is not a duration: write it like 1s, 500ms or 2.5s");
    }

    @Test
    void sourceThatIsNotADirectoryIsAUsageError() {
        int code = run("analyze", "--source", "/nonexistent-stracewb", FIXTURES + "apache-prefork-outage.strace");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--source /nonexistent-stracewb is not a directory");
    }

    @Test
    void diffOfHealthyAndOutagePutsThePhppFirst() throws Exception {
        int code = run("diff", "--json", FIXTURES + "apache-prefork-healthy.strace",
                FIXTURES + "apache-prefork-outage.strace");

        assertThat(code).isZero();
        JsonNode j = json();
        assertThat(j.get("schema").asText()).isEqualTo("stracewb-diff/1");
        assertThat(j.get("culprit").get("path").asText()).isEqualTo("/tmp/stracewb-lab/www/wp-includes/version.phpp");
        assertThat(j.get("newFailures").get(0).get("path").asText()).endsWith("/wp-includes/version.phpp");
        assertThat(j.get("statusesBefore").get("200").asInt()).isEqualTo(20);
        assertThat(j.get("statusesAfter").get("500").asInt()).isEqualTo(20);
    }

    @Test
    void diffHumanOutputStartsWithTheCulprit() {
        run("diff", FIXTURES + "apache-prefork-healthy.strace", FIXTURES + "apache-prefork-outage.strace");

        String text = out.toString();
        assertThat(text).contains("Culprit: /tmp/stracewb-lab/www/wp-includes/version.phpp  (60 × ENOENT, only in BAD;"
                + " did you mean /tmp/stracewb-lab/www/wp-includes/version.php?)");
        assertThat(text).contains("Requests: before 20 × 200, after 20 × 500");
    }

    @Test
    void diffOfAMissingFileSaysSo() {
        int code = run("diff", FIXTURES + "apache-prefork-healthy.strace", "/nonexistent-stracewb.strace");

        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).contains("nonexistent-stracewb.strace");
    }

    private static Path copyDocroot(Path tmp) throws Exception {
        Path src = Path.of("src/test/resources/lab/docroot");
        Path www = tmp.resolve("www");
        try (var files = Files.walk(src)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = www.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return www;
    }
}
