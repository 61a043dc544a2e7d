package dev.stracewb.ui;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launch dialog splits arguments itself (no shell ever sees them). */
class LaunchArgumentsTest {

    @Test
    void quotesKeepSpacesAndNothingIsExpanded() {
        assertThat(LaunchDialog.split("-r 'echo $HOME; rm -rf /' \"a b\" c\\ d *"))
                .containsExactly("-r", "echo $HOME; rm -rf /", "a b", "c d", "*");
    }

    @Test
    void emptyQuotesAreAnEmptyArgument() {
        assertThat(LaunchDialog.split("x '' y")).containsExactly("x", "", "y");
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> LaunchDialog.split("\"open")).hasMessage("Arguments: a \" quote is not closed");
    }

    @Test
    void noArgumentsIsAnEmptyList() {
        assertThat(LaunchDialog.split("   ")).isEqualTo(List.of());
    }
}
