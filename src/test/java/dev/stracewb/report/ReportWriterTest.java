package dev.stracewb.report;

import dev.stracewb.session.TraceSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {
    private static TraceSession session;

    @BeforeAll
    static void read() {
        session = ReportFixtures.fixture("apache-prefork-outage.strace");
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    @Test
    void formatIsChosenByTheExtension() throws ReportException {
        assertThat(ReportFormat.of(Path.of("r.md"))).isEqualTo(ReportFormat.MARKDOWN);
        assertThat(ReportFormat.of(Path.of("r.markdown"))).isEqualTo(ReportFormat.MARKDOWN);
        assertThat(ReportFormat.of(Path.of("/tmp/R.HTML"))).isEqualTo(ReportFormat.HTML);
        assertThat(ReportFormat.of(Path.of("r.htm"))).isEqualTo(ReportFormat.HTML);
        assertThat(ReportFormat.of(Path.of("out/r.json"))).isEqualTo(ReportFormat.JSON);
    }

    @Test
    void unknownExtensionSaysWhichOnesWork() {
        assertThatThrownBy(() -> ReportFormat.of(Path.of("report.pdf")))
                .isInstanceOf(ReportException.class)
                .hasMessage("cannot tell the report format of report.pdf: name it .md (Markdown), .html (HTML) or "
                        + ".json (JSON)");
        assertThatThrownBy(() -> ReportFormat.of(Path.of("report"))).isInstanceOf(ReportException.class);
    }

    @Test
    void writesEachFormatByExtension(@TempDir Path dir) throws Exception {
        ReportWriter.write(session, dir.resolve("r.md"), true);
        ReportWriter.write(session, dir.resolve("r.html"), true);
        ReportWriter.write(session, dir.resolve("r.json"), false);

        assertThat(Files.readString(dir.resolve("r.md"))).startsWith("# Incident report: ENOENT on `");
        assertThat(Files.readString(dir.resolve("r.html"))).startsWith("<!DOCTYPE html>").contains("<h1>");
        assertThat(Files.readString(dir.resolve("r.json"))).contains("\"schema\" : \"stracewb-report/1\"")
                .contains("\"enabled\" : false");
    }

    @Test
    void guiEntryPointTakesFormatAndRedactionFlag(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chosen-in-dialog.txt");

        Report report = ReportWriter.write(session, file, ReportFormat.JSON, true);

        assertThat(report.redaction().enabled()).isTrue();
        assertThat(JsonReport.mapper().readTree(file.toFile()).get("schema").asText()).isEqualTo(Report.SCHEMA);
    }

    @Test
    void htmlIsSelfContained(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.html");
        ReportWriter.write(session, file, true);
        String html = Files.readString(file, StandardCharsets.UTF_8);

        assertThat(html).contains("<style>").contains("Content-Security-Policy")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("@import").doesNotContain("url(")
                .doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void jsonEscapesControlCharactersAndUnicodeLineSeparators() throws Exception {
        String json = JsonReport.mapper().writeValueAsString(new Report.EvidenceLine(7, "a\u2028b\u2029c\u001bd\ne"));

        assertThat(json).contains("a\\u2028b\\u2029c\\u001Bd\\ne");
        assertThat(JsonReport.mapper().readValue(json, Report.EvidenceLine.class))
                .isEqualTo(new Report.EvidenceLine(7, "a\u2028b\u2029c\u001bd\ne"));
    }

    @Test
    void missingDirectorySaysSoAndLeavesNothing(@TempDir Path dir) {
        Path file = dir.resolve("no/such/dir/r.md");

        assertThatThrownBy(() -> ReportWriter.write(session, file, true))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void overwritesAnOldReportWithoutLeavingTemporaryFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.md");
        Files.writeString(file, "old");

        ReportWriter.write(session, file, true);

        assertThat(Files.readString(file)).startsWith("# Incident report");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("r.md");
        }
    }

    @Test
    void captureDetailsOfALiveCaptureAreShown() throws IOException {
        CaptureInfo capture = new CaptureInfo("attach", null, java.util.List.of(1921, 1926), "strace -- version 6.1",
                "-f -tt -T -yy -s 256", "6.1.0-test", "web1", "root",
                java.time.Instant.parse("2026-11-26T03:30:54Z"), java.time.Instant.parse("2026-11-26T03:30:57Z"), null);

        Report report = ReportBuilder.build(session, ReportFixtures.fixed().withCapture(capture));

        assertThat(report.capture().mode()).isEqualTo("attach");
        assertThat(report.capture().pids()).containsExactly(1921, 1926);
        assertThat(report.capture().straceOptions()).isEqualTo("-f -tt -T -yy -s 256");
        assertThat(report.capture().durationSeconds()).isEqualTo(3.0);
        assertThat(report.timeline().get(0)).isEqualTo(new Report.TimelineEntry("2026-11-26T03:30:54Z", 0, 0,
                "capture-start", "capture started", null));
        assertThat(MarkdownReport.render(report)).contains("| Kernel | 6.1.0-test |").contains("| Host | web1 |");
    }
}
