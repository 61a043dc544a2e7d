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

    static StyleSpans<Collection<String>> spans(String text) {
        Matcher m = TOKENS.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            String style = styleOf(m);
            if (m.start() > last) {
                spans.add(List.of(), m.start() - last);
            }
            if (style.equals("errno") && m.group("ERRNO").startsWith("= -1 ")) {
                spans.add(List.of(), 5);
                spans.add(List.of("errno"), m.end() - m.start() - 5);
            } else {
                spans.add(List.of(style), m.end() - m.start());
            }
            last = m.end();
        }
        spans.add(List.of(), text.length() - last);
        return spans.create();
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
