package dev.stracewb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stracewb.testsupport.CoreFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * apache-outage.strace: a private apache2 prefork + mod_php (src/test/scripts/outage-apache.sh) serving 6 × GET / whose
 * wp-settings.php requires wp-includes/version.phpp while version.php exists, then /healthy/, a static page and a
 * 404, with strace -f -tt -T -yy -s 256 attached.
 */
class CulpritFirstTest {

    private static final String OUTAGE = CoreFixtures.path("apache-outage.strace").toString();

    @Test
    void phppPathRanksFirstInJson() {
        JsonNode j = CliRun.of("analyze", "--json", OUTAGE).json();
        JsonNode first = j.get("failures").get(0);
        assertThat(first.get("path").asText()).endsWith("/www/wp-includes/version.phpp");
        // 6 requests × (2 × newfstatat + 1 × openat)
        assertThat(first.get("count").asLong()).isEqualTo(18);
        assertThat(first.get("errnos").get("ENOENT").asLong()).isEqualTo(18);
        assertThat(first.get("syscalls")).extracting(JsonNode::asText).containsExactly("newfstatat", "openat");
        assertThat(first.get("pids")).hasSize(4);
        assertThat(first.get("extension").asText()).isEqualTo("phpp");
        assertThat(first.get("unusualExtension").asBoolean()).isTrue();
        assertThat(first.get("expected").isNull()).isTrue();
        assertThat(first.get("firstTime").asText()).matches("03:35:15\\.\\d{6}");
        assertThat(first.get("firstLine").asLong()).isLessThan(first.get("lastLine").asLong());
    }

    @Test
    void normalMissesRankAfterTheUnexpectedOnesWithTheirRule() {
        JsonNode failures = CliRun.of("analyze", "--json", OUTAGE).json().get("failures");
        boolean seenExpected = false;
        for (JsonNode f : failures) {
            boolean expected = !f.get("expected").isNull();
            assertThat(expected || !seenExpected).as("unexpected %s after a normal miss", f.get("path")).isTrue();
            seenExpected |= expected;
        }
        assertThat(failures).filteredOn(f -> f.get("path").asText().endsWith("/www/.htaccess"))
                .singleElement().satisfies(f -> assertThat(f.get("expected").asText()).isEqualTo("apache-htaccess"));
        assertThat(failures).filteredOn(f -> f.get("path").asText().endsWith("/lib-old/compat.php"))
                .singleElement().satisfies(f -> assertThat(f.get("expected").asText()).isEqualTo("php-include-path"));
    }

    @Test
    void phppPathRanksFirstInTheHumanOutput() {
        CliRun run = CliRun.of("analyze", OUTAGE);
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        int firstRank = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("#1 ")) {
                firstRank = i;
                break;
            }
        }
        assertThat(firstRank).as(run.out()).isPositive();
        assertThat(lines.get(firstRank)).endsWith("/www/wp-includes/version.phpp");
        assertThat(run.out().indexOf("version.phpp")).isLessThan(run.out().indexOf(".htaccess"));
        assertThat(run.out()).contains("unusual extension .phpp");
    }

    /** The lab's recordings of the same outage: apache prefork, nginx + php-fpm, the PHP CLI, and -ff files. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"apache-prefork-outage.strace", "nginx-fpm-outage.strace",
            "php-cli-outage.strace", "ff-php-cli", "deco-X-raw.strace", "deco-xx.strace", "ts-r.strace",
            "stderr-f-pid-prefix.strace"})
    void phppPathRanksFirstOnEveryRecordingOfTheOutage(String fixture) {
        CliRun run = CliRun.of("analyze", "--json", CoreFixtures.labFixture(fixture).toString());
        assertThat(run.exitCode()).isZero();
        JsonNode first = run.json().get("failures").get(0);
        assertThat(first.get("path").asText()).endsWith("wp-includes/version.phpp");
        assertThat(first.get("expected").isNull()).isTrue();
        assertThat(first.get("errnos").get("ENOENT").asLong()).isPositive();
    }

    @Test
    void labOutageCountsEveryFailingCallOnThePhppPath() {
        // fixtures/README.md: 20 × GET / → 500, each 2 newfstatat + 1 openat on version.phpp
        JsonNode first = CliRun.of("analyze", "--json",
                CoreFixtures.labFixture("apache-prefork-outage.strace").toString()).json().get("failures").get(0);
        assertThat(first.get("count").asLong()).isEqualTo(60);
        assertThat(first.get("pids")).hasSize(4);
    }

    @Test
    void jsonHasTheDocumentedTopLevelFields() {
        JsonNode j = CliRun.of("analyze", "--json", OUTAGE).json();
        assertThat(j.get("schema").asText()).isEqualTo("stracewb-analysis/1");
        assertThat(j.get("lines").asLong()).isEqualTo(531);
        // 501 calls that returned and 5 that strace left unfinished when it detached (workers waiting in accept4)
        assertThat(j.get("events").asLong()).isEqualTo(506);
        long unfinished = 0;
        for (JsonNode s : j.get("syscalls")) {
            unfinished += s.get("unfinished").asLong();
        }
        assertThat(unfinished).isEqualTo(5);
        assertThat(j.get("unparsed").asLong()).isZero();
        assertThat(j.get("processes").asInt()).isEqualTo(5);
        JsonNode openat = j.get("syscalls").get("openat");
        assertThat(openat.get("calls").asLong()).isPositive();
        assertThat(openat.get("errors").asLong()).isPositive();
        assertThat(openat.get("seconds").asDouble()).isPositive();
        assertThat(openat.get("unfinished").asLong()).isZero();
        JsonNode acc = j.get("lineAccounting");
        assertThat(acc.get("eventLines").asLong() + acc.get("resumedLines").asLong() + acc.get("nonEventLines").asLong()
                + acc.get("unparsedLines").asLong()).isEqualTo(531);
    }
}
