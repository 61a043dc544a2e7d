package dev.stracewb.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTest {

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertThat(Markdown.visible("a\nb\rc\td\u001b[31me\u0000f\u007f")).isEqualTo("a\\nb\\rc\\td\\x1b[31me\\x00f\\x7f");
    }

    @Test
    void bidiOverridesAndLineSeparatorsBecomeVisible() {
        assertThat(Markdown.visible("evil\u202Egnp.php\u2028x\u200By")).isEqualTo("evil\\u202egnp.php\\u2028x\\u200by");
    }

    @Test
    void proseEscapesEveryMarkdownSpecialCharacter() {
        assertThat(Markdown.text("<b>*x*_y_[l](u) `c` & | ~ # ! \\"))
                .isEqualTo("\\<b\\>\\*x\\*\\_y\\_\\[l\\](u) \\`c\\` \\& \\| \\~ \\# \\! \\\\");
    }

    @Test
    void codeSpanFenceIsLongerThanAnyBacktickRunInside() {
        assertThat(Markdown.code("a``b")).isEqualTo("```a``b```");
        assertThat(Markdown.code("`x`")).isEqualTo("`` `x` ``");
        assertThat(Markdown.code("plain")).isEqualTo("`plain`");
    }

    @Test
    void codeCellEscapesPipesForGfmTables() {
        assertThat(Markdown.codeCell("a|b")).isEqualTo("`a\\|b`");
    }

    @Test
    void codeBlockFenceIsLongerThanAnyBacktickRunInside() {
        String block = Markdown.codeBlock(List.of("x ``` y", "````` z"), "strace");

        assertThat(block).startsWith("``````strace\n").endsWith("\n``````\n");
        assertThat(Markdown.codeBlock(List.of("plain"))).isEqualTo("```text\nplain\n```\n");
    }

    @Test
    void codeBlockLinesCannotSplitIntoTwoLines() {
        assertThat(Markdown.codeBlock(List.of("one\ntwo"))).isEqualTo("```text\none\\ntwo\n```\n");
    }
}
