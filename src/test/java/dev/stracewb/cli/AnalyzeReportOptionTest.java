package dev.stracewb.cli;

import dev.stracewb.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stracewb analyze FILE --report OUT [--no-redact]}. */
class AnalyzeReportOptionTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new StracewbCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void reportIsWrittenInTheFormatOfItsExtension(@TempDir Path dir) throws Exception {
        String trace = Fixtures.path("apache-prefork-outage.strace").toString();

        Run md = run("analyze", trace, "--report", dir.resolve("outage.md").toString());
        Run html = run("analyze", trace, "--report", dir.resolve("outage.html").toString());
        Run json = run("analyze", "--json", trace, "--report", dir.resolve("outage.json").toString());

        assertThat(md.code()).isZero();
        assertThat(md.err()).isEqualTo("stracewb: report written to " + dir.resolve("outage.md")
                + " (0 secret values redacted)\n");
        assertThat(Files.readString(dir.resolve("outage.md")))
                .startsWith("# Incident report: ENOENT on `/tmp/stracewb-lab/www/wp-includes/version.phpp`");
        assertThat(html.code()).isZero();
        assertThat(Files.readString(dir.resolve("outage.html"))).startsWith("<!DOCTYPE html>");
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"schema\" : \"stracewb-analysis/1\"");
        assertThat(Files.readString(dir.resolve("outage.json"))).contains("\"schema\" : \"stracewb-report/1\"");
    }

    @Test
    void unknownReportExtensionFailsBeforeTheTraceIsRead(@TempDir Path dir) {
        Run r = run("analyze", "/no/such/trace.strace", "--report", dir.resolve("outage.pdf").toString());

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("stracewb: cannot tell the report format of " + dir.resolve("outage.pdf")
                + ": name it .md (Markdown), .html (HTML) or .json (JSON)\n");
        assertThat(dir.resolve("outage.pdf")).doesNotExist();
    }

    @Test
    void unwritableReportIsAOneLineError(@TempDir Path dir) {
        String trace = Fixtures.path("apache-prefork-outage.strace").toString();

        Run r = run("analyze", trace, "--report", dir.resolve("missing/outage.md").toString());

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).startsWith("stracewb: cannot write the report ").endsWith("does not exist\n")
                .doesNotContain("Exception");
    }

    @Test
    void noRedactKeepsTheLoginPassword(@TempDir Path dir) throws Exception {
        String trace = Fixtures.path("report/php-builtin-login.strace").toString();

        Run redacted = run("analyze", trace, "--report", dir.resolve("r.md").toString());
        Run kept = run("analyze", trace, "--report", dir.resolve("k.md").toString(), "--no-redact");

        assertThat(redacted.code()).isZero();
        assertThat(redacted.err()).endsWith("secret values redacted)\n");
        assertThat(Files.readString(dir.resolve("r.md"))).doesNotContain("correct-horse-battery-staple");
        assertThat(kept.code()).isZero();
        assertThat(kept.err()).endsWith("(not redacted)\n");
        assertThat(Files.readString(dir.resolve("k.md"))).contains("pwd=correct-horse-battery-staple");
    }
}
