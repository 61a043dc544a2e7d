package dev.stracewb.report;

import dev.stracewb.session.TraceSession;
import dev.stracewb.testsupport.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The outage's report in each format, compared with the files under src/test/resources/report/golden. Ordering is
 * stable and the export's own time and host come from {@link ReportFixtures#fixed()}, so a difference means the
 * report changed. After an intended change, regenerate with
 * {@code mvn -B -o test -Dtest=ReportGoldenTest -Dstracewb.updateGolden=true} and review the diff.
 *
 * <p>The trace is the recorded outage, relocated to a temporary copy of the lab's docroot (see
 * {@link ReportFixtures#relocatedLabTrace}); the rendered text maps that directory back to
 * {@code /tmp/stracewb-lab/www}, and the capture details name the committed fixture, its size and SHA-256, so
 * the golden files read exactly like a report written on the lab machine.
 */
class ReportGoldenTest {
    private static final String FIXTURE = "apache-prefork-outage.strace";
    private static final Path GOLDEN = Path.of("src/test/resources/report/golden");

    @TempDir
    static Path dir;
    private static TraceSession session;
    private static Report report;
    private static String www;

    @BeforeAll
    static void buildReport() {
        Path trace = ReportFixtures.relocatedLabTrace(FIXTURE, dir);
        www = dir.resolve("www").toString();
        session = ReportFixtures.read(trace);
        report = ReportBuilder.build(session, ReportFixtures.fixed().withCapture(committedFixture()));
    }

    /** The capture "saved" the committed fixture: the report names it, with its size and SHA-256. */
    private static CaptureInfo committedFixture() {
        Path committed = Path.of("src/test/resources/fixtures").resolve(FIXTURE);
        return new CaptureInfo(null, null, null, null, null, null, null, null, null, null, committed);
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    @Test
    void outageMarkdownMatchesGoldenFile() throws IOException {
        assertGolden("apache-prefork-outage.md", MarkdownReport.render(report));
    }

    @Test
    void outageHtmlMatchesGoldenFile() throws IOException {
        assertGolden("apache-prefork-outage.html", HtmlReport.render(report));
    }

    @Test
    void outageJsonMatchesGoldenFile() throws IOException {
        assertGolden("apache-prefork-outage.json", JsonReport.render(report));
    }

    @Test
    void renderingTheSameSessionTwiceGivesTheSameBytes() {
        Report again = ReportBuilder.build(session, ReportFixtures.fixed().withCapture(committedFixture()));

        assertThat(MarkdownReport.render(again)).isEqualTo(MarkdownReport.render(report));
        assertThat(JsonReport.render(again)).isEqualTo(JsonReport.render(report));
    }

    @Test
    void goldenFixtureIsTheCommittedOutageTrace() throws IOException {
        assertThat(report.capture().traceSha256())
                .isEqualTo(CaptureDetailsBuilder.sha256(Fixtures.path(FIXTURE)));
        assertThat(report.capture().traceFile()).isEqualTo("src/test/resources/fixtures/" + FIXTURE);
    }

    private static void assertGolden(String name, String rendered) throws IOException {
        String actual = rendered.replace(www, ReportFixtures.LAB_WWW);
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("stracewb.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        if (!Files.isRegularFile(golden)) {
            fail("no golden file " + golden + ": run with -Dstracewb.updateGolden=true and review it");
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            Path out = Path.of("target/report-golden").resolve(name);
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual, StandardCharsets.UTF_8);
            List<String> e = expected.lines().toList();
            List<String> a = actual.lines().toList();
            int i = 0;
            while (i < Math.min(e.size(), a.size()) && e.get(i).equals(a.get(i))) {
                i++;
            }
            fail(name + " differs from its golden file at line " + (i + 1) + " (actual written to " + out + ")\n"
                    + "expected: " + (i < e.size() ? e.get(i) : "<end>") + "\n"
                    + "actual:   " + (i < a.size() ? a.get(i) : "<end>"));
        }
    }
}
