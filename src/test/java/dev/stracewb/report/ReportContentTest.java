package dev.stracewb.report;

import dev.stracewb.session.TraceSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the report says about the recorded scenarios other than the outage (which the golden files cover). */
class ReportContentTest {

    private static Report report(String fixture) throws Exception {
        try (TraceSession s = ReportFixtures.fixture(fixture)) {
            return ReportBuilder.build(s, ReportFixtures.fixed());
        }
    }

    @Test
    void hangTraceRanksTheUnansweredDnsQueryFirst() throws Exception {
        Report r = report("apache-prefork-hang-udp.strace");

        Report.RootCause top = r.rootCauses().get(0);
        assertThat(top.kind()).isEqualTo("hang");
        assertThat(top.syscalls()).containsExactly("recvfrom");
        assertThat(r.hangs()).hasSize(1);
        Report.Hang hang = r.hangs().get(0);
        assertThat(hang.unfinished()).isTrue();
        assertThat(hang.request()).isEqualTo("GET /hang.php");
        assertThat(hang.target()).isEqualTo("127.0.0.1:18081");
        assertThat(hang.evidence().text()).contains("recvfrom(").endsWith("<unfinished ...>");
        assertThat(r.summary().impact().statuses()).isEqualTo(Map.of("none", 1L));
        assertThat(r.summary().impact().failedShare()).isEqualTo(1.0);
        assertThat(r.timeline()).anyMatch(e -> e.kind().equals("hang") && e.line() == hang.line());
        assertThat(MarkdownReport.render(r)).contains("**What failed:** `recvfrom` in pid " + hang.pid()
                + " on `127.0.0.1:18081` never returned");
    }

    @Test
    void crashTraceRanksTheKilledWorkerFirst() throws Exception {
        Report r = report("apache-prefork-crash.strace");

        Report.RootCause top = r.rootCauses().get(0);
        assertThat(top.kind()).isEqualTo("crash");
        assertThat(top.title()).matches("pid \\d+ killed by SIGSEGV.*");
        assertThat(top.evidence().get(top.evidence().size() - 1).text()).contains("+++ killed by SIGSEGV");
        assertThat(r.timeline()).anyMatch(e -> e.kind().equals("process-killed") && e.pid() == top.pids().get(0));
        assertThat(r.processes()).anyMatch(p -> p.pid() == top.pids().get(0) && p.end().startsWith("killed by SIGSEGV"));
        assertThat(r.summary().impact().statuses()).isEqualTo(Map.of("200", 1L, "none", 1L));
    }

    @Test
    void healthyTraceHasNoCandidateAndEveryRequestSucceeded() throws Exception {
        Report r = report("apache-prefork-healthy.strace");

        assertThat(r.title()).isEqualTo("No unexpected failure in the trace");
        assertThat(r.rootCauses()).isEmpty();
        assertThat(r.hangs()).isEmpty();
        assertThat(r.summary().impact().statuses()).isEqualTo(Map.of("200", 20L));
        assertThat(r.summary().impact().failed()).isZero();
        assertThat(MarkdownReport.render(r)).startsWith("# Incident report: no unexpected failure in the trace\n");
    }

    @Test
    void eaccesTraceNamesThePermissionDeniedFile() throws Exception {
        Report r = report("apache-prefork-eacces.strace");

        Report.RootCause top = r.rootCauses().get(0);
        assertThat(top.kind()).isEqualTo("failed-path");
        assertThat(top.path()).endsWith("/wp-content/object-cache.php");
        assertThat(top.errnos()).containsOnlyKeys("EACCES");
        assertThat(r.summary().impact().statuses()).isEqualTo(Map.of("500", 5L));
    }

    @Test
    void ffSetHasNoSingleTraceFileToHash() throws Exception {
        Report r = report("ff-php-cli");

        assertThat(r.capture().traceSha256()).isNull();
        assertThat(r.capture().traceBytes()).isNull();
        assertThat(r.processes()).hasSize(5);
        assertThat(r.processes()).anyMatch(p -> p.command() != null && p.command().startsWith("php"));
    }

    @Test
    void straceOptionsAreInferredFromTheTrace() throws Exception {
        assertThat(report("apache-prefork-outage.strace").capture().straceOptions())
                .isEqualTo("-f -tt -T -yy (inferred from the trace)");
        assertThat(report("ts-none.strace").capture().straceOptions()).isEqualTo("none visible in the trace");
        assertThat(report("ts-ttt.strace").capture().straceOptions()).contains("-ttt");
    }

    @Test
    void statusLinesCountWhenNoRequestCanBeReconstructed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path trace = dir.resolve("responses-only.strace");
        java.nio.file.Files.writeString(trace, String.join("\n",
                "100 10:00:00.000001 write(5, \"HTTP/1.1 503 Service Unavailable\\r\\nRetry-After: 5\\r\\n\\r\\n\", 54) = 54 <0.000010>",
                "100 10:00:00.000002 write(5, \"HTTP/1.1 200 OK\\r\\n\\r\\n\", 19) = 19 <0.000010>",
                "100 10:00:00.000003 write(5, \"HTTP/1.1 503 Service Unavailable\\r\\n\\r\\n\", 38) = 38 <0.000010>",
                "100 10:00:00.000004 write(2, \"no HTTP/1.1 here\\n\", 17) = 17 <0.000010>", ""));

        try (TraceSession s = ReportFixtures.read(trace)) {
            Report.Impact impact = ReportBuilder.build(s, ReportFixtures.fixed()).summary().impact();

            assertThat(impact.source()).isEqualTo("responses");
            assertThat(impact.statuses()).isEqualTo(Map.of("200", 1L, "503", 2L));
            assertThat(impact.failed()).isEqualTo(2);
            assertThat(impact.failedShare()).isEqualTo(2.0 / 3);
        }
    }

    @Test
    void evidenceIsAFewLinesNotAll() throws Exception {
        Report r = report("apache-prefork-outage.strace");

        List<Report.EvidenceLine> evidence = r.rootCauses().get(0).evidence();
        assertThat(r.rootCauses().get(0).count()).isEqualTo(60);
        assertThat(evidence).hasSizeBetween(4, 7);
        assertThat(evidence).isSortedAccordingTo((a, b) -> Long.compare(a.line(), b.line()));
    }
}
