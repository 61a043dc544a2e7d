package dev.stracewb.ui;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Colours strace text: syscall names, quoted strings (PHP file paths inside them stronger), errno names,
 * {@code <unfinished ...>} and {@code <... resumed>} markers, signals and exits, pids and times. Pure function of
 * the text, run off the FX thread (as in RichTextFX's JavaKeywordsAsync demo); the FX thread only applies the spans.
 */
final class StraceHighlighter {
    private static final Pattern TOKENS = Pattern.compile(
            "(?<MARKER><unfinished \\.\\.\\.>|<\\.\\.\\. [a-z0-9_]+ resumed>|<detached \\.\\.\\.>)"
                    + "|(?<PHP>\"[^\"\\n]*\\.(?:php[a-z0-9]*|phtml|inc)\")"
                    + "|(?<STRING>\"(?:[^\"\\\\\\n]|\\\\.)*\"(?:\\.\\.\\.)?)"
                    + "|(?<SIGNAL>^(?:\\d+ +)?(?:[0-9:.]+ +)?---.*---$|^(?:\\d+ +)?(?:[0-9:.]+ +)?\\+\\+\\+.*\\+\\+\\+$)"
                    + "|(?<ERRNO>= -1 E[A-Z0-9]+|\\bE[A-Z]{2,}[A-Z0-9]*(?= \\())"
                    + "|(?<PREFIX>^(?:\\[pid +)?\\d+\\]? +(?:[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?|[0-9]+\\.[0-9]+)?)"
                    + "|(?<SYSCALL>(?<=[ \\]>])[a-z_][a-z0-9_]*(?=\\()|^[a-z_][a-z0-9_]*(?=\\())"
                    + "|(?<STRACE>^strace: .*$)"
                    + "|(?<DURATION><[0-9]+\\.[0-9]+>$)",
            Pattern.MULTILINE);

    private StraceHighlighter() {
    }

    /** The styles, in the order of {@link Token}'s style numbers; 0 is plain text. */
    static final List<String> STYLES = List.of("", "marker", "php-path", "string", "signal", "errno", "prefix",
            "syscall", "strace-message", "duration");

    /** Receives the coloured stretches of a line, in order; text between them is plain. */
    interface Token {
        void token(int start, int end, int style);
    }

    static StyleSpans<Collection<String>> spans(String text) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int[] last = {0};
        scan(text, (start, end, style) -> {
            if (start > last[0]) {
                spans.add(List.of(), start - last[0]);
            }
            spans.add(List.of(STYLES.get(style)), end - start);
            last[0] = end;
        });
        spans.add(List.of(), text.length() - last[0]);
        return spans.create();
    }

    /** Finds the coloured stretches of {@code text}. */
    static void scan(String text, Token out) {
        Matcher m = TOKENS.matcher(text);
        while (m.find()) {
            String style = styleOf(m);
            int start = m.start();
            if (style.equals("errno") && m.group("ERRNO").startsWith("= -1 ")) {
                start += 5; // "= -1 " stays plain, the name is coloured
            }
            out.token(start, m.end(), STYLES.indexOf(style));
        }
    }

    private static String styleOf(Matcher m) {
        if (m.group("MARKER") != null) {
            return "marker";
        }
        if (m.group("PHP") != null) {
            return "php-path";
        }
        if (m.group("STRING") != null) {
            return "string";
        }
        if (m.group("SIGNAL") != null) {
            return "signal";
        }
        if (m.group("ERRNO") != null) {
            return "errno";
        }
        if (m.group("PREFIX") != null) {
            return "prefix";
        }
        if (m.group("SYSCALL") != null) {
            return "syscall";
        }
        if (m.group("STRACE") != null) {
            return "strace-message";
        }
        return "duration";
    }
}
