package dev.stracewb.report;

import dev.stracewb.session.TraceSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports of a real login trace (php -S, fixtures/report/php-builtin-login.strace): its culprit's evidence is the
 * POST that carries a Cookie header, a Bearer token and the login form's password, and the read() of
 * wp-config.php with DB_PASSWORD. Redacted by default in every format; kept with redaction off.
 */
class ReportRedactionTest {
    private static final List<String> SECRETS = List.of("correct-horse-battery-staple", "hunter2-wrong",
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9", "c2lnbmF0dXJlLW9mLXRoZS1sYWItdG9rZW4", "s3cr3t-Qx7!vR2#mLp9zT",
            "g8#Lq2!zV9@rT5", "QmFzZTY0VG9rZW5MYWIxMjM0NTY3ODkw", "bGFiOnByb3h5LXBhc3N3b3Jk", "WP%20Cookie%20check");

    private static TraceSession session;
    private static Report redacted;
    private static Report kept;

    @BeforeAll
    static void build() {
        session = ReportFixtures.fixture("report/php-builtin-login.strace");
        redacted = ReportBuilder.build(session, ReportFixtures.fixed());
        kept = ReportBuilder.build(session, ReportFixtures.fixed().withRedact(false));
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    @Test
    void culpritEvidenceCarriesTheLoginRequestAndTheConfigRead() {
        Report.RootCause wpConfigLocal = kept.rootCauses().stream()
                .filter(c -> c.path() != null && c.path().endsWith("/wp-config-local.php")).findFirst().orElseThrow();
        List<String> evidence = wpConfigLocal.evidence().stream().map(Report.EvidenceLine::text).toList();

        assertThat(evidence).anyMatch(l -> l.contains("POST /login.php") && l.contains("Cookie: ")
                && l.contains("Authorization: Bearer eyJ") && l.contains("pwd=correct-horse-battery-staple"));
        assertThat(evidence).anyMatch(l -> l.contains("wp-config.php") && l.contains("s3cr3t-Qx7!vR2#mLp9zT"));
    }

    @Test
    void cookieBearerTokenLoginPasswordAndDbPasswordAreRedactedInEveryFormat() {
        for (ReportFormat format : ReportFormat.values()) {
            String out = format.render(redacted);
            for (String secret : SECRETS) {
                assertThat(out).as(format + " holds " + secret).doesNotContain(secret);
            }
        }
    }

    @Test
    void redactedEvidenceStillReadsAsTheRequest() {
        String md = MarkdownReport.render(redacted);

        assertThat(md).contains("Cookie: wordpress_test_cookie=[redacted:cookie]; wp-settings-time-1=[redacted:cookie]")
                .contains("Authorization: Bearer [redacted:authorization]")
                .contains("log=admin&pwd=[redacted:secret-parameter]")
                .contains("define( 'DB_PASSWORD', '[redacted:config-secret]' );")
                .contains("define( 'DB_USER', 'labblog' );")
                .contains("Proxy-Authorization: Basic [redacted:proxy-authorization]")
                .contains("token=[redacted:secret-parameter]");
    }

    @Test
    void reportSaysWhatWasRedactedAndHowOften() {
        Report.RedactionSummary r = redacted.redaction();

        assertThat(r.enabled()).isTrue();
        assertThat(r.counts()).containsOnlyKeys("cookie", "authorization", "proxy-authorization",
                "secret-parameter", "config-secret");
        assertThat(r.counts().get("config-secret")).isEqualTo(2);
        assertThat(r.counts().get("authorization")).isEqualTo(1);
        assertThat(r.total()).isEqualTo(r.counts().values().stream().mapToLong(Long::longValue).sum());
        assertThat(MarkdownReport.render(redacted)).contains("## Redaction")
                .contains("On. " + r.total() + " values replaced by `[redacted:KIND]`");
    }

    @Test
    void noRedactKeepsEverySecretAndSaysSo() {
        String md = MarkdownReport.render(kept);

        assertThat(kept.redaction()).isEqualTo(new Report.RedactionSummary(false, 0, Map.of(), List.of()));
        assertThat(md).contains("correct-horse-battery-staple").contains("s3cr3t-Qx7!vR2#mLp9zT")
                .contains("**Redaction is off: this report may contain passwords, cookies and tokens.**");
    }

    @Test
    void apacheLoginTraceReportHasNoSecretEither() throws Exception {
        try (TraceSession apache = ReportFixtures.fixture("apache-prefork-login.strace")) {
            Report report = ReportBuilder.build(apache, ReportFixtures.fixed());
            for (ReportFormat format : ReportFormat.values()) {
                String out = format.render(report);
                assertThat(out).doesNotContain("correct-horse-battery-staple").doesNotContain("hunter2-wrong")
                        .doesNotContain("s3cr3t-Qx7!vR2#mLp9zT").doesNotContain("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIs");
            }
            assertThat(report.summary().impact().requests()).isEqualTo(3);
            assertThat(report.summary().impact().statuses()).isEqualTo(Map.of("200", 2L, "302", 1L));
        }
    }
}
