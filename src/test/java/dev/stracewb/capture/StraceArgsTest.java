package dev.stracewb.capture;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StraceArgsTest {

    @Test
    void splitsOnWhitespaceAndKeepsQuotedWordsWhole() throws Exception {
        assertThat(StraceArgs.split("  -e trace=openat   -P '/var/www/my site' -X \"a \\\"b\\\" c\""))
                .containsExactly("-e", "trace=openat", "-P", "/var/www/my site", "-X", "a \"b\" c");
    }

    @Test
    void expandsNothingAShellWould() throws Exception {
        assertThat(StraceArgs.split("$HOME `id` *.php ; rm -rf / | cat"))
                .containsExactly("$HOME", "`id`", "*.php", ";", "rm", "-rf", "/", "|", "cat");
    }

    @Test
    void backslashEscapesOneCharacterOutsideQuotes() throws Exception {
        assertThat(StraceArgs.split("a\\ b c\\'d")).containsExactly("a b", "c'd");
    }

    @Test
    void emptyAndNullGiveNoWords() throws Exception {
        assertThat(StraceArgs.split("")).isEmpty();
        assertThat(StraceArgs.split(null)).isEmpty();
        assertThat(StraceArgs.split("''")).containsExactly("");
    }

    @Test
    void unterminatedQuoteIsAOneLineError() {
        assertThatThrownBy(() -> StraceArgs.split("-P '/var/www"))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("unterminated quote")
                .extracting(e -> ((CaptureException) e).reason()).isEqualTo(CaptureException.Reason.BAD_ARGUMENTS);
    }

    @Test
    void refusesOptionsThatTakeOverOutputOrTracees() {
        for (String bad : List.of("-o", "-o/tmp/x", "--output=/tmp/x", "-ff", "-p", "-p123", "-D", "--daemonize")) {
            assertThatThrownBy(() -> StraceArgs.checkAllowed(List.of("-v", bad)))
                    .as(bad).isInstanceOf(CaptureException.class).hasMessageContaining("--strace-args may not contain");
        }
    }

    @Test
    void allowsOrdinaryExpertOptions() throws Exception {
        StraceArgs.checkAllowed(List.of("-v", "-x", "-e", "signal=none", "-P", "/etc/passwd", "-C", "-k"));
    }
}
