package dev.stracewb.report;

import dev.stracewb.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The redaction rules on single strace lines, then on every line of the recorded traces. */
class RedactorTest {

    @Test
    void cookieValuesGoCookieNamesStay() {
        Redactor r = Redactor.create();

        String out = r.redact("\"GET / HTTP/1.1\\r\\nCookie: wordpress_test_cookie=WP%20Cookie%20check; "
                + "wp-settings-time-1=1795660400\\r\\nAccept: */*\\r\\n\\r\\n\"");

        assertThat(out).isEqualTo("\"GET / HTTP/1.1\\r\\nCookie: wordpress_test_cookie=[redacted:cookie]; "
                + "wp-settings-time-1=[redacted:cookie]\\r\\nAccept: */*\\r\\n\\r\\n\"");
        assertThat(r.counts()).isEqualTo(Map.of(Redactor.Kind.COOKIE, 2L));
    }

    @Test
    void setCookieKeepsNameAndAttributes() {
        Redactor r = Redactor.create();

        String out = r.redact("iov_base=\"HTTP/1.1 302 Found\\r\\nSet-Cookie: wordpress_logged_in_lab=admin%7C3303e4c1df94; "
                + "path=/; HttpOnly\\r\\nLocation: /wp-admin/\\r\\n\"");

        assertThat(out).contains("Set-Cookie: wordpress_logged_in_lab=[redacted:set-cookie]; path=/; HttpOnly\\r\\n")
                .doesNotContain("3303e4c1df94");
    }

    @Test
    void bearerTokenGoesSchemeStays() {
        Redactor r = Redactor.create();

        String out = r.redact("\"Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2ln\\r\\n\"");

        assertThat(out).isEqualTo("\"Authorization: Bearer [redacted:authorization]\\r\\n\"");
    }

    @Test
    void proxyAuthorizationAndTokenHeadersAreRedacted() {
        Redactor r = Redactor.create();

        String out = r.redact("\"Proxy-Authorization: Basic bGFiOnByb3h5\\r\\nX-Auth-Token: 7f3a9c2e\\r\\n"
                + "x-csrf-token:abc123\\r\\n\"");

        assertThat(out).isEqualTo("\"Proxy-Authorization: Basic [redacted:proxy-authorization]\\r\\n"
                + "X-Auth-Token: [redacted:token-header]\\r\\nx-csrf-token:[redacted:token-header]\\r\\n\"");
    }

    @Test
    void loginFormPasswordGoesUserNameStays() {
        Redactor r = Redactor.create();

        String out = r.redact("\"...\\r\\n\\r\\nlog=admin&pwd=correct-horse-battery-staple&rememberme=forever\"");

        assertThat(out).isEqualTo("\"...\\r\\n\\r\\nlog=admin&pwd=[redacted:secret-parameter]&rememberme=forever\"");
    }

    @Test
    void secretQueryParametersGoOthersStay() {
        Redactor r = Redactor.create();

        String out = r.redact("\"POST /login.php?redirect_to=%2Fwp-admin%2F&token=QmFzZTY0&api_key=k1&user_pass=p "
                + "HTTP/1.1\\r\\n\"");

        assertThat(out).isEqualTo("\"POST /login.php?redirect_to=%2Fwp-admin%2F&token=[redacted:secret-parameter]"
                + "&api_key=[redacted:secret-parameter]&user_pass=[redacted:secret-parameter] HTTP/1.1\\r\\n\"");
    }

    @Test
    void dbPasswordDefinedInWpConfigIsRedacted() {
        Redactor r = Redactor.create();

        String out = r.redact("read(12</tmp/www/wp-config.php>, \"<?php\\ndefine( 'DB_NAME', 'labblog' );\\n"
                + "define( 'DB_PASSWORD', 's3cr3t-Qx7!vR2#mLp9zT' );\\ndefine(\\\"AUTH_KEY\\\", \\\"g8#Lq2\\\");\\n\", 4096)");

        assertThat(out).contains("define( 'DB_NAME', 'labblog' );")
                .contains("define( 'DB_PASSWORD', '[redacted:config-secret]' );")
                .contains("define(\\\"AUTH_KEY\\\", \\\"[redacted:config-secret]\\\");")
                .doesNotContain("s3cr3t").doesNotContain("g8#Lq2");
        assertThat(r.counts()).isEqualTo(Map.of(Redactor.Kind.CONFIG_SECRET, 2L));
    }

    @Test
    void dbPasswordCutByStraceStringLimitIsRedactedUpToTheCut() {
        Redactor r = Redactor.create();

        String out = r.redact("read(3, \"define( 'DB_PASSWORD', 's3cr3t-Q\"..., 256) = 256");

        assertThat(out).isEqualTo("read(3, \"define( 'DB_PASSWORD', '[redacted:config-secret]\"..., 256) = 256");
    }

    @Test
    void phpArrayPasswordAndJsonPasswordAreRedacted() {
        Redactor r = Redactor.create();

        String out = r.redact("\"$db = array( 'password' => 'hunter2', 'host' => 'db' ); "
                + "{\\\"user\\\":\\\"admin\\\",\\\"password\\\": \\\"hunter3\\\"}\"");

        assertThat(out).contains("'password' => '[redacted:config-secret]'").contains("'host' => 'db'")
                .contains("\\\"password\\\": \\\"[redacted:secret-parameter]\\\"").contains("\\\"user\\\":\\\"admin\\\"");
    }

    @Test
    void fastCgiCookieParameterIsRedacted() {
        Redactor r = Redactor.create();

        String out = r.redact("\"\\17\\30HTTP_COOKIEsession=abc123def\\v\\0HTTP_ACCEPT*/*\"");

        assertThat(out).isEqualTo("\"\\17\\30HTTP_COOKIEsession=[redacted:cookie]\\v\\0HTTP_ACCEPT*/*\"");
    }

    @Test
    void longRandomTokenIsRedactedWherever() {
        Redactor r = Redactor.create();

        String out = r.redact("write(2, \"session eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiJ9 and "
                + "b1a549c0e299716a8772f52c95a13f97cadae1ba7216f73bbac790fe4f73058a\\n\", 120) = 120");

        assertThat(out).isEqualTo("write(2, \"session [redacted:high-entropy] and [redacted:high-entropy]\\n\", 120) = 120");
    }

    @Test
    void aSecretFoundOnceIsRedactedWhereverItShowsUpAgain() {
        Redactor r = Redactor.create();
        String request = "\"POST /login HTTP/1.1\\r\\n\\r\\nlog=admin&pwd=hunter2-wrong\"";
        String log = "write(2, \"login failed for admin with hunter2-wrong\\n\", 44) = 44";

        r.learn(log);
        r.learn(request);
        String out = r.redact(log);

        assertThat(out).isEqualTo("write(2, \"login failed for admin with [redacted:secret-parameter]\\n\", 44) = 44");
    }

    @Test
    void ordinaryStraceLinesStayAsTheyAre() {
        Redactor r = Redactor.create();
        List<String> lines = List.of(
                "24386 03:36:38.700652 newfstatat(AT_FDCWD</tmp/stracewb-lab/www>, \"/tmp/stracewb-lab/www/wp-includes/version.phpp\", 0x7fff5023fe00, AT_SYMLINK_NOFOLLOW) = -1 ENOENT (No such file or directory) <0.000007>",
                "31322 03:26:28.521025 rt_sigaction(SIGPROF, {sa_handler=0x7f3925987f20, sa_mask=~[ILL TRAP ABRT BUS FPE KILL SEGV CONT STOP TSTP TTIN TTOU SYS RTMIN RT_1], sa_flags=SA_RESTORER|SA_SIGINFO, sa_restorer=0x7f3925e22050}, NULL, 8) = 0 <0.000007>",
                "519 execve(\"/usr/lib/x86_64-linux-gnu/libapache2-mod-php8.2-really-long-module-name.so\", [\"a\"], 0x7ffe /* 3 vars */) = 0");

        for (String line : lines) {
            assertThat(r.redact(line)).isEqualTo(line);
        }
        assertThat(r.total()).isZero();
    }

    @Test
    void disabledRedactorKeepsEverything() {
        Redactor r = Redactor.disabled();
        String line = "\"Cookie: a=b\\r\\nAuthorization: Bearer xyz\\r\\n\\r\\npwd=p\"";

        assertThat(r.redact(line)).isEqualTo(line);
        assertThat(r.total()).isZero();
    }

    @Test
    void outageTraceHasNothingToRedact() throws IOException {
        Redactor r = Redactor.create();

        for (String line : Files.readAllLines(Fixtures.path("apache-prefork-outage.strace"), StandardCharsets.UTF_8)) {
            assertThat(r.redact(line)).as("line %s", line).isEqualTo(line);
        }
    }

    /** The lab's login trace (apache2 + mod_php): every secret its note lists is gone from every line. */
    @Test
    void everyLineOfTheApacheLoginTraceLosesItsSecrets() throws IOException {
        List<String> secrets = List.of("correct-horse-battery-staple", "hunter2-wrong",
                "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImxhYi1rZXktMjAyNiJ9", "c2lnbmF0dXJlLW9mLXRoZS1sYWIt",
                "s3cr3t-Qx7!vR2#mLp9zT", "WP%20Cookie%20check", "1795660400",
                "5f2b9c1d7e3a4f60b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5");

        Redactor r = redactAll(Fixtures.path("apache-prefork-login.strace"), secrets);

        assertThat(r.counts()).containsKeys(Redactor.Kind.COOKIE, Redactor.Kind.SET_COOKIE,
                Redactor.Kind.AUTHORIZATION, Redactor.Kind.SECRET_PARAMETER, Redactor.Kind.CONFIG_SECRET);
        assertThat(r.counts().get(Redactor.Kind.AUTHORIZATION)).isEqualTo(2);
        assertThat(r.counts().get(Redactor.Kind.SET_COOKIE)).isEqualTo(1);
    }

    /** The report's own login trace (php -S): the same, plus a token query, X-Auth-Token and Proxy-Authorization. */
    @Test
    void everyLineOfTheBuiltInServerLoginTraceLosesItsSecrets() throws IOException {
        List<String> secrets = List.of("correct-horse-battery-staple", "hunter2-wrong",
                "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9", "s3cr3t-Qx7!vR2#mLp9zT", "g8#Lq2!zV9@rT5",
                "QmFzZTY0VG9rZW5MYWIxMjM0NTY3ODkw", "7f3a9c2e1b8d4f6a0c5e9b2d7a1f3c8e", "bGFiOnByb3h5LXBhc3N3b3Jk",
                "WP%20Cookie%20check");

        Redactor r = redactAll(Fixtures.path("report/php-builtin-login.strace"), secrets);

        assertThat(r.counts()).containsKeys(Redactor.Kind.COOKIE, Redactor.Kind.SET_COOKIE,
                Redactor.Kind.AUTHORIZATION, Redactor.Kind.PROXY_AUTHORIZATION, Redactor.Kind.TOKEN_HEADER,
                Redactor.Kind.SECRET_PARAMETER, Redactor.Kind.CONFIG_SECRET);
    }

    private static Redactor redactAll(Path trace, List<String> secrets) throws IOException {
        Redactor r = Redactor.create();
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        for (String line : lines) {
            String out = r.redact(line);
            for (String secret : secrets) {
                assertThat(out).as("line %s", line).doesNotContain(secret);
            }
        }
        return r;
    }
}
