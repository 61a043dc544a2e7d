package dev.stracewb.report;

import java.util.List;

/**
 * Puts untrusted text (paths, strace lines, commands) into Markdown so that it stays text: no HTML, no link, no
 * emphasis, no table cell break, no line break, and nothing that closes a code block early. Control characters,
 * line and paragraph separators and bidirectional overrides become visible escapes first ({@code \n},
 * {@code \x1b}, {@code \u202e}), so what a reader sees is what the trace holds, and the text cannot reorder
 * itself on screen.
 *
 * <p>Three forms: {@link #code} (a code span: the safe default for trace words inside a sentence),
 * {@link #text} (backslash-escaped prose), and {@link #codeBlock} (lines in a fence longer than any backtick
 * run inside). Inside a table, {@link #cell} and {@link #codeCell} also escape the pipe.
 */
final class Markdown {
    /** Characters with a meaning in CommonMark or GFM inline text (a line never starts with untrusted text). */
    private static final String SPECIAL = "\\`*_[]<>&!|~#";

    private Markdown() {
    }

    /** The text with every control or invisible-formatting character spelled out as an escape. */
    static String visible(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = escapeOf(c);
            if (escape != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    private static String escapeOf(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
            return String.format("\\x%02x", (int) c);
        }
        boolean invisible = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e
                || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029 || c == 0xfeff
                || (c >= 0x200b && c <= 0x200d);
        return invisible ? String.format("\\u%04x", (int) c) : null;
    }

    /** Prose: visible, and every Markdown-special character backslash-escaped. */
    static String text(String s) {
        String v = visible(s);
        StringBuilder out = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A code span, fenced with one backtick more than the longest run inside; "" reads as {@code (empty)}. */
    static String code(String s) {
        String v = visible(s);
        if (v.isEmpty()) {
            return "*(empty)*";
        }
        String fence = "`".repeat(longestBacktickRun(v) + 1);
        boolean pad = v.startsWith("`") || v.endsWith("`") || (v.startsWith(" ") && v.endsWith(" "));
        String p = pad ? " " : "";
        return fence + p + v + p + fence;
    }

    /** Prose in a table cell. */
    static String cell(String s) {
        return text(s);
    }

    /** A code span in a table cell: GFM splits cells on every unescaped pipe, code spans included. */
    static String codeCell(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return code(s).replace("|", "\\|");
    }

    /** A fenced code block of lines; the fence is longer than any backtick run in them. */
    static String codeBlock(List<String> lines) {
        return codeBlock(lines, "text");
    }

    /** The same with an info string ({@code strace} marks evidence lines for the HTML rendering). */
    static String codeBlock(List<String> lines, String info) {
        int longest = 0;
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            String v = visible(line);
            longest = Math.max(longest, longestBacktickRun(v));
            body.append(v).append('\n');
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + info + "\n" + body + fence + "\n";
    }

    static int longestBacktickRun(String s) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '`') {
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return longest;
    }
}
